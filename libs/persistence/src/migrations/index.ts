import { Initial1764000000000 } from './1764000000000-initial';
import { PipelineIndexes1764100000000 } from './1764100000000-pipeline-indexes';

export const migrations = [Initial1764000000000, PipelineIndexes1764100000000];
