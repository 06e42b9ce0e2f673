import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'events' })
@Index('ix_events_tenant_id', ['tenantId', 'id'])
@Index('ix_events_tenant_type_received', ['tenantId', 'type', 'receivedAt'])
export class EventEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** The producer's own id or Idempotency-Key, when it gave one. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** W3C trace context the event came with; retries of its deliveries continue that trace. */
  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;
}
