import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One failed request to a subscription's endpoint, inside its current failure window. A batch request
 * is one failure however many deliveries it carried; the key makes a re-read attempt count once.
 */
@Entity({ name: 'subscription_failures' })
@Index('ix_subscription_failures_time', ['subscriptionId', 'failedAt'])
export class SubscriptionFailureEntity {
  @PrimaryColumn({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @PrimaryColumn({ name: 'request_key', type: 'text' })
  requestKey!: string;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;
}
