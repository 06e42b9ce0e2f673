import { Column, CreateDateColumn, DeleteDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type SubscriptionStatus = 'enabled' | 'disabled' | 'auto_disabled';
export type DeliveryOrdering = 'ordered' | 'unordered';
export type DeliveryPolicy = { mode: 'simple' } | { mode: 'batch'; maxBatchSize: number; maxBatchWaitMs: number };

@Entity({ name: 'subscriptions' })
@Index('ix_subscriptions_tenant_id', ['tenantId', 'id'])
export class SubscriptionEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_types', type: 'text', array: true })
  eventTypes!: string[];

  @Column({ type: 'jsonb' })
  policy!: DeliveryPolicy;

  @Column({ type: 'text' })
  ordering!: DeliveryOrdering;

  @Column({ name: 'max_in_flight', type: 'integer' })
  maxInFlight!: number;

  @Column({ name: 'rate_limit_per_second', type: 'integer', nullable: true })
  rateLimitPerSecond!: number | null;

  @Column({ name: 'timeout_ms', type: 'integer' })
  timeoutMs!: number;

  @Column({ name: 'retry_schedule', type: 'integer', array: true })
  retrySchedule!: number[];

  /** AES-256-GCM ciphertext of the Authorization header value. */
  @Column({ name: 'authorization_enc', type: 'text', nullable: true })
  authorizationEnc!: string | null;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  /** AES-256-GCM ciphertext of the signing secret. */
  @Column({ name: 'secret_enc', type: 'text' })
  secretEnc!: string;

  @Column({ name: 'previous_secret_enc', type: 'text', nullable: true })
  previousSecretEnc!: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ name: 'failure_threshold', type: 'integer' })
  failureThreshold!: number;

  @Column({ name: 'failure_window_seconds', type: 'integer' })
  failureWindowSeconds!: number;

  @Column({ type: 'text' })
  status!: SubscriptionStatus;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Bumped on every change; consumers of the compacted topic keep the highest. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
