import { z } from 'zod';
import { TENANT_LOCALES } from '@hookline/contracts';
import { IsoTime } from '@hookline/http-api';

export const TenantView = z.object({
  id: z.string().meta({ example: 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN' }),
  name: z.string().meta({ example: 'Northwind Shop' }),
  alertEmail: z.string().nullable().meta({ description: 'Where auto-disable alerts go' }),
  locale: z.enum(TENANT_LOCALES).meta({ description: 'Language of alert mail and the console default' }),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type TenantView = z.infer<typeof TenantView>;

export const CreatedTenantView = TenantView.extend({ apiKey: z.string().meta({ description: 'The first API key, shown this once' }) });
export type CreatedTenantView = z.infer<typeof CreatedTenantView>;

export const tenantExample: TenantView = {
  id: 'ten_01KAW2Z3B4C5D6E7F8G9H0JKMN',
  name: 'Northwind Shop',
  alertEmail: 'ops@northwind.example',
  locale: 'en',
  createdAt: '2026-11-23T12:00:00.000Z',
  updatedAt: '2026-11-23T12:00:00.000Z',
};
