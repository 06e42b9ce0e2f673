/** Kafka headers Hookline sets on `hookline.events.v1` when the REST ingest accepted the event. */
export const EventHeaders = {
  /** The id the REST API already returned to the caller, so the stored event keeps it. */
  eventId: 'hookline-event-id',
  receivedAt: 'hookline-received-at',
  /**
   * `hookline` on operational events the platform emits itself (SPEC §6): only those may carry the
   * reserved `hookline.*` built-in types. Whoever can produce to Kafka is trusted with this header.
   */
  origin: 'hookline-origin',
} as const;

export const OPERATIONAL_ORIGIN = 'hookline';
