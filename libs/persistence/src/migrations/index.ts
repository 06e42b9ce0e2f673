import { Initial1764000000000 } from './1764000000000-initial';
import { PipelineIndexes1764100000000 } from './1764100000000-pipeline-indexes';
import { DeliveryQueues1764200000000 } from './1764200000000-delivery-queues';
import { EndpointHealth1764300000000 } from './1764300000000-endpoint-health';
import { HeldDeliveries1764400000000 } from './1764400000000-held-deliveries';
import { IdempotencyClaimConfirmation1764500000000 } from './1764500000000-idempotency-claim-confirmation';

export const migrations = [
  Initial1764000000000,
  PipelineIndexes1764100000000,
  DeliveryQueues1764200000000,
  EndpointHealth1764300000000,
  HeldDeliveries1764400000000,
  IdempotencyClaimConfirmation1764500000000,
];
