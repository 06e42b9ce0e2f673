import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ProblemError, sendProblem } from '@hookline/http-api';
import { CONSOLE_PATH, consoleTarget, contentTypeOf, fileInside } from './console-files';
import { consoleSecurityHeaders } from './console-security-headers';

export interface ConsoleOptions {
  /** The built console: `index.html` and `assets/` (`HOOKLINE_CONSOLE_DIR`, or `dist/apps/console`). */
  dir: string;
  /** `HOOKLINE_CONSOLE_INGEST_URL`: told to the console in `config.json` and allowed by its policy. */
  ingestUrl?: string;
}

// The page and its settings are checked on every load; assets have content hashes in their names.
const REVALIDATE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

// Checked by shape: errors of Node's fs are not always instances of this realm's Error.
const isMissing = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/**
 * Serves the web console under `/console/`: the built single-page app, its assets and `config.json`.
 * Plain Fastify routes beside the API, as `/docs` is: no token (the app asks for one, and sends it to
 * the API), not in the API document, and every answer with the console's security headers.
 */
export function serveConsole(fastify: FastifyInstance, options: ConsoleOptions): void {
  const headers = consoleSecurityHeaders(options.ingestUrl);
  const config = JSON.stringify({ ingestUrl: options.ingestUrl ?? null });
  const index = join(options.dir, 'index.html');
  if (!existsSync(index)) new Logger('console').warn(`${index} does not exist: /console/ answers 503 until the console is built (npm run build)`);

  const notFound = (reply: FastifyReply) => sendProblem(reply, ProblemError.notFound('console file').toDocument());

  const sendIndex = async (reply: FastifyReply) => {
    let page: Buffer;
    try {
      page = await readFile(index);
    } catch (error) {
      if (!isMissing(error)) throw error;
      return sendProblem(reply, ProblemError.unavailable('the console is not built: run `npm run build`, or set HOOKLINE_CONSOLE_DIR to where it was built').toDocument());
    }
    return reply.header('cache-control', REVALIDATE).type(contentTypeOf(index)).send(page);
  };

  const sendAsset = async (reply: FastifyReply, path: string) => {
    const file = fileInside(options.dir, path);
    if (file === null) return notFound(reply);
    let body: Buffer;
    try {
      if (!(await stat(file)).isFile()) return notFound(reply);
      // A symbolic link inside the directory must not lead out of it either.
      if (!(await realpath(file)).startsWith((await realpath(options.dir)) + sep)) return notFound(reply);
      body = await readFile(file);
    } catch (error) {
      if (isMissing(error)) return notFound(reply);
      throw error;
    }
    return reply.header('cache-control', IMMUTABLE).type(contentTypeOf(file)).send(body);
  };

  // Fastify answers HEAD for each of these GET routes by itself, without the body.
  fastify.get(CONSOLE_PATH, async (request, reply) => {
    const query = request.url.indexOf('?');
    // Relative, so that it also leads to the right place behind a gateway that adds a path prefix.
    return reply.headers(headers).redirect(`console/${query < 0 ? '' : request.url.slice(query)}`, 308);
  });

  fastify.get(`${CONSOLE_PATH}/`, async (_request, reply) => sendIndex(reply.headers(headers)));

  fastify.get(`${CONSOLE_PATH}/*`, async (request, reply) => {
    reply.headers(headers);
    // The raw path, decoded exactly once by consoleTarget: the router's decoded copy would hide `%2f`.
    const path = request.url.split('?')[0] ?? '';
    const target = path.startsWith(`${CONSOLE_PATH}/`) ? consoleTarget(path.slice(CONSOLE_PATH.length + 1)) : { kind: 'not-found' as const };
    switch (target.kind) {
      case 'index':
        return sendIndex(reply);
      case 'config':
        return reply.header('cache-control', REVALIDATE).type('application/json; charset=utf-8').send(config);
      case 'asset':
        return sendAsset(reply, target.path);
      case 'not-found':
        return notFound(reply);
    }
  });
}
