import type { TenantEntity } from '@hookline/persistence';
import type { TenantView } from './tenant.view';

/** A tenant as the API shows it (SPEC §3). */
export function presentTenant(tenant: TenantEntity): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    alertEmail: tenant.alertEmail,
    locale: tenant.locale,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
