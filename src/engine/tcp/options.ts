// The options a Linux-like stack puts on its segments (protocol-facts §1.14): the SYN block
// `MSS 1460 | SACK-permitted | Timestamps | NOP | WScale 7`, Fast Open after it (RFC 7413 §4.1.1,
// kind 34) followed by the NOPs that align it, as Linux's tcp_options_write() writes it, and NOP
// NOP Timestamps on every later segment once both SYNs carried them (RFC 7323 §3.2).

import type {TcpOption} from '../types.js';

export const MSS = 1460;
export const WINDOW_SCALE = 7;
/** Unscaled window in SYN and SYN-ACK (RFC 7323 §2.2: never scaled there); Linux's 44 × 1460. */
export const SYN_WINDOW = 64240;
/** Receive window after the handshake, sent scaled by 2^7. */
export const RECEIVE_WINDOW_BYTES = 64256;
const TS_LENGTH = 12; // NOP NOP + kind 8 len 10

/** Payload bytes per full segment: the MSS less the timestamp option every segment carries. */
export const SEGMENT_PAYLOAD = MSS - TS_LENGTH;

const nop = (): TcpOption => ({kind: 1, name: 'NOP', length: 1});

export function synOptions(tsval: number, tsecr: number, fastOpenCookie: string | null, mss = MSS): TcpOption[] {
  const options: TcpOption[] = [
    {kind: 2, name: 'MSS', length: 4, value: mss},
    {kind: 4, name: 'SACK_PERM', length: 2},
    {kind: 8, name: 'TS', length: 10, tsval, tsecr},
    nop(),
    {kind: 3, name: 'WS', length: 3, value: WINDOW_SCALE},
  ];
  if (fastOpenCookie !== null) {
    // Length 2 is a cookie request (RFC 7413 erratum 4239); a cookie is 4–16 bytes. Linux puts
    // the option first and pads it after with NOPs to the next 4-byte boundary.
    const length = 2 + fastOpenCookie.length / 2;
    options.push({kind: 34, name: 'TFO', length, cookie: fastOpenCookie});
    for (let n = length; n % 4 !== 0; n++) options.push(nop());
  }
  return options;
}

export function timestampOptions(tsval: number, tsecr: number): TcpOption[] {
  return [nop(), nop(), {kind: 8, name: 'TS', length: 10, tsval, tsecr}];
}

export function optionBytes(options: TcpOption[]): number {
  return options.reduce((sum, o) => sum + o.length, 0);
}
