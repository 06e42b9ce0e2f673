import { z } from 'zod';

/** `POST /v1/api-keys` and `CreateApiKey`. */
export const CreateApiKeyInput = z
  .object({ name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').default('api key') })
  .strict();
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;
