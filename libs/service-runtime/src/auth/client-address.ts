import { isIP, isIPv4, isIPv6 } from 'node:net';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The key failed authentications are counted under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one host is commonly given a whole /64, so counting single addresses would let it walk around
 * the limit). Anything else — `unknown`, a Unix socket — is its own key.
 */
export function clientKey(address: string): string {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped !== null) return mapped[1]!;
  if (isIPv4(address)) return address;
  const zoneless = address.split('%')[0]!;
  if (!isIPv6(zoneless)) return address;
  return `${leadingGroups(zoneless, 4).join(':')}::/64`;
}

/** The first `count` 16-bit groups of a valid IPv6 address, `::` expanded, in canonical lower-case hex. */
function leadingGroups(address: string, count: number): string[] {
  // A dotted IPv4 tail stands for the last two groups.
  const groups = (text: string) => (text === '' ? [] : text.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])));
  const [head = '', tail] = address.split('::');
  const before = groups(head);
  const all = tail === undefined ? before : [...before, ...new Array<string>(8 - before.length - groups(tail).length).fill('0'), ...groups(tail)];
  return all.slice(0, count).map((group) => Number.parseInt(group, 16).toString(16));
}

/**
 * The address of a gRPC call's peer. grpc-js reports `host:port` with an unbracketed IPv6 host
 * (`::1:50123`); other versions use `ipv4:1.2.3.4:5`, `ipv6:[::1]:5`. Unparseable peers come back as given.
 */
export function peerAddress(peer: string): string {
  const bare = peer.replace(/^ipv[46]:/, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(bare);
  if (bracketed !== null) return bracketed[1]!;
  // grpc-js always appends the port, so strip it first: `::1:5012` is also a valid address by itself.
  const withoutPort = bare.replace(/:\d+$/, '');
  if (isIP(withoutPort) !== 0) return withoutPort;
  return isIP(bare) !== 0 ? bare : peer;
}
