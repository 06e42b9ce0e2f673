const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// The three HTTP-date forms of RFC 9110 §5.6.7; Date.parse is not used because it accepts far more.
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');

const DELTA_SECONDS = /^\d+$/;

interface DateParts {
  year: number;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/**
 * Seconds to wait according to a Retry-After header (delta-seconds or an HTTP-date), never negative;
 * null when the header is absent or unreadable, so the caller falls back to its own schedule.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) {
    return null;
  }
  const text = raw.trim();
  if (DELTA_SECONDS.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : null;
  }
  const parts = dateParts(text, now);
  if (parts === null) {
    return null;
  }
  const at = toEpochMs(parts);
  if (at === null) {
    return null;
  }
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

function dateParts(text: string, now: Date): DateParts | null {
  const fixdate = IMF_FIXDATE.exec(text);
  if (fixdate !== null) {
    const [, day = '', month = '', year = '', hour = '', minute = '', second = ''] = fixdate;
    return { year: Number(year), month, day, hour, minute, second };
  }
  const rfc850 = RFC_850.exec(text);
  if (rfc850 !== null) {
    const [, day = '', month = '', shortYear = '', hour = '', minute = '', second = ''] = rfc850;
    return { year: expandTwoDigitYear(Number(shortYear), now), month, day, hour, minute, second };
  }
  const asctime = ASCTIME.exec(text);
  if (asctime !== null) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = asctime;
    return { year: Number(year), month, day: day.trim(), hour, minute, second };
  }
  return null;
}

// RFC 9110: a two-digit year more than 50 years ahead means the most recent past year with those digits.
function expandTwoDigitYear(shortYear: number, now: Date): number {
  const currentYear = now.getUTCFullYear();
  const year = currentYear - (currentYear % 100) + shortYear;
  return year > currentYear + 50 ? year - 100 : year;
}

function toEpochMs(parts: DateParts): number | null {
  const month = MONTHS.indexOf(parts.month.toLowerCase());
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  // 60 allows a leap second.
  const second = Math.min(Number(parts.second), 59);
  if (month === -1 || hour > 23 || minute > 59 || Number(parts.second) > 60) {
    return null;
  }
  const date = new Date(Date.UTC(parts.year, month, day, hour, minute, second));
  // Date.UTC rolls 31 Feb over into March and maps years below 100 to 19xx; such dates are invalid.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month || date.getUTCFullYear() !== parts.year) {
    return null;
  }
  return date.getTime();
}
