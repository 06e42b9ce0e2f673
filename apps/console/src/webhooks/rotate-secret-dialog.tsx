import type { SigningSecret } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { webhookActionMessages } from './webhook-actions.messages';

/** Asks before rotating, explaining the 24-hour overlap; `onRotated` gets the new secret. */
export function RotateSecretDialog(props: { subscriptionId: string; onRotated: (secret: SigningSecret) => void; onClose: () => void }) {
  const t = useMessages(webhookActionMessages);
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const rotate = async () => {
    setBusy(true);
    setFailure(null);
    try {
      props.onRotated(await client.subscriptions.rotateSecret(props.subscriptionId));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog title={t('rotateTitle')} confirmLabel={t('rotateConfirm')} busy={busy} onConfirm={() => void rotate()} onCancel={props.onClose}>
      <p>{t('rotateBody')}</p>
      {failure !== null && <ErrorNotice error={failure} />}
    </ConfirmDialog>
  );
}
