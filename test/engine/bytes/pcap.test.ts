import {describe, expect, it} from 'vitest';
import {capturedFrames, LINKTYPE_RAW, pcapFile, PCAP_EPOCH_SECONDS} from '../../../src/engine/bytes/pcap.js';
import {toHex} from '../../../src/engine/bytes/writer.js';
import type {Frame} from '../../../src/engine/types.js';
import {run} from '../../helpers/run.js';

/** The records of a little-endian classic pcap: [seconds, microseconds, bytes]. */
function records(file: Uint8Array): [number, number, string][] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: [number, number, string][] = [];
  for (let at = 24; at < file.length; ) {
    const length = view.getUint32(at + 8, true);
    expect(view.getUint32(at + 12, true)).toBe(length);
    out.push([view.getUint32(at, true), view.getUint32(at + 4, true), toHex(file.subarray(at + 16, at + 16 + length))]);
    at += 16 + length;
  }
  return out;
}

describe('pcap export (CLI.md "pcap export")', () => {
  it('writes the classic global header: magic, version 2.4, snaplen, link type raw IPv4 (101)', () => {
    const file = pcapFile(run('tcp-handshake'));
    expect(toHex(file.subarray(0, 24))).toBe('d4c3b2a1020004000000000000000000ffff000065000000');
    expect(LINKTYPE_RAW).toBe(101);
  });

  it('stamps client frames when sent and server frames when they arrive, from 2026-01-01T00:00:00Z', () => {
    const trace = run('tcp-handshake', {}, {rttMs: 101});
    const recs = records(pcapFile(trace));
    expect(PCAP_EPOCH_SECONDS).toBe(1767225600);
    const [syn, synAck] = recs;
    expect(syn).toEqual([PCAP_EPOCH_SECONDS, 0, trace.frames[0]!.bytes]);
    // The SYN-ACK leaves the server at 50.5 ms and reaches the client at 101 ms.
    expect(synAck!.slice(0, 2)).toEqual([PCAP_EPOCH_SECONDS, 101_000]);
    expect(recs.map((r) => r[2])).toEqual(capturedFrames(trace).map((c) => trace.frames[c.index]!.bytes));
  });

  it('keeps dropped client frames (they left the client) and orders by capture time', () => {
    const trace = run('tcp-syn-lost');
    const captured = capturedFrames(trace);
    expect(trace.frames[0]!.dropped).toBe(true);
    expect(captured[0]).toEqual({index: 0, atMs: 0});
    expect(captured.length).toBe(trace.frames.length);
    const times = captured.map((c) => c.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(records(pcapFile(trace))[1]![0]).toBe(PCAP_EPOCH_SECONDS + 1); // the retransmission at 1 s
  });

  it('leaves out server frames that were dropped (they never reached the client)', () => {
    const trace = run('tcp-handshake');
    const frames: Frame[] = trace.frames.map((f) => ({...f}));
    frames[1] = {...frames[1]!, dropped: true, arriveMs: null};
    expect(capturedFrames({frames}).map((c) => c.index)).not.toContain(1);
  });

  it('puts a reply after the frame it answers when both happen at the same instant', () => {
    const trace = run('tls13');
    const captured = capturedFrames(trace);
    const synAck = captured.findIndex((c) => trace.frames[c.index]!.id === 'syn-ack');
    const ack = captured.findIndex((c) => trace.frames[c.index]!.id === 'ack');
    expect(captured[synAck]!.atMs).toBe(captured[ack]!.atMs);
    expect(synAck).toBeLessThan(ack);
  });
});
