import type { DataSource } from 'typeorm';

/** Readiness of Postgres: a round trip on the service's own pool, bounded in time. */
export class PostgresReadiness {
  readonly name = 'postgres';

  constructor(
    private readonly dataSource: DataSource,
    private readonly timeoutMs = 2000,
  ) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Postgres within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
