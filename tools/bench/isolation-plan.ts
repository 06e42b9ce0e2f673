/** What each endpoint of the `isolation` scenario does once the bad ones turn bad. */
export type EndpointBehaviour = 'healthy' | 'hang' | 'error';

/**
 * `count` endpoints of which `badShare` are bad, spread evenly over the indexes (so over Kafka
 * partitions too) and alternating between hanging until the timeout and answering 500.
 */
export function planEndpoints(count: number, badShare: number): EndpointBehaviour[] {
  const bad = Math.min(count, Math.round(count * badShare));
  const plan = Array.from({ length: count }, (): EndpointBehaviour => 'healthy');
  for (let nth = 0; nth < bad; nth++) plan[Math.floor((nth * count) / bad)] = nth % 2 === 0 ? 'hang' : 'error';
  return plan;
}

/** How many of `indexes` fall on each of `size` slots. */
export function tally(indexes: readonly number[], size: number): number[] {
  const counts = Array.from({ length: size }, () => 0);
  for (const index of indexes) counts[index] = (counts[index] ?? 0) + 1;
  return counts;
}

export interface BadEndpointFigures {
  behaviour: Exclude<EndpointBehaviour, 'healthy'>;
  subscriptions: number;
  /** Deliveries routed to these endpoints during the run. */
  deliveries: number;
  /** Requests these endpoints received: one per delivery when no retry falls inside the run. */
  attempts: number;
}

/** Per bad behaviour: its endpoints, the deliveries routed to them and the attempts they saw (all per endpoint index). */
export function summarizeBadEndpoints(plan: readonly EndpointBehaviour[], deliveries: readonly number[], attempts: readonly number[]): BadEndpointFigures[] {
  return (['hang', 'error'] as const).map((behaviour) => {
    const indexes = plan.flatMap((each, index) => (each === behaviour ? [index] : []));
    const sum = (values: readonly number[]) => indexes.reduce((total, index) => total + (values[index] ?? 0), 0);
    return { behaviour, subscriptions: indexes.length, deliveries: sum(deliveries), attempts: sum(attempts) };
  });
}
