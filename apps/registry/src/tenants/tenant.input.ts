import { z } from 'zod';
import { TENANT_LOCALES } from '@hookline/contracts';

export const TenantLocale = z.enum(TENANT_LOCALES, { error: `must be one of ${TENANT_LOCALES.join(', ')}` });

/** `POST /v1/tenants` and `CreateTenant`. */
export const CreateTenantInput = z
  .object({
    name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    alertEmail: z.email('must be an e-mail address').max(320).nullable().optional(),
    locale: TenantLocale.default('en'),
  })
  .strict();
export type CreateTenantInput = z.infer<typeof CreateTenantInput>;
