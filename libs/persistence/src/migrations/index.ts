import { Initial1764000000000 } from './1764000000000-initial';
import { PipelineIndexes1764100000000 } from './1764100000000-pipeline-indexes';
import { DeliveryQueues1764200000000 } from './1764200000000-delivery-queues';

export const migrations = [Initial1764000000000, PipelineIndexes1764100000000, DeliveryQueues1764200000000];
