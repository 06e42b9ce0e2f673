import { z } from 'zod';
import { IsoTime } from '@hookline/http-api';

export const ApiKeyView = z.object({
  id: z.string().meta({ example: 'key_01KAW2Z3B4C5D6E7F8G9H0JKMN' }),
  name: z.string(),
  hint: z.string().meta({ description: 'The end of the key, to tell keys apart', example: 'hk_…x7Qa' }),
  lastUsedAt: IsoTime.nullable(),
  createdAt: IsoTime,
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreatedApiKeyView = ApiKeyView.extend({ apiKey: z.string().meta({ description: 'The key itself, shown this once' }) });
export type CreatedApiKeyView = z.infer<typeof CreatedApiKeyView>;

export const apiKeyExample: ApiKeyView = {
  id: 'key_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  name: 'ci deploys',
  hint: 'hk_…x7Qa',
  lastUsedAt: null,
  createdAt: '2026-11-23T12:00:00.000Z',
};
