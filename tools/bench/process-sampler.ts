import { readdir, readFile } from 'node:fs/promises';

const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  peakRssMb: Record<string, number>;
  /** CPU seconds (user + system) each process group used during the sample; `other` is the rest of the machine. */
  cpuSeconds: Record<string, number>;
}

/** Busy CPU ticks of the whole machine from /proc/stat's `cpu` line: everything but idle and iowait (guest time is already in user). */
export function busyTicks(procStat: string): number {
  const fields = /^cpu\s+(.*)$/m.exec(procStat)?.[1]?.split(/\s+/).map(Number) ?? [];
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return user + nice + system + irq + softirq + steal;
}

async function machineBusyTicks(): Promise<number> {
  return busyTicks(await readFile('/proc/stat', 'utf8').catch(() => ''));
}

const seconds = (ticks: number) => Math.round((ticks / CLOCK_TICKS_PER_SECOND) * 10) / 10;

async function stat(pid: number): Promise<{ ppid: number; ticks: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Resident set size of one process from /proc, 0 once it is gone. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
}

/**
 * Peak RSS and CPU time of named processes (Postgres with its backends), sampled from /proc twice a second: where a scenario's CPU goes on this machine.
 */
export class ProcessSampler {
  private readonly peaks = new Map<string, number>();
  private readonly startTicks = new Map<string, number>();
  private machineStartTicks = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: () => Record<string, number | undefined>,
    /** Names whose direct children count with them (Postgres and its backends); others count alone. */
    private readonly withChildren: ReadonlySet<string> = new Set(),
  ) {}

  async start(): Promise<void> {
    this.peaks.clear();
    this.startTicks.clear();
    for (const [name, sample] of await this.sample()) this.startTicks.set(name, sample.ticks);
    this.machineStartTicks = await machineBusyTicks();
    this.timer = setInterval(() => void this.sample(), 500);
  }

  async stop(): Promise<ProcessUsage> {
    if (this.timer !== undefined) clearInterval(this.timer);
    const last = await this.sample();
    const machineTicks = (await machineBusyTicks()) - this.machineStartTicks;
    const cpuSeconds: Record<string, number> = {};
    let namedTicks = 0;
    for (const [name, sample] of last) {
      const ticks = sample.ticks - (this.startTicks.get(name) ?? sample.ticks);
      namedTicks += ticks;
      cpuSeconds[name] = seconds(ticks);
    }
    // Whatever else ran meanwhile (another test stack on the same cores) makes the figures unreliable: show it.
    cpuSeconds.other = seconds(Math.max(0, machineTicks - namedTicks));
    return {
      peakRssMb: Object.fromEntries([...this.peaks].map(([name, bytes]) => [name, Math.round(bytes / (1024 * 1024))])),
      cpuSeconds,
    };
  }

  private async sample(): Promise<Map<string, { ticks: number }>> {
    const children = await childrenByParent();
    const result = new Map<string, { ticks: number }>();
    for (const [name, pid] of Object.entries(this.pids())) {
      if (pid === undefined) continue;
      const group = this.withChildren.has(name) ? [pid, ...(children.get(pid) ?? [])] : [pid];
      let ticks = 0;
      for (const member of group) ticks += (await stat(member))?.ticks ?? 0;
      result.set(name, { ticks });
      const rss = await rssBytes(pid);
      this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, rss));
    }
    return result;
  }
}

async function childrenByParent(): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const info = await stat(pid);
    if (info === undefined) continue;
    const list = map.get(info.ppid);
    if (list === undefined) map.set(info.ppid, [pid]);
    else list.push(pid);
  }
  return map;
}
