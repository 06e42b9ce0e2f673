import type { Subscription } from '@hookline/sdk/client';
import { useState } from 'preact/hooks';
import { failureKindOf } from '../api/problem';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNotice } from '../components/error-notice';
import { useMessages } from '../i18n/i18n-context';
import { useSession } from '../session/session-context';
import { webhooksMessages } from './webhooks.messages';

/** Asks before deleting, saying what happens to queued deliveries and that pausing is the way back. */
export function DeleteWebhookDialog(props: { subscription: Subscription; onDeleted: () => void; onClose: () => void }) {
  const t = useMessages(webhooksMessages);
  const { client } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await client.subscriptions.delete(props.subscription.id);
    } catch (error) {
      // Already gone (deleted in another tab): the outcome the reader asked for.
      if (failureKindOf(error) !== 'not-found') {
        setFailure(error);
        setBusy(false);
        return;
      }
    }
    setBusy(false);
    props.onDeleted();
  };
  return (
    <ConfirmDialog
      title={t('deleteTitle', { name: props.subscription.name })}
      confirmLabel={t('deleteConfirm')}
      danger
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={props.onClose}
    >
      <ul class="consequences">
        <li>{t('deleteStops')}</li>
        <li>{t('deleteCancelled')}</li>
        <li>{t('deleteLogKept')}</li>
      </ul>
      <p>{t('deletePauseInstead')}</p>
      {failure !== null && <ErrorNotice error={failure} />}
    </ConfirmDialog>
  );
}
