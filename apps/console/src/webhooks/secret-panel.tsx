import type { SigningSecret } from '@hookline/sdk/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { commonMessages } from '../components/common.messages';
import { CopyButton } from '../components/copy-button';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { RotateSecretDialog } from './rotate-secret-dialog';
import { webhookActionMessages } from './webhook-actions.messages';
import { SentenceWithTime } from './webhook-overview';

const hiddenSecret = '••••••••••••••••••••••••';

/**
 * The signing secret, hidden until asked for: it is read from the API only on Reveal or Copy, so it is
 * not in the page for anyone looking over a shoulder.
 */
export function SecretPanel(props: { subscriptionId: string }) {
  const t = useMessages(webhookActionMessages);
  const tc = useMessages(commonMessages);
  const { client } = useSession();
  const [secret, setSecret] = useState<SigningSecret | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [rotating, setRotating] = useState(false);
  const [justRotated, setJustRotated] = useState(false);
  const [copied, setCopied] = useState(false);
  const copiedTimer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(copiedTimer.current), []);

  const load = async (): Promise<SigningSecret | null> => {
    if (secret !== null) return secret;
    setLoading(true);
    setFailure(null);
    try {
      const loaded = await client.subscriptions.getSecret(props.subscriptionId);
      setSecret(loaded);
      return loaded;
    } catch (error) {
      setFailure(error);
      return null;
    } finally {
      setLoading(false);
    }
  };

  const reveal = async () => {
    if ((await load()) !== null) setRevealed(true);
  };

  /** Copying does not need the secret on screen: it is fetched, copied and stays hidden. */
  const copyHidden = async () => {
    const loaded = await load();
    if (loaded === null) return;
    try {
      await navigator.clipboard.writeText(loaded.secret);
    } catch (error) {
      setFailure(error);
      return;
    }
    setCopied(true);
    window.clearTimeout(copiedTimer.current);
    copiedTimer.current = window.setTimeout(() => setCopied(false), 2000);
  };

  const rotated = (next: SigningSecret) => {
    setSecret(next);
    setRevealed(true);
    setJustRotated(true);
    setFailure(null);
    setRotating(false);
  };

  const shown = revealed && secret !== null;
  const previousExpiry = secret?.previousSecretExpiresAt ?? null;
  return (
    <section class="card secret-panel" aria-labelledby="secret-title">
      <h2 id="secret-title">{t('secret')}</h2>
      <p class="hint">{t('secretHint')}</p>
      <div class="secret-row">
        {shown ? (
          <code dir="ltr" class="secret-value" data-testid="secret-value">
            {secret.secret}
          </code>
        ) : (
          <code class="secret-value secret-hidden">
            <span aria-hidden="true">{hiddenSecret}</span>
            <span class="visually-hidden">{t('secretHidden')}</span>
          </code>
        )}
        <div class="button-row">
          {shown ? (
            <button type="button" class="button button-small" onClick={() => setRevealed(false)}>
              {t('hide')}
            </button>
          ) : (
            <button type="button" class="button button-small" disabled={loading} aria-busy={loading} onClick={() => void reveal()}>
              {t('reveal')}
            </button>
          )}
          {shown ? (
            <CopyButton value={secret.secret} />
          ) : (
            <button type="button" class="button button-small" disabled={loading} aria-live="polite" onClick={() => void copyHidden()}>
              {copied ? tc('copied') : tc('copy')}
            </button>
          )}
          <button type="button" class="button button-small" onClick={() => setRotating(true)}>
            {t('rotateSecret')}
          </button>
        </div>
      </div>
      {previousExpiry !== null &&
        (justRotated ? (
          <p class="notice notice-success" role="status">
            <SentenceWithTime text={t('rotated')} iso={previousExpiry} />
          </p>
        ) : (
          <p class="hint">
            <SentenceWithTime text={t('previousSecretValid')} iso={previousExpiry} />
          </p>
        ))}
      {failure !== null && <ErrorNotice error={failure} />}
      {rotating && <RotateSecretDialog subscriptionId={props.subscriptionId} onRotated={rotated} onClose={() => setRotating(false)} />}
    </section>
  );
}
