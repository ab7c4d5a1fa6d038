// The TCP header (RFC 9293 §3.1) with its options (§3.2; window scale and timestamps RFC 7323,
// SACK-permitted RFC 2018, Fast Open RFC 7413 §4.1.1) and its checksum over the pseudo-header.

import type {TcpFlag, TcpHeader, TcpOption} from '../types.js';
import {internetChecksum, PROTO_TCP, pseudoHeaderSum} from './ipv4.js';
import {fromHex, Writer} from './writer.js';

export const TCP_HEADER = 20;

const FLAG_BITS: Record<TcpFlag, number> = {FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10};

export function flagsByte(flags: readonly TcpFlag[]): number {
  return flags.reduce((bits, flag) => bits | FLAG_BITS[flag], 0);
}

export function encodeOption(option: TcpOption): Uint8Array {
  const w = new Writer();
  switch (option.kind) {
    case 0:
    case 1:
      return w.u8(option.kind).finish();
    case 2:
      return w.u8(2).u8(4).u16(option.value).finish();
    case 3:
      return w.u8(3).u8(3).u8(option.value).finish();
    case 4:
      return w.u8(4).u8(2).finish();
    case 8:
      return w.u8(8).u8(10).u32(option.tsval).u32(option.tsecr).finish();
    case 34: {
      const cookie = fromHex(option.cookie);
      if (option.length !== 2 + cookie.length) throw new Error('TFO option length does not match its cookie');
      return w.u8(34).u8(option.length).bytes(cookie).finish();
    }
  }
}

/** The options block, padded with EOL to a 4-byte boundary (RFC 9293 §3.1: Data Offset counts words). */
export function encodeOptions(options: readonly TcpOption[]): Uint8Array {
  const w = new Writer();
  for (const option of options) w.bytes(encodeOption(option));
  while (w.length % 4 !== 0) w.u8(0);
  if (w.length > 40) throw new Error('TCP options longer than 40 bytes');
  return w.finish();
}

/** A TCP segment (header, options, payload) with its checksum for the given addresses. */
export function tcpSegment(header: TcpHeader, payload: Uint8Array, src: string, dst: string): Uint8Array {
  if (payload.length !== header.len) throw new Error(`TCP payload is ${payload.length} bytes, the header says ${header.len}`);
  const options = encodeOptions(header.options);
  const headerLength = TCP_HEADER + options.length;
  const segment = new Writer()
    .u16(header.srcPort)
    .u16(header.dstPort)
    .u32(header.seq)
    .u32(header.ack ?? 0)
    .u8((headerLength / 4) << 4) // data offset; reserved bits 0
    .u8(flagsByte(header.flags))
    .u16(header.window)
    .u16(0) // checksum, filled below
    .u16(0) // urgent pointer
    .bytes(options)
    .bytes(payload)
    .finish();
  const checksum = internetChecksum(segment, pseudoHeaderSum(src, dst, PROTO_TCP, segment.length));
  segment[16] = checksum >>> 8;
  segment[17] = checksum & 0xff;
  return segment;
}
