// A classic libpcap file (https://www.tcpdump.org/manpages/pcap-savefile.5.html) of one trace, as
// CLI.md's "pcap export" lays it out: link type raw IPv4 (LINKTYPE_RAW = 101), captured at the
// client, so client frames are stamped when sent and server frames when they arrive; a dropped
// client frame still appears (it left the client), a dropped server frame does not (it never
// arrived). Time starts at 2026-01-01T00:00:00Z plus the simulated time.

import type {Trace} from '../types.js';
import {fromHex, Writer} from './writer.js';

export const LINKTYPE_RAW = 101;
/** 2026-01-01T00:00:00Z in seconds since the Unix epoch. */
export const PCAP_EPOCH_SECONDS = Date.UTC(2026, 0, 1) / 1000;
const SNAPLEN = 65535;

export interface CapturedFrame {
  /** Index of the frame in the trace. */
  index: number;
  /** Simulated time of capture, in ms. */
  atMs: number;
}

/** The frames a capture at the client sees, in capture order (time, then send order). */
export function capturedFrames(trace: Pick<Trace, 'frames'>): CapturedFrame[] {
  const captured: CapturedFrame[] = [];
  for (const frame of trace.frames) {
    if (frame.from === 'client') captured.push({index: frame.index, atMs: frame.sendMs});
    else if (frame.arriveMs !== null) captured.push({index: frame.index, atMs: frame.arriveMs});
  }
  return captured.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
}

/** The whole pcap file: global header, then one record per captured frame. */
export function pcapFile(trace: Pick<Trace, 'frames'>): Uint8Array {
  const w = new Writer();
  // Global header, little-endian: magic, version 2.4, thiszone 0, sigfigs 0, snaplen, network.
  le32(w, 0xa1b2c3d4);
  le16(w, 2);
  le16(w, 4);
  le32(w, 0);
  le32(w, 0);
  le32(w, SNAPLEN);
  le32(w, LINKTYPE_RAW);
  for (const {index, atMs} of capturedFrames(trace)) {
    const packet = fromHex(trace.frames[index]!.bytes);
    const micros = Math.round(atMs * 1000);
    le32(w, PCAP_EPOCH_SECONDS + Math.floor(micros / 1_000_000));
    le32(w, micros % 1_000_000);
    le32(w, packet.length); // captured length
    le32(w, packet.length); // original length
    w.bytes(packet);
  }
  return w.finish();
}

function le16(w: Writer, value: number): void {
  w.u8(value).u8(value >>> 8);
}

function le32(w: Writer, value: number): void {
  w.u8(value).u8(value >>> 8).u8(value >>> 16).u8(value >>> 24);
}
