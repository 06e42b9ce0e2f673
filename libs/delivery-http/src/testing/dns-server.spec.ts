import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { once } from 'node:events';
import { TestDnsServer } from './dns-server';

let server: TestDnsServer;
let resolver: Resolver;

beforeEach(async () => {
  server = await TestDnsServer.start();
  resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server.address]);
});

afterEach(async () => {
  resolver.cancel();
  await server.close();
});

/** Sends raw bytes and resolves with the raw answer. */
async function exchange(query: Buffer): Promise<Buffer> {
  const socket = createSocket('udp4');
  try {
    const answered = once(socket, 'message') as Promise<[Buffer]>;
    socket.send(query, server.port, '127.0.0.1');
    const [reply] = await answered;
    return reply;
  } finally {
    socket.close();
  }
}

// id 0x1234, RD set, one question: example.test A IN.
const queryBytes = (questions: number): Buffer =>
  Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, questions, 0, 0, 0, 0, 0, 0, 7, ...Buffer.from('example'), 4, ...Buffer.from('test'), 0, 0, 1, 0, 1]);

describe('TestDnsServer', () => {
  it('listens on an ephemeral loopback port', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
  });

  it('answers A and AAAA questions with the programmed addresses and a TTL of 0', async () => {
    server.answer('hooks.example.test', ['10.1.2.3', '192.168.1.1', 'fd00::1', '::ffff:127.0.0.1']);
    await expect(resolver.resolve4('hooks.example.test', { ttl: true })).resolves.toEqual([
      { address: '10.1.2.3', ttl: 0 },
      { address: '192.168.1.1', ttl: 0 },
    ]);
    await expect(resolver.resolve6('hooks.example.test', { ttl: true })).resolves.toEqual([
      { address: 'fd00::1', ttl: 0 },
      { address: '::ffff:127.0.0.1', ttl: 0 },
    ]);
  });

  it('uses the TTL it was started with', async () => {
    const cached = await TestDnsServer.start({ ttlSeconds: 300 });
    try {
      cached.answer('ttl.example.test', ['127.0.0.1']);
      resolver.setServers([cached.address]);
      await expect(resolver.resolve4('ttl.example.test', { ttl: true })).resolves.toEqual([{ address: '127.0.0.1', ttl: 300 }]);
    } finally {
      await cached.close();
    }
  });

  it('matches names without regard to case or a trailing dot', async () => {
    server.answer('Rebind.Example.Test.', ['127.0.0.1']);
    await expect(resolver.resolve4('REBIND.example.test')).resolves.toEqual(['127.0.0.1']);
    expect(server.queriesFor('rebind.example.test.')).toEqual([{ name: 'rebind.example.test', type: 'A' }]);
  });

  it('answers NXDOMAIN for a name it does not know', async () => {
    await expect(resolver.resolve4('unknown.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver.resolve6('unknown.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('answers an empty NOERROR for a known name without records of the asked type', async () => {
    server.answer('v4-only.example.test', ['127.0.0.1']);
    server.answer('bare.example.test', []);
    await expect(resolver.resolve6('v4-only.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolver.resolve4('bare.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolver.resolveMx('v4-only.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('steps through a sequence per record type, then repeats the last step', async () => {
    server.answerSequence('rebind.example.test', [['93.184.215.14'], ['127.0.0.1', '::1'], ['10.0.0.1']]);
    // One A and one AAAA question, as a lookup of both families asks: both see the first step.
    await expect(resolver.resolve4('rebind.example.test')).resolves.toEqual(['93.184.215.14']);
    await expect(resolver.resolve6('rebind.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
    await expect(resolver.resolve6('rebind.example.test')).resolves.toEqual(['::1']);
    await expect(resolver.resolve4('rebind.example.test')).resolves.toEqual(['127.0.0.1']);
    await expect(resolver.resolve4('rebind.example.test')).resolves.toEqual(['10.0.0.1']);
    await expect(resolver.resolve4('rebind.example.test')).resolves.toEqual(['10.0.0.1']);
  });

  it('starts a sequence over when a name is programmed again', async () => {
    server.answerSequence('again.example.test', [['127.0.0.1'], ['10.0.0.1']]);
    await resolver.resolve4('again.example.test');
    server.answerSequence('again.example.test', [['127.0.0.2'], ['10.0.0.2']]);
    await expect(resolver.resolve4('again.example.test')).resolves.toEqual(['127.0.0.2']);
  });

  it('records every query, answered or not, in order', async () => {
    server.answer('logged.example.test', ['127.0.0.1']);
    await resolver.resolve4('logged.example.test');
    await resolver.resolve6('logged.example.test').catch(() => undefined);
    await resolver.resolve4('other.example.test').catch(() => undefined);
    await resolver.resolveTxt('logged.example.test').catch(() => undefined);
    expect(server.queries).toEqual([
      { name: 'logged.example.test', type: 'A' },
      { name: 'logged.example.test', type: 'AAAA' },
      { name: 'other.example.test', type: 'A' },
      { name: 'logged.example.test', type: 'TYPE16' },
    ]);
    expect(server.queriesFor('logged.example.test')).toHaveLength(3);
  });

  it('refuses to program something that is not an IP address', () => {
    expect(() => server.answer('bad.example.test', ['example.com'])).toThrow(RangeError);
    expect(() => server.answer('bad.example.test', ['[::1]'])).toThrow(RangeError);
    expect(() => server.answerSequence('bad.example.test', [])).toThrow(RangeError);
  });

  it('echoes the id and question, and answers a malformed query with FORMERR and keeps serving', async () => {
    server.answer('example.test', ['127.0.0.1']);
    const good = await exchange(queryBytes(1));
    expect(good.readUInt16BE(0)).toBe(0x1234);
    // QR, AA, RD and RA set; NOERROR; one question, one answer.
    expect(good.readUInt16BE(2)).toBe(0x8580);
    expect([good.readUInt16BE(4), good.readUInt16BE(6)]).toEqual([1, 1]);
    expect(good.subarray(12, 12 + 18)).toEqual(queryBytes(1).subarray(12));
    expect([...good.subarray(-4)]).toEqual([127, 0, 0, 1]);

    const twoQuestions = await exchange(queryBytes(2));
    expect(twoQuestions.readUInt16BE(2) & 0x000f).toBe(1);

    const truncated = await exchange(queryBytes(1).subarray(0, 20));
    expect(truncated.readUInt16BE(2) & 0x000f).toBe(1);

    await expect(resolver.resolve4('example.test')).resolves.toEqual(['127.0.0.1']);
  });
});
