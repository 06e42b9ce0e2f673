import { Pool } from 'undici';
import { summarizeLatencies, type LatencySummary } from './stats';

export interface CeilingResult {
  requests: number;
  perSecond: number;
  latencyMs: LatencySummary;
}

/**
 * The physical limit: a plain HTTP load generator POSTing webhook-sized bodies to the same receiver
 * with the same concurrency the dispatcher would use — no Kafka, no Postgres, no signing.
 */
export async function measureCeiling(url: string, requests: number, concurrency: number): Promise<CeilingResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const latencies: number[] = [];
  let next = 0;
  const started = Date.now();
  async function worker(): Promise<void> {
    while (next < requests) {
      const seq = next++;
      const body = JSON.stringify({
        id: `evt_${seq}`,
        type: 'bench.type0',
        timestamp: new Date().toISOString(),
        data: { seq, orderId: `order-${seq}`, total: 129.5, currency: 'EUR', items: [{ sku: 'sku-1', quantity: 2 }] },
      });
      const begin = performance.now();
      const response = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': `msg_${seq}` },
        body,
      });
      await response.body.text();
      latencies.push(performance.now() - begin);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const elapsed = Date.now() - started;
  await pool.close();
  return { requests, perSecond: (requests * 1000) / elapsed, latencyMs: summarizeLatencies(latencies) };
}
