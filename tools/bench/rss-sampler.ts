import { readFile } from 'node:fs/promises';

/** Peak resident set size of each process, sampled from /proc twice a second. */
export class RssSampler {
  private readonly peaks = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: () => Record<string, number | undefined>) {}

  start(): void {
    this.peaks.clear();
    this.timer = setInterval(() => void this.sample(), 500);
  }

  async stop(): Promise<Record<string, number>> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.sample();
    return Object.fromEntries([...this.peaks].map(([name, bytes]) => [name, Math.round(bytes / (1024 * 1024))]));
  }

  private async sample(): Promise<void> {
    for (const [name, pid] of Object.entries(this.pids())) {
      if (pid === undefined) continue;
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match?.[1] === undefined) continue;
      const bytes = Number(match[1]) * 1024;
      this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, bytes));
    }
  }
}
