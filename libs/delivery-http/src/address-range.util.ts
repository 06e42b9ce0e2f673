import { type IPv4Value, type IPv6Words, parseAddress } from './ip-address.util';

/** Which special-purpose range an address falls in; everything but `public` is refused by default. */
export const AddressRange = {
  Public: 'public',
  Invalid: 'invalid',
  Unspecified: 'unspecified',
  Loopback: 'loopback',
  Private: 'private',
  SharedAddressSpace: 'shared_address_space',
  LinkLocal: 'link_local',
  CloudMetadata: 'cloud_metadata',
  UniqueLocal: 'unique_local',
  Multicast: 'multicast',
  Broadcast: 'broadcast',
  Reserved: 'reserved',
  IetfProtocol: 'ietf_protocol',
  Benchmarking: 'benchmarking',
  Documentation: 'documentation',
} as const;

export type AddressRange = (typeof AddressRange)[keyof typeof AddressRange];

interface IPv4Block {
  readonly base: IPv4Value;
  readonly bits: number;
  readonly range: AddressRange;
}

interface IPv6Block {
  readonly words: IPv6Words;
  readonly bits: number;
  readonly range: AddressRange;
}

function v4(a: number, b: number, c: number, d: number, bits: number, range: AddressRange): IPv4Block {
  return { base: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, bits, range };
}

function v6(words: readonly number[], bits: number, range: AddressRange): IPv6Block {
  return { words: [...words, ...new Array<number>(8 - words.length).fill(0)], bits, range };
}

// First match wins, so narrower blocks sit before the blocks that contain them.
const IPV4_BLOCKS: readonly IPv4Block[] = [
  v4(169, 254, 169, 254, 32, AddressRange.CloudMetadata),
  v4(255, 255, 255, 255, 32, AddressRange.Broadcast),
  v4(0, 0, 0, 0, 8, AddressRange.Unspecified),
  v4(10, 0, 0, 0, 8, AddressRange.Private),
  v4(100, 64, 0, 0, 10, AddressRange.SharedAddressSpace),
  v4(127, 0, 0, 0, 8, AddressRange.Loopback),
  v4(169, 254, 0, 0, 16, AddressRange.LinkLocal),
  v4(172, 16, 0, 0, 12, AddressRange.Private),
  v4(192, 0, 0, 0, 24, AddressRange.IetfProtocol),
  v4(192, 0, 2, 0, 24, AddressRange.Documentation),
  v4(192, 88, 99, 0, 24, AddressRange.Reserved),
  v4(192, 168, 0, 0, 16, AddressRange.Private),
  v4(198, 18, 0, 0, 15, AddressRange.Benchmarking),
  v4(198, 51, 100, 0, 24, AddressRange.Documentation),
  v4(203, 0, 113, 0, 24, AddressRange.Documentation),
  v4(224, 0, 0, 0, 4, AddressRange.Multicast),
  v4(240, 0, 0, 0, 4, AddressRange.Reserved),
];

const IPV6_BLOCKS: readonly IPv6Block[] = [
  v6([0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254], 128, AddressRange.CloudMetadata),
  v6([], 128, AddressRange.Unspecified),
  v6([0, 0, 0, 0, 0, 0, 0, 1], 128, AddressRange.Loopback),
  v6([0x2001, 0x0db8], 32, AddressRange.Documentation),
  v6([0x3fff], 20, AddressRange.Documentation),
  v6([0x2001, 0x0002], 48, AddressRange.Benchmarking),
  v6([0x2001], 23, AddressRange.IetfProtocol),
  v6([0xfc00], 7, AddressRange.UniqueLocal),
  v6([0xfe80], 10, AddressRange.LinkLocal),
  v6([0xff00], 8, AddressRange.Multicast),
];

// Prefixes whose last 32 bits (or, for 6to4, bits 16-47) are an IPv4 address the packet really goes to.
const IPV4_MAPPED = v6([0, 0, 0, 0, 0, 0xffff], 96, AddressRange.Public);
const NAT64_WELL_KNOWN = v6([0x0064, 0xff9b], 96, AddressRange.Public);
const SIX_TO_FOUR = v6([0x2002], 16, AddressRange.Public);
// Only 2000::/3 holds global unicast; the rest of the space is unassigned or special.
const GLOBAL_UNICAST = v6([0x2000], 3, AddressRange.Public);

/** Classifies a textual IP address. Text that is not an IP address is `invalid`, which callers must refuse. */
export function classifyAddress(ip: string): AddressRange {
  const parsed = parseAddress(ip.trim());
  if (parsed === null) {
    return AddressRange.Invalid;
  }
  return parsed.family === 4 ? classifyIPv4(parsed.value) : classifyIPv6(parsed.words);
}

/** True when a webhook must not be sent to `ip` unless private networks are explicitly allowed. */
export function isBlockedAddress(ip: string): boolean {
  return classifyAddress(ip) !== AddressRange.Public;
}

function classifyIPv4(value: IPv4Value): AddressRange {
  for (const block of IPV4_BLOCKS) {
    const shift = 32 - block.bits;
    if (Math.floor(value / 2 ** shift) === Math.floor(block.base / 2 ** shift)) {
      return block.range;
    }
  }
  return AddressRange.Public;
}

function classifyIPv6(words: IPv6Words): AddressRange {
  for (const block of IPV6_BLOCKS) {
    if (inPrefix(words, block)) {
      return block.range;
    }
  }
  if (inPrefix(words, IPV4_MAPPED) || inPrefix(words, NAT64_WELL_KNOWN)) {
    return classifyIPv4(wordsToIPv4(words[6], words[7]));
  }
  if (inPrefix(words, SIX_TO_FOUR)) {
    return classifyIPv4(wordsToIPv4(words[1], words[2]));
  }
  return inPrefix(words, GLOBAL_UNICAST) ? AddressRange.Public : AddressRange.Reserved;
}

function inPrefix(words: IPv6Words, block: IPv6Block): boolean {
  let remaining = block.bits;
  for (let index = 0; remaining > 0; index += 1) {
    const take = Math.min(16, remaining);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if (((words[index] ?? 0) & mask) !== ((block.words[index] ?? 0) & mask)) {
      return false;
    }
    remaining -= take;
  }
  return true;
}

function wordsToIPv4(high: number | undefined, low: number | undefined): IPv4Value {
  return (high ?? 0) * 0x10000 + (low ?? 0);
}
