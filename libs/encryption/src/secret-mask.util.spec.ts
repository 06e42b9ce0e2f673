import { maskSecretValue } from './secret-mask.util';

describe('maskSecretValue', () => {
  it.each([
    ['Bearer abcdef1234', 'Bearer ••••1234'],
    ['Basic dXNlcjpwYXNz', 'Basic ••••YXNz'],
    ['abcdef1234', '••••1234'],
    ['Token  spaced-out', 'Token ••••-out'],
    ['  abcdef1234\n', '••••1234'],
    ['AWS4-HMAC-SHA256 credential', 'AWS4-HMAC-SHA256 ••••tial'],
  ])('masks %p as %p', (value, expected) => {
    expect(maskSecretValue(value)).toBe(expected);
  });

  it.each([
    ['', '••••'],
    ['abcd', '••••'],
    ['a', '••••'],
    ['Bearer abcd', 'Bearer ••••'],
    ['Bearer x', 'Bearer ••••'],
  ])('hides values of four characters or fewer: %p', (value, expected) => {
    expect(maskSecretValue(value)).toBe(expected);
  });

  it('reveals only the last four characters of a five-character value', () => {
    expect(maskSecretValue('abcde')).toBe('••••bcde');
  });

  it('uses a fixed-width mask whatever the length', () => {
    expect(maskSecretValue('x'.repeat(200) + 'tail')).toBe('••••tail');
  });

  it('treats a lone word as the credential, not as a scheme', () => {
    expect(maskSecretValue('Bearer')).toBe('••••arer');
  });

  it('masks multi-word values whole', () => {
    expect(maskSecretValue('correct horse battery staple')).toBe('••••aple');
  });

  it('does not split characters outside the basic plane', () => {
    expect(maskSecretValue('secret🔐🔑ab')).toBe('••••🔐🔑ab');
    expect(maskSecretValue('🔐🔑ab')).toBe('••••');
  });
});
