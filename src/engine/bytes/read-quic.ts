// QUIC in a capture: UDP datagrams grouped by their addresses and ports into connections, each
// datagram's coalesced packets read from their headers (RFC 9000 §17), and the Initial packets
// opened: their keys come from the client's Destination Connection ID alone (RFC 9001 §5.2), so
// anyone on the path can read them, and their CRYPTO frames carry the ClientHello and ServerHello
// in the clear. Handshake, 0-RTT and 1-RTT packets need keys a capture does not have: they are
// listed by type and size.
import {HANDSHAKE_TYPE, names, QUIC_LONG_TYPE, quicFrameName} from './code-points.js';
import {initialKeys, QUIC_VERSION_1, unprotectPacket} from './quic.js';
import {readVarint, toHex} from './writer.js';

const LONG_TYPE = names(QUIC_LONG_TYPE);
const HANDSHAKE = names(HANDSHAKE_TYPE);

/** Where and when a captured packet was seen: its place in the file, its time and its two ends. */
export interface CapturedEnds {
  /** 0-based position of the packet in the file. */
  packet: number;
  /** Milliseconds since the first packet of the file. */
  timeMs: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
}

export interface CapturedDatagram extends CapturedEnds {
  /** The UDP payload. */
  data: Uint8Array;
}

export interface QuicPacketSeen {
  type: 'initial' | '0rtt' | 'handshake' | 'retry' | '1rtt';
  /** Bytes of this packet in the datagram. */
  length: number;
  dcid: string;
  /** Long headers only. */
  scid?: string;
  /** Initial packets, opened: the packet number, its frames, and the TLS messages its CRYPTO frames complete. */
  pn?: number;
  frames?: string[];
  messages?: string[];
}

export interface QuicDatagramSeen {
  packet: number;
  timeMs: number;
  from: 'client' | 'server';
  length: number;
  packets: QuicPacketSeen[];
}

export interface QuicConnectionSeen {
  client: string;
  server: string;
  datagrams: QuicDatagramSeen[];
}

const endpoint = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** Whether a UDP payload starts with a QUIC version 1 long header (RFC 9000 §17.2): how a connection is recognised. */
export function isQuicLongHeader(data: Uint8Array): boolean {
  return data.length >= 7 && (data[0]! & 0xc0) === 0xc0 && ((data[1]! << 24) | (data[2]! << 16) | (data[3]! << 8) | data[4]!) >>> 0 === QUIC_VERSION_1;
}

/** One side's CRYPTO stream in the Initial space, and where the handshake messages in it end. */
class CryptoStream {
  private bytes = new Uint8Array(0);
  private filled = 0;
  private named = 0;

  /** Adds a CRYPTO frame's data; returns the messages it completed. */
  add(offset: number, data: Uint8Array): string[] {
    if (offset + data.length > this.bytes.length) {
      const grown = new Uint8Array(offset + data.length);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(data, offset);
    if (offset <= this.filled) this.filled = Math.max(this.filled, offset + data.length);
    const done: string[] = [];
    while (this.named + 4 <= this.filled) {
      const length = (this.bytes[this.named + 1]! << 16) | (this.bytes[this.named + 2]! << 8) | this.bytes[this.named + 3]!;
      if (this.named + 4 + length > this.filled) break;
      done.push(HANDSHAKE[this.bytes[this.named]!] ?? `handshake type ${this.bytes[this.named]}`);
      this.named += 4 + length;
    }
    return done;
  }
}

/** The frames of an opened Initial packet (RFC 9000 §19; an Initial carries only these kinds, §17.2.2). */
function framesOf(payload: Uint8Array, crypto: CryptoStream): {frames: string[]; messages: string[]} {
  const frames: string[] = [];
  const messages: string[] = [];
  let at = 0;
  const varint = () => {
    const v = readVarint(payload, at);
    at += v.size;
    return v.value;
  };
  while (at < payload.length) {
    const type = varint();
    const name = quicFrameName(type) ?? `frame type 0x${type.toString(16)}`;
    if (frames[frames.length - 1] !== name) frames.push(name);
    if (type === 0x00 || type === 0x01) continue; // PADDING, PING
    if (type === 0x02 || type === 0x03) {
      varint(); // largest acknowledged
      varint(); // delay
      const ranges = varint();
      varint(); // first range
      for (let i = 0; i < ranges; i++) (varint(), varint());
      if (type === 0x03) (varint(), varint(), varint());
      continue;
    }
    if (type === 0x06) {
      const offset = varint();
      const length = varint();
      messages.push(...crypto.add(offset, payload.subarray(at, at + length)));
      at += length;
      continue;
    }
    if (type === 0x1c || type === 0x1d) {
      varint(); // error code
      if (type === 0x1c) varint(); // frame type
      at += varint(); // reason
      continue;
    }
    break; // not a frame an Initial carries: the rest is not read
  }
  return {frames, messages};
}

/** Groups datagrams into QUIC connections (the client is the side that sent the first long-header packet). */
export function quicConnectionsOf(datagrams: readonly CapturedDatagram[]): QuicConnectionSeen[] {
  const connections = new Map<string, {seen: QuicConnectionSeen; crypto: Record<'client' | 'server', CryptoStream>; dcid: Uint8Array | null}>();
  for (const d of datagrams) {
    const a = endpoint(d.src, d.srcPort);
    const b = endpoint(d.dst, d.dstPort);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = connections.get(key);
    if (!c) {
      c = {seen: {client: a, server: b, datagrams: []}, crypto: {client: new CryptoStream(), server: new CryptoStream()}, dcid: null};
      connections.set(key, c);
    }
    const from = a === c.seen.client ? 'client' : 'server';
    c.seen.datagrams.push({packet: d.packet, timeMs: d.timeMs, from, length: d.data.length, packets: readPackets(d.data, from, c)});
  }
  return [...connections.values()].map((c) => c.seen);
}

function readPackets(data: Uint8Array, from: 'client' | 'server', c: {crypto: Record<'client' | 'server', CryptoStream>; dcid: Uint8Array | null}): QuicPacketSeen[] {
  const packets: QuicPacketSeen[] = [];
  for (let at = 0; at < data.length; ) {
    const first = data[at]!;
    if ((first & 0x80) === 0) {
      // A short header runs to the datagram's end; its connection ID's length is not on the wire.
      packets.push({type: '1rtt', length: data.length - at, dcid: ''});
      break;
    }
    if (!isQuicLongHeader(data.subarray(at))) break;
    let p = at + 5;
    const dcid = data.subarray(p + 1, p + 1 + data[p]!);
    p += 1 + dcid.length;
    const scid = data.subarray(p + 1, p + 1 + data[p]!);
    p += 1 + scid.length;
    const type = LONG_TYPE[(first >> 4) & 0x03] as QuicPacketSeen['type'];
    if (type === 'retry') {
      packets.push({type, length: data.length - at, dcid: toHex(dcid), scid: toHex(scid)});
      // The client starts over with new Initial keys and sends its ClientHello again (RFC 9000 §17.2.5.2).
      c.crypto.client = new CryptoStream();
      break;
    }
    if (type === 'initial') {
      const token = readVarint(data, p);
      p += token.size + token.value;
    }
    const length = readVarint(data, p);
    p += length.size;
    const end = Math.min(data.length, p + length.value);
    const seen: QuicPacketSeen = {type, length: end - at, dcid: toHex(dcid), scid: toHex(scid)};
    if (type === 'initial') {
      // The client's Initial keys come from its own DCID; the server's from the client's (§5.2).
      if (from === 'client') c.dcid = Uint8Array.from(dcid);
      if (c.dcid) {
        const opened = unprotectPacket(data.subarray(at, end), p - at, initialKeys(c.dcid, from));
        if (opened.payload) {
          seen.pn = opened.packetNumber;
          Object.assign(seen, framesOf(opened.payload, c.crypto[from]));
        }
      }
    }
    packets.push(seen);
    at = end;
  }
  return packets;
}

