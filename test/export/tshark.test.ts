// An independent decoder agrees with our frames (issue 6) and decrypts them with the key log
// (issue 16): every preset and a sample of knob combinations is exported, and Wireshark's tshark
// must find no malformed packet and no bad checksum, the trace's TCP flags and raw numbers, the
// Fast Open option, the TLS record types and every handshake message, and, with `export
// --keylog`'s lines, decrypt every TLS 1.2, TLS 1.3 (0-RTT and resumption too) and QUIC
// connection: the Certificate, CertificateVerify, Finished and the HTTP request inside.
//
// One tshark reads one capture holding every case (each run with its own seed, so its own client
// port, randoms and connection ids, and its own stretch of time) with one key log: starting
// tshark costs far more than decoding, so this is many times faster than a tshark per case.
// tshark must be installed (.ci/run installs it): a missing tshark fails this file, never skips.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {CONTENT_TYPE, HANDSHAKE_TYPE, handshakeTypeOf, QUIC_LONG_TYPE} from '../../src/engine/bytes/code-points.js';
import {keyLogFile} from '../../src/engine/bytes/keylog.js';
import {capturedFrames, LINKTYPE_RAW, PCAP_EPOCH_SECONDS} from '../../src/engine/bytes/pcap.js';
import {flagsByte} from '../../src/engine/bytes/tcp.js';
import {fromHex, Writer} from '../../src/engine/bytes/writer.js';
import {PRESET_IDS} from '../../src/engine/presets.js';
import type {Frame, Trace} from '../../src/engine/types.js';
import {KNOB_SAMPLES, sampleName} from '../fixtures/knob-samples.js';
import {run} from '../helpers/run.js';

interface Case {
  name: string;
  trace: Trace;
  /** Where this case's packets start in the merged capture. */
  first: number;
}

type Json = Record<string, unknown>;

const TSHARK_OPTIONS = [
  '-n',
  '-o', 'ip.check_checksum:TRUE',
  '-o', 'tcp.check_checksum:TRUE',
  '-o', 'udp.check_checksum:TRUE',
  '-o', 'tcp.relative_sequence_numbers:FALSE',
  '-T', 'json',
  '--no-duplicate-keys',
];

/** A reset is the only warning a correct capture draws: QUIC has its keys, plain HTTP its port 80. */
const EXPECTED_WARNINGS = [/^Connection reset \(RST\)$/];
const SEVERITY = {error: 8_388_608, warning: 6_291_456};
const CT = CONTENT_TYPE;
const HS = HANDSHAKE_TYPE;

/**
 * The knob combinations beyond the presets that go through tshark: one per message variant the
 * presets do not reach (the byte-level tests in test/engine/bytes take the full sample).
 */
const WIRESHARK_SAMPLES = [
  'quic hrr=on',
  'quic clientAuth=on',
  'quic-0rtt retry=on',
  'quic-0rtt hrr=on earlyData=rejected',
  'tls13-hrr compat=off',
  'tls13-0rtt hrr=on earlyData=rejected',
  'tls13-client-auth close=four-way',
  'tls13 open=syn-cookies',
  'tls12-resumed tfo=cookie',
  'tfo-tls13-0rtt tfo=cookie-rejected earlyData=rejected',
  'tfo-tls13 tfo=syn-dropped',
];

const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-tshark-'));
const capture = join(dir, 'all.pcap');
const keys = join(dir, 'all.keys');

/** Each case with its own seed, so no two share a client port (TCP) or connection ids (QUIC). */
function buildCases(): Case[] {
  const specs = [
    ...PRESET_IDS.map((id) => ({name: id, preset: id, set: {}})),
    ...KNOB_SAMPLES.filter((s) => WIRESHARK_SAMPLES.includes(sampleName(s))).map((s) => ({name: sampleName(s), preset: s.preset, set: s.set})),
  ];
  const ports = new Set<number>();
  const cases: Case[] = [];
  let first = 0;
  let seed = 100;
  for (const spec of specs) {
    let trace: Trace;
    let port: number;
    do {
      trace = run(spec.preset, spec.set, {seed: seed++});
      port = (trace.frames[0]!.tcp?.srcPort ?? Number.parseInt(trace.frames[0]!.bytes.slice(40, 44), 16));
    } while (ports.has(port));
    ports.add(port);
    cases.push({name: spec.name, trace, first});
    first += capturedFrames(trace).length;
  }
  return cases;
}

/** One classic pcap of every case, each a minute after the previous one ended. */
function mergedPcap(cases: readonly Case[]): Uint8Array {
  const w = new Writer();
  const le = (n: number, bytes: 2 | 4) => {
    for (let i = 0; i < bytes; i++) w.u8(n >>> (8 * i));
  };
  le(0xa1b2c3d4, 4);
  le(2, 2);
  le(4, 2);
  le(0, 4);
  le(0, 4);
  le(65535, 4);
  le(LINKTYPE_RAW, 4);
  let offsetMs = 0;
  for (const c of cases) {
    for (const {index, atMs} of capturedFrames(c.trace)) {
      const packet = fromHex(c.trace.frames[index]!.bytes);
      const micros = Math.round((offsetMs + atMs) * 1000);
      le(PCAP_EPOCH_SECONDS + Math.floor(micros / 1_000_000), 4);
      le(micros % 1_000_000, 4);
      le(packet.length, 4);
      le(packet.length, 4);
      w.bytes(packet);
    }
    offsetMs += c.trace.endMs + 60_000;
  }
  return w.finish();
}

const cases = buildCases();
let packets: Json[] = [];
let elapsedMs = 0;

function tsharkVersion(): string | null {
  const result = spawnSync('tshark', ['--version'], {encoding: 'utf8'});
  return result.status === 0 ? (result.stdout.split('\n')[0] ?? 'tshark') : null;
}

function decode(file: string, keylog: string): Promise<Json[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('tshark', [...TSHARK_OPTIONS, '-o', `tls.keylog_file:${keylog}`, '-r', file], {stdio: ['ignore', 'pipe', 'pipe']});
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tshark exited ${code} on ${file}: ${err.trim()}`));
      resolve((JSON.parse(Buffer.concat(out).toString('utf8')) as {_source: {layers: Json}}[]).map((p) => p._source.layers));
    });
  });
}

beforeAll(async () => {
  if (tsharkVersion() === null) {
    throw new Error("tshark is not installed, so the Wireshark test cannot run: install it (Debian: 'apt-get install -y tshark'; .ci/run does this in CI).");
  }
  const started = performance.now();
  writeFileSync(capture, mergedPcap(cases));
  writeFileSync(keys, cases.map((c) => keyLogFile(c.trace) ?? '').join(''));
  packets = await decode(capture, keys);
  elapsedMs = performance.now() - started;
}, 300_000);

afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
  if (packets.length > 0) console.log(`tshark decoded ${cases.length} captures (${packets.length} packets) in ${(elapsedMs / 1000).toFixed(1)} s`);
});

// ---------------------------------------------------------------- reading tshark's JSON

const list = <T>(value: unknown): T[] => (value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T]);

/** Every value of `key` anywhere under `node`, in document order. */
function all(node: unknown, key: string): unknown[] {
  const found: unknown[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === key) found.push(...list(v));
        walk(v);
      }
    }
  };
  walk(node);
  return found;
}

interface Expert {
  severity: number;
  message: string;
}

const experts = (layers: Json): Expert[] =>
  all(layers, '_ws.expert').map((e) => ({severity: Number((e as Json)['_ws.expert.severity']), message: String((e as Json)['_ws.expert.message'])}));

/** TLS records over TCP, in order: the type on the wire (TLS 1.3's opaque type) and the handshake types inside, decrypted or not. */
function tlsRecords(layers: Json): {type: number; handshakes: number[]}[] {
  return list<Json>(layers.tls)
    .flatMap((tls) => list<Json>(tls['tls.record']))
    .map((record) => ({
      type: Number(record['tls.record.opaque_type'] ?? record['tls.record.content_type']),
      handshakes: all(record, 'tls.handshake.type').map(Number),
    }));
}

/** QUIC packets of a datagram: the long packet type (null for a short header), decrypted frame types, TLS handshake types. */
function quicPackets(layers: Json): {longType: number | null; frames: number[]; handshakes: number[]}[] {
  return list<Json>(layers.quic).map((q) => ({
    longType: q['quic.header_form'] === '1' ? Number(q['quic.long.packet_type']) : null,
    frames: all(q, 'quic.frame_type').map(Number),
    handshakes: all(q, 'tls.handshake.type').map(Number),
  }));
}

// ---------------------------------------------------------------- what the trace says

/** Frames whose TCP data was all captured before (tshark does not dissect a retransmission's payload again). */
function retransmitted(trace: Trace): Set<number> {
  const seen: Record<string, [number, number][]> = {client: [], server: []};
  const out = new Set<number>();
  for (const {index} of capturedFrames(trace)) {
    const f = trace.frames[index]!;
    if (!f.tcp || f.tcp.len === 0) continue;
    const start = f.tcp.seq + (f.tcp.flags.includes('SYN') ? 1 : 0);
    const end = start + f.tcp.len;
    if (seen[f.from]!.some(([s, e]) => s <= start && end <= e)) out.add(index);
    seen[f.from]!.push([start, end]);
  }
  return out;
}

/** The records of a frame as tshark lists them: every handshake message, protected ones decrypted with the key log. */
const expectedRecords = (f: Frame): {type: number; handshakes: number[]}[] =>
  f.tls.map((r) => ({
    type: CT[r.contentType],
    handshakes: (r.innerType ?? r.contentType) === 'handshake' ? r.messages.map(handshakeTypeOf) : [],
  }));

describe.each(cases.map((c) => [c.name, c] as const))('tshark decodes %s', (_name, c) => {
  const captured = capturedFrames(c.trace);
  const mine = (): Json[] => {
    if (packets.length === 0) throw new Error('tshark did not decode the capture (see the beforeAll error)');
    return packets.slice(c.first, c.first + captured.length);
  };
  const pairs = (): [Frame, Json][] => captured.map((cap, i) => [c.trace.frames[cap.index]!, mine()[i]!]);
  const {knobs} = c.trace;
  const tcp = knobs.transport === 'tcp';

  it('one packet per captured frame, none malformed, every checksum good, no unexpected warning', () => {
    expect(mine().length).toBe(captured.length);
    for (const [frame, layers] of pairs()) {
      const where = `${c.name} ${frame.id}`;
      expect(all(layers, '_ws.malformed'), where).toEqual([]);
      expect(all(layers, 'ip.checksum.status'), where).toEqual(['1']);
      expect(all(layers, frame.tcp ? 'tcp.checksum.status' : 'udp.checksum.status'), where).toEqual(['1']);
      for (const e of experts(layers)) {
        expect(e.severity, `${where}: ${e.message}`).toBeLessThan(SEVERITY.error);
        if (e.severity >= SEVERITY.warning) expect(EXPECTED_WARNINGS.some((w) => w.test(e.message)), `${where}: ${e.message}`).toBe(true);
      }
    }
  });

  if (tcp) it('TCP flags, raw sequence and acknowledgment numbers, and the Fast Open option are the trace\'s', () => {
    for (const [frame, layers] of pairs()) {
      const h = frame.tcp!;
      const t = layers.tcp as Json;
      const where = `${c.name} ${frame.id}`;
      expect(t['tcp.flags'], where).toBe(`0x${flagsByte(h.flags).toString(16).padStart(4, '0')}`);
      expect(Number(t['tcp.seq_raw']), where).toBe(h.seq);
      if (h.ack !== null) expect(Number(t['tcp.ack_raw']), where).toBe(h.ack);
      const tfo = h.options.find((o) => o.kind === 34);
      const cookie = all(t, 'tcp.options.tfo.cookie').map((v) => String(v).replace(/:/g, ''));
      if (tfo && 'cookie' in tfo) {
        if (tfo.cookie === '') expect(all(t, 'tcp.options.tfo.request').length, `${where}: TFO cookie request`).toBe(1);
        else expect(cookie, `${where}: TFO cookie`).toEqual([tfo.cookie]);
      } else expect(cookie, where).toEqual([]);
    }
  });

  if (tcp && knobs.tls === 'none') it('plain HTTP is on port 80, where Wireshark reads it as HTTP', () => {
    const ports = pairs().map(([f, layers]) => Number((layers.tcp as Json)[f.from === 'client' ? 'tcp.dstport' : 'tcp.srcport']));
    expect(new Set(ports)).toEqual(new Set([80]));
    if (c.trace.summary.requestSentMs !== null) expect(all(mine(), 'http.request.method')).toContain('GET');
  });

  if (tcp && knobs.tls !== 'none') it('TLS record types and every handshake message, decrypted ones too, are the trace\'s, where each record ends', () => {
    const again = retransmitted(c.trace);
    for (const [frame, layers] of pairs()) {
      const expected = again.has(frame.index) ? [] : expectedRecords(frame);
      expect(tlsRecords(layers), `${c.name} ${frame.id}`).toEqual(expected);
    }
  });

  if (tcp && knobs.tls !== 'none') it('with the key log, the Certificate, CertificateVerify, Finished and the HTTP request are readable', () => {
    const types = all(mine(), 'tls.handshake.type').map(Number);
    expect(types, 'both Finished').toEqual(expect.arrayContaining([HS.Finished]));
    expect(types.filter((t) => t === HS.Finished).length).toBe(2);
    if (knobs.resume === 'off') expect(types).toContain(HS.Certificate);
    if (knobs.resume === 'off' && (knobs.tls === '1.3' || knobs.clientAuth === 'on')) expect(types).toContain(HS.CertificateVerify);
    if (c.trace.summary.requestSentMs !== null && knobs.vectors === 'off') {
      expect(all(mine(), 'http.request.method')).toContain('GET');
      expect(all(mine(), 'http.response.code')).toContain('200');
    }
  });

  if (!tcp) it('QUIC packet types are the trace\'s, and with the key log every packet decrypts to its frames and handshake messages', () => {
    const shown: number[] = [];
    for (const [frame, layers] of pairs()) {
      const where = `${c.name} ${frame.id}`;
      const got = quicPackets(layers);
      const views = frame.quic!.packets;
      expect(got.map((p) => p.longType), where).toEqual(views.map((v) => (v.type === '1rtt' ? null : QUIC_LONG_TYPE[v.type])));
      views.forEach((view, i) => {
        if (view.type === 'retry') return;
        const packet = got[i]!;
        // Decrypted: tshark lists the frames inside (ACK 2, CRYPTO 6, STREAM 8–f, HANDSHAKE_DONE 0x1e).
        if (view.frames.includes('CRYPTO')) expect(packet.frames, `${where}: CRYPTO`).toContain(6);
        if (view.frames.includes('ACK')) expect(packet.frames, `${where}: ACK`).toContain(2);
        if (view.frames.includes('HANDSHAKE_DONE')) expect(packet.frames, `${where}: HANDSHAKE_DONE`).toContain(0x1e);
        if (view.frames.includes('STREAM')) expect(packet.frames.some((f) => f >= 8 && f <= 0x0f), `${where}: STREAM`).toBe(true);
        shown.push(...packet.handshakes);
      });
    }
    for (const type of [HS.ClientHello, HS.ServerHello, HS.EncryptedExtensions, HS.Finished, ...(knobs.resume === 'off' ? [HS.Certificate, HS.CertificateVerify] : [])]) expect(shown, `${c.name}: handshake type ${type}`).toContain(type);
    if (c.trace.summary.requestSentMs !== null) expect(all(mine(), 'http3.frame_type').map(Number), `${c.name}: the HTTP/3 request's HEADERS`).toContain(1);
  });
});
