import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useMessages } from '../i18n/i18n-context';
import { commonMessages } from './common.messages';

/** A modal question; Escape or Cancel closes it without acting. */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useMessages(commonMessages);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="confirm-title" onCancel={(event) => (event.preventDefault(), props.onCancel())}>
      <h2 id="confirm-title">{props.title}</h2>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={props.onCancel} disabled={props.busy === true}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class={props.danger === true ? 'button button-danger' : 'button button-primary'}
          onClick={props.onConfirm}
          disabled={props.busy === true}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
