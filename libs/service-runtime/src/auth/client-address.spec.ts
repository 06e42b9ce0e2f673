import { clientKey, peerAddress } from './client-address';
import { callerAddress } from './grpc-auth.guard';

describe('clientKey', () => {
  it('keeps IPv4 addresses, including IPv4-mapped IPv6 ones, as they are', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 address by its /64', () => {
    expect(clientKey('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::/64');
    expect(clientKey('2001:db8:85a3:08d3::1')).toBe('2001:db8:85a3:8d3::/64');
    expect(clientKey('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('1::2:3:4:5:6:7')).toBe('1:0:2:3::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything that is not an address as its own key', () => {
    expect(clientKey('unknown')).toBe('unknown');
    expect(clientKey('')).toBe('');
  });
});

describe('peerAddress', () => {
  it('reads the address of the peer strings gRPC servers report', () => {
    expect(peerAddress('127.0.0.1:50123')).toBe('127.0.0.1');
    expect(peerAddress('::1:50123')).toBe('::1');
    expect(peerAddress('::ffff:10.1.2.3:4000')).toBe('::ffff:10.1.2.3');
    expect(peerAddress('ipv4:10.1.2.3:4000')).toBe('10.1.2.3');
    expect(peerAddress('ipv6:[2001:db8::1]:4000')).toBe('2001:db8::1');
    expect(peerAddress('[2001:db8::1]:4000')).toBe('2001:db8::1');
    expect(peerAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(peerAddress('unknown')).toBe('unknown');
  });
});

describe('callerAddress', () => {
  it('asks the call for its peer, and says unknown when there is no call', () => {
    expect(callerAddress({ getPeer: () => '10.1.2.3:4000' })).toBe('10.1.2.3');
    expect(callerAddress(undefined)).toBe('unknown');
    expect(callerAddress({})).toBe('unknown');
  });
});
