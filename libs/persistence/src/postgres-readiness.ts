import type { DataSource } from 'typeorm';
import { withTimeout } from '@hookline/observability';

/** Readiness of Postgres: a round trip on the service's own pool, bounded in time. */
export class PostgresReadiness {
  readonly name = 'postgres';
  private connecting: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = 2000,
  ) {}

  async check(): Promise<void> {
    await withTimeout(this.roundTrip(), this.timeoutMs, `no answer from Postgres within ${this.timeoutMs} ms`);
  }

  private async roundTrip(): Promise<void> {
    // A service started while Postgres was down connects on the first check that finds it up; probes
    // arriving meanwhile share that one attempt instead of each opening a pool.
    if (!this.dataSource.isInitialized) {
      this.connecting ??= this.dataSource.initialize().finally(() => {
        this.connecting = undefined;
      });
      await this.connecting;
    }
    await this.dataSource.query('SELECT 1');
  }
}
