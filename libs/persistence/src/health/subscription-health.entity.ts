import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What Hookline last told the tenant about a failing subscription, awaiting an all-clear. */
export type HealthAlarm = 'disabled' | 'dead';

/**
 * The status notifier's view of one subscription's endpoint: when it last worked and failed, the
 * start of its failure window (moved on re-enable), and the alarm raised about it, if any. Kept in
 * Postgres so a restarted notifier carries on with the same window.
 */
@Entity({ name: 'subscription_health' })
export class SubscriptionHealthEntity {
  @PrimaryColumn({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  /** Attempts that finished at or before this do not count (set when the subscription is enabled). */
  @Column({ name: 'window_start', type: 'timestamptz', nullable: true })
  windowStart!: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt!: Date | null;

  /** First failure since the last success; null while the endpoint works. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', nullable: true })
  alarm!: HealthAlarm | null;

  @Column({ name: 'alarm_at', type: 'timestamptz', nullable: true })
  alarmAt!: Date | null;

  @Column({ name: 'last_mail_at', type: 'timestamptz', nullable: true })
  lastMailAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
