import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { BackgroundLoop } from '@hookline/service-runtime';
import { RETRY_SCHEDULER_OPTIONS, type RetrySchedulerOptions } from './retry-scheduler.options';
import { PublishDueRetriesUseCase } from './publish-due-retries.usecase';
import { QueueStrandedHeldUseCase } from './queue-stranded-held.usecase';
import { ReleaseQueuedUseCase } from './release-queued.usecase';
import { ReportDeadDeliveriesUseCase } from './report-dead-deliveries.usecase';
import { SchedulerMetrics } from './scheduler-metrics';

const DUE_BATCH = 500;
const RELEASE_SUBSCRIPTIONS = 100;
const RELEASE_CHUNK = 500;
const DEAD_BATCH = 500;
const STRANDED_BATCH = 1000;
const STRANDED_SWEEP_MS = 5000;

/**
 * One pass after another: publish due retries, release queued deliveries, report deaths (and every
 * few seconds, queue held deliveries stranded under an enabled subscription). A pass that
 * filled any of its batches runs again at once; otherwise the loop sleeps for the poll interval. All
 * state is in Postgres, so a restarted (or killed) scheduler simply carries on where rows stand.
 */
@Injectable()
export class SchedulerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: BackgroundLoop;
  private lastSweep = 0;

  constructor(
    @Inject(RETRY_SCHEDULER_OPTIONS) options: RetrySchedulerOptions,
    @Inject(PublishDueRetriesUseCase) private readonly dueRetries: PublishDueRetriesUseCase,
    @Inject(ReleaseQueuedUseCase) private readonly queued: ReleaseQueuedUseCase,
    @Inject(ReportDeadDeliveriesUseCase) private readonly deaths: ReportDeadDeliveriesUseCase,
    @Inject(QueueStrandedHeldUseCase) private readonly stranded: QueueStrandedHeldUseCase,
    @Inject(SchedulerMetrics) private readonly metrics: SchedulerMetrics,
  ) {
    this.loop = new BackgroundLoop({ name: SchedulerLoop.name, idleMs: options.pollIntervalMs, pass: () => this.pass() });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Resolves true when some step had more work than one batch. */
  private async pass(): Promise<boolean> {
    const published = await this.dueRetries.execute(DUE_BATCH);
    const released = await this.queued.execute(RELEASE_SUBSCRIPTIONS, RELEASE_CHUNK);
    const reported = await this.deaths.execute(DEAD_BATCH);
    if (Date.now() - this.lastSweep >= STRANDED_SWEEP_MS) {
      const queued = await this.stranded.execute(STRANDED_BATCH);
      this.lastSweep = Date.now();
      if (queued > 0) this.metrics.moved.inc({ action: 'held_requeued' }, queued);
    }
    if (published > 0) this.metrics.moved.inc({ action: 'retry_published' }, published);
    if (released > 0) this.metrics.moved.inc({ action: 'queued_released' }, released);
    if (reported > 0) this.metrics.moved.inc({ action: 'death_reported' }, reported);
    return published >= DUE_BATCH || reported >= DEAD_BATCH;
  }
}
