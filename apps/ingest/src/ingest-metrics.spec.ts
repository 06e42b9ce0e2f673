import { createServiceMetrics } from '@hookline/observability';
import { IngestMetrics } from './ingest-metrics';

async function samples(metrics: ReturnType<typeof createServiceMetrics>, name: string) {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).map(({ labels, value }) => ({ labels: { ...labels }, value }));
}

describe('IngestMetrics', () => {
  it("splits ingested events into the producers' and Hookline's own", async () => {
    const registry = createServiceMetrics('ingest');
    new IngestMetrics(registry).eventsIngested(['order.created', 'hookline.delivery.dead', 'order.paid']);
    expect(await samples(registry, 'hookline_events_ingested_total')).toEqual(
      expect.arrayContaining([
        { labels: { origin: 'producer' }, value: 2 },
        { labels: { origin: 'operational' }, value: 1 },
      ]),
    );
  });

  it('spells reasons of both sources alike and leaves out empty fan-outs', async () => {
    const registry = createServiceMetrics('ingest');
    const metrics = new IngestMetrics(registry);
    metrics.eventsRejected('rest', 'unknown-event-type');
    metrics.eventsRejected('kafka', 'unknown_event_type', 2);
    metrics.deliveries('held', 0);
    expect(await samples(registry, 'hookline_events_rejected_total')).toEqual([
      { labels: { source: 'rest', reason: 'unknown_event_type' }, value: 1 },
      { labels: { source: 'kafka', reason: 'unknown_event_type' }, value: 2 },
    ]);
    expect(await samples(registry, 'hookline_deliveries_created_total')).toEqual([]);
  });
});
