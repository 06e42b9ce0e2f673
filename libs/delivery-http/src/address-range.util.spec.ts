import { AddressRange, classifyAddress, isBlockedAddress } from './address-range.util';

describe('classifyAddress', () => {
  describe('IPv4', () => {
    it.each([
      ['0.0.0.0', AddressRange.Unspecified],
      ['0.255.255.255', AddressRange.Unspecified],
      ['10.0.0.0', AddressRange.Private],
      ['10.255.255.255', AddressRange.Private],
      ['100.64.0.0', AddressRange.SharedAddressSpace],
      ['100.127.255.255', AddressRange.SharedAddressSpace],
      ['127.0.0.1', AddressRange.Loopback],
      ['127.255.255.254', AddressRange.Loopback],
      ['169.254.0.1', AddressRange.LinkLocal],
      ['169.254.169.254', AddressRange.CloudMetadata],
      ['172.16.0.0', AddressRange.Private],
      ['172.31.255.255', AddressRange.Private],
      ['192.0.0.8', AddressRange.IetfProtocol],
      ['192.0.2.10', AddressRange.Documentation],
      ['192.88.99.1', AddressRange.Reserved],
      ['192.168.0.1', AddressRange.Private],
      ['198.18.0.0', AddressRange.Benchmarking],
      ['198.19.255.255', AddressRange.Benchmarking],
      ['198.51.100.7', AddressRange.Documentation],
      ['203.0.113.200', AddressRange.Documentation],
      ['224.0.0.1', AddressRange.Multicast],
      ['239.255.255.250', AddressRange.Multicast],
      ['240.0.0.1', AddressRange.Reserved],
      ['255.255.255.254', AddressRange.Reserved],
      ['255.255.255.255', AddressRange.Broadcast],
    ])('%s is %s', (ip, range) => {
      expect(classifyAddress(ip)).toBe(range);
    });

    it.each([
      '1.1.1.1',
      '8.8.8.8',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '169.255.0.0',
      '172.15.255.255',
      '172.32.0.0',
      '192.0.1.1',
      '192.0.3.0',
      '192.167.255.255',
      '192.169.0.0',
      '198.17.255.255',
      '198.20.0.0',
      '198.51.101.0',
      '203.0.112.255',
      '223.255.255.255',
    ])('%s is public', (ip) => {
      expect(classifyAddress(ip)).toBe(AddressRange.Public);
    });
  });

  describe('IPv6', () => {
    it.each([
      ['::', AddressRange.Unspecified],
      ['0:0:0:0:0:0:0:0', AddressRange.Unspecified],
      ['::1', AddressRange.Loopback],
      ['0:0:0:0:0:0:0:1', AddressRange.Loopback],
      ['0000:0000:0000:0000:0000:0000:0000:0001', AddressRange.Loopback],
      ['[::1]', AddressRange.Loopback],
      ['fc00::1', AddressRange.UniqueLocal],
      ['fdff:ffff::1', AddressRange.UniqueLocal],
      ['fd00:ec2::254', AddressRange.CloudMetadata],
      ['FD00:0EC2:0000:0000:0000:0000:0000:0254', AddressRange.CloudMetadata],
      ['fe80::1', AddressRange.LinkLocal],
      ['fe80::1%eth0', AddressRange.LinkLocal],
      ['febf:ffff::1', AddressRange.LinkLocal],
      ['ff02::1', AddressRange.Multicast],
      ['ff0e::1', AddressRange.Multicast],
      ['2001:db8::1', AddressRange.Documentation],
      ['2001:0db8:ffff::', AddressRange.Documentation],
      ['3fff::1', AddressRange.Documentation],
      ['2001:2::1', AddressRange.Benchmarking],
      ['2001::1', AddressRange.IetfProtocol],
      ['fec0::1', AddressRange.Reserved],
      ['100::1', AddressRange.Reserved],
      ['::127.0.0.1', AddressRange.Reserved],
      ['64:ff9b:1::1', AddressRange.Reserved],
    ])('%s is %s', (ip, range) => {
      expect(classifyAddress(ip)).toBe(range);
    });

    it.each([
      '2606:4700:4700::1111',
      '2a00:1450:4001:80b::200e',
      '2001:4860:4860::8888',
      '2001:db7:ffff::1',
      '2001:db9::1',
      '2c0f::1',
    ])('%s is public', (ip) => {
      expect(classifyAddress(ip)).toBe(AddressRange.Public);
    });
  });

  describe('IPv6 addresses that carry an IPv4 address', () => {
    it.each([
      ['::ffff:127.0.0.1', AddressRange.Loopback],
      ['::ffff:7f00:1', AddressRange.Loopback],
      ['::FFFF:7F00:0001', AddressRange.Loopback],
      ['0:0:0:0:0:ffff:127.0.0.1', AddressRange.Loopback],
      ['[::ffff:7f00:1]', AddressRange.Loopback],
      ['::ffff:10.1.2.3', AddressRange.Private],
      ['::ffff:a9fe:a9fe', AddressRange.CloudMetadata],
      ['::ffff:0.0.0.0', AddressRange.Unspecified],
      ['64:ff9b::127.0.0.1', AddressRange.Loopback],
      ['64:ff9b::c0a8:101', AddressRange.Private],
      ['64:ff9b::169.254.169.254', AddressRange.CloudMetadata],
      ['2002:7f00:1::', AddressRange.Loopback],
      ['2002:c0a8:101::1', AddressRange.Private],
    ])('%s is judged by its IPv4 part: %s', (ip, range) => {
      expect(classifyAddress(ip)).toBe(range);
    });

    it.each(['::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::1.1.1.1', '2002:808:808::1'])('%s is public', (ip) => {
      expect(classifyAddress(ip)).toBe(AddressRange.Public);
    });
  });

  it.each(['', 'localhost', 'example.com', '127.1', '2130706433', '0x7f000001', '010.0.0.1', '1:2:3', '::ffff:1.2.3'])(
    '%j is invalid',
    (text) => {
      expect(classifyAddress(text)).toBe(AddressRange.Invalid);
    },
  );
});

describe('isBlockedAddress', () => {
  it('blocks everything but public addresses', () => {
    expect(isBlockedAddress('127.0.0.1')).toBe(true);
    expect(isBlockedAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isBlockedAddress('::ffff:7f00:1')).toBe(true);
    expect(isBlockedAddress('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isBlockedAddress('169.254.169.254')).toBe(true);
    expect(isBlockedAddress('fd00:ec2::254')).toBe(true);
    expect(isBlockedAddress('93.184.215.14')).toBe(false);
    expect(isBlockedAddress('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBe(false);
  });

  it('fails closed on text that is not an address', () => {
    expect(isBlockedAddress('not-an-ip')).toBe(true);
    expect(isBlockedAddress('0177.0.0.1')).toBe(true);
  });
});
