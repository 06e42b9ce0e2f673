import { Logger } from '@nestjs/common';
import { Wakeup } from './wakeup';

export interface BackgroundLoopOptions {
  /** Names the loop in its log lines. */
  name: string;
  /** Sleep between passes that found no more work. */
  idleMs: number;
  /** One pass; resolves true when there is more work than one pass took, to run again at once. */
  pass(): Promise<boolean>;
  /** Ends the idle sleep early (work made in this process, or shutdown). */
  wakeup?: Wakeup;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Runs passes one after another until stopped: again at once while there is more work, after
 * `idleMs` (or a wake-up) when there is none, and with a growing pause (up to 5 s) while passes fail —
 * logging the first failure and every twentieth, so an outage is visible but not a flood.
 */
export class BackgroundLoop {
  private readonly logger: Logger;
  private readonly wakeup: Wakeup;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: BackgroundLoopOptions) {
    this.logger = new Logger(options.name);
    this.wakeup = options.wakeup ?? new Wakeup();
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Resolves once the pass in progress, if any, is over. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeup.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      try {
        busy = await this.options.pass();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (failures === 1 || failures % 20 === 0) this.logger.warn(`pass failed (${failures}x), retrying: ${String(error)}`);
      }
      if (busy && failures === 0) continue;
      await this.wakeup.sleep(failures === 0 ? this.options.idleMs : Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6)));
    }
  }
}
