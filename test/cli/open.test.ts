// `hs-tutor open`: real captures read back as connections (pcap from the tutor's own export, a
// pcapng written here byte by byte with Ethernet and IPv6), damaged files listed, never fatal.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {readCapture} from '../../src/engine/bytes/read-capture.js';
import {hsTutor, isOneSentence} from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-open-'));

async function exported(scenario: string, ...set: string[]): Promise<string> {
  const file = join(dir, `${scenario}-${set.join('-')}.pcap`);
  const result = await hsTutor(['export', scenario, '--pcap', file, '--force', ...set.flatMap((s) => ['--set', s])]);
  expect(result.status).toBe(0);
  return file;
}

async function opened(file: string) {
  const result = await hsTutor(['open', file, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('hs-tutor open', () => {
  it("reads the tutor's own TLS 1.3 export back: one connection, the client's SYN first, relative numbers, the ClientHello named", async () => {
    const doc = await opened(await exported('tls13'));
    expect(doc).toMatchObject({schemaVersion: 1, format: 'pcap', skipped: [], truncated: false});
    expect(doc.connections).toHaveLength(1);
    const c = doc.connections[0];
    expect(c).toMatchObject({client: expect.stringMatching(/^192\.0\.2\.10:\d+$/), server: '198.51.100.20:443', sawOpen: true});
    expect(c.frames[0]).toMatchObject({from: 'client', flags: ['SYN'], seq: 0, ack: null, after: {client: 'SYN-SENT', server: 'LISTEN'}});
    expect(c.frames[1]).toMatchObject({from: 'server', flags: ['SYN', 'ACK'], seq: 0, ack: 1});
    const hello = c.frames.find((f: {tls: {messages: string[]}[]}) => f.tls.some((r) => r.messages.includes('ClientHello')));
    expect(hello).toMatchObject({from: 'client', seq: 1, len: 517});
  });

  it('infers both sides through a four-way close, as the capture at the client saw it', async () => {
    const doc = await opened(await exported('tcp-close'));
    const frames = doc.connections[0].frames;
    expect(frames.at(-1).after).toEqual({client: 'TIME-WAIT', server: 'CLOSED'});
    expect(frames.map((f: {flags: string[]}) => f.flags.includes('FIN')).filter(Boolean)).toHaveLength(2);
    const text = await hsTutor(['open', await exported('tcp-close')]);
    expect(text.stdout).toMatch(/^\/.*tcp-close-\.pcap · pcap · 1 TCP connection$/m);
    expect(text.stdout).toContain('client TIME-WAIT, server CLOSED');
  });

  it('reads pcapng with Ethernet and IPv6, and a file cut short without failing', () => {
    const tcp = Buffer.from([0x30, 0x39, 0x01, 0xbb, 0, 0, 0x03, 0xe8, 0, 0, 0, 0, 0x50, 0x02, 0xfa, 0xf0, 0, 0, 0, 0]);
    const v6 = Buffer.alloc(40);
    v6[0] = 0x60;
    v6.writeUInt16BE(tcp.length, 4);
    v6[6] = 6;
    v6[7] = 64;
    Buffer.from('20010db8000000000000000000000001', 'hex').copy(v6, 8);
    Buffer.from('20010db8000000000000000000000002', 'hex').copy(v6, 24);
    const frame = Buffer.concat([Buffer.alloc(12), Buffer.from([0x86, 0xdd]), v6, tcp]);
    const block = (type: number, body: Buffer) => {
      const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
      const head = Buffer.alloc(8);
      head.writeUInt32LE(type, 0);
      head.writeUInt32LE(padded.length + 12, 4);
      const tail = Buffer.alloc(4);
      tail.writeUInt32LE(padded.length + 12, 0);
      return Buffer.concat([head, padded, tail]);
    };
    const shb = Buffer.alloc(16);
    shb.writeUInt32LE(0x1a2b3c4d, 0);
    shb.writeUInt16LE(1, 4);
    shb.writeBigInt64LE(-1n, 8);
    const idb = Buffer.alloc(8);
    idb.writeUInt16LE(1, 0); // Ethernet
    const epb = Buffer.alloc(20);
    epb.writeUInt32LE(0, 0);
    epb.writeUInt32LE(frame.length, 12);
    epb.writeUInt32LE(frame.length, 16);
    const file = Buffer.concat([block(0x0a0d0d0a, shb), block(1, idb), block(6, Buffer.concat([epb, frame]))]);
    const capture = readCapture(file);
    expect(capture.format).toBe('pcapng');
    expect(capture.segments).toHaveLength(1);
    expect(capture.segments[0]).toMatchObject({src: '2001:db8::1', dst: '2001:db8::2', srcPort: 12345, dstPort: 443, flags: ['SYN'], seq: 1000});
    const cut = readCapture(file.subarray(0, file.length - 10));
    expect(cut).toMatchObject({truncated: true, segments: []});
  });

  it('lists what it cannot read, and refuses a file that is not a capture in one sentence', async () => {
    const junk = join(dir, 'notes.txt');
    writeFileSync(junk, 'hello, this is not a capture\n');
    const result = await hsTutor(['open', junk]);
    expect(result.status).toBe(1);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(/is neither a pcap nor a pcapng file/);
    expect((await hsTutor(['open'])).status).toBe(2);
    expect((await hsTutor(['open', join(dir, 'tcp-close-.pcap'), '--connection', '3'])).stderr).toMatch(/has 1 TCP connection, so there is no connection 3/);
  });

  it('--keylog opens the protected records of a real TLS 1.3 capture (Node and OpenSSL on loopback, dumpcap)', async () => {
    const pcap = new URL('../fixtures/captures/real-tls13.pcapng', import.meta.url).pathname;
    const keys = new URL('../fixtures/captures/real-tls13.keys', import.meta.url).pathname;
    const plain = JSON.parse((await hsTutor(['open', pcap, '--json'])).stdout);
    const named = (doc: {connections: {frames: {records: {messages: string[]}[]}[]}[]}) => doc.connections[0]!.frames.flatMap((f) => f.records.flatMap((r) => r.messages));
    expect(named(plain)).toEqual(['ClientHello', 'ServerHello']);
    const result = await hsTutor(['open', pcap, '--keylog', keys, '--json']);
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(named(doc)).toEqual(['ClientHello', 'ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished', 'Finished', 'NewSessionTicket', 'NewSessionTicket']);
    expect(doc.connections[0].frames[0]).toMatchObject({label: 'SYN', flags: ['SYN'], tls: []});
    const text = await hsTutor(['open', pcap, '--keylog', keys]);
    expect(text.stdout).toContain('{Certificate}');
    expect(text.stdout).toContain(`Step one in the player: hs-tutor open ${pcap} --keylog ${keys} --step`);
  });

  it('--step needs a terminal, and a connection when there are several; a missing key log is one sentence', async () => {
    const pcap = new URL('../fixtures/captures/real-tls13.pcapng', import.meta.url).pathname;
    const step = await hsTutor(['open', pcap, '--step']);
    expect(step.status).toBe(2);
    expect(step.stderr).toMatch(/needs an interactive terminal/);
    expect((await hsTutor(['open', pcap, '--step', '--json'])).status).toBe(2);
    const missing = await hsTutor(['open', pcap, '--keylog', join(dir, 'no-such.keys')]);
    expect(missing.status).toBe(1);
    expect(isOneSentence(missing.stderr)).toBe(true);
  });

  it("reads QUIC: each datagram's packets by type, the Initials opened with keys from the client's connection ID (RFC 9001 §5.2)", async () => {
    const capture = readCapture(readFileSync(await exported('quic-retry', 'retry=on')));
    expect(capture.segments).toHaveLength(0);
    expect(capture.skipped).toEqual([]);
    const doc = await opened(await exported('quic-retry', 'retry=on'));
    expect(doc.connections).toEqual([]);
    const [q] = doc.quic;
    expect(q.client).toMatch(/^192\.0\.2\.10:\d+$/);
    const initials = q.datagrams.flatMap((d: {from: string; packets: {type: string; messages?: string[]}[]}) => d.packets.filter((p) => p.type === 'initial').map((p) => `${d.from} ${(p.messages ?? []).join(',')}`));
    // The ClientHello twice (again after the Retry, under new keys), then the ServerHello.
    expect(initials.filter((i: string) => !i.endsWith(' '))).toEqual(['client ClientHello', 'client ClientHello', 'server ServerHello']);
    expect(q.datagrams.map((d: {packets: {type: string}[]}) => d.packets.map((p) => p.type).join('+'))).toContain('retry');
    const text = await hsTutor(['open', await exported('quic-retry', 'retry=on')]);
    expect(text.stdout).toContain('1 QUIC connection');
    expect(text.stdout).toMatch(/→ UDP 1252 B · Initial pn=0 CRYPTO,PADDING: ClientHello/);
  });

  it('UDP that is not QUIC is listed as such, never fatal', () => {
    // A DNS query in an IPv4/UDP packet on a raw-IP pcap.
    const udp = Buffer.from('d80d0035001d0000' + '1234010000010000000000000377777700000100 01'.replace(/ /g, ''), 'hex');
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip.writeUInt16BE(20 + udp.length, 2);
    ip[8] = 64;
    ip[9] = 17;
    Buffer.from([10, 0, 0, 1, 10, 0, 0, 53]).copy(ip, 12);
    const packet = Buffer.concat([ip, udp]);
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(65535, 16);
    header.writeUInt32LE(101, 20); // raw IP
    const record = Buffer.alloc(16);
    record.writeUInt32LE(packet.length, 8);
    record.writeUInt32LE(packet.length, 12);
    const capture = readCapture(Buffer.concat([header, record, packet]));
    expect(capture.skipped).toEqual([{packet: 0, why: 'UDP that is not QUIC'}]);
    expect(capture.datagrams).toEqual([]);
  });
});

