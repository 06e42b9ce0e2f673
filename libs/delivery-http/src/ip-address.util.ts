/** An IPv4 address as an unsigned 32-bit number. */
export type IPv4Value = number;

/** An IPv6 address as eight 16-bit words, most significant first. */
export type IPv6Words = readonly number[];

export type ParsedAddress = { family: 4; value: IPv4Value } | { family: 6; words: IPv6Words };

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_WORD = /^[0-9a-f]{1,4}$/;

/**
 * Strict dotted-decimal only. Leading zeros are refused because resolvers that follow inet_aton read
 * them as octal: `012.0.0.1` would be judged as 12.0.0.1 here but connect to 10.0.0.1.
 */
export function parseIPv4(text: string): IPv4Value | null {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return null;
  }
  let value = 0;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) {
      return null;
    }
    const octet = Number(part);
    if (octet > 255) {
      return null;
    }
    value = value * 256 + octet;
  }
  return value;
}

/** Accepts every RFC 4291 text form: `::` compression, a dotted IPv4 tail, brackets and a zone id. */
export function parseIPv6(text: string): IPv6Words | null {
  let body = text.toLowerCase();
  if (body.startsWith('[') && body.endsWith(']')) {
    body = body.slice(1, -1);
  }
  const zone = body.indexOf('%');
  if (zone !== -1) {
    if (zone === body.length - 1) {
      return null;
    }
    body = body.slice(0, zone);
  }

  let tail: number[] = [];
  if (body.includes('.')) {
    const lastColon = body.lastIndexOf(':');
    const embedded = parseIPv4(body.slice(lastColon + 1));
    if (lastColon === -1 || embedded === null) {
      return null;
    }
    tail = [Math.floor(embedded / 0x10000), embedded % 0x10000];
    // Keep a colon so that `::1.2.3.4` still reads as `::` followed by the tail.
    body = body.slice(0, lastColon + 1);
    body = body.endsWith('::') ? body : body.slice(0, -1);
  }

  const halves = body.split('::');
  if (halves.length > 2) {
    return null;
  }
  const head = parseWords(halves[0] ?? '');
  const rest = halves.length === 2 ? parseWords(halves[1] ?? '') : [];
  if (head === null || rest === null) {
    return null;
  }
  const explicit = head.length + rest.length + tail.length;
  if (halves.length === 1) {
    return explicit === 8 ? [...head, ...tail] : null;
  }
  if (explicit > 7) {
    return null;
  }
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
}

export function parseAddress(text: string): ParsedAddress | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) {
    return { family: 4, value: v4 };
  }
  const v6 = parseIPv6(text);
  return v6 === null ? null : { family: 6, words: v6 };
}

function parseWords(text: string): number[] | null {
  if (text === '') {
    return [];
  }
  const words: number[] = [];
  for (const word of text.split(':')) {
    if (!IPV6_WORD.test(word)) {
      return null;
    }
    words.push(parseInt(word, 16));
  }
  return words;
}
