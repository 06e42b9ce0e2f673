/**
 * `datetime-local` inputs hold a wall-clock time without a zone, read in the reader's time zone; the API
 * takes ISO 8601 with an offset. These convert between the two.
 */

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** `2026-11-23T14:30` in the reader's time zone → `2026-11-23T13:30:00.000Z`; null when it is no such time. */
export function localInputToIso(value: string): string | null {
  const match = localPattern.exec(value.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millisecond = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0'));
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(year, month - 1, day, hour, minute, second, millisecond);
  // `new Date` rolls 2026-02-30 over into March instead of refusing it.
  if (Number.isNaN(date.getTime()) || date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date.toISOString();
}

/** ISO 8601 → a `datetime-local` value in the reader's time zone, with seconds only when the time has them; `''` when unreadable. */
export function isoToLocalInput(iso: string): string {
  if (iso.trim() === '') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return localInputOf(date, date.getSeconds() !== 0 || date.getMilliseconds() !== 0);
}

/** A `datetime-local` value `hours` before `now`, to the minute: the quick choices "last hour", "last 24 hours". */
export function localInputHoursBefore(now: Date, hours: number): string {
  return localInputOf(new Date(now.getTime() - hours * 3_600_000), false);
}

function localInputOf(date: Date, withSeconds: boolean): string {
  const pad = (value: number, length = 2) => String(value).padStart(length, '0');
  const minutes = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (!withSeconds) return minutes;
  const seconds = `${minutes}:${pad(date.getSeconds())}`;
  return date.getMilliseconds() === 0 ? seconds : `${seconds}.${pad(date.getMilliseconds(), 3)}`;
}
