import { HooklineClient } from '@hookline/sdk/client';

export interface ConsoleConfig {
  /** Where ingest's `/v1/events` is served; null when one gateway serves both APIs on the console's origin. */
  ingestUrl: string | null;
}

/** What the registry says about where the APIs are; the console works with the defaults if it says nothing. */
export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  try {
    const response = await window.fetch(new URL('config.json', window.location.href.split('#')[0]), { cache: 'no-store' });
    if (!response.ok) return { ingestUrl: null };
    const body = (await response.json()) as Partial<ConsoleConfig>;
    return { ingestUrl: typeof body.ingestUrl === 'string' ? body.ingestUrl : null };
  } catch {
    return { ingestUrl: null };
  }
}

/** A client for one API key; `onUnauthorized` runs when the key stops being accepted (revoked, rotated away). */
export function createConsoleClient(apiKey: string, config: ConsoleConfig, onUnauthorized: () => void): HooklineClient {
  return new HooklineClient({
    token: apiKey,
    registryUrl: window.location.origin,
    // The page's CSP lets it reach only its own origin and the ingest URL the registry names.
    ingestUrl: config.ingestUrl ?? window.location.origin,
    fetch: async (input, init) => {
      const response = await window.fetch(input, init);
      if (response.status === 401) onUnauthorized();
      return response;
    },
    // A test send waits for the endpoint for up to 30 s.
    timeoutMs: 45_000,
  });
}
