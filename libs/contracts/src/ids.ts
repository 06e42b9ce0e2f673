import { createHash, randomBytes } from 'node:crypto';

export const IdPrefix = {
  tenant: 'ten',
  apiKey: 'key',
  subscription: 'sub',
  event: 'evt',
  delivery: 'dlv',
  attempt: 'att',
  batch: 'bat',
} as const;

export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

// Crockford base32: ids sort by creation time as plain strings (48-bit ms time + 80 random bits, like ULID).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

// The latest id's time and random part: ids made in one millisecond count up from a random start.
let lastTime = -1;
let lastRandom = Buffer.alloc(10);

/** Adds one to an 80-bit big-endian number; false when it overflowed. */
function increment(bytes: Buffer): boolean {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 255) {
      bytes[i]! += 1;
      return true;
    }
    bytes[i] = 0;
  }
  return false;
}

/**
 * A new id, sortable by creation time. Within one process ids also sort by creation order inside a
 * millisecond (a later id with the same time has the previous random part plus one), so rows created
 * in one go — a fan-out's deliveries — keep their order when sorted by id.
 */
export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  if (now === lastTime && increment(lastRandom)) return `${prefix}_${encodeTime(now)}${encodeRandom(lastRandom)}`;
  lastTime = now;
  lastRandom = randomBytes(10);
  return `${prefix}_${encodeTime(now)}${encodeRandom(lastRandom)}`;
}

/**
 * An id whose random part is derived from `seed`: the same input always yields the same id, so a
 * message redelivered by Kafka maps onto the row its first delivery created.
 */
export function derivedId(prefix: IdPrefix, timeMs: number, seed: string): string {
  return `${prefix}_${encodeTime(timeMs)}${encodeRandom(createHash('sha256').update(seed).digest().subarray(0, 10))}`;
}

const ID_PATTERN = /^([a-z]{3})_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId(value: string, prefix: IdPrefix): boolean {
  const match = ID_PATTERN.exec(value);
  return match !== null && match[1] === prefix;
}

/** The creation time an id carries, in ms since the epoch. */
export function idTime(id: string): number {
  const body = id.slice(id.indexOf('_') + 1, id.indexOf('_') + 11);
  let ms = 0;
  for (const char of body) ms = ms * 32 + ALPHABET.indexOf(char);
  return ms;
}
