import type { EntityManager } from 'typeorm';
import { ProblemError } from '@hookline/http-api';
import { AttemptEntity, DeliveryEntity } from '@hookline/persistence';
import { presentAttempt, presentDelivery } from './delivery.presenter';
import type { DeliveryWithAttemptsView } from './delivery.view';

/**
 * One delivery of the tenant with every attempt, as `GET /v1/deliveries/{id}` shows it; 404 when it is
 * not the tenant's. Takes the manager so a use case can answer from inside its own transaction.
 */
export async function readDeliveryWithAttempts(manager: EntityManager, tenantId: string, id: string): Promise<DeliveryWithAttemptsView> {
  const delivery = await manager.findOneBy(DeliveryEntity, { id, tenantId });
  if (delivery === null) throw ProblemError.notFound(`delivery ${id}`);
  const attempts = await manager.find(AttemptEntity, { where: { deliveryId: id }, order: { number: 'ASC' } });
  return { ...presentDelivery(delivery), attempts: attempts.map(presentAttempt) };
}
