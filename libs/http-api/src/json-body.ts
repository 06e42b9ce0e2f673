import type { FastifyInstance } from 'fastify';
import { ProblemCode, ProblemError } from './problem';

// Fatal: the default parser decodes with replacement, so invalid bytes would be stored as U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Only JSON bodies, and only as UTF-8: without Fastify's text parser a text/plain body is answered 415,
 * not parsed as a string; a JSON body with bytes that are not UTF-8 is a 400 malformed-json instead of
 * being silently repaired. Parsing itself stays Fastify's (prototype poisoning refused, empty body named).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['text/plain']);
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new ProblemError(ProblemCode.malformedJson, 400, 'the body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
