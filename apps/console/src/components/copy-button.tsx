import { useState } from 'preact/hooks';
import { useMessages } from '../i18n/i18n-context';
import { commonMessages } from './common.messages';

export function CopyButton(props: { value: string; label?: string }) {
  const t = useMessages(commonMessages);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(props.value);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" class="button button-small" onClick={() => void copy()} aria-live="polite">
      {copied ? t('copied') : (props.label ?? t('copy'))}
    </button>
  );
}
