import type { DeliveryStatus, SubscriptionStatus } from '@hookline/sdk/client';
import { useMessages } from '../i18n/i18n-context';
import { commonMessages } from './common.messages';

const subscriptionLabels = {
  enabled: 'statusEnabled',
  disabled: 'statusDisabled',
  auto_disabled: 'statusAutoDisabled',
} as const satisfies Record<SubscriptionStatus, keyof (typeof commonMessages)['en']>;

const deliveryLabels = {
  pending: 'deliveryPending',
  succeeded: 'deliverySucceeded',
  retrying: 'deliveryRetrying',
  dead: 'deliveryDead',
  held: 'deliveryHeld',
  cancelled: 'deliveryCancelled',
} as const satisfies Record<DeliveryStatus, keyof (typeof commonMessages)['en']>;

/** `enabled`, `disabled` or `auto_disabled`, with the reason in the badge's tooltip and beside it when asked. */
export function SubscriptionStatusBadge(props: { status: SubscriptionStatus; reason?: string | null; showReason?: boolean }) {
  const t = useMessages(commonMessages);
  const reason = props.reason ?? null;
  return (
    <span class="status">
      <span class={`badge badge-${props.status}`} data-status={props.status} title={reason ?? undefined}>
        {t(subscriptionLabels[props.status])}
      </span>
      {props.showReason === true && reason !== null && (
        <span class="status-reason">
          <bdi>{reason}</bdi>
        </span>
      )}
    </span>
  );
}

export function DeliveryStatusBadge(props: { status: DeliveryStatus }) {
  const t = useMessages(commonMessages);
  return (
    <span class={`badge badge-delivery-${props.status}`} data-status={props.status}>
      {t(deliveryLabels[props.status])}
    </span>
  );
}

export function deliveryStatusLabelKey(status: DeliveryStatus): keyof (typeof commonMessages)['en'] {
  return deliveryLabels[status];
}
