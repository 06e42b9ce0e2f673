import { isIP } from 'node:net';
import { parseAddress, parseIPv4, parseIPv6 } from './ip-address.util';

describe('parseIPv4', () => {
  it('reads dotted-decimal addresses as unsigned 32-bit numbers', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('127.0.0.1')).toBe(0x7f000001);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIPv4('192.168.1.20')).toBe(0xc0a80114);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.-4', '1..2.3', '0x7f.0.0.1', '2130706433', '127.1', ' 1.2.3.4'])(
    'refuses %j',
    (text) => {
      expect(parseIPv4(text)).toBeNull();
    },
  );

  it('refuses leading zeros, which some resolvers read as octal', () => {
    expect(parseIPv4('010.0.0.1')).toBeNull();
    expect(parseIPv4('127.0.0.01')).toBeNull();
  });
});

describe('parseIPv6', () => {
  const loopback = [0, 0, 0, 0, 0, 0, 0, 1];

  it.each([
    ['::1', loopback],
    ['0:0:0:0:0:0:0:1', loopback],
    ['0000:0000:0000:0000:0000:0000:0000:0001', loopback],
    ['::0:1', loopback],
    ['[::1]', loopback],
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:127.0.0.1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001]],
    ['::FFFF:7F00:1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001]],
    ['0:0:0:0:0:ffff:127.0.0.1', [0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001]],
    ['::1.2.3.4', [0, 0, 0, 0, 0, 0, 0x0102, 0x0304]],
    ['64:ff9b::10.0.0.1', [0x64, 0xff9b, 0, 0, 0, 0, 0x0a00, 0x0001]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ['2001:db8::', [0x2001, 0x0db8, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0]],
    ['::2:3:4:5:6:7:8', [0, 2, 3, 4, 5, 6, 7, 8]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
  ])('reads %s', (text, words) => {
    expect(parseIPv6(text)).toEqual(words);
  });

  it.each([
    '',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4::5:6:7:8',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    '12345::',
    'g::1',
    '::ffff:1.2.3',
    '::ffff:1.2.3.4:5',
    '1.2.3.4',
    ':1.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
    'fe80::1%',
  ])('refuses %j', (text) => {
    expect(parseIPv6(text)).toBeNull();
  });

  it('agrees with node on which strings are IPv6 addresses', () => {
    const samples = [
      ...['::', '::1', '1::', '::ffff:1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:8', '1::2:3', 'abcd::ef01'],
      ...['1:::2', '1:2', ':1::', '::1:2:3:4:5:6:7', '::1:2:3:4:5:6:7:8'],
    ];
    for (const sample of samples) {
      expect([sample, parseIPv6(sample) !== null]).toEqual([sample, isIP(sample) === 6]);
    }
  });
});

describe('parseAddress', () => {
  it('tells the families apart', () => {
    expect(parseAddress('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001 });
    expect(parseAddress('::1')).toEqual({ family: 6, words: [0, 0, 0, 0, 0, 0, 0, 1] });
    expect(parseAddress('example.com')).toBeNull();
  });
});
