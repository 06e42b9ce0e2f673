import { formatDateTime } from '../i18n/format';
import { useLocale } from '../i18n/i18n-context';

/** A timestamp in the reader's language; the exact ISO time on hover. */
export function LocalTime(props: { iso: string | null | undefined }) {
  const { locale } = useLocale();
  if (props.iso === null || props.iso === undefined) return <span>—</span>;
  return (
    <time dateTime={props.iso} title={props.iso}>
      {formatDateTime(locale, props.iso)}
    </time>
  );
}
