import { startTracing } from '@hookline/observability/tracing';

export const tracing = startTracing('registry');
