/** A dependency a service needs to do its work (Kafka, Postgres); `check` rejects when it is unreachable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (check) => {
      try {
        await check.check();
        return [check.name, { status: 'up' as const }] as const;
      } catch (error) {
        return [check.name, { status: 'down' as const, error: (error as Error).message }] as const;
      }
    }),
  );
  return { ready: results.every(([, result]) => result.status === 'up'), checks: Object.fromEntries(results) };
}

/** Rejects with `message` when `work` has not settled within `timeoutMs`; a readiness probe must not hang. */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
