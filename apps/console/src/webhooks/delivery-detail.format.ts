/** What the API keeps of an endpoint's answer: the first 4 KiB of its bytes. */
export const RESPONSE_BODY_LIMIT_BYTES = 4096;

export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A body of exactly the limit was most likely cut there, so the log says it shows only the first 4 KiB. */
export function isResponseBodyCut(body: string | null): boolean {
  return body !== null && utf8ByteLength(body) === RESPONSE_BODY_LIMIT_BYTES;
}
