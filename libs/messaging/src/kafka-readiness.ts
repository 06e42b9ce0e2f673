import type { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '@hookline/observability';

/**
 * Answers whether the broker is reachable right now. Keeps one admin connection and asks the cluster
 * for its metadata on every check, so a stopped broker turns readiness red within the timeout.
 */
export class KafkaReadiness {
  readonly name = 'kafka';
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly timeoutMs = 2000,
  ) {}

  async check(): Promise<void> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    try {
      await withTimeout(
        admin.connect().then(() => admin.describeCluster()),
        this.timeoutMs,
        `no answer from Kafka within ${this.timeoutMs} ms`,
      );
    } catch (error) {
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = undefined;
  }
}
