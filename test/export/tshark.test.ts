// An independent decoder agrees with our frames (issue 6): every preset and a sample of knob
// combinations is exported as a pcap and decoded by Wireshark's tshark, which must find no
// malformed packet and no bad checksum, the trace's TCP flags and raw numbers, the Fast Open
// option, the TLS record types and cleartext handshake messages, and QUIC Initial packets it can
// decrypt to the ClientHello and ServerHello. tshark must be installed (.ci/run installs it): a
// missing tshark fails this file, it never skips.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {capturedFrames, pcapFile} from '../../src/engine/bytes/pcap.js';
import {flagsByte} from '../../src/engine/bytes/tcp.js';
import {PRESET_IDS} from '../../src/engine/presets.js';
import type {Frame, Trace} from '../../src/engine/types.js';
import {KNOB_SAMPLES, sampleName} from '../fixtures/knob-samples.js';
import {run} from '../helpers/run.js';

interface Case {
  name: string;
  trace: Trace;
  file: string;
}

type Json = Record<string, unknown>;
interface Decoded {
  packets: Json[];
  seconds: number;
}

const TSHARK_OPTIONS = [
  '-n',
  '-o', 'ip.check_checksum:TRUE',
  '-o', 'tcp.check_checksum:TRUE',
  '-o', 'udp.check_checksum:TRUE',
  '-o', 'tcp.relative_sequence_numbers:FALSE',
  '-T', 'json',
  '--no-duplicate-keys',
];

/** Warnings a correct capture still draws: QUIC keys tshark cannot have, plain HTTP on port 443, a reset. */
const EXPECTED_WARNINGS = [/Secrets are not available/, /Unencrypted HTTP protocol detected over encrypted port/, /^Connection reset \(RST\)$/];
const SEVERITY = {error: 8_388_608, warning: 6_291_456};
const CONTENT_TYPES = {change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23} as const;
const HANDSHAKE_TYPES: Record<string, number> = {
  ClientHello: 1, ServerHello: 2, HelloRetryRequest: 2, NewSessionTicket: 4, EndOfEarlyData: 5, EncryptedExtensions: 8, Certificate: 11,
  ServerKeyExchange: 12, CertificateRequest: 13, ServerHelloDone: 14, CertificateVerify: 15, ClientKeyExchange: 16, Finished: 20,
};
const QUIC_LONG_TYPES: Record<string, number> = {initial: 0, '0rtt': 1, handshake: 2, retry: 3};

/**
 * The knob combinations beyond the presets that go through tshark: one per message variant the
 * presets do not reach. (Each tshark process costs about half a second of CPU just to start, so
 * the byte-level tests in test/engine/bytes take the full sample.)
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
/** tshark is CPU-bound (mostly its own start-up), so one per CPU, within reason. */
const CONCURRENCY = Math.min(8, Math.max(2, availableParallelism()));
const cases: Case[] = [
  ...PRESET_IDS.map((id) => ({name: id, trace: run(id)})),
  ...KNOB_SAMPLES.filter((s) => WIRESHARK_SAMPLES.includes(sampleName(s))).map((s) => ({name: sampleName(s), trace: run(s.preset, s.set)})),
].map((c, i) => ({...c, file: join(dir, `${String(i).padStart(2, '0')}.pcap`)}));
const decoded = new Map<string, Decoded>();
let elapsedMs = 0;

function tsharkVersion(): string | null {
  const result = spawnSync('tshark', ['--version'], {encoding: 'utf8'});
  return result.status === 0 ? (result.stdout.split('\n')[0] ?? 'tshark') : null;
}

function decode(file: string): Promise<Decoded> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('tshark', [...TSHARK_OPTIONS, '-r', file], {stdio: ['ignore', 'pipe', 'pipe']});
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tshark exited ${code} on ${file}: ${err.trim()}`));
      const packets = (JSON.parse(Buffer.concat(out).toString('utf8')) as {_source: {layers: Json}}[]).map((p) => p._source.layers);
      resolve({packets, seconds: (performance.now() - started) / 1000});
    });
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

beforeAll(async () => {
  if (tsharkVersion() === null) {
    throw new Error("tshark is not installed, so the Wireshark test cannot run: install it (Debian: 'apt-get install -y tshark'; .ci/run does this in CI).");
  }
  const started = performance.now();
  for (const c of cases) writeFileSync(c.file, pcapFile(c.trace));
  await pool(cases, CONCURRENCY, async (c) => void decoded.set(c.name, await decode(c.file)));
  elapsedMs = performance.now() - started;
}, 300_000);

afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
  if (decoded.size > 0) console.log(`tshark decoded ${decoded.size} captures in ${(elapsedMs / 1000).toFixed(1)} s (${CONCURRENCY} at a time)`);
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

/** TLS records over TCP, in order: the content type (or TLS 1.3's opaque type) and cleartext handshake types. */
function tlsRecords(layers: Json): {type: number; handshakes: number[]}[] {
  return list<Json>(layers.tls)
    .flatMap((tls) => list<Json>(tls['tls.record']))
    .map((record) => ({
      type: Number(record['tls.record.content_type'] ?? record['tls.record.opaque_type']),
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

const expectedRecords = (f: Frame): {type: number; handshakes: number[]}[] =>
  f.tls.map((r) => ({
    type: CONTENT_TYPES[r.contentType],
    handshakes: r.contentType === 'handshake' && !r.encrypted ? r.messages.map((m) => HANDSHAKE_TYPES[m]!) : [],
  }));

describe.each(cases.map((c) => [c.name, c] as const))('tshark decodes %s', (_name, c) => {
  const packets = (): Json[] => {
    const d = decoded.get(c.name);
    if (!d) throw new Error('tshark did not decode this capture (see the beforeAll error)');
    return d.packets;
  };
  const captured = capturedFrames(c.trace);
  const pairs = (): [Frame, Json][] => captured.map((cap, i) => [c.trace.frames[cap.index]!, packets()[i]!]);

  it('one packet per captured frame, none malformed, every checksum good, no unexpected warning', () => {
    expect(packets().length).toBe(captured.length);
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

  const tcp = c.trace.knobs.transport === 'tcp';

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

  if (tcp && c.trace.knobs.tls !== 'none') it('TLS record types and cleartext handshake messages are the trace\'s, where each record ends', () => {
    const again = retransmitted(c.trace);
    for (const [frame, layers] of pairs()) {
      const expected = again.has(frame.index) ? [] : expectedRecords(frame);
      expect(tlsRecords(layers), `${c.name} ${frame.id}`).toEqual(expected);
    }
  });

  if (!tcp) it('QUIC packet types are the trace\'s, and Initial packets decrypt to its ClientHello and ServerHello', () => {
    const sent = new Set<string>();
    for (const [frame, layers] of pairs()) {
      const where = `${c.name} ${frame.id}`;
      const got = quicPackets(layers);
      const views = frame.quic!.packets;
      expect(got.map((p) => p.longType), where).toEqual(views.map((v) => (v.type === '1rtt' ? null : QUIC_LONG_TYPES[v.type]!)));
      views.forEach((view, i) => {
        if (view.type !== 'initial') return;
        const packet = got[i]!;
        // Decrypted: tshark lists the frames inside (ACK 2, CRYPTO 6, PADDING 0).
        if (view.frames.includes('CRYPTO')) expect(packet.frames, `${where}: CRYPTO`).toContain(6);
        if (view.frames.includes('ACK')) expect(packet.frames, `${where}: ACK`).toContain(2);
        // A ClientHello sent again after a Retry is not shown twice; the one after a HelloRetryRequest is a new message.
        const fresh = view.messages.filter((m) => !sent.has(`${frame.from} ${m}`));
        view.messages.forEach((m) => sent.add(`${frame.from} ${m}`));
        if (view.messages.includes('HelloRetryRequest')) sent.delete('client ClientHello');
        expect(packet.handshakes, where).toEqual(fresh.map((m) => HANDSHAKE_TYPES[m]!));
      });
    }
    expect([...sent].sort()).toEqual(expect.arrayContaining(['client ClientHello']));
    expect([...sent].some((m) => m === 'server ServerHello' || m === 'server HelloRetryRequest')).toBe(true);
  });
});
