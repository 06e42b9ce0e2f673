import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Claims a producer's idempotency key for 24 h, pointing at the event it first created. */
@Entity({ name: 'event_idempotency_keys' })
@Index('ix_event_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** False while a REST request holds the key and Kafka has not yet acknowledged its event. */
  @Column({ type: 'boolean', default: true })
  confirmed!: boolean;
}
