import type { MemorySample } from './memory-trend';
import { rssBytes } from './process-sampler';

const MB = 1024 * 1024;
/** prom-client's default gauge, under Hookline's metric prefix. */
const HEAP_USED = /^hookline_nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m;

/** What to read for one service: its process, and its /metrics page for the V8 heap. */
export interface MemoryTarget {
  pid: number | undefined;
  metricsUrl: string;
}

export interface MemorySeries {
  rss: MemorySample[];
  heapUsed: MemorySample[];
}

/** The V8 heap in use, in bytes, from a Prometheus text page; undefined when the page has no such gauge. */
export function heapUsedBytes(metricsText: string): number | undefined {
  const value = HEAP_USED.exec(metricsText)?.[1];
  return value === undefined ? undefined : Number(value);
}

async function heapUsedMb(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    const bytes = heapUsedBytes(await response.text());
    return bytes === undefined ? undefined : bytes / MB;
  } catch {
    // A scrape that times out under load is a missing sample, not a failed soak.
    return undefined;
  }
}

/**
 * RSS (from /proc) and V8 heap in use (from /metrics) of each service, every `intervalMs`, as time
 * series from `start()`. One scrape per service per interval: cheap next to the load it watches.
 */
export class MemoryTimeline {
  private readonly series = new Map<string, MemorySeries>();
  private startedAt = 0;
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly targets: () => Record<string, MemoryTarget>,
    private readonly intervalMs = 5000,
  ) {}

  start(): void {
    this.series.clear();
    this.stopping = false;
    this.startedAt = Date.now();
    this.running = this.loop();
  }

  async stop(): Promise<Record<string, MemorySeries>> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    return Object.fromEntries(this.series);
  }

  private async loop(): Promise<void> {
    for (let tick = 0; !this.stopping; tick++) {
      await this.sample();
      // Ticks stay on a fixed grid from the start, however long a sample took.
      const wait = this.startedAt + (tick + 1) * this.intervalMs - Date.now();
      if (wait > 0 && !this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async sample(): Promise<void> {
    const atMs = Date.now() - this.startedAt;
    await Promise.all(
      Object.entries(this.targets()).map(async ([name, target]) => {
        const series = this.series.get(name) ?? { rss: [], heapUsed: [] };
        this.series.set(name, series);
        const [rss, heap] = await Promise.all([target.pid === undefined ? 0 : rssBytes(target.pid), heapUsedMb(target.metricsUrl)]);
        if (rss > 0) series.rss.push({ atMs, mb: rss / MB });
        if (heap !== undefined) series.heapUsed.push({ atMs, mb: heap });
      }),
    );
  }
}
