import type { TestSendResult } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { ErrorNotice } from '../components/error-notice';
import { Ltr } from '../components/ltr';
import { formatDuration } from '../i18n/format';
import { useLocale, useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { webhookActionMessages } from './webhook-actions.messages';

type TestState = { phase: 'idle' } | { phase: 'sending' } | { phase: 'done'; result: TestSendResult } | { phase: 'failed'; error: unknown };

/** Sends `hookline.test` to the endpoint now and keeps what came back. */
export function useTestSend(subscriptionId: string): { state: TestState; send: () => void; reset: () => void } {
  const { client } = useSession();
  const [state, setState] = useState<TestState>({ phase: 'idle' });
  const send = () => {
    setState({ phase: 'sending' });
    client.subscriptions.test(subscriptionId).then(
      (result) => setState({ phase: 'done', result }),
      (error: unknown) => setState({ phase: 'failed', error }),
    );
  };
  return { state, send, reset: () => setState({ phase: 'idle' }) };
}

/** The outcome of a test send, inline where the button was pressed. */
export function TestSendOutcome(props: { state: TestState }) {
  const t = useMessages(webhookActionMessages);
  const { locale } = useLocale();
  const state = props.state;
  if (state.phase === 'idle') return null;
  if (state.phase === 'sending') {
    return (
      <p class="loading" role="status">
        {t('sendingTest')}
      </p>
    );
  }
  if (state.phase === 'failed') return <ErrorNotice error={state.error} />;
  const result = state.result;
  return (
    <div class={`notice ${result.ok ? 'notice-success' : 'notice-error'}`} role="status" data-testid="test-result" data-ok={String(result.ok)}>
      <p>
        <strong>{result.ok ? t('testOk') : t('testFailed')}</strong>{' '}
        {result.statusCode === null ? t('testNoStatus') : t('testStatus', { code: String(result.statusCode) })}{' '}
        {t('testDuration', { duration: formatDuration(locale, result.durationMs) })}
      </p>
      {result.error !== null && (
        <p>
          <Ltr>{result.error}</Ltr>
        </p>
      )}
      {result.responseBody !== null && result.responseBody !== '' && (
        <details>
          <summary>{t('testResponse')}</summary>
          <pre dir="ltr">{result.responseBody}</pre>
        </details>
      )}
    </div>
  );
}

/** A "Send test" button with its result shown right below it. */
export function TestSendPanel(props: { subscriptionId: string }) {
  const t = useMessages(webhookActionMessages);
  const test = useTestSend(props.subscriptionId);
  return (
    <div class="test-send">
      <div class="button-row">
        <button type="button" class="button" onClick={test.send} disabled={test.state.phase === 'sending'}>
          {t('sendTest')}
        </button>
        <span class="hint">{t('testNote')}</span>
      </div>
      <TestSendOutcome state={test.state} />
    </div>
  );
}
