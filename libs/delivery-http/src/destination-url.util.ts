import { classifyAddress, AddressRange } from './address-range.util';
import { parseIPv4, parseIPv6 } from './ip-address.util';

export const DestinationProblemCode = {
  InvalidUrl: 'invalid_url',
  InsecureScheme: 'insecure_scheme',
  CredentialsInUrl: 'credentials_in_url',
  BlockedDestination: 'blocked_destination',
  FragmentNotAllowed: 'fragment_not_allowed',
} as const;

export type DestinationProblemCode = (typeof DestinationProblemCode)[keyof typeof DestinationProblemCode];

export interface DestinationProblem {
  code: DestinationProblemCode;
  message: string;
}

export interface DestinationPolicy {
  allowInsecureUrls: boolean;
  allowPrivateNetworks: boolean;
}


/**
 * Checks an endpoint URL when a subscription is created or changed. Host names are not resolved here:
 * what a name points to can change, so the client checks resolved addresses again at connect time.
 */
export function checkDestinationUrl(url: string, policy: DestinationPolicy): DestinationProblem | null {
  if (hasWhitespaceOrControl(url)) {
    return problem('invalid_url', 'URL must not contain whitespace or control characters');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem('invalid_url', 'URL must be an absolute http(s) URL');
  }

  if (parsed.protocol === 'http:') {
    if (!policy.allowInsecureUrls) {
      return problem('insecure_scheme', 'URL must use https');
    }
  } else if (parsed.protocol !== 'https:') {
    return problem('invalid_url', `URL scheme ${parsed.protocol} is not supported; use https`);
  }

  if (parsed.username !== '' || parsed.password !== '') {
    return problem('credentials_in_url', 'URL must not contain a username or password; use custom headers instead');
  }
  // `href` keeps an empty trailing `#`, which `hash` reports as ''.
  if (parsed.href.includes('#')) {
    return problem('fragment_not_allowed', 'URL must not contain a fragment (#...)');
  }
  if (parsed.hostname === '') {
    return problem('invalid_url', 'URL must have a host');
  }

  if (!policy.allowPrivateNetworks) {
    const refusal = hostRefusal(parsed.hostname);
    if (refusal !== null) {
      return problem('blocked_destination', refusal);
    }
  }
  return null;
}

function hostRefusal(hostname: string): string | null {
  const literal = hostname.startsWith('[') ? parseIPv6(hostname) !== null : parseIPv4(hostname) !== null;
  if (literal) {
    const range = classifyAddress(hostname);
    return range === AddressRange.Public ? null : `${hostname} is not a public address (${range})`;
  }
  // A trailing dot names the same host.
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (name === 'localhost' || name.endsWith('.localhost')) {
    return `${hostname} always refers to this machine`;
  }
  return null;
}

// The URL parser silently drops or re-encodes these, so what is stored would differ from what was typed.
function hasWhitespaceOrControl(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/u.test(char)) {
      return true;
    }
  }
  return false;
}

function problem(code: DestinationProblemCode, message: string): DestinationProblem {
  return { code, message };
}
