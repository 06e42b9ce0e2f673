import { checkDestinationUrl, type DestinationPolicy } from './destination-url.util';

const strict: DestinationPolicy = { allowInsecureUrls: false, allowPrivateNetworks: false };
const local: DestinationPolicy = { allowInsecureUrls: true, allowPrivateNetworks: true };

function codeOf(url: string, policy: DestinationPolicy = strict): string | null {
  return checkDestinationUrl(url, policy)?.code ?? null;
}

describe('checkDestinationUrl', () => {
  it('accepts public https URLs with paths, queries and ports', () => {
    expect(checkDestinationUrl('https://hooks.example.com/webhooks/hookline?tenant=42', strict)).toBeNull();
    expect(checkDestinationUrl('https://example.com:8443/', strict)).toBeNull();
    expect(checkDestinationUrl('https://93.184.215.14/hook', strict)).toBeNull();
    expect(checkDestinationUrl('https://[2606:4700:4700::1111]/hook', strict)).toBeNull();
  });

  it.each([
    '',
    'not a url',
    '/relative/path',
    'example.com/hook',
    'https://',
    'https:// example.com',
    ' https://example.com',
    'https://exa\tmple.com',
    'https://example.com/\n',
  ])('refuses %j as invalid_url', (url) => {
    expect(codeOf(url, local)).toBe('invalid_url');
  });

  it.each(['ftp://example.com/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://example.com', 'data:text/plain,hi'])(
    'refuses the scheme of %s',
    (url) => {
      expect(codeOf(url, local)).toBe('invalid_url');
    },
  );

  it('refuses http unless insecure URLs are allowed', () => {
    expect(codeOf('http://example.com/hook')).toBe('insecure_scheme');
    expect(codeOf('HTTP://example.com/hook')).toBe('insecure_scheme');
    expect(codeOf('http://example.com/hook', { allowInsecureUrls: true, allowPrivateNetworks: false })).toBeNull();
  });

  it('refuses credentials in the URL', () => {
    expect(codeOf('https://user:secret@example.com/hook')).toBe('credentials_in_url');
    expect(codeOf('https://user@example.com/hook')).toBe('credentials_in_url');
    expect(codeOf('https://:secret@example.com/hook')).toBe('credentials_in_url');
  });

  it('refuses fragments, including an empty one', () => {
    expect(codeOf('https://example.com/hook#section')).toBe('fragment_not_allowed');
    expect(codeOf('https://example.com/hook#')).toBe('fragment_not_allowed');
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://127.0.0.1./hook',
    'https://127.1/hook',
    'https://2130706433/hook',
    'https://0x7f.0.0.1/hook',
    'https://0177.0.0.1/hook',
    'https://0.0.0.0/hook',
    'https://10.0.0.5/hook',
    'https://172.16.3.4/hook',
    'https://192.168.1.1/hook',
    'https://100.64.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://224.0.0.1/hook',
    'https://255.255.255.255/hook',
    'https://[::1]/hook',
    'https://[0:0:0:0:0:0:0:1]/hook',
    'https://[::]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:7f00:1]/hook',
    'https://[64:ff9b::10.0.0.1]/hook',
    'https://[fd00:ec2::254]/hook',
    'https://[fe80::1]/hook',
    'https://[fc00::1]/hook',
    'https://[2001:db8::1]/hook',
    'https://localhost/hook',
    'https://LOCALHOST:8080/hook',
    'https://localhost./hook',
    'https://api.localhost/hook',
    'https://a.b.localhost./hook',
  ])('refuses %s as blocked_destination', (url) => {
    const problem = checkDestinationUrl(url, strict);
    expect(problem?.code).toBe('blocked_destination');
    expect(problem?.message).toEqual(expect.any(String));
  });

  it('allows private destinations when private networks are allowed', () => {
    const policy: DestinationPolicy = { allowInsecureUrls: false, allowPrivateNetworks: true };
    expect(codeOf('https://127.0.0.1:9000/hook', policy)).toBeNull();
    expect(codeOf('https://[::1]:9000/hook', policy)).toBeNull();
    expect(codeOf('https://localhost/hook', policy)).toBeNull();
  });

  it('does not mistake names that merely contain localhost for it', () => {
    expect(codeOf('https://localhost.example.com/hook')).toBeNull();
    expect(codeOf('https://mylocalhost/hook')).toBeNull();
  });

  it('says why, in a message fit for an API response', () => {
    expect(checkDestinationUrl('https://10.1.2.3/hook', strict)).toEqual({
      code: 'blocked_destination',
      message: '10.1.2.3 is not a public address (private)',
    });
    expect(checkDestinationUrl('http://example.com', strict)).toEqual({ code: 'insecure_scheme', message: 'URL must use https' });
  });
});
