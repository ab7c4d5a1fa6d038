// The encoded frames agree with the trace: every length, header field and checksum, for every
// preset, a sample of knob combinations and random ones; and they are deterministic.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {onesComplementSum, pseudoHeaderSum} from '../../../src/engine/bytes/ipv4.js';
import {encodeOptions, flagsByte} from '../../../src/engine/bytes/tcp.js';
import {fromHex, toHex, u16At, u32At} from '../../../src/engine/bytes/writer.js';
import {connectionTraces} from '../../../src/engine/connections.js';
import {PRESET_IDS} from '../../../src/engine/presets.js';
import {simulate} from '../../../src/engine/simulate.js';
import type {Frame, Trace} from '../../../src/engine/types.js';
import {KNOB_SAMPLES} from '../../fixtures/knob-samples.js';
import {validKnobs} from '../arbitrary-knobs.js';
import {run} from '../../helpers/run.js';

const CLIENT = '192.0.2.10';
const SERVER = '198.51.100.20';

/** Checks one frame's bytes against its header fields; returns the TCP payload or UDP payload. */
function checkFrame(frame: Frame): Uint8Array {
  const b = fromHex(frame.bytes);
  expect(frame.bytes).toMatch(/^[0-9a-f]*$/);
  expect(b.length).toBe(frame.wireBytes);
  expect(b[0]).toBe(0x45);
  expect(u16At(b, 2)).toBe(b.length);
  expect(onesComplementSum(b.subarray(0, 20))).toBe(0xffff);
  const [src, dst] = frame.from === 'client' ? [CLIENT, SERVER] : [SERVER, CLIENT];
  expect(Array.from(b.subarray(12, 16)).join('.')).toBe(src);
  expect(Array.from(b.subarray(16, 20)).join('.')).toBe(dst);
  const l4 = b.subarray(20);
  const protocol = b[9]!;
  expect(onesComplementSum(l4, pseudoHeaderSum(src, dst, protocol, l4.length))).toBe(0xffff);
  if (frame.tcp) {
    const h = frame.tcp;
    expect(protocol).toBe(6);
    expect(u16At(l4, 0)).toBe(h.srcPort);
    expect(u16At(l4, 2)).toBe(h.dstPort);
    expect(u32At(l4, 4)).toBe(h.seq);
    expect(u32At(l4, 8)).toBe(h.ack ?? 0);
    expect(l4[13]).toBe(flagsByte(h.flags));
    expect(u16At(l4, 14)).toBe(h.window);
    const headerLength = (l4[12]! >> 4) * 4;
    expect(toHex(l4.subarray(20, headerLength))).toBe(toHex(encodeOptions(h.options)));
    expect(l4.length - headerLength).toBe(h.len);
    return l4.subarray(headerLength);
  }
  expect(protocol).toBe(17);
  expect(u16At(l4, 4)).toBe(l4.length);
  expect(frame.from === 'client' ? u16At(l4, 2) : u16At(l4, 0)).toBe(443);
  return l4.subarray(8);
}

/** TLS records of one direction, parsed from the reassembled stream: their content types, where each ends. */
function checkTlsStreams(trace: Trace): void {
  for (const side of ['client', 'server'] as const) {
    const frames = trace.frames.filter((f) => f.from === side && f.tcp);
    const syn = frames.find((f) => f.tcp!.flags.includes('SYN'));
    if (!syn) continue;
    const first = (syn.tcp!.seq + 1) >>> 0;
    const stream: number[] = [];
    const records: {type: number; end: number}[] = [];
    const seen: string[] = [];
    const expected: string[] = [];
    for (const f of frames) {
      const payload = checkFrame(f);
      const offset = (f.tcp!.seq + (f.tcp!.flags.includes('SYN') ? 1 : 0) - first) >>> 0;
      if (payload.length === 0) continue;
      const fresh = offset + payload.length > stream.length;
      payload.forEach((byte, i) => {
        if (stream[offset + i] !== undefined) expect(stream[offset + i], 'a retransmission carries the same bytes').toBe(byte);
        stream[offset + i] = byte;
      });
      if (!fresh) continue;
      while (true) {
        const at = records.length === 0 ? 0 : records[records.length - 1]!.end;
        if (at + 5 > stream.length) break;
        const end = at + 5 + ((stream[at + 3]! << 8) | stream[at + 4]!);
        if (end > stream.length) break;
        records.push({type: stream[at]!, end});
        seen.push(`${stream[at]}`);
      }
      expected.push(...f.tls.map((r) => `${{change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23}[r.contentType]}`));
    }
    if (trace.knobs.tls !== 'none') expect(seen, `${side} record types`).toEqual(expected);
  }
}

function checkTrace(trace: Trace): void {
  for (const frame of trace.frames) checkFrame(frame);
  // Each connection of a page load is a TCP stream of its own.
  for (const connection of connectionTraces(trace)) checkTlsStreams(connection);
}

describe('frame bytes', () => {
  it.each(PRESET_IDS)('%s: every frame matches its header fields, lengths and checksums', (id) => {
    checkTrace(run(id));
  });

  it.each(KNOB_SAMPLES.map((s) => [s.preset, s.set] as const))('%s %o', (preset, set) => {
    checkTrace(run(preset, set, {seed: 7, rttMs: 37}));
  });

  it('hold for random valid knob combinations, RTTs and seeds', () => {
    fc.assert(
      fc.property(validKnobs, fc.integer({min: 1, max: 999}), fc.integer({min: 0, max: 2 ** 31 - 1}), fc.boolean(), (knobs, rttMs, seed, random) => {
        checkTrace(simulate(knobs, {rttMs, seed, isn: random ? 'random' : 'readable'}));
      }),
      {numRuns: 60},
    );
  }, 60_000); // a guard against a hang, not a time limit: the property runs for seconds on a loaded machine

  it('are deterministic: the same knobs and seed give the same bytes, another seed other bytes of the same lengths', () => {
    const a = run('quic-0rtt').frames.map((f) => f.bytes);
    expect(run('quic-0rtt').frames.map((f) => f.bytes)).toEqual(a);
    const other = run('quic-0rtt', {}, {seed: 2}).frames.map((f) => f.bytes);
    expect(other.map((h) => h.length)).toEqual(a.map((h) => h.length));
    expect(other).not.toEqual(a);
  });

  it('appear in show --json as a plain string field', () => {
    const trace = run('tls13');
    const json = JSON.parse(JSON.stringify(trace)) as Trace;
    expect(json.frames[0]!.bytes).toBe(trace.frames[0]!.bytes);
    expect(Object.keys(json.frames[0]!)).toContain('bytes');
  });

  it('can be read from a frozen trace', () => {
    const trace = run('quic');
    for (const frame of trace.frames) Object.freeze(frame);
    expect(trace.frames[0]!.bytes.length).toBe(trace.frames[0]!.wireBytes * 2);
    expect({...trace.frames[1]!}.bytes).toBe(trace.frames[1]!.bytes);
  });

  it('never move a sequence number: the engine counts the same with or without reading them', () => {
    const a = run('tls12-client-auth');
    const b = run('tls12-client-auth');
    void b.frames.map((f) => f.bytes);
    expect(a.frames.map((f) => [f.tcp?.seq, f.tcp?.ack, f.wireBytes])).toEqual(b.frames.map((f) => [f.tcp?.seq, f.tcp?.ack, f.wireBytes]));
  });

  it('the SYN of tfo-tls13-0rtt carries the cookie option, and its ClientHello early_data', () => {
    const syn = run('tfo-tls13-0rtt').frames[0]!;
    const cookie = syn.tcp!.options.find((o) => o.kind === 34);
    expect(cookie && 'cookie' in cookie ? cookie.cookie : '').toMatch(/^[0-9a-f]{16}$/);
    expect(syn.bytes).toContain(`220a${cookie && 'cookie' in cookie ? cookie.cookie : ''}`);
    expect(syn.bytes).toContain('002a0000'); // early_data, empty
  });
});
