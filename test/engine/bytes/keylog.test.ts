// The key log is enough to read every protected byte: with only its lines, as Wireshark has
// them, every TLS record and QUIC packet of every TLS run decrypts, and what is inside is what
// the trace says (tshark does the same from the outside: test/export/tshark.test.ts).
import {describe, expect, it} from 'vitest';
import {CONTENT_TYPE, HANDSHAKE_TYPE, SUITE} from '../../../src/engine/bytes/code-points.js';
import {hkdfExpandLabel, tls12Prf} from '../../../src/engine/bytes/crypto.js';
import {keyLogLines} from '../../../src/engine/bytes/frames.js';
import {keyLogFile} from '../../../src/engine/bytes/keylog.js';
import {packetKeys, unprotectPacket, type PacketKeys} from '../../../src/engine/bytes/quic.js';
import {openRecord12, openRecord13} from '../../../src/engine/bytes/tls-records.js';
import type {TrafficKeys} from '../../../src/engine/bytes/tls-session.js';
import {concat, fromHex, readVarint, toHex, u16At} from '../../../src/engine/bytes/writer.js';
import {PRESET_IDS} from '../../../src/engine/presets.js';
import type {Side, Trace} from '../../../src/engine/types.js';
import {KNOB_SAMPLES} from '../../fixtures/knob-samples.js';
import {connectionTraces} from '../../../src/engine/connections.js';
import {tcpStream} from '../../helpers/tls-stream.js';
import {run} from '../../helpers/run.js';

type Secrets = Map<string, Uint8Array>;

function parseKeyLog(lines: string[]): {random: string; secrets: Secrets} {
  const secrets: Secrets = new Map();
  let random = '';
  for (const line of lines) {
    const [label, clientRandom, secret] = line.split(' ');
    expect(clientRandom).toMatch(/^[0-9a-f]{64}$/);
    expect(secret).toMatch(/^[0-9a-f]+$/);
    random = clientRandom!;
    secrets.set(label!, fromHex(secret!));
  }
  return {random, secrets};
}

const SUITE13 = SUITE.TLS_AES_128_GCM_SHA256;
const SUITE12 = SUITE.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
const LABELS = {
  early: {client: 'CLIENT_EARLY_TRAFFIC_SECRET'},
  handshake: {client: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', server: 'SERVER_HANDSHAKE_TRAFFIC_SECRET'},
  application: {client: 'CLIENT_TRAFFIC_SECRET_0', server: 'SERVER_TRAFFIC_SECRET_0'},
} as const;
type Epoch = keyof typeof LABELS;

const recordKeys13 = (secret: Uint8Array): TrafficKeys => ({suite: SUITE13, key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), 16), iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), 12)});

interface Opened {
  side: Side;
  type: number;
  content: Uint8Array;
}

/** Every TLS 1.3 record of one side, opened with the first epoch whose keys fit, in order (as a receiver tries them). */
function open13(stream: Uint8Array, side: Side, secrets: Secrets): Opened[] {
  const out: Opened[] = [];
  const sequence: Record<Epoch, number> = {early: 0, handshake: 0, application: 0};
  for (let at = 0; at + 5 <= stream.length; ) {
    const end = at + 5 + u16At(stream, at + 3);
    const record = stream.subarray(at, end);
    at = end;
    if (record[0] !== CONTENT_TYPE.application_data) {
      out.push({side, type: record[0]!, content: record.subarray(5)});
      continue;
    }
    const epoch = (['early', 'handshake', 'application'] as Epoch[]).find((e) => {
      const secret = secrets.get((LABELS[e] as Record<string, string>)[side] ?? '');
      return secret && openRecord13(recordKeys13(secret), record, sequence[e]);
    });
    expect(epoch, `${side} record at ${at}: no key in the key log opens it`).toBeDefined();
    const opened = openRecord13(recordKeys13(secrets.get((LABELS[epoch!] as Record<string, string>)[side]!)!), record, sequence[epoch!]++)!;
    out.push({side, type: opened.type, content: opened.content});
  }
  return out;
}

/** TLS 1.2: the key block from the master secret and both randoms (RFC 5246 §6.3), records after ChangeCipherSpec opened. */
function open12(streams: Record<Side, Uint8Array>, master: Uint8Array): Opened[] {
  const random = (stream: Uint8Array): Uint8Array => stream.subarray(11, 43);
  const block = tls12Prf(master, 'key expansion', concat([random(streams.server), random(streams.client)]), 40);
  const keys: Record<Side, TrafficKeys> = {client: {suite: SUITE12, key: block.subarray(0, 16), iv: block.subarray(32, 36)}, server: {suite: SUITE12, key: block.subarray(16, 32), iv: block.subarray(36, 40)}};
  const out: Opened[] = [];
  for (const side of ['client', 'server'] as const) {
    const stream = streams[side];
    let encrypted = false;
    let sequence = 0;
    for (let at = 0; at + 5 <= stream.length; ) {
      const end = at + 5 + u16At(stream, at + 3);
      const record = stream.subarray(at, end);
      at = end;
      if (!encrypted) {
        out.push({side, type: record[0]!, content: record.subarray(5)});
        if (record[0] === CONTENT_TYPE.change_cipher_spec) encrypted = true;
        continue;
      }
      const content = openRecord12(keys[side], record, sequence++);
      expect(content, `${side} TLS 1.2 record ${sequence - 1} does not open with the logged master secret`).not.toBeNull();
      out.push({side, type: record[0]!, content: content!});
    }
  }
  return out;
}

/** Handshake message types inside opened handshake records. */
function handshakeTypes(opened: Opened[], side: Side): number[] {
  const types: number[] = [];
  for (const r of opened.filter((o) => o.side === side && o.type === CONTENT_TYPE.handshake)) {
    for (let at = 0; at + 4 <= r.content.length; at += 4 + ((r.content[at + 1]! << 16) | u16At(r.content, at + 2))) types.push(r.content[at]!);
  }
  return types;
}

const text = (opened: Opened[]): string =>
  Buffer.from(concat(opened.filter((o) => o.type === CONTENT_TYPE.application_data).map((o) => o.content))).toString('latin1');

const H = HANDSHAKE_TYPE;

function checkTcp(trace: Trace): void {
  const {random, secrets} = parseKeyLog(keyLogLines(trace));
  const streams = {client: tcpStream(trace, 'client'), server: tcpStream(trace, 'server')};
  expect(random).toBe(toHex(streams.client.subarray(11, 43)));
  const opened = trace.knobs.tls === '1.2' ? open12(streams, secrets.get('CLIENT_RANDOM')!) : [...open13(streams.client, 'client', secrets), ...open13(streams.server, 'server', secrets)];
  const server = handshakeTypes(opened, 'server');
  const client = handshakeTypes(opened, 'client');
  expect(server).toContain(H.Finished);
  if (trace.frames.some((f) => f.from === 'client' && f.tls.some((r) => r.messages.includes('Finished')))) expect(client).toContain(H.Finished);
  if (trace.knobs.resume === 'off') expect(server).toEqual(expect.arrayContaining([H.Certificate]));
  if (trace.knobs.resume === 'off' && trace.knobs.tls === '1.3') expect(server).toContain(H.CertificateVerify);
  if (trace.knobs.clientAuth === 'on') expect(client).toEqual(expect.arrayContaining([H.Certificate, H.CertificateVerify]));
  // A connection a browser opened for the page may find nothing left to fetch once it is ready.
  if (trace.summary.requestSentMs !== null && trace.knobs.vectors === 'off' && trace.frames.some((f) => f.app === 'request')) {
    // The base page is GET /, a page's objects GET /object-<k> (over their own connections when non-persistent).
    expect(text(opened.filter((o) => o.side === 'client'))).toMatch(/GET \/(object-\d+)? HTTP\/1\.1/);
    expect(text(opened.filter((o) => o.side === 'server'))).toContain('HTTP/1.1 200 OK');
  }
}

/** Every packet of every QUIC datagram opens with the Initial keys or the logged secrets; returns the frames' first bytes of each. */
function checkQuic(trace: Trace): void {
  const {secrets} = parseKeyLog(keyLogLines(trace));
  const keys = (label: string): PacketKeys | null => (secrets.has(label) ? packetKeys(secrets.get(label)!) : null);
  let opened = 0;
  let stream = '';
  for (const frame of trace.frames) {
    const b = fromHex(frame.bytes).subarray(28);
    for (let at = 0, n = 0; at < b.length; n++) {
      const view = frame.quic!.packets[n]!;
      const long = (b[at]! & 0x80) !== 0;
      if (view.type === 'retry' || view.type === 'initial') {
        at += view.length;
        continue;
      }
      let pnOffset: number;
      let end: number;
      if (long) {
        let p = at + 5;
        p += 1 + b[p]!;
        p += 1 + b[p]!;
        const length = readVarint(b, p);
        pnOffset = p + length.size;
        end = pnOffset + length.value;
      } else {
        pnOffset = at + 1 + 8;
        end = b.length;
      }
      const epoch: Epoch = view.type === '0rtt' ? 'early' : view.type === 'handshake' ? 'handshake' : 'application';
      const k = keys((LABELS[epoch] as Record<string, string>)[frame.from]!);
      expect(k, `${frame.id}: no logged secret for ${view.type} packets`).not.toBeNull();
      const result = unprotectPacket(b.subarray(at, end), pnOffset - at, k!);
      expect(result.payload, `${frame.id}: the ${view.type} packet does not open`).not.toBeNull();
      expect(result.packetNumber).toBe(view.pn);
      if (view.frames.includes('STREAM')) stream += Buffer.from(result.payload!).toString('latin1');
      opened++;
      at = end;
    }
  }
  expect(opened).toBeGreaterThan(2);
  if (trace.summary.requestSentMs !== null) expect(stream).toContain('example.com'); // the HTTP/3 request's :authority
}

const cases: [string, Trace][] = [
  ...PRESET_IDS.map((id): [string, Trace] => [id, run(id)]),
  ...KNOB_SAMPLES.map((s): [string, Trace] => [`${s.preset} ${JSON.stringify(s.set)}`, run(s.preset, s.set)]),
].filter(([, t]) => t.knobs.tls !== 'none' && t.frames.some((f) => f.tls.length > 0 || f.quic));

describe('the key log opens every protected byte', () => {
  // A page over several connections: each is a TLS connection of its own, opened with its own lines of the key log.
  it.each(cases)('%s', (_name, trace) => (trace.knobs.transport === 'quic' ? checkQuic(trace) : connectionTraces(trace).forEach(checkTcp)));

  it('names each secret once, with the client random of the connection: CLIENT_RANDOM for TLS 1.2, traffic secrets for TLS 1.3 and QUIC', () => {
    const labels = (id: string, set = {}) => keyLogLines(run(id, set)).map((l) => l.split(' ')[0]);
    expect(labels('tls12')).toEqual(['CLIENT_RANDOM']);
    expect(labels('tls12-resumed')).toEqual(['CLIENT_RANDOM']);
    const full = ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0', 'EXPORTER_SECRET'];
    expect(labels('tls13')).toEqual(full);
    expect(labels('quic')).toEqual(full);
    expect(labels('tls13-0rtt')).toEqual(['CLIENT_EARLY_TRAFFIC_SECRET', 'EARLY_EXPORTER_SECRET', ...full]);
    expect(labels('quic-0rtt')).toEqual(['CLIENT_EARLY_TRAFFIC_SECRET', 'EARLY_EXPORTER_SECRET', ...full]);
  });

  it('is the same for the same knobs and seed, and another for another seed', () => {
    expect(keyLogLines(run('tls13', {}, {seed: 3}))).toEqual(keyLogLines(run('tls13', {}, {seed: 3})));
    expect(keyLogLines(run('tls13', {}, {seed: 3}))).not.toEqual(keyLogLines(run('tls13', {}, {seed: 4})));
  });

  it('as a file: a comment naming the run, then the lines; nothing for a run without TLS', () => {
    const file = keyLogFile(run('tls13'))!;
    expect(file.split('\n')[0]).toMatch(/^# hs-tutor tls13 \(RTT 100 ms, seed 1\)/);
    expect(file.endsWith('\n')).toBe(true);
    expect(keyLogFile(run('tcp-handshake'))).toBeNull();
  });

  it('as a file for a page over several connections: the comment counts them, one client random each', () => {
    const file = keyLogFile(run('page-load-parallel', {tls: '1.3'}))!;
    expect(file.split('\n')[0]).toMatch(/: the session keys of its 4 simulated connections, each under its client random$/);
  });
});
