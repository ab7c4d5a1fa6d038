// The UDP header (RFC 768) with its checksum over the pseudo-header; QUIC rides in it (RFC 9000).

import {internetChecksum, PROTO_UDP, pseudoHeaderSum} from './ipv4.js';
import {Writer} from './writer.js';

export const UDP_HEADER = 8;

export function udpDatagram(srcPort: number, dstPort: number, payload: Uint8Array, src: string, dst: string): Uint8Array {
  const length = UDP_HEADER + payload.length;
  const datagram = new Writer().u16(srcPort).u16(dstPort).u16(length).u16(0).bytes(payload).finish();
  // A computed 0 is sent as 0xFFFF: 0 means "no checksum" (RFC 768).
  const checksum = internetChecksum(datagram, pseudoHeaderSum(src, dst, PROTO_UDP, length)) || 0xffff;
  datagram[6] = checksum >>> 8;
  datagram[7] = checksum & 0xff;
  return datagram;
}
