import { useMessages } from '../i18n/i18n-context';
import { failureKindOf, problemDetailOf, type FailureKind } from '../api/problem';
import { commonMessages } from './common.messages';

const messageKeys = {
  unauthorized: 'errorUnauthorized',
  'not-found': 'errorNotFound',
  throttled: 'errorThrottled',
  unavailable: 'errorUnavailable',
  timeout: 'errorTimeout',
  network: 'errorNetwork',
  rejected: 'errorRejected',
  unknown: 'errorUnknown',
} as const satisfies Record<FailureKind, keyof (typeof commonMessages)['en']>;

/** A failed request, in the reader's language, with the API's own detail beneath when it gave one. */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const t = useMessages(commonMessages);
  const detail = problemDetailOf(props.error);
  return (
    <div class="notice notice-error" role="alert">
      <p>{t(messageKeys[failureKindOf(props.error)])}</p>
      {detail !== null && (
        <p class="notice-detail">
          <bdi>{detail}</bdi>
        </p>
      )}
      {props.onRetry !== undefined && (
        <button type="button" class="button" onClick={props.onRetry}>
          {t('tryAgain')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const t = useMessages(commonMessages);
  return (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}
