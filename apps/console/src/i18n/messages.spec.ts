import { formatMessage } from './messages';

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('en', 'Delete {name}?', { name: 'Orders' })).toBe('Delete Orders?');
    expect(formatMessage('en', 'Delete {name}?')).toBe('Delete {name}?');
  });

  it('writes numbers in the language’s digits', () => {
    expect(formatMessage('en', '{count} queued', { count: 1200 })).toBe('1,200 queued');
    expect(formatMessage('ar', '{count}', { count: 3 })).toBe(new Intl.NumberFormat('ar').format(3));
  });

  it('picks the plural form the language needs', () => {
    const arabic = { zero: 'z', one: 'o', two: 't', few: 'f{count}', many: 'm', other: 'x' };
    expect(formatMessage('ar', arabic, { count: 0 })).toBe('z');
    expect(formatMessage('ar', arabic, { count: 2 })).toBe('t');
    expect(formatMessage('ar', arabic, { count: 5 })).toBe(`f${new Intl.NumberFormat('ar').format(5)}`);
    expect(formatMessage('ar', arabic, { count: 11 })).toBe('m');
    const icelandic = { one: '{count} vefkrókur', other: '{count} vefkrókar' };
    expect(formatMessage('is', icelandic, { count: 21 })).toBe('21 vefkrókur');
    expect(formatMessage('is', icelandic, { count: 12 })).toBe('12 vefkrókar');
  });

  it('falls back to the other form when a category is left out', () => {
    expect(formatMessage('he', { other: '{count} items' }, { count: 1 })).toBe('1 items');
  });
});
