// The IPv4 header (RFC 791 §3.1) and the Internet checksum (RFC 1071) that IPv4, TCP and UDP share.
// The addresses are the documentation ranges of RFC 5737, as CLI.md's "pcap export" fixes them.

import {PROTOCOL_NUMBER} from './code-points.js';
import {Writer} from './writer.js';

export const CLIENT_IP = '192.0.2.10';
export const SERVER_IP = '198.51.100.20';
export const IPV4_HEADER = 20;
export const PROTO_TCP = PROTOCOL_NUMBER.TCP;
export const PROTO_UDP = PROTOCOL_NUMBER.UDP;
/** Linux's default TTL (net.ipv4.ip_default_ttl). */
export const DEFAULT_TTL = 64;

const parsed = new Map<string, Uint8Array>();

export function ipBytes(address: string): Uint8Array {
  let bytes = parsed.get(address);
  if (!bytes) {
    const parts = address.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error(`not an IPv4 address: ${address}`);
    bytes = Uint8Array.from(parts);
    parsed.set(address, bytes);
  }
  return bytes;
}

/** The one's-complement sum of 16-bit words (RFC 1071 §4.1), folded to 16 bits, not yet inverted. */
export function onesComplementSum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (data.length % 2 === 1) sum += data[data.length - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum of `data` (RFC 1071): the complement of the one's-complement sum. */
export function internetChecksum(data: Uint8Array, initial = 0): number {
  return ~onesComplementSum(data, initial) & 0xffff;
}

/** The sum of the TCP/UDP pseudo-header (RFC 9293 §3.1, RFC 768): addresses, protocol, length. */
export function pseudoHeaderSum(src: string, dst: string, protocol: number, length: number): number {
  return onesComplementSum(ipBytes(dst), onesComplementSum(ipBytes(src), protocol + length));
}

export interface Ipv4Options {
  src: string;
  dst: string;
  protocol: number;
  /** Identification (RFC 791; RFC 6864: any value when DF is set and the packet is atomic). */
  id: number;
  ttl?: number;
}

/** A whole IPv4 packet: a 20-byte header (no options, Don't Fragment set) and the payload. */
export function ipv4Packet(options: Ipv4Options, payload: Uint8Array): Uint8Array {
  const total = IPV4_HEADER + payload.length;
  if (total > 0xffff) throw new Error('IPv4 packet too long');
  const header = new Writer()
    .u8(0x45) // version 4, IHL 5 words
    .u8(0) // DSCP 0, ECN not-ECT
    .u16(total)
    .u16(options.id & 0xffff)
    .u16(0x4000) // flags: Don't Fragment; fragment offset 0
    .u8(options.ttl ?? DEFAULT_TTL)
    .u8(options.protocol)
    .u16(0) // checksum, filled below
    .bytes(ipBytes(options.src))
    .bytes(ipBytes(options.dst))
    .finish();
  const checksum = internetChecksum(header);
  header[10] = checksum >>> 8;
  header[11] = checksum & 0xff;
  return new Writer().bytes(header).bytes(payload).finish();
}
