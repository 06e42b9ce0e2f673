import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { isIP } from 'node:net';
import { parseAddress } from '../ip-address.util';

/** One question the server was asked: the name (lower case, no trailing dot) and `A`, `AAAA` or `TYPE<n>`. */
export interface DnsQuery {
  name: string;
  type: string;
}

export interface TestDnsServerOptions {
  /** TTL of every answer record. Default 0, so no well-behaved resolver may cache an answer. */
  ttlSeconds?: number;
}

const HEADER_BYTES = 12;
const TYPE_A = 1;
const TYPE_AAAA = 28;
const CLASS_IN = 1;
const FLAG_RESPONSE = 0x8000;
const FLAG_AUTHORITATIVE = 0x0400;
const FLAG_RECURSION_DESIRED = 0x0100;
const FLAG_RECURSION_AVAILABLE = 0x0080;
const OPCODE_MASK = 0x7800;
// An answer's owner name is a compression pointer to the question's name, which always starts right after the header.
const POINTER_TO_QUESTION_NAME = 0xc000 | HEADER_BYTES;

const Rcode = { NoError: 0, FormatError: 1, NameError: 3, NotImplemented: 4 } as const;
type Rcode = (typeof Rcode)[keyof typeof Rcode];

interface Question {
  name: string;
  type: number;
  qclass: number;
  /** Offset just past the question in the query, so it can be echoed byte for byte. */
  end: number;
}

/**
 * An authoritative DNS server on 127.0.0.1 (UDP, ephemeral port) whose answers a test sets per name, to
 * resolve names to private addresses and re-point them between queries (DNS rebinding). Unknown names
 * get NXDOMAIN; a known name without records of the asked type gets an empty NOERROR answer.
 */
export class TestDnsServer {
  private readonly sequences = new Map<string, readonly (readonly string[])[]>();
  /** Questions answered so far per `name type`, which picks the step of a name's sequence. */
  private readonly served = new Map<string, number>();
  private readonly log: DnsQuery[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly ttlSeconds: number,
  ) {}

  static async start(options: TestDnsServerOptions = {}): Promise<TestDnsServer> {
    const ttlSeconds = options.ttlSeconds ?? 0;
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > 0x7fffffff) {
      throw new RangeError(`ttlSeconds must be an integer from 0 to 2^31-1, got ${ttlSeconds}`);
    }
    const socket = createSocket('udp4');
    const server = new TestDnsServer(socket, ttlSeconds);
    socket.on('message', (message, remote) => server.onMessage(message, remote));
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return server;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** `127.0.0.1:<port>`, as `Resolver#setServers` and `HOOKLINE_DNS_SERVERS` take it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Every query so far, oldest first. */
  get queries(): readonly DnsQuery[] {
    return [...this.log];
  }

  queriesFor(name: string): DnsQuery[] {
    const wanted = normalizeName(name);
    return this.log.filter((query) => query.name === wanted);
  }

  /** `name` answers with these addresses (IPv4 as A, IPv6 as AAAA records) from now on; `[]` makes it exist without records. */
  answer(name: string, addresses: readonly string[]): void {
    this.answerSequence(name, [addresses]);
  }

  /**
   * `name` answers its n-th A question with the IPv4 addresses of `steps[n]`, and its n-th AAAA question
   * with the IPv6 ones; once the steps are used up the last one repeats. Counting per record type lets a
   * resolver that asks A and AAAA for one lookup see one step.
   */
  answerSequence(name: string, steps: readonly (readonly string[])[]): void {
    if (steps.length === 0) {
      throw new RangeError(`answerSequence(${name}) needs at least one step`);
    }
    for (const address of steps.flat()) {
      if (isIP(address) === 0 || address.includes('%')) {
        throw new RangeError(`${address} is not an IP address`);
      }
    }
    const key = normalizeName(name);
    this.sequences.set(key, steps.map((step) => [...step]));
    for (const type of [TYPE_A, TYPE_AAAA]) {
      this.served.delete(`${key} ${type}`);
    }
  }

  async close(): Promise<void> {
    const closed = once(this.socket, 'close');
    this.socket.close();
    await closed;
  }

  private onMessage(message: Buffer, remote: RemoteInfo): void {
    const reply = this.reply(message);
    if (reply !== null) {
      this.socket.send(reply, remote.port, remote.address);
    }
  }

  private reply(query: Buffer): Buffer | null {
    if (query.length < HEADER_BYTES || (query.readUInt16BE(2) & FLAG_RESPONSE) !== 0) {
      return null;
    }
    if ((query.readUInt16BE(2) & OPCODE_MASK) !== 0) {
      return encodeResponse(query, null, Rcode.NotImplemented, []);
    }
    const question = query.readUInt16BE(4) === 1 ? readQuestion(query) : null;
    if (question === null) {
      return encodeResponse(query, null, Rcode.FormatError, []);
    }
    this.log.push({ name: question.name, type: typeName(question.type) });
    const steps = this.sequences.get(question.name);
    if (steps === undefined) {
      return encodeResponse(query, question, Rcode.NameError, []);
    }
    const key = `${question.name} ${question.type}`;
    const served = this.served.get(key) ?? 0;
    this.served.set(key, served + 1);
    const step = steps[Math.min(served, steps.length - 1)] ?? [];
    const records = question.qclass === CLASS_IN ? step.flatMap((address) => this.record(address, question.type)) : [];
    return encodeResponse(query, question, Rcode.NoError, records);
  }

  private record(address: string, type: number): Buffer[] {
    const parsed = parseAddress(address);
    if (parsed?.family === 4 && type === TYPE_A) {
      const data = Buffer.alloc(4);
      data.writeUInt32BE(parsed.value);
      return [encodeRecord(TYPE_A, this.ttlSeconds, data)];
    }
    if (parsed?.family === 6 && type === TYPE_AAAA) {
      const data = Buffer.alloc(16);
      parsed.words.forEach((word, index) => data.writeUInt16BE(word, index * 2));
      return [encodeRecord(TYPE_AAAA, this.ttlSeconds, data)];
    }
    return [];
  }
}

function normalizeName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function typeName(type: number): string {
  if (type === TYPE_A) {
    return 'A';
  }
  return type === TYPE_AAAA ? 'AAAA' : `TYPE${type}`;
}

/** Reads the question that follows the header (RFC 1035 §4.1.2); null when it is malformed. */
function readQuestion(query: Buffer): Question | null {
  const labels: string[] = [];
  let offset = HEADER_BYTES;
  for (;;) {
    const length = query[offset];
    if (length === undefined) {
      return null;
    }
    offset += 1;
    if (length === 0) {
      break;
    }
    // 64 and above are compression pointers or reserved label types, which a question never needs.
    if (length > 63 || offset + length > query.length) {
      return null;
    }
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) {
    return null;
  }
  return {
    name: normalizeName(labels.join('.')),
    type: query.readUInt16BE(offset),
    qclass: query.readUInt16BE(offset + 2),
    end: offset + 4,
  };
}

function encodeResponse(query: Buffer, question: Question | null, rcode: Rcode, answers: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  const queryFlags = query.readUInt16BE(2);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(
    FLAG_RESPONSE | (queryFlags & OPCODE_MASK) | FLAG_AUTHORITATIVE | (queryFlags & FLAG_RECURSION_DESIRED) | FLAG_RECURSION_AVAILABLE | rcode,
    2,
  );
  header.writeUInt16BE(question === null ? 0 : 1, 4);
  header.writeUInt16BE(answers.length, 6);
  // The question is echoed as received, so a resolver that randomises the name's case still matches it.
  const echoed = question === null ? Buffer.alloc(0) : query.subarray(HEADER_BYTES, question.end);
  return Buffer.concat([header, echoed, ...answers]);
}

function encodeRecord(type: number, ttlSeconds: number, data: Buffer): Buffer {
  // Owner name pointer, type, class, TTL and data length (RFC 1035 §4.1.3).
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(POINTER_TO_QUESTION_NAME, 0);
  fixed.writeUInt16BE(type, 2);
  fixed.writeUInt16BE(CLASS_IN, 4);
  fixed.writeUInt32BE(ttlSeconds, 6);
  fixed.writeUInt16BE(data.length, 10);
  return Buffer.concat([fixed, data]);
}
