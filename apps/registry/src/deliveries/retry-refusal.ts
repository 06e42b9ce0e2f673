import type { DeliveryStatus, SubscriptionStatus } from '@hookline/persistence';

/** Where a delivery's subscription stands: its status, or deleted. */
export type SubscriptionStanding = SubscriptionStatus | 'deleted';

/**
 * Why a delivery may not be sent again now, or null when it may: it must have finished or be waiting
 * for its next try (`succeeded`, `dead`, `retrying`), and its subscription must be enabled.
 */
export function retryRefusal(status: DeliveryStatus, subscription: SubscriptionStanding): string | null {
  switch (status) {
    case 'pending':
      return 'it is already on its way';
    case 'cancelled':
      return 'it was cancelled';
    case 'held':
      return 'it is held while its subscription is paused; enabling the subscription sends it';
    case 'succeeded':
    case 'retrying':
    case 'dead':
      break;
  }
  switch (subscription) {
    case 'deleted':
      return 'its subscription was deleted';
    case 'disabled':
    case 'auto_disabled':
      return `its subscription is ${subscription}; enable it first`;
    case 'enabled':
      return null;
  }
}
