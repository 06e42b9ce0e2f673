import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'succeeded' | 'retrying' | 'dead' | 'held' | 'cancelled';

@Entity({ name: 'deliveries' })
@Index('ix_deliveries_subscription_id', ['subscriptionId', 'id'])
@Index('ix_deliveries_tenant_id', ['tenantId', 'id'])
@Index('uq_deliveries_event_subscription', ['eventId', 'subscriptionId'], { unique: true })
@Index('ix_deliveries_due', ['nextAttemptAt'], { where: `status = 'retrying'` })
@Index('ix_deliveries_held', ['subscriptionId'], { where: `status = 'held'` })
@Index('ix_deliveries_queue', ['subscriptionId', 'queueSeq'], { where: 'queue_seq IS NOT NULL' })
@Index('ix_deliveries_batch', ['batchId'], { where: 'batch_id IS NOT NULL' })
@Index('ix_deliveries_dead_unreported', ['updatedAt'], { where: `status = 'dead' AND dead_reported_at IS NULL` })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ name: 'attempt_count', type: 'integer', default: 0 })
  attemptCount!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /**
   * Place in the subscription's send queue, set while the delivery waits its turn (behind a failing
   * delivery of an ordered subscription, or queued by enable, replay or retry); null otherwise.
   */
  @Column({ name: 'queue_seq', type: 'bigint', nullable: true })
  queueSeq!: string | null;

  /** When the retry scheduler last handed the queued delivery to the dispatchers. */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  /** The batch (`bat_…`, the batch's `webhook-id`) of its latest attempt, for batch-mode subscriptions. */
  @Column({ name: 'batch_id', type: 'text', nullable: true })
  batchId!: string | null;

  /** Its index in that batch's body, so a retried batch sends the very same body. */
  @Column({ name: 'batch_position', type: 'integer', nullable: true })
  batchPosition!: number | null;

  /** When the `hookline.delivery.dead` event for this death was produced. */
  @Column({ name: 'dead_reported_at', type: 'timestamptz', nullable: true })
  deadReportedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
