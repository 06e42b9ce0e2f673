/** One subscription to one or more event types; the optional settings are sent as given, the API's defaults otherwise. */
export interface BenchSubscription {
  /** Exact names: each is created in the catalog. */
  eventTypes: string[];
  url: string;
  policy?: { mode: 'simple' } | { mode: 'batch'; maxBatchSize: number; maxBatchWaitMs: number };
  ordering?: 'ordered' | 'unordered';
  maxInFlight?: number;
  timeoutMs?: number;
  retrySchedule?: number[];
  failureThreshold?: number;
}

export interface BenchTenant {
  tenantId: string;
  apiKey: string;
  subscriptionIds: string[];
}

async function call<T>(url: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Creates, through the management API, what a scenario delivers to: a tenant, its event types, its subscriptions. */
export async function createBenchTenant(
  registryUrl: string,
  adminToken: string,
  name: string,
  subscriptions: BenchSubscription[],
): Promise<BenchTenant> {
  const tenant = await call<{ id: string; apiKey: string }>(`${registryUrl}/v1/tenants`, adminToken, { name });
  for (const type of new Set(subscriptions.flatMap((subscription) => subscription.eventTypes))) {
    await call(`${registryUrl}/v1/event-types`, tenant.apiKey, { name: type });
  }
  const subscriptionIds: string[] = [];
  for (const [index, settings] of subscriptions.entries()) {
    // Unset settings are undefined, which JSON.stringify leaves out: the API applies its defaults.
    const created = await call<{ id: string }>(`${registryUrl}/v1/subscriptions`, tenant.apiKey, { name: `${name} ${index}`, ...settings });
    subscriptionIds.push(created.id);
  }
  return { tenantId: tenant.id, apiKey: tenant.apiKey, subscriptionIds };
}
