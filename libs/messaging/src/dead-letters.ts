import { EventDlqMessage } from '@hookline/contracts';
import type { MessageProducer } from './producer';
import type { InvalidMessage } from './decode';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function encodeValue(value: Buffer | null): Pick<EventDlqMessage, 'value' | 'valueEncoding'> {
  if (value === null) return { value: null, valueEncoding: 'utf8' };
  try {
    return { value: utf8.decode(value), valueEncoding: 'utf8' };
  } catch {
    return { value: value.toString('base64'), valueEncoding: 'base64' };
  }
}

/** Builds the DLQ record for an input that could not be accepted; the original key is kept. */
export function toDeadLetter(invalid: InvalidMessage, now: Date = new Date()): EventDlqMessage {
  return EventDlqMessage.parse({
    reason: invalid.reason,
    errors: invalid.errors,
    topic: invalid.topic,
    partition: invalid.partition,
    offset: invalid.message.offset,
    key: invalid.message.key?.toString() ?? null,
    ...encodeValue(invalid.message.value),
    failedAt: now.toISOString(),
  });
}

export async function sendToDeadLetters(
  producer: MessageProducer,
  topic: string,
  invalid: InvalidMessage[],
): Promise<void> {
  await producer.send(
    topic,
    EventDlqMessage,
    invalid.map((entry) => ({ key: entry.message.key?.toString() ?? null, value: toDeadLetter(entry) })),
  );
}
