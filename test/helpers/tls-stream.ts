// Reads a TCP trace back the way a receiver would: each side's byte stream reassembled from its
// segments (retransmissions included once), then cut into TLS records.
import {fromHex, toHex, u16At} from '../../src/engine/bytes/writer.js';
import type {Side, Trace} from '../../src/engine/types.js';

/** One side's whole TCP byte stream. */
export function tcpStream(trace: Trace, side: Side): Uint8Array {
  const frames = trace.frames.filter((f) => f.from === side && f.tcp && !f.tcp.flags.includes('RST'));
  const syn = frames.find((f) => f.tcp!.flags.includes('SYN'));
  if (!syn) return new Uint8Array(0);
  const first = (syn.tcp!.seq + 1) >>> 0;
  const bytes: number[] = [];
  for (const f of frames) {
    const h = f.tcp!;
    if (h.len === 0) continue;
    const offset = (h.seq + (h.flags.includes('SYN') ? 1 : 0) - first) >>> 0;
    const b = fromHex(f.bytes);
    b.subarray(b.length - h.len).forEach((byte, i) => (bytes[offset + i] = byte));
  }
  return Uint8Array.from(bytes);
}

/** The TLS records of a stream, as lowercase hex of each whole record. */
export function tlsRecords(stream: Uint8Array): string[] {
  const out: string[] = [];
  for (let at = 0; at + 5 <= stream.length; ) {
    const end = at + 5 + u16At(stream, at + 3);
    out.push(toHex(stream.subarray(at, end)));
    at = end;
  }
  return out;
}

export const recordsOf = (trace: Trace, side: Side): string[] => tlsRecords(tcpStream(trace, side));
