/** Kafka headers Hookline sets on `hookline.events.v1` when the REST ingest accepted the event. */
export const EventHeaders = {
  /** The id the REST API already returned to the caller, so the stored event keeps it. */
  eventId: 'hookline-event-id',
  receivedAt: 'hookline-received-at',
} as const;
