import { ApiKeyEntity } from './tenants/api-key.entity';
import { TenantEntity } from './tenants/tenant.entity';
import { EventEntity } from './events/event.entity';
import { EventTypeEntity } from './events/event-type.entity';
import { IdempotencyKeyEntity } from './events/idempotency-key.entity';
import { SubscriptionEntity } from './subscriptions/subscription.entity';
import { DeliveryEntity } from './deliveries/delivery.entity';
import { AttemptEntity } from './deliveries/attempt.entity';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { SubscriptionHealthEntity } from './health/subscription-health.entity';
import { SubscriptionFailureEntity } from './health/subscription-failure.entity';
import { AlertMailEntity } from './health/alert-mail.entity';

export const entities = [
  TenantEntity,
  ApiKeyEntity,
  EventTypeEntity,
  EventEntity,
  IdempotencyKeyEntity,
  SubscriptionEntity,
  DeliveryEntity,
  AttemptEntity,
  OutboxMessageEntity,
  SubscriptionHealthEntity,
  SubscriptionFailureEntity,
  AlertMailEntity,
];
