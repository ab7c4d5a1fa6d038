// Reading a real capture (`hs-tutor open`): pcap (libpcap's format, either byte order, µs or ns
// timestamps) and pcapng (Section Header, Interface Description, Enhanced and Simple Packet
// blocks), the link types a laptop records (Ethernet with VLAN tags, raw IP, Linux cooked v1 and
// v2, BSD loopback), IPv4 and IPv6, then TCP with the TLS records it carries in the clear. It
// never throws on what it cannot read: a packet it does not understand is listed with why, and a
// file cut short ends the list. Formats: the pcap man page (pcap-savefile(5)), the pcapng draft
// (draft-ietf-opsawg-pcapng §4), RFC 791, RFC 8200, RFC 9293 §3.1, RFC 8446 §5.1.
import {isQuicLongHeader, type CapturedDatagram, type CapturedEnds} from './read-quic.js';
import {CONTENT_TYPE, HANDSHAKE_TYPE, names, PROTOCOL_NUMBER} from './code-points.js';

/** Link-layer header types (tcpdump.org's LINKTYPE_ registry) this reader understands. */
export const LINKTYPE = {NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276} as const;

const ETHERTYPE = {IPV4: 0x0800, IPV6: 0x86dd, VLAN: 0x8100, QINQ: 0x88a8} as const;

export interface CapturedSegment extends CapturedEnds {
  seq: number;
  ack: number | null;
  flags: string[];
  window: number;
  /** TCP payload bytes. */
  len: number;
  /** TLS records that start in this segment: their content type, and for handshake records in the clear, the messages. */
  tls: {contentType: string; messages: string[]}[];
  /** The IP packet (IPv4 or IPv6 header, TCP header, payload), for the byte inspector. */
  ip: Uint8Array;
  /** The TCP payload. */
  data: Uint8Array;
}

export interface CaptureSkip {
  packet: number;
  why: string;
}

export interface Capture {
  format: 'pcap' | 'pcapng';
  segments: CapturedSegment[];
  /** UDP datagrams of QUIC connections (read-quic.ts reads them). */
  datagrams: CapturedDatagram[];
  skipped: CaptureSkip[];
  /** Whether the file ended inside a block or a packet. */
  truncated: boolean;
}

interface RawPacket {
  linkType: number;
  /** Seconds since the epoch, as a float with sub-microsecond precision lost. */
  time: number;
  data: Uint8Array;
}

/** Reads a capture; throws only when the file is not a capture at all (one sentence for the CLI). */
export function readCapture(bytes: Uint8Array): Capture {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) throw new Error('it is too short to be a capture');
  const magic = view.getUint32(0, false);
  const packets: RawPacket[] = [];
  let truncated: boolean;
  let format: Capture['format'];
  if (magic === 0x0a0d0d0a) {
    format = 'pcapng';
    truncated = readPcapng(view, packets);
  } else if ([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(magic)) {
    format = 'pcap';
    truncated = readPcap(view, packets);
  } else {
    throw new Error('it is neither a pcap nor a pcapng file (its first bytes are not a capture magic number)');
  }
  const segments: CapturedSegment[] = [];
  const datagrams: CapturedDatagram[] = [];
  const skipped: CaptureSkip[] = [];
  const quic = new Set<string>();
  const t0 = packets[0]?.time ?? 0;
  packets.forEach((p, i) => {
    const result = decode(p, i, (p.time - t0) * 1000);
    if ('why' in result) skipped.push(result);
    else if ('data' in result && !('seq' in result)) {
      // A 4-tuple is QUIC from its first long header on (RFC 9000 §17.2); other UDP is not read.
      const pair = [`${result.src} ${result.srcPort}`, `${result.dst} ${result.dstPort}`].sort().join('|');
      if (isQuicLongHeader(result.data)) quic.add(pair);
      if (quic.has(pair)) datagrams.push(result);
      else skipped.push({packet: i, why: 'UDP that is not QUIC'});
    } else segments.push(result);
  });
  return {format, segments, datagrams, skipped, truncated};
}

function readPcap(view: DataView, out: RawPacket[]): boolean {
  if (view.byteLength < 24) return true;
  const magic = view.getUint32(0, false);
  const little = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  let at = 24;
  while (at < view.byteLength) {
    if (at + 16 > view.byteLength) return true;
    const seconds = view.getUint32(at, little);
    const fraction = view.getUint32(at + 4, little);
    const captured = view.getUint32(at + 8, little);
    if (at + 16 + captured > view.byteLength) return true;
    out.push({linkType, time: seconds + fraction / (nano ? 1e9 : 1e6), data: new Uint8Array(view.buffer, view.byteOffset + at + 16, captured)});
    at += 16 + captured;
  }
  return false;
}

function readPcapng(view: DataView, out: RawPacket[]): boolean {
  let little = true;
  const interfaces: {linkType: number; unitsPerSecond: number}[] = [];
  let at = 0;
  while (at < view.byteLength) {
    if (at + 12 > view.byteLength) return true;
    const type = view.getUint32(at, little);
    if (type === 0x0a0d0d0a) {
      // The byte-order magic decides how this section is read (and the block length with it).
      little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
      interfaces.length = 0;
    }
    const length = view.getUint32(at + 4, little);
    if (length < 12 || at + length > view.byteLength) return true;
    const body = at + 8;
    if (type === 1) {
      const linkType = view.getUint16(body, little);
      interfaces.push({linkType, unitsPerSecond: tsResolution(view, body + 8, at + length - 4, little)});
    } else if (type === 6) {
      const iface = interfaces[view.getUint32(body, little)];
      const high = view.getUint32(body + 4, little);
      const low = view.getUint32(body + 8, little);
      const captured = view.getUint32(body + 12, little);
      if (iface && body + 20 + captured <= at + length) {
        out.push({linkType: iface.linkType, time: (high * 2 ** 32 + low) / iface.unitsPerSecond, data: new Uint8Array(view.buffer, view.byteOffset + body + 20, captured)});
      }
    } else if (type === 3) {
      const iface = interfaces[0];
      const captured = Math.min(view.getUint32(body, little), length - 16);
      if (iface) out.push({linkType: iface.linkType, time: 0, data: new Uint8Array(view.buffer, view.byteOffset + body + 4, captured)});
    }
    at += length;
  }
  return false;
}

/** The interface's if_tsresol option (pcapng §4.2): 10^-n or 2^-n seconds; microseconds when absent. */
function tsResolution(view: DataView, from: number, end: number, little: boolean): number {
  let at = from;
  while (at + 4 <= end) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    if (code === 0) break;
    if (code === 9 && length >= 1) {
      const value = view.getUint8(at + 4);
      return value & 0x80 ? 2 ** (value & 0x7f) : 10 ** value;
    }
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return 1e6;
}

/** The IP packet inside a link-layer frame, or why there is none. */
function ipOf(p: RawPacket): Uint8Array | string {
  const d = p.data;
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const after = (offset: number, etherType: number): Uint8Array | string =>
    etherType === ETHERTYPE.IPV4 || etherType === ETHERTYPE.IPV6 ? d.subarray(offset) : `not IP (EtherType 0x${etherType.toString(16).padStart(4, '0')})`;
  switch (p.linkType) {
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return d;
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return d.length < 4 ? 'a loopback header cut short' : d.subarray(4);
    case LINKTYPE.ETHERNET: {
      if (d.length < 14) return 'an Ethernet header cut short';
      let offset = 12;
      let etherType = view.getUint16(offset);
      while ((etherType === ETHERTYPE.VLAN || etherType === ETHERTYPE.QINQ) && offset + 6 <= d.length) {
        offset += 4;
        etherType = view.getUint16(offset);
      }
      return after(offset + 2, etherType);
    }
    case LINKTYPE.LINUX_SLL:
      return d.length < 16 ? 'a Linux cooked header cut short' : after(16, view.getUint16(14));
    case LINKTYPE.LINUX_SLL2:
      return d.length < 20 ? 'a Linux cooked v2 header cut short' : after(20, view.getUint16(0));
    default:
      return `link type ${p.linkType} is not one hs-tutor reads`;
  }
}

const TCP_FLAGS: [number, string][] = [
  [0x01, 'FIN'],
  [0x02, 'SYN'],
  [0x04, 'RST'],
  [0x08, 'PSH'],
  [0x10, 'ACK'],
  [0x20, 'URG'],
  [0x40, 'ECE'],
  [0x80, 'CWR'],
];

function decode(p: RawPacket, packet: number, timeMs: number): CapturedSegment | CapturedDatagram | CaptureSkip {
  const ip = ipOf(p);
  if (typeof ip === 'string') return {packet, why: ip};
  if (ip.length < 1) return {packet, why: 'an empty IP packet'};
  const view = new DataView(ip.buffer, ip.byteOffset, ip.byteLength);
  const version = ip[0]! >> 4;
  let protocol: number;
  let src: string;
  let dst: string;
  let payload: Uint8Array;
  let packetBytes: Uint8Array;
  if (version === 4) {
    if (ip.length < 20) return {packet, why: 'an IPv4 header cut short'};
    const headerLength = (ip[0]! & 0x0f) * 4;
    const total = view.getUint16(2);
    if ((view.getUint16(6) & 0x1fff) !== 0) return {packet, why: 'an IPv4 fragment (not reassembled)'};
    protocol = ip[9]!;
    src = [...ip.subarray(12, 16)].join('.');
    dst = [...ip.subarray(16, 20)].join('.');
    packetBytes = ip.subarray(0, Math.min(ip.length, total || ip.length));
    payload = packetBytes.subarray(headerLength);
  } else if (version === 6) {
    if (ip.length < 40) return {packet, why: 'an IPv6 header cut short'};
    protocol = ip[6]!;
    src = ipv6(ip.subarray(8, 24));
    dst = ipv6(ip.subarray(24, 40));
    packetBytes = ip.subarray(0, Math.min(ip.length, 40 + view.getUint16(4)));
    payload = packetBytes.subarray(40);
  } else {
    return {packet, why: `IP version ${version} is not IPv4 or IPv6`};
  }
  if (protocol === PROTOCOL_NUMBER.UDP) {
    if (payload.length < 8) return {packet, why: 'a UDP header cut short'};
    const udp = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    return {packet, timeMs, src, dst, srcPort: udp.getUint16(0), dstPort: udp.getUint16(2), data: payload.subarray(8, Math.min(payload.length, udp.getUint16(4)))};
  }
  if (protocol !== PROTOCOL_NUMBER.TCP) return {packet, why: `IP protocol ${protocol}, not TCP or UDP`};
  if (payload.length < 20) return {packet, why: 'a TCP header cut short'};
  const tcp = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const dataOffset = (payload[12]! >> 4) * 4;
  if (dataOffset < 20 || dataOffset > payload.length) return {packet, why: 'a TCP header with a bad data offset'};
  const flagBits = payload[13]!;
  const flags = TCP_FLAGS.filter(([bit]) => flagBits & bit).map(([, name]) => name);
  const data = payload.subarray(dataOffset);
  return {
    packet,
    timeMs,
    src,
    dst,
    srcPort: tcp.getUint16(0),
    dstPort: tcp.getUint16(2),
    seq: tcp.getUint32(4),
    ack: flags.includes('ACK') ? tcp.getUint32(8) : null,
    flags,
    window: tcp.getUint16(14),
    len: data.length,
    tls: tlsRecords(data),
    ip: packetBytes,
    data,
  };
}

function ipv6(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The longest run of two or more zero groups becomes "::" (RFC 5952 §4.2), the first of equals.
  let best = {at: -1, length: 0};
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = {at: i, length: j - i};
    i = j;
  }
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

const CONTENT = names(CONTENT_TYPE);
const HANDSHAKE = names(HANDSHAKE_TYPE);

/**
 * The TLS records that start at the beginning of a segment's payload, one after another while
 * their headers look right (content type 20–23, version 3.x); a payload in the middle of a
 * record (a long Certificate) shows none. Handshake messages are named from their type byte
 * while in the clear; once a record is encrypted its first byte means nothing.
 */
function tlsRecords(data: Uint8Array): CapturedSegment['tls'] {
  const records: CapturedSegment['tls'] = [];
  let at = 0;
  let clear = true;
  while (at + 5 <= data.length) {
    const type = data[at]!;
    const name = CONTENT[type];
    if (name === undefined || data[at + 1] !== 3) break;
    const length = (data[at + 3]! << 8) | data[at + 4]!;
    const messages: string[] = [];
    if (type === CONTENT_TYPE.change_cipher_spec) clear = false;
    if (type === CONTENT_TYPE.handshake && clear) {
      let m = at + 5;
      while (m + 4 <= Math.min(data.length, at + 5 + length)) {
        messages.push(HANDSHAKE[data[m]!] ?? `handshake type ${data[m]}`);
        m += 4 + ((data[m + 1]! << 16) | (data[m + 2]! << 8) | data[m + 3]!);
      }
    }
    records.push({contentType: name, messages});
    at += 5 + length;
  }
  return records;
}
