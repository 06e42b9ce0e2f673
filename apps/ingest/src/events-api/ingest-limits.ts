export interface IngestLimits {
  /** Largest single event, in bytes of its JSON (HOOKLINE_MAX_PAYLOAD_BYTES). */
  maxPayloadBytes: number;
}

export const INGEST_LIMITS = Symbol('INGEST_LIMITS');

/** A batch may carry up to 1000 events; its whole body is bounded separately, and generously. */
export function batchBodyLimit(maxPayloadBytes: number): number {
  return Math.min(Math.max(maxPayloadBytes * 4, 16 * 1024 * 1024), 256 * 1024 * 1024);
}
