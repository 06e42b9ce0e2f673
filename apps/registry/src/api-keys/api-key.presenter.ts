import type { ApiKeyEntity } from '@hookline/persistence';
import type { ApiKeyView } from './api-key.view';

/** An API key as the API shows it: never the key, only a hint of its end. */
export function presentApiKey(key: ApiKeyEntity): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    hint: `hk_…${key.tokenHint}`,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}
