import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface CappedBody {
  text: string;
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a response body. Past the cap the stream is destroyed, which closes the
 * connection instead of downloading the rest; a body that fits is read to its end so the connection
 * goes back to the pool.
 */
export async function readCappedBody(body: Readable, maxBytes: number): Promise<CappedBody> {
  // Destroying below may emit an abort error after the loop has let go of the stream.
  body.on('error', ignore);
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    const room = maxBytes - size;
    if (bytes.length > room) {
      chunks.push(bytes.subarray(0, room));
      size += room;
      truncated = true;
      break;
    }
    chunks.push(bytes);
    size += bytes.length;
  }
  if (truncated) {
    body.destroy();
  }
  return { text: decodeUtf8Prefix(Buffer.concat(chunks, size), !truncated), truncated };
}

/**
 * Decodes UTF-8. When the bytes were cut off (`complete` false) a multi-byte character split by the cut
 * is dropped rather than shown as a replacement character.
 */
export function decodeUtf8Prefix(bytes: Uint8Array, complete: boolean): string {
  const decoder = new StringDecoder('utf8');
  const text = decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return complete ? text + decoder.end() : text;
}

function ignore(): void {
  // Errors that matter surface through the async iterator.
}
