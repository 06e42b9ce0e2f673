const MASK = '••••';
const VISIBLE_CHARS = 4;
// An HTTP auth-scheme token and one credential token, e.g. "Bearer abc". Values with more words are
// masked whole rather than guessing which of them is safe to show.
const SCHEME_PATTERN = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s+(\S+)$/;

/**
 * Display form of a stored credential: keeps the scheme word and the last four characters.
 * The mask has a fixed width so the display does not reveal the secret's length.
 */
export function maskSecretValue(value: string): string {
  const trimmed = value.trim();
  const match = SCHEME_PATTERN.exec(trimmed);
  const scheme = match?.[1];
  const credential = match?.[2] ?? trimmed;
  // Code points, not UTF-16 units, so an emoji at the end is never split in half.
  const chars = Array.from(credential);
  const masked = chars.length <= VISIBLE_CHARS ? MASK : MASK + chars.slice(-VISIBLE_CHARS).join('');
  return scheme === undefined ? masked : `${scheme} ${masked}`;
}
