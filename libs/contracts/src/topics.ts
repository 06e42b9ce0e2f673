/** Kafka topics of Hookline. Names are part of the public contract; partition counts are defaults. */
export const Topics = {
  events: 'hookline.events.v1',
  eventsDlq: 'hookline.events.dlq.v1',
  subscriptions: 'hookline.subscriptions.v1',
  deliveries: 'hookline.deliveries.v1',
  attempts: 'hookline.attempts.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export interface TopicSpec {
  name: string;
  /** Default partition count; deliveries and attempts are keyed by subscription so order holds per endpoint. */
  partitions: number;
  config: Record<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function topicSpecs(partitions: number): TopicSpec[] {
  return [
    { name: Topics.events, partitions, config: { 'retention.ms': String(7 * DAY_MS) } },
    { name: Topics.eventsDlq, partitions: 1, config: { 'retention.ms': String(30 * DAY_MS) } },
    {
      name: Topics.subscriptions,
      partitions,
      config: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' },
    },
    { name: Topics.deliveries, partitions, config: { 'retention.ms': String(7 * DAY_MS) } },
    { name: Topics.attempts, partitions, config: { 'retention.ms': String(7 * DAY_MS) } },
  ];
}
