import { memoryTrend, type MemorySample } from './memory-trend';
import { soakReportLines, type SoakFigures } from './soak-report';

const series = (mb: (minute: number) => number): MemorySample[] => Array.from({ length: 36 }, (_, index) => ({ atMs: index * 5000, mb: mb(index / 12) }));

describe('soakReportLines', () => {
  const latencyMs = { p50: 20, p95: 90, p99: 150, max: 400 };
  const figures: SoakFigures = {
    minutes: 3,
    warmUpMinutes: 1,
    sampleIntervalMs: 5000,
    ratePerSecond: 800,
    offeredViaKafka: 115_200,
    offeredViaRest: 28_800,
    perMinute: { delivered: [70_000, 70_100, 70_050], p99Ms: [180, 150, Number.NaN] },
    endpoints: [
      { kind: 'simple', subscriptions: 4, expected: 10, delivered: 10, latencyMs, failedAttempts: 0 },
      { kind: 'retried', subscriptions: 1, expected: 5, delivered: 5, latencyMs, failedAttempts: 5 },
    ],
    rssMb: { ingest: memoryTrend(series(() => 190), 3, 1), dispatcher: memoryTrend(series((minute) => 250 + 10 * minute), 3, 1) },
    heapUsedMb: { ingest: memoryTrend(series(() => 70), 3, 1) },
  };
  const lines = soakReportLines(figures);

  it('prints a row per service with its per-minute medians and verdict', () => {
    const ingest = lines.find((line) => line.trimStart().startsWith('ingest') && line.includes('190'));
    expect(ingest).toMatch(/190\s+190\s+190\s+190\s+190\s+0\.00\s.*190 → 190.*flat$/);
    expect(lines.find((line) => line.trimStart().startsWith('dispatcher'))).toMatch(/growing$/);
    expect(lines.find((line) => line.includes('m1*'))).toContain('m3');
  });

  it('shows missing figures as a dash and failed attempts only where there were some', () => {
    expect(lines).toContain('soak: p99 ms per minute (first-attempt endpoints): 180, 150, -');
    expect(lines.find((line) => line.startsWith('soak: simple'))).not.toContain('failed');
    expect(lines.find((line) => line.startsWith('soak: retried'))).toContain('5 failed attempts');
  });
});
