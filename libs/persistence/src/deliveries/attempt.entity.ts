import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'attempts' })
@Index('uq_attempts_delivery_number', ['deliveryId', 'number'], { unique: true })
@Index('ix_attempts_subscription_started', ['subscriptionId', 'startedAt'])
export class AttemptEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'text' })
  deliveryId!: string;

  @Column({ name: 'tenant_id', type: 'text' })
  tenantId!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** First 4 KiB of what the endpoint answered. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;
}
