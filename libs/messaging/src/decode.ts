import type { KafkaMessage } from 'kafkajs';
import type { z } from 'zod';

export interface InvalidMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
  errors: { path: string; message: string }[];
}

export type Decoded<T> = { ok: true; value: T } | { ok: false; invalid: InvalidMessage };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a message value as UTF-8 JSON and checks it against its contract schema. */
export function decodeMessage<S extends z.ZodType>(
  schema: S,
  topic: string,
  partition: number,
  message: KafkaMessage,
): Decoded<z.infer<S>> {
  const fail = (reason: string, errors: InvalidMessage['errors'] = []): Decoded<z.infer<S>> => ({
    ok: false,
    invalid: { topic, partition, message, reason, errors },
  });
  if (message.value === null || message.value.length === 0) return fail('empty_value');
  let text: string;
  try {
    text = utf8.decode(message.value);
  } catch {
    return fail('invalid_utf8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('invalid_json', [{ path: '', message: (error as Error).message }]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    return fail(
      'schema_violation',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return { ok: true, value: result.data };
}
