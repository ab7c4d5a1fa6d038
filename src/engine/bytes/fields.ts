// The field map for the byte inspector: every header field and option of a frame, each TLS
// record header, handshake header and main extension, and the QUIC packet headers and frames,
// each with its place in the frame's bytes, a display value and one sentence with the RFC
// section. It reads the bytes back (it does not trust the encoder), using the trace for what one
// frame alone cannot tell: where TLS records start in the TCP stream, and the keys. Protected
// records and packets are opened with the run's own keys, as Wireshark opens them with the key
// log, and what they hide is described on the ciphertext bytes that carry it (AEAD keeps
// positions). Every number's name comes from the code-point table (code-points.ts).

import type {Frame, Trace} from '../types.js';
import {
  CIPHER_SUITE,
  CONTENT_TYPE,
  EXTENSION,
  HANDSHAKE_TYPE,
  HTTP3_FRAME,
  names,
  NAMED_GROUP,
  PROTOCOL_NUMBER,
  QUIC_FRAME,
  QUIC_LONG_TYPE,
  QUIC_PACKET_NAMES,
  SIGNATURE_SCHEME,
  TLS_VERSION,
  quicFrameName,
} from './code-points.js';
import {connectionFrames} from '../connections.js';
import {captureRecordKeys} from './capture-trace.js';
import {traceSession} from './frames.js';
import {initialKeys, packetKeys, unprotectPacket, type PacketKeys} from './quic.js';
import {openRecord12, openRecord13} from './tls-records.js';
import type {KeyEpoch, TlsSession} from './tls-session.js';
import {fromHex, readVarint, u16At, u24At, u32At} from './writer.js';

export type FieldLayer = 'ipv4' | 'tcp' | 'udp' | 'tls' | 'quic';

export interface Field {
  layer: FieldLayer;
  name: string;
  /** Offset in the frame's bytes (the IPv4 packet). */
  offset: number;
  length: number;
  /** What the bytes say, for display. */
  value: string;
  /** One sentence, with the RFC section that defines the field. */
  explanation: string;
}

/** What describeFields needs of the trace: the other frames (for the TCP stream and QUIC keys) and the knobs. */
export type FieldContext = Pick<Trace, 'frames' | 'knobs'>;

/** Every field of `frame`, in byte order (nested fields follow the field that contains them). */
export function describeFields(frame: Frame, whole: FieldContext): Field[] {
  // In a page over several connections, a frame's stream and keys are its own connection's.
  const trace = frame.connection === undefined ? whole : {knobs: whole.knobs, frames: connectionFrames(whole.frames, frame.connection) as Frame[]};
  const bytes = fromHex(frame.bytes);
  const out: Field[] = [];
  if (bytes.length === 0) return out;
  // A simulated run is IPv4 at the documentation addresses; a capture may be either version.
  const captured = captureRecordKeys(trace.frames) !== undefined || frame.id.startsWith('packet-');
  const [protocol, base] = bytes[0]! >> 4 === 6 ? [ipv6Fields(bytes, out), 40] : [ipv4Fields(bytes, out, captured), (bytes[0]! & 0x0f) * 4];
  if (protocol === 6) tcpFields(frame, bytes, trace, out, base);
  else if (protocol === 17) udpFields(frame, bytes, trace, out);
  return out;
}

/** The index of the next (step 1) or previous (step −1) field, staying at the ends. */
export function nextField(fields: readonly Field[], index: number, step: 1 | -1): number {
  if (fields.length === 0) return 0;
  return Math.min(fields.length - 1, Math.max(0, index + step));
}

/** The index of the first field whose bytes include `offset`, or −1. */
export function fieldAt(fields: readonly Field[], offset: number): number {
  return fields.findIndex((f) => offset >= f.offset && offset < f.offset + f.length);
}

// ---------------------------------------------------------------- helpers

const hex = (data: Uint8Array, max = 16): string => {
  const text = Buffer.from(data.subarray(0, max)).toString('hex');
  return data.length > max ? `${text}… (${data.length} bytes)` : text;
};
const dotted = (data: Uint8Array): string => Array.from(data).join('.');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

// ---------------------------------------------------------------- IPv4


function ipv6Fields(b: Uint8Array, out: Field[]): number {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'ipv4', name, offset, length, value, explanation});
  };
  add('Version, traffic class and flow label', 0, 4, `IPv6, flow 0x${(u32At(b, 0) & 0xfffff).toString(16)}`, 'Version 6, the traffic class (DSCP and ECN), and a flow label a sender may set per flow (RFC 8200 §3, RFC 6437).');
  add('Payload length', 4, 2, `${u16At(b, 4)} bytes`, 'What follows the 40-byte fixed header, in bytes (RFC 8200 §3).');
  add('Next header', 6, 1, `${b[6]} (${names(PROTOCOL_NUMBER)[b[6]!] ?? 'other'})`, 'What the payload is: 6 for TCP, 17 for UDP (RFC 8200 §3).');
  add('Hop limit', 7, 1, `${b[7]}`, 'Hops left before a router discards the packet: the TTL of IPv4 (RFC 8200 §3).');
  add('Source address', 8, 16, 'IPv6', "The sender's address (RFC 8200 §3).");
  add('Destination address', 24, 16, 'IPv6', "The receiver's address (RFC 8200 §3).");
  return b[6]!;
}

function ipv4Fields(b: Uint8Array, out: Field[], captured = false): number {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'ipv4', name, offset, length, value, explanation});
  };
  const ihl = (b[0]! & 0x0f) * 4;
  add('Version and header length', 0, 1, `IPv4, ${ihl} bytes`, 'Version 4 in the high nibble, then the header length in 32-bit words: 5 words when there are no options (RFC 791 §3.1).');
  add('DSCP and ECN', 1, 1, `0x${b[1]!.toString(16).padStart(2, '0')}`, b[1] === 0 ? 'Traffic class: the default service, and ECN not in use (RFC 2474 §3, RFC 3168 §5).' : 'Traffic class: the DSCP in the high six bits, ECN in the low two (RFC 2474 §3, RFC 3168 §5).');
  add('Total length', 2, 2, `${u16At(b, 2)} bytes`, 'The whole packet, header and payload, in bytes (RFC 791 §3.1).');
  add('Identification', 4, 2, `0x${u16At(b, 4).toString(16).padStart(4, '0')}`, 'Tells fragments of one packet apart; with Don\'t Fragment set it only has to be unique among packets in flight (RFC 6864 §4).');
  const flags = u16At(b, 6);
  add(
    'Flags and fragment offset',
    6,
    2,
    `${flags & 0x4000 ? "Don't Fragment" : 'may fragment'}, offset ${flags & 0x1fff}`,
    flags & 0x4000 ? "Don't Fragment is set, as stacks do for path MTU discovery, so this packet is never split (RFC 791 §3.1, RFC 1191 §3)." : 'Routers may split this packet into fragments (RFC 791 §3.1).',
  );
  add('Time to live', 8, 1, `${b[8]}`, 'Hops left before a router discards the packet; Linux starts at 64 (RFC 791 §3.1).');
  add('Protocol', 9, 1, `${b[9]} (${names(PROTOCOL_NUMBER)[b[9]!] ?? 'other'})`, 'What the payload is: 6 for TCP, 17 for UDP (RFC 791 §3.1, IANA protocol numbers).');
  add('Header checksum', 10, 2, `0x${u16At(b, 10).toString(16).padStart(4, '0')}`, "The one's-complement checksum of the header only; each router recomputes it as the TTL drops (RFC 791 §3.1, RFC 1071).");
  add('Source address', 12, 4, dotted(b.subarray(12, 16)), captured ? "The sender's address (RFC 791 §3.1)." : 'The sender: 192.0.2.10 is the client, 198.51.100.20 the server, both documentation addresses (RFC 791 §3.1, RFC 5737).');
  add('Destination address', 16, 4, dotted(b.subarray(16, 20)), 'The receiver\'s address (RFC 791 §3.1).');
  return b[9]!;
}

// ---------------------------------------------------------------- TCP

const FLAG_NAMES: [number, string][] = [
  [0x80, 'CWR'],
  [0x40, 'ECE'],
  [0x20, 'URG'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x04, 'RST'],
  [0x02, 'SYN'],
  [0x01, 'FIN'],
];

function tcpFields(frame: Frame, b: Uint8Array, trace: FieldContext, out: Field[], base: number): void {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'tcp', name, offset: base + offset, length, value, explanation});
  };
  const flags = b[base + 13]!;
  const syn = (flags & 0x02) !== 0;
  const ackSet = (flags & 0x10) !== 0;
  const headerLength = (b[base + 12]! >> 4) * 4;
  const serverPort = u16At(b, base + (frame.from === 'client' ? 2 : 0));
  const listens =
    serverPort === 80
      ? 'Port 80, where the server listens for plain HTTP (RFC 9110 §4.2.1)'
      : serverPort === 443
        ? 'Port 443, where the server listens for HTTPS (RFC 9110 §4.2.2)'
        : `Port ${serverPort}, where this server listens`;
  add('Source port', 0, 2, `${u16At(b, base)}`, frame.from === 'client' ? 'The client\'s ephemeral port, picked from 49152–65535 for this connection (RFC 9293 §3.1, RFC 6335 §6).' : `${listens}; with the addresses and the client's port it names the connection (RFC 9293 §3.1).`);
  add('Destination port', 2, 2, `${u16At(b, base + 2)}`, 'With the addresses and the source port it names the connection: the 4-tuple (RFC 9293 §3.1).');
  const seq = u32At(b, base + 4);
  add(
    'Sequence number',
    4,
    4,
    `${seq}`,
    frame.synCookie
      ? `A SYN cookie in RFC 4987 Appendix A's layout (not Linux's, which mixes the same inputs differently): counter ${frame.synCookie.counter} in the top 5 bits, MSS index ${frame.synCookie.mssIndex} (= ${frame.synCookie.mss}) in the next 3, a 24-bit keyed hash of addresses, ports and counter below; the ACK returns it + 1 (RFC 4987 §3.6, Appendix A).`
      : syn
        ? 'On a SYN this is the initial sequence number (ISN); the SYN itself takes one number, so data starts at ISN + 1 (RFC 9293 §3.4.1).'
        : 'The number of this segment\'s first data byte; a pure ACK carries the next number without using it (RFC 9293 §3.4).',
  );
  add(
    'Acknowledgment number',
    8,
    4,
    ackSet ? `${u32At(b, base + 8)}` : '0 (not used)',
    ackSet ? 'The next sequence number expected from the peer: everything before it has arrived (RFC 9293 §3.4).' : 'Meaningless while the ACK flag is off, as on an opening SYN (RFC 9293 §3.1).',
  );
  add('Data offset', 12, 1, `${headerLength / 4} words = ${headerLength} bytes`, 'Header length in 32-bit words, options included: 5 to 15 words, so at most 40 bytes of options (RFC 9293 §3.1).');
  const names = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
  add('Flags', 13, 1, `${names.join(', ') || 'none'} (0x${flags.toString(16).padStart(2, '0')})`, 'Control bits: SYN opens, FIN closes, RST aborts, ACK says the acknowledgment number is valid, PSH asks to deliver at once (RFC 9293 §3.1).');
  const window = u16At(b, base + 14);
  const scale = windowScale(frame, trace);
  add(
    'Window',
    14,
    2,
    syn ? `${window} bytes` : `${window} (× ${2 ** scale} = ${window * 2 ** scale} bytes)`,
    syn
      ? 'Receive window: never scaled in a SYN or SYN-ACK (RFC 7323 §2.2).'
      : `Receive window, shifted left by the window scale this side announced in its SYN (${scale} here: × ${2 ** scale}) (RFC 7323 §2.2).`,
  );
  add('Checksum', 16, 2, `0x${u16At(b, base + 16).toString(16).padStart(4, '0')}`, "One's-complement checksum over a pseudo-header (addresses, protocol, length), the header and the data (RFC 9293 §3.1).");
  add('Urgent pointer', 18, 2, `${u16At(b, base + 18)}`, flags & 0x20 ? 'Where urgent data ends, with the URG flag set (RFC 9293 §3.1, §3.8.5).' : 'Only meaningful with the URG flag, which is not set (RFC 9293 §3.1, §3.8.5).');
  tcpOptions(b, base + 20, base + headerLength, syn, out);
  const payloadStart = base + headerLength;
  if (payloadStart >= b.length || !frame.tcp) return;
  if (trace.knobs.tls === 'none') {
    const text = Buffer.from(b.subarray(payloadStart)).toString('latin1');
    const first = text.split('\r\n')[0] ?? '';
    out.push({
      layer: 'tcp',
      name: frame.app === 'response' ? 'HTTP response' : frame.app === 'request' ? 'HTTP request' : 'Data',
      offset: payloadStart,
      length: b.length - payloadStart,
      value: first,
      explanation: 'Plain HTTP/1.1 text with no TLS: anyone on the path can read it (RFC 9112 §2).',
    });
    return;
  }
  tlsInSegment(frame, payloadStart, b.length - payloadStart, trace, out);
}

/** The window scale a side announced in its SYN, used only when both SYNs carried the option (RFC 7323 §2.2–§2.3). */
function windowScale(frame: Frame, trace: FieldContext): number {
  const announced = (side: Frame['from']) => {
    const synFrame = trace.frames.find((f) => f.from === side && f.tcp?.flags.includes('SYN'));
    const ws = synFrame?.tcp?.options.find((o) => o.kind === 3);
    return ws && 'value' in ws ? ws.value : null;
  };
  const own = announced(frame.from);
  return own !== null && announced(frame.to) !== null ? own : 0;
}

function tcpOptions(b: Uint8Array, start: number, end: number, syn: boolean, out: Field[]): void {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'tcp', name, offset, length, value, explanation});
  };
  for (let at = start; at < end; ) {
    const kind = b[at]!;
    if (kind === 0) {
      add('Option: End of option list', at, end - at, 'EOL', 'Marks the end of the options; the rest of the header is padding (RFC 9293 §3.2).');
      return;
    }
    if (kind === 1) {
      add('Option: No-Operation', at, 1, 'NOP', 'One byte of padding that aligns the next option on a 4-byte boundary (RFC 9293 §3.2).');
      at += 1;
      continue;
    }
    const length = Math.max(2, b[at + 1]!);
    switch (kind) {
      case 2:
        add('Option: Maximum segment size', at, length, `${u16At(b, at + 2)} bytes`, 'The largest segment this side can receive; sent only on SYN and SYN-ACK (RFC 9293 §3.7.1).');
        break;
      case 3:
        add('Option: Window scale', at, length, `shift ${b[at + 2]} (× ${2 ** b[at + 2]!})`, 'Later windows are shifted left by this count, so they can exceed 64 KB; in effect only if both SYNs carry it (RFC 7323 §2).');
        break;
      case 4:
        add('Option: SACK permitted', at, length, 'yes', 'This side understands selective acknowledgments (RFC 2018 §2).');
        break;
      case 8:
        add('Option: Timestamps', at, length, `TSval ${u32At(b, at + 2)}, TSecr ${u32At(b, at + 6)}`, 'TSval is the sender\'s clock, TSecr echoes the peer\'s latest; they measure RTT and protect against wrapped sequence numbers (RFC 7323 §3).');
        break;
      case 34: {
        const cookie = b.subarray(at + 2, at + length);
        add(
          'Option: TCP Fast Open',
          at,
          length,
          cookie.length === 0 ? 'cookie request' : `cookie ${hex(cookie)}`,
          cookie.length === 0
            ? 'An empty Fast Open option asks the server for a cookie to use on a later connection (RFC 7413 §4.1.1).'
            : syn && length > 2
              ? 'A Fast Open cookie: a server MAC of the client\'s address that lets data in the SYN reach the application at once (RFC 7413 §4.1.1).'
              : 'A Fast Open option (RFC 7413 §4.1.1).',
        );
        break;
      }
      default:
        add(`Option: kind ${kind}`, at, length, hex(b.subarray(at + 2, at + length)), 'An option this tutor does not send (RFC 9293 §3.2).');
    }
    at += length;
  }
}

// ---------------------------------------------------------------- the TCP stream and TLS records

interface Stream {
  data: Uint8Array;
  /** The same stream with every protected record's content replaced by its plaintext (same positions). */
  plain: Uint8Array;
  /** Stream offset of each of the sender's frames' first payload byte, by frame index. */
  starts: Map<number, number>;
  /** What opening each record gave, by its offset: its real type, content length and keys. */
  opened: Map<number, OpenedRecord>;
}

interface OpenedRecord {
  innerType: number;
  contentLength: number;
  epoch: KeyEpoch;
}

const streams = new WeakMap<readonly Frame[], Map<string, Stream | null>>();

/** One side's whole byte stream, from every frame it sent (retransmissions carry the same bytes), with its records opened. */
function senderStream(side: Frame['from'], trace: FieldContext): Stream | null {
  let perTrace = streams.get(trace.frames);
  if (!perTrace) streams.set(trace.frames, (perTrace = new Map()));
  if (perTrace.has(side)) return perTrace.get(side)!;
  const own = trace.frames.filter((f) => f.from === side && f.tcp);
  const synFrame = own.find((f) => f.tcp!.flags.includes('SYN'));
  let stream: Stream | null = null;
  if (synFrame) {
    const first = (synFrame.tcp!.seq + 1) >>> 0;
    const pieces: {offset: number; data: Uint8Array}[] = [];
    const starts = new Map<number, number>();
    let size = 0;
    for (const f of own) {
      const h = f.tcp!;
      if (h.flags.includes('RST')) continue;
      const offset = (h.seq + (h.flags.includes('SYN') ? 1 : 0) - first) >>> 0;
      starts.set(f.index, offset);
      if (h.len === 0) continue;
      const b = fromHex(f.bytes);
      pieces.push({offset, data: b.subarray(b.length - h.len)});
      size = Math.max(size, offset + h.len);
    }
    const data = new Uint8Array(size);
    for (const p of pieces) data.set(p.data, p.offset);
    stream = {data, plain: Uint8Array.from(data), starts, opened: new Map()};
    if (trace.knobs.tls !== 'none') openRecords(side, stream, trace);
  }
  perTrace.set(side, stream);
  return stream;
}

/**
 * Opens each protected record as its receiver would with the key log: TLS 1.3 with the first of
 * the early, handshake and application keys that fits, each counting its own records (RFC 8446
 * §5.3); TLS 1.2 with the application keys after ChangeCipherSpec (RFC 5246 §6.1).
 */
function openRecords(side: Frame['from'], stream: Stream, trace: FieldContext): void {
  // A capture's keys come from its key log; a run's from its own session.
  const captured = captureRecordKeys(trace.frames);
  const session = captured ? null : traceSession(trace);
  if (!captured && !session) return;
  const keys = (epoch: KeyEpoch) => {
    if (captured) return captured(side, epoch);
    try {
      return session!.recordKeys(side, epoch);
    } catch {
      return null; // this connection never had those keys
    }
  };
  const tls13 = trace.knobs.tls === '1.3';
  const sequence: Record<KeyEpoch, number> = {early: 0, handshake: 0, application: 0};
  let afterCcs = false;
  for (const record of parseRecords(stream.data)) {
    const bytes = stream.data.subarray(record.at, record.end);
    if (record.end > stream.data.length) break;
    if (!tls13) {
      if (record.type === CONTENT_TYPE.change_cipher_spec) afterCcs = true;
      else if (afterCcs) {
        const k = keys('application');
        const content = k && openRecord12(k, bytes, sequence.application++);
        if (content) {
          const explicit = k.suite.fixedIvLength === 4 ? 8 : 0;
          stream.plain.set(content, record.at + 5 + explicit);
          stream.opened.set(record.at, {innerType: record.type, contentLength: content.length, epoch: 'application'});
        }
      }
      continue;
    }
    if (record.type !== CONTENT_TYPE.application_data) continue;
    for (const epoch of ['early', 'handshake', 'application'] as const) {
      const k = keys(epoch);
      const inner = k && openRecord13(k, bytes, sequence[epoch]);
      if (!inner) continue;
      sequence[epoch]++;
      stream.plain.set(inner.content, record.at + 5);
      stream.plain[record.at + 5 + inner.content.length] = inner.type;
      stream.opened.set(record.at, {innerType: inner.type, contentLength: inner.content.length, epoch});
      break;
    }
  }
}

type Emit = (name: string, at: number, length: number, value: string, explanation: string) => void;

const name = (table: Record<string, number>, value: number): string => names(table)[value] ?? `0x${value.toString(16).padStart(4, '0')}`;

function tlsInSegment(frame: Frame, payloadStart: number, payloadLength: number, trace: FieldContext, out: Field[]): void {
  const stream = senderStream(frame.from, trace);
  const start = stream?.starts.get(frame.index);
  if (!stream || start === undefined) return;
  const end = start + payloadLength;
  // Stream offset → frame offset, clipped to this segment.
  const emit: Emit = (fieldName, at, length, value, explanation) => {
    const from = Math.max(at, start);
    const to = Math.min(at + length, end);
    if (to <= from) return;
    const part = from !== at || to !== at + length;
    out.push({layer: 'tls', name: part ? `${fieldName} (part)` : fieldName, offset: payloadStart + from - start, length: to - from, value, explanation});
  };
  const records = parseRecords(stream.data);
  for (const record of records) {
    if (record.end <= start || record.at >= end) continue;
    describeRecord(record, stream, emit, viewOf(record, records, frame, stream, trace), trace.knobs.tls === '1.3');
  }
}

interface RecordSpan {
  at: number;
  end: number;
  type: number;
  version: number;
}

function parseRecords(data: Uint8Array): RecordSpan[] {
  const records: RecordSpan[] = [];
  for (let at = 0; at + 5 <= data.length; ) {
    const length = u16At(data, at + 3);
    records.push({at, end: at + 5 + length, type: data[at]!, version: u16At(data, at + 1)});
    at += 5 + length;
  }
  return records;
}

interface RecordInfo {
  encrypted: boolean;
  /** What it holds, in words, for a protected record. */
  holds: string;
}

/** What the trace says about a record: found in a frame where the record ends (CLI.md lists records there). */
function viewOf(record: RecordSpan, records: RecordSpan[], frame: Frame, stream: Stream, trace: FieldContext): RecordInfo | null {
  for (const f of trace.frames) {
    const fStart = stream.starts.get(f.index);
    if (f.from !== frame.from || !f.tcp || f.tcp.len === 0 || fStart === undefined) continue;
    const fEnd = fStart + f.tcp.len;
    if (record.end <= fStart || record.end > fEnd) continue;
    const ending = records.filter((r) => r.end > fStart && r.end <= fEnd);
    const view = f.tls[ending.indexOf(record)];
    if (!view) return null;
    const inner = view.innerType ?? view.contentType;
    const what = view.messages.length > 0 ? view.messages.join(', ') : inner === 'application_data' ? (f.app ? `the ${f.app}` : 'application data') : inner;
    return {encrypted: view.encrypted, holds: view.keys ? `${what}, under ${view.keys} keys` : what};
  }
  return null;
}

const DECRYPTED = '; encrypted on the wire, shown decrypted with the session keys';
const decrypted = (emit: Emit): Emit => (fieldName, at, length, value, explanation) => emit(fieldName, at, length, value, `${explanation.replace(/\.$/, '')}${DECRYPTED}.`);

function describeRecord(record: RecordSpan, stream: Stream, emit: Emit, info: RecordInfo | null, tls13: boolean): void {
  const {at, end, type} = record;
  const data = stream.data;
  const typeName = name(CONTENT_TYPE, type);
  const encrypted = info?.encrypted ?? type === CONTENT_TYPE.application_data;
  emit('Record content type', at, 1, `${type} (${typeName})`, tls13 && type === CONTENT_TYPE.application_data
    ? 'Every protected TLS 1.3 record says application_data (23) outside; the real type is inside the encryption (RFC 8446 §5.2).'
    : 'What the record carries: 20 ChangeCipherSpec, 21 alert, 22 handshake, 23 application data (RFC 8446 §5.1, RFC 5246 §6.2.1).');
  emit('Record version', at + 1, 2, `0x${record.version.toString(16).padStart(4, '0')} (${names(TLS_VERSION)[record.version] ?? '?'})`, record.version === TLS_VERSION['TLS 1.0']
    ? 'The first ClientHello\'s record says TLS 1.0 so old middleboxes let it through; the real version is negotiated inside (RFC 8446 §5.1).'
    : 'legacy_record_version: 0x0303 (TLS 1.2) on the wire, in TLS 1.3 too (RFC 8446 §5.1, RFC 5246 §6.2.1).');
  emit('Record length', at + 3, 2, plural(end - at - 5, 'byte'), 'Bytes of record payload that follow; at most 2^14 plus the encryption overhead (RFC 8446 §5.1–§5.2).');
  const body = at + 5;
  if (type === CONTENT_TYPE.change_cipher_spec) {
    emit('ChangeCipherSpec', body, 1, '1', 'One byte, 1: in TLS 1.2 the switch to the new keys; in TLS 1.3 a dummy for middlebox compatibility (RFC 5246 §7.1, RFC 8446 Appendix D.4).');
    return;
  }
  if (type === CONTENT_TYPE.handshake && !encrypted) {
    describeMessages(data, body, end, emit);
    return;
  }
  const opened = stream.opened.get(at);
  const holds = info ? `it holds ${info.holds}` : 'only the peers can read it';
  if (!tls13) {
    emit('Explicit nonce', body, 8, hex(data.subarray(body, body + 8)), 'AES-GCM in TLS 1.2 sends 8 bytes of its nonce with each record, here the record sequence number (RFC 5288 §3).');
    emit('Encrypted payload and tag', body + 8, end - body - 8, info?.holds ?? typeName, `Encrypted with the session keys (AES-128-GCM, the last 16 bytes are its tag); ${holds} (RFC 5246 §6.2.3.3).`);
    if (opened) {
      describeContent(opened.innerType, stream.plain, body + 8, body + 8 + opened.contentLength, decrypted(emit));
      emit('Authentication tag', end - 16, 16, hex(data.subarray(end - 16, end)), 'The AEAD tag over the record and its sequence number: any change makes decryption fail (RFC 5246 §6.2.3.3, RFC 5116 §2).');
    }
    return;
  }
  emit('Encrypted record', body, end - body, info?.holds ?? 'application data', `AEAD ciphertext of the content and its real type, then a 16-byte tag; ${holds} (RFC 8446 §5.2).`);
  if (!opened) return;
  const contentEnd = body + opened.contentLength;
  describeContent(opened.innerType, stream.plain, body, contentEnd, decrypted(emit));
  emit('Inner content type', contentEnd, 1, `${opened.innerType} (${name(CONTENT_TYPE, opened.innerType)})`, `The record's real content type, sealed inside with it, under the ${opened.epoch} traffic keys (RFC 8446 §5.2, §7.3); encrypted on the wire, shown decrypted.`);
  emit('Authentication tag', end - 16, 16, hex(data.subarray(end - 16, end)), 'The AEAD tag over the record header and content: any change makes decryption fail (RFC 8446 §5.2).');
}

/** What a record's (decrypted) content holds: handshake messages, an alert, or application data. */
function describeContent(type: number, plain: Uint8Array, at: number, end: number, emit: Emit): void {
  if (type === CONTENT_TYPE.handshake) return describeMessages(plain, at, end, emit);
  if (type === CONTENT_TYPE.alert) {
    emit('Alert', at, end - at, plain[at + 1] === 0 ? 'close_notify' : `level ${plain[at]}, description ${plain[at + 1]}`, 'close_notify: this side will send no more data (RFC 8446 §6.1, RFC 5246 §7.2.1).');
    return;
  }
  const firstLine = Buffer.from(plain.subarray(at, end)).toString('latin1').split('\r\n')[0] ?? '';
  const http = /^(GET|HTTP\/)/.test(firstLine);
  emit(http ? (firstLine.startsWith('GET') ? 'HTTP request' : 'HTTP response') : 'Application data', at, end - at, http ? firstLine : `${end - at} bytes`, http ? 'The application\'s HTTP/1.1 message (RFC 9112 §2).' : 'The application\'s bytes (RFC 8446 §5.1).');
}

function describeMessages(d: Uint8Array, at: number, end: number, emit: Emit): void {
  for (let m = at; m + 4 <= end; ) {
    const length = u24At(d, m + 1);
    describeHandshake(d, m, emit);
    m += 4 + length;
  }
}

// ---------------------------------------------------------------- handshake messages

const HRR_RANDOM_HEX = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

const list16 = (data: Uint8Array, at: number, end: number, table: Record<string, number>): string => {
  const items: string[] = [];
  for (let i = at; i + 1 < end; i += 2) items.push(name(table, u16At(data, i)));
  return items.join(', ');
};

function describeHandshake(d: Uint8Array, at: number, emit: Emit): void {
  const type = d[at]!;
  const length = u24At(d, at + 1);
  const body = at + 4;
  const end = body + length;
  const T = HANDSHAKE_TYPE;
  const hrr = type === T.ServerHello && Buffer.from(d.subarray(body + 2, body + 34)).toString('hex') === HRR_RANDOM_HEX;
  const messageName = hrr ? 'HelloRetryRequest' : (names(HANDSHAKE_TYPE)[type] ?? `type ${type}`);
  emit('Handshake type', at, 1, `${type} (${messageName})`, hrr
    ? 'A HelloRetryRequest travels as a ServerHello (type 2); its fixed Random tells them apart (RFC 8446 §4.1.3–§4.1.4).'
    : 'Which handshake message follows (RFC 8446 §4, RFC 5246 §7.4).');
  emit('Handshake length', at + 1, 3, `${length} bytes`, 'Length of the message body; a message may span several records or segments (RFC 8446 §4).');
  if (type === T.ClientHello || type === T.ServerHello) return helloFields(d, body, end, type === T.ClientHello ? 'client' : hrr ? 'hrr' : 'server', emit);
  switch (type) {
    case T.Certificate:
      return certificateFields(d, body, end, emit);
    case T.ServerKeyExchange:
      emit('Curve', body, 3, `named_curve ${name(NAMED_GROUP, u16At(d, body + 1))}`, 'The ECDHE group the server picked (RFC 8422 §5.4).');
      emit('Server public key', body + 3, 1 + d[body + 3]!, hex(d.subarray(body + 4, body + 4 + d[body + 3]!)), "The server's ephemeral ECDHE public key (RFC 8422 §5.4).");
      {
        const s = body + 4 + d[body + 3]!;
        emit('Signature algorithm', s, 2, name(SIGNATURE_SCHEME, u16At(d, s)), 'How the parameters are signed (RFC 5246 §7.4.1.4.1).');
        emit('Signature', s + 2, end - s - 2, `${end - s - 4} bytes`, "The server's signature over both randoms and the ECDHE parameters, made with its certificate's key (RFC 8422 §5.4).");
      }
      return;
    case T.ClientKeyExchange:
      // RSA key transport has a two-byte length before the encrypted premaster secret; ECDHE a one-byte one before the point.
      if (length > 2 && u16At(d, body) === length - 2) {
        emit(
          'Encrypted premaster secret',
          body,
          length,
          `${length - 2} bytes`,
          "The client's 48-byte premaster secret (its version, then 46 random bytes), encrypted to the RSA key in the server's certificate (PKCS #1 v1.5). Anyone who later gets that private key can decrypt it from a recording, and with it the whole session: RSA key transport has no forward secrecy (RFC 5246 §7.4.7.1).",
        );
        return;
      }
      emit('Client public key', body, length, hex(d.subarray(body + 1, end)), "The client's ephemeral ECDHE public key; with the server's it gives the premaster secret (RFC 8422 §5.7).");
      return;
    case T.ServerHelloDone:
    case T.EndOfEarlyData:
      return;
    case T.EncryptedExtensions:
      return extensionFields(d, body, end, 'server', emit);
    case T.CertificateRequest:
      emit('CertificateRequest body', body, length, `${length} bytes`, 'Certificate types, signature algorithms and authorities the server will accept from the client (RFC 5246 §7.4.4, RFC 8446 §4.3.2).');
      return;
    case T.CertificateVerify:
      emit('Signature algorithm', body, 2, name(SIGNATURE_SCHEME, u16At(d, body)), 'The scheme of the signature that follows (RFC 8446 §4.4.3).');
      emit('Signature', body + 2, length - 2, `${length - 4} bytes`, 'A signature over the handshake so far, proving the sender holds its certificate\'s private key (RFC 8446 §4.4.3, RFC 5246 §7.4.8).');
      return;
    case T.Finished:
      emit('Verify data', body, length, hex(d.subarray(body, end)), length === 12
        ? 'PRF(master_secret, finished_label, Hash(handshake messages)): proof that both sides saw the same handshake (RFC 5246 §7.4.9).'
        : 'HMAC over the transcript with the sender\'s finished key: proof that both sides saw the same handshake (RFC 8446 §4.4.4).');
      return;
    case T.NewSessionTicket:
      emit('Ticket lifetime', body, 4, `${u32At(d, body)} s`, 'How long the client may keep the ticket (RFC 5077 §3.3, RFC 8446 §4.6.1).');
      emit('Ticket', body + 4, length - 4, `${length - 4} bytes`, 'The ticket itself: the server\'s encrypted session state, opaque to the client, presented to resume (RFC 5077 §3.3, RFC 8446 §4.6.1).');
      return;
    default:
      if (length > 0) emit('Message body', body, length, `${length} bytes`, 'The body of the message (RFC 8446 §4).');
  }
}

function certificateFields(d: Uint8Array, body: number, end: number, emit: Emit): void {
  // TLS 1.2 has no request context; TLS 1.3 starts with one (empty from a server).
  let at = body;
  const listLength = u24At(d, at);
  const tls12 = at + 3 + listLength === end;
  if (!tls12) {
    emit('Certificate request context', at, 1, 'empty', 'Empty in a server Certificate; echoes the CertificateRequest\'s context in a client one (RFC 8446 §4.4.2).');
    at += 1;
  }
  emit('Certificate list length', at, 3, `${u24At(d, at)} bytes`, 'The chain that follows, the sender\'s own certificate first (RFC 8446 §4.4.2, RFC 5246 §7.4.2).');
  at += 3;
  for (let n = 1; at < end; n++) {
    const length = u24At(d, at);
    const entry = 3 + length + (tls12 ? 0 : 2);
    emit(`Certificate ${n}`, at, entry, `${length} bytes of DER${n === 1 ? ', the sender\'s own' : ', its issuer'}`, n === 1
      ? 'An X.509 certificate binding the name to a public key, signed by its issuer; this example PKI\'s private keys are public, so it proves nothing (RFC 5280 §4.1).'
      : 'The intermediate CA that signed the certificate before it, so the client can build a path to a root it trusts (RFC 5280 §6).');
    at += entry;
  }
}

type HelloKind = 'client' | 'server' | 'hrr';

function helloFields(d: Uint8Array, body: number, end: number, kind: HelloKind, emit: Emit): void {
  let at = body;
  emit('Legacy version', at, 2, '0x0303 (TLS 1.2)', 'Frozen at TLS 1.2 for compatibility; TLS 1.3 is negotiated in supported_versions (RFC 8446 §4.1.2).');
  at += 2;
  emit('Random', at, 32, hex(d.subarray(at, at + 32)), kind === 'hrr'
    ? 'SHA-256("HelloRetryRequest"), the fixed value that marks this ServerHello as a HelloRetryRequest (RFC 8446 §4.1.3).'
    : '32 random bytes that make every handshake\'s keys unique (RFC 8446 §4.1.2–§4.1.3).');
  at += 32;
  const sid = d[at]!;
  emit('Session ID', at, 1 + sid, sid === 0 ? 'empty' : hex(d.subarray(at + 1, at + 1 + sid)), kind === 'client'
    ? 'legacy_session_id: in TLS 1.3 compatibility mode 32 random bytes, so the handshake looks like TLS 1.2 resumption to middleboxes (RFC 8446 §4.1.2, Appendix D.4).'
    : 'The session id, echoed from the ClientHello in TLS 1.3 (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3).');
  at += 1 + sid;
  if (kind === 'client') {
    const n = u16At(d, at);
    emit('Cipher suites', at, 2 + n, list16(d, at + 2, at + 2 + n, CIPHER_SUITE), 'The cipher suites the client offers, most preferred first (RFC 8446 §4.1.2, §B.4).');
    at += 2 + n;
    emit('Compression methods', at, 1 + d[at]!, 'null', 'Only "null": compression is no longer used (RFC 8446 §4.1.2).');
    at += 1 + d[at]!;
  } else {
    emit('Cipher suite', at, 2, name(CIPHER_SUITE, u16At(d, at)), 'The one suite the server chose from the client\'s list (RFC 8446 §4.1.3).');
    emit('Compression method', at + 2, 1, 'null', 'Always null (RFC 8446 §4.1.3).');
    at += 3;
  }
  extensionFields(d, at, end, kind, emit);
}

function extensionFields(d: Uint8Array, at: number, end: number, kind: HelloKind, emit: Emit): void {
  if (at >= end) return;
  emit('Extensions length', at, 2, `${u16At(d, at)} bytes`, 'The extensions that follow, each a type, a length and data (RFC 8446 §4.2).');
  for (at += 2; at + 4 <= end; ) {
    const type = u16At(d, at);
    const length = u16At(d, at + 2);
    const [extName, value, explanation] = extension(type, d.subarray(at + 4, at + 4 + length), kind);
    emit(`Extension: ${extName}`, at, 4 + length, value, explanation);
    at += 4 + length;
  }
}

function extension(type: number, e: Uint8Array, kind: HelloKind): [string, string, string] {
  const client = kind === 'client';
  const extName = names(EXTENSION)[type];
  switch (extName) {
    case 'server_name':
      return [extName, e.length > 5 ? Buffer.from(e.subarray(5)).toString('latin1') : '(acknowledged)', 'The host name the client wants, so one address can serve many sites (RFC 6066 §3).'];
    case 'supported_groups':
      return [extName, list16(e, 2, e.length, NAMED_GROUP), 'The key-exchange groups the client supports, most preferred first (RFC 8446 §4.2.7).'];
    case 'ec_point_formats':
      return [extName, `${e[0]} formats`, 'Elliptic-curve point encodings understood; uncompressed is the one used (RFC 8422 §5.1.2).'];
    case 'signature_algorithms':
      return [extName, list16(e, 2, e.length, SIGNATURE_SCHEME), 'The signature schemes the client accepts in signatures and certificates (RFC 8446 §4.2.3).'];
    case 'application_layer_protocol_negotiation': {
      const names: string[] = [];
      for (let i = 2; i < e.length; i += 1 + e[i]!) names.push(Buffer.from(e.subarray(i + 1, i + 1 + e[i]!)).toString('latin1'));
      return [extName, names.join(', '), 'The application protocols on offer; the server picks one (RFC 7301 §3.1).'];
    }
    case 'padding':
      return [extName, `${e.length} zero bytes`, 'Zero bytes that bring a ClientHello of 256–511 bytes to 512, past the range some middleboxes mishandle (RFC 7685 §1, §3).'];
    case 'encrypt_then_mac':
      return [extName, 'yes', 'The client can MAC after encrypting for CBC suites; unused with AEAD suites (RFC 7366 §2).'];
    case 'extended_master_secret':
      return [extName, 'yes', client ? 'Bind the master secret to the whole handshake (RFC 7627 §4).' : 'The server agrees: the master secret covers the hash of the whole handshake, not just the randoms (RFC 7627 §5.2).'];
    case 'record_size_limit':
      return [extName, `${u16At(e, 0)} bytes`, 'The largest record this side will accept (RFC 8449 §4).'];
    case 'session_ticket':
      return [extName, e.length === 0 ? (client ? 'empty: please send a ticket' : 'a ticket will follow') : `${e.length}-byte ticket`, e.length === 0 ? 'Asks for (or promises) a session ticket for a later resumption (RFC 5077 §3.2).' : 'The ticket from an earlier connection: the server resumes that session from it (RFC 5077 §3.2).'];
    case 'pre_shared_key':
      return client
        ? [extName, `${u16At(e, 2)}-byte ticket, 1 binder`, 'The ticket from an earlier connection and a binder, an HMAC proving the client holds its key; always the last extension (RFC 8446 §4.2.11).']
        : [extName, `selected identity ${u16At(e, 0)}`, 'The server accepts the ticket: a resumption, with no certificate (RFC 8446 §4.2.11).'];
    case 'early_data':
      return [extName, e.length === 4 ? `max ${u32At(e, 0)} bytes` : 'yes', client ? 'The client sends application data before the handshake ends, under keys from the ticket (RFC 8446 §4.2.10).' : 'The server accepts the early data (RFC 8446 §4.2.10).'];
    case 'supported_versions':
      return [extName, client ? list16(e, 1, e.length, TLS_VERSION) : (names(TLS_VERSION)[u16At(e, 0)] ?? '?'), client ? 'The versions the client speaks; 0x0304 is TLS 1.3: the real version negotiation (RFC 8446 §4.2.1).' : 'The version the server picked: TLS 1.3 (RFC 8446 §4.2.1).'];
    case 'cookie':
      return [extName, `${u16At(e, 0)} bytes`, client ? 'The cookie from the HelloRetryRequest, echoed back (RFC 8446 §4.2.2).' : 'A cookie the client must echo in its next ClientHello, so the server need keep no state (RFC 8446 §4.2.2).'];
    case 'psk_key_exchange_modes':
      return [extName, e[1] === 1 ? 'psk_dhe_ke' : 'psk_ke', 'With a ticket, still run (EC)DHE for forward secrecy (psk_dhe_ke) (RFC 8446 §4.2.9).'];
    case 'key_share':
      if (kind === 'hrr') return [extName, `send ${name(NAMED_GROUP, u16At(e, 0))}`, 'The group the server wants a key share for in the next ClientHello (RFC 8446 §4.2.8).'];
      if (client) return [extName, `${name(NAMED_GROUP, u16At(e, 2))}, ${u16At(e, 4)}-byte key`, "The client's ephemeral public key for the group it guesses the server will pick (RFC 8446 §4.2.8)."];
      return [extName, `${name(NAMED_GROUP, u16At(e, 0))}, ${u16At(e, 2)}-byte key`, "The server's ephemeral public key; with the client's it gives the handshake secret (RFC 8446 §4.2.8)."];
    case 'quic_transport_parameters':
      return [extName, `${e.length} bytes`, "QUIC's connection settings (connection ids, limits, timeouts) ride in the TLS handshake (RFC 9001 §8.2, RFC 9000 §18)."];
    case 'renegotiation_info':
      return [extName, 'empty', 'Secure renegotiation is supported; empty on a first handshake (RFC 5746 §3.2).'];
    default:
      return [extName ?? `type ${type}`, `${e.length} bytes`, 'An extension (RFC 8446 §4.2).'];
  }
}

// ---------------------------------------------------------------- UDP and QUIC

const CID_LENGTH = 8;
type PacketView = NonNullable<Frame['quic']>['packets'][number];

function udpFields(frame: Frame, b: Uint8Array, trace: FieldContext, out: Field[]): void {
  const add = (fieldName: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'udp', name: fieldName, offset: 20 + offset, length, value, explanation});
  };
  add('Source port', 0, 2, `${u16At(b, 20)}`, frame.from === 'client' ? "The client's ephemeral port (RFC 768)." : 'Port 443: QUIC servers listen on the HTTPS port over UDP (RFC 768, RFC 9114 §3.1).');
  add('Destination port', 2, 2, `${u16At(b, 22)}`, 'The receiving port (RFC 768).');
  add('Length', 4, 2, `${u16At(b, 24)} bytes`, 'The UDP header and payload in bytes; the payload is what QUIC\'s anti-amplification limit counts (RFC 768, RFC 9000 §8.1).');
  add('Checksum', 6, 2, `0x${u16At(b, 26).toString(16).padStart(4, '0')}`, "One's-complement checksum over a pseudo-header, the header and the data; optional in IPv4 but always sent here (RFC 768).");
  const views = frame.quic?.packets ?? [];
  const keys = new QuicKeys(trace);
  for (let at = 28, n = 0; at < b.length; n++) {
    const size = quicPacket(frame, b, at, views[n], keys, out);
    if (size <= 0) break;
    at += size;
  }
}

/** The keys a QUIC receiver has: Initial keys from a connection id the client chose (or got from a Retry), the rest from the session. */
class QuicKeys {
  private cids: Uint8Array[] = [];
  private session: TlsSession | null;

  constructor(trace: FieldContext) {
    for (const f of trace.frames) {
      if (f.from !== 'client' || !f.quic) continue;
      const b = fromHex(f.bytes);
      if ((b[28]! & 0x80) === 0) continue;
      const cid = b.subarray(34, 34 + b[33]!);
      if (!this.cids.some((c) => Buffer.from(c).equals(Buffer.from(cid)))) this.cids.push(cid);
    }
    this.session = traceSession(trace);
  }

  openInitial(packet: Uint8Array, pnOffset: number, side: 'client' | 'server'): ReturnType<typeof unprotectPacket> | null {
    for (const cid of this.cids) {
      const opened = unprotectPacket(packet, pnOffset, initialKeys(cid, side));
      if (opened.payload) return opened;
    }
    return null;
  }

  /** Where each handshake message starts in one side's crypto stream of a packet-number space (RFC 9000 §19.6). */
  messageStarts(side: 'client' | 'server', epoch: KeyEpoch | 'initial'): Set<number> {
    const space = (name: string): KeyEpoch | 'initial' =>
      ['ClientHello', 'ServerHello', 'HelloRetryRequest'].includes(name) ? 'initial' : name === 'NewSessionTicket' ? 'application' : 'handshake';
    const starts = new Set<number>();
    let offset = 0;
    for (const m of this.session?.messages() ?? []) {
      if (m.side !== side || space(m.name) !== epoch) continue;
      starts.add(offset);
      offset += m.bytes.length;
    }
    return starts;
  }

  open(packet: Uint8Array, pnOffset: number, side: 'client' | 'server', epoch: KeyEpoch): ReturnType<typeof unprotectPacket> | null {
    if (!this.session) return null;
    let keys: PacketKeys;
    try {
      keys = packetKeys(this.session.trafficSecret(side, epoch), this.session.suite.aead, this.session.suite.hash);
    } catch {
      return null;
    }
    const opened = unprotectPacket(packet, pnOffset, keys);
    return opened.payload ? opened : null;
  }
}

/** Describes one QUIC packet at `at`; returns its size. */
function quicPacket(frame: Frame, b: Uint8Array, at: number, view: PacketView | undefined, keys: QuicKeys, out: Field[]): number {
  const add: Add = (fieldName, offset, length, value, explanation, layer = 'quic') => {
    out.push({layer, name: fieldName, offset, length, value, explanation});
  };
  const first = b[at]!;
  const long = (first & 0x80) !== 0;
  if (!long) {
    const pnOffset = at + 1 + CID_LENGTH;
    add('Short header: first byte', at, 1, `0x${first.toString(16)} (1-RTT)`, 'Header form 0 (short), fixed bit 1, spin bit, then bits hidden by header protection: key phase and packet-number length (RFC 9000 §17.3.1, RFC 9001 §5.4).');
    add('Destination connection ID', at + 1, CID_LENGTH, hex(b.subarray(at + 1, at + 1 + CID_LENGTH)), 'The connection id the receiver chose; a short header has no length for it, the receiver knows it (RFC 9000 §17.3.1).');
    protectedPacket(b, pnOffset, b.length, frame, view, keys.open(b.subarray(at), pnOffset - at, frame.from, 'application'), 'application', keys, add);
    return b.length - at;
  }
  const type = (first >> 4) & 0x03;
  const typeName = QUIC_PACKET_NAMES[names(QUIC_LONG_TYPE)[type]!];
  add(`${typeName} packet: first byte`, at, 1, `0x${first.toString(16)} (long header, ${typeName})`, type === QUIC_LONG_TYPE.retry
    ? 'Header form 1 (long), fixed bit 1, type 3 = Retry; the low 4 bits are unused (RFC 9000 §17.2.5).'
    : 'Header form 1 (long), fixed bit 1, the packet type; the low 4 bits (reserved bits and packet-number length) are hidden by header protection (RFC 9000 §17.2, RFC 9001 §5.4).');
  add('Version', at + 1, 4, `0x${u32At(b, at + 1).toString(16).padStart(8, '0')} (QUIC v1)`, 'QUIC version 1 (RFC 9000 §15, §17.2).');
  let p = at + 5;
  const dcidLength = b[p]!;
  add('Destination connection ID length', p, 1, `${dcidLength}`, 'Long headers give both connection ids with their lengths (RFC 9000 §17.2).');
  add('Destination connection ID', p + 1, dcidLength, hex(b.subarray(p + 1, p + 1 + dcidLength)), frame.from === 'client' && type === QUIC_LONG_TYPE.initial
    ? "Chosen at random by the client for its first Initial; the Initial keys are derived from it (RFC 9000 §7.2, RFC 9001 §5.2)."
    : "The connection id the receiver asked to be addressed by (RFC 9000 §7.2).");
  p += 1 + dcidLength;
  const scidLength = b[p]!;
  add('Source connection ID length', p, 1, `${scidLength}`, 'Length of the sender\'s own connection id (RFC 9000 §17.2).');
  add('Source connection ID', p + 1, scidLength, hex(b.subarray(p + 1, p + 1 + scidLength)), 'The connection id the sender wants the peer to use from now on (RFC 9000 §7.2).');
  p += 1 + scidLength;
  if (type === QUIC_LONG_TYPE.retry) {
    const end = frame.quic?.packets.length === 1 ? b.length : at + (view?.length ?? b.length - at);
    add('Retry token', p, end - 16 - p, `${end - 16 - p} bytes`, 'An opaque token the client must put in its next Initial to prove it can receive at its address (RFC 9000 §8.1.2, §17.2.5).');
    add('Retry integrity tag', end - 16, 16, hex(b.subarray(end - 16, end)), 'AES-128-GCM over the Retry and the original connection id with a key from the RFC, so the client knows the Retry answers its Initial (RFC 9001 §5.8).');
    return end - at;
  }
  if (type === QUIC_LONG_TYPE.initial) {
    const token = readVarint(b, p);
    add('Token length', p, token.size, `${token.value}`, token.value === 0 ? 'No token: this Initial does not answer a Retry (RFC 9000 §17.2.2).' : 'The Retry token follows (RFC 9000 §17.2.2).');
    if (token.value > 0) add('Token', p + token.size, token.value, hex(b.subarray(p + token.size, p + token.size + token.value)), 'The token from the server\'s Retry, echoed to prove the client\'s address (RFC 9000 §8.1.2).');
    p += token.size + token.value;
  }
  const length = readVarint(b, p);
  add('Length', p, length.size, `${length.value} bytes`, 'Packet number, payload and tag in bytes, so several packets can share one datagram (RFC 9000 §17.2, §12.2).');
  p += length.size;
  const end = p + length.value;
  const packet = b.subarray(at, end);
  const epoch: KeyEpoch | 'initial' = type === QUIC_LONG_TYPE.initial ? 'initial' : type === QUIC_LONG_TYPE['0rtt'] ? 'early' : 'handshake';
  const opened = epoch === 'initial' ? keys.openInitial(packet, p - at, frame.from) : keys.open(packet, p - at, frame.from, epoch);
  protectedPacket(b, p, end, frame, view, opened, epoch, keys, add);
  return end - at;
}

type Add = (name: string, offset: number, length: number, value: string, explanation: string, layer?: FieldLayer) => void;

const KEYS_IN_WORDS: Record<KeyEpoch | 'initial', string> = {
  initial: 'the Initial keys, which anyone can derive from the connection id',
  early: '0-RTT keys from the ticket',
  handshake: 'Handshake keys',
  application: '1-RTT keys',
};

/** The packet number and payload of a protected packet, described inside when the keys open it. */
function protectedPacket(b: Uint8Array, pnOffset: number, end: number, frame: Frame, view: PacketView | undefined, opened: ReturnType<typeof unprotectPacket> | null, epoch: KeyEpoch | 'initial', keys: QuicKeys, add: Add): void {
  if (!opened) {
    add('Packet number (protected)', pnOffset, 2, hex(b.subarray(pnOffset, pnOffset + 2)), 'Masked by header protection; the receiver unmasks it with its header key (RFC 9001 §5.4).');
    const inside = view ? `${view.frames.join(', ')}${view.messages.length > 0 ? `: ${view.messages.join(', ')}` : ''}` : 'frames';
    add('Protected payload', pnOffset + 2, end - 16 - pnOffset - 2, inside, `Frames encrypted with ${KEYS_IN_WORDS[epoch]}, so only the peers read them (RFC 9001 §5.3).`);
    add('Authentication tag', end - 16, 16, hex(b.subarray(end - 16, end)), 'The AEAD tag: any change to the header or payload makes decryption fail (RFC 9001 §5.3).');
    return;
  }
  add('Packet number (protected)', pnOffset, opened.pnLength, `${opened.packetNumber}`, `Masked by header protection on the wire; shown here unmasked. ${epoch === 'initial' ? 'Initial packets' : epoch === 'handshake' ? 'Handshake packets' : '0-RTT and 1-RTT packets, which share one space,'} number from 0 in their own packet-number space (RFC 9001 §5.4, RFC 9000 §12.3).`);
  const start = pnOffset + opened.pnLength;
  const inside = view ? `${view.frames.join(', ')}${view.messages.length > 0 ? `: ${view.messages.join(', ')}` : ''}` : 'frames';
  add('Protected payload', start, end - 16 - start, inside, `Frames encrypted with ${KEYS_IN_WORDS[epoch]}; shown decrypted below (RFC 9001 §5.3).`);
  quicFrames(opened.payload!, start, frame, epoch, keys.messageStarts(frame.from, epoch), add);
  add('Authentication tag', end - 16, 16, hex(b.subarray(end - 16, end)), epoch === 'initial'
    ? 'The AEAD tag over the header and payload; Initial keys are public, so it guards against corruption, not eavesdroppers (RFC 9001 §5.2, §5.3).'
    : 'The AEAD tag: any change to the header or payload makes decryption fail (RFC 9001 §5.3).');
}

/** Frames of a decrypted payload, placed on the ciphertext bytes that hide them (AEAD keeps positions). */
function quicFrames(payload: Uint8Array, start: number, frame: Frame, epoch: KeyEpoch | 'initial', starts: ReadonlySet<number>, add: Add): void {
  const F = QUIC_FRAME;
  const body = payload.length; // decrypted payload, tag excluded
  const to = (i: number): number => start + i;
  const note = epoch === 'initial' ? 'encrypted on the wire with the Initial keys, shown decrypted' : 'encrypted on the wire, shown decrypted with the session keys';
  const shown = (explanation: string): string => `${explanation.replace(/\.$/, '')}; ${note}.`;
  const tls: Emit = (fieldName, at, length, value, explanation) => add(fieldName, to(at), length, value, shown(explanation), 'tls');
  for (let i = 0; i < body; ) {
    const type = payload[i]!;
    const frameName = quicFrameName(type);
    if (type === F.PADDING) {
      let j = i;
      while (j < body && payload[j] === 0) j++;
      add('PADDING frames', to(i), j - i, `${j - i} bytes`, shown('Zero bytes that fill the packet; a datagram with an Initial is padded to at least 1200 bytes, which limits amplification (RFC 9000 §14.1, §19.1).'));
      i = j;
    } else if (type === F.ACK || type === F.ACK_ECN) {
      const largest = readVarint(payload, i + 1);
      const delay = readVarint(payload, i + 1 + largest.size);
      const count = readVarint(payload, i + 1 + largest.size + delay.size);
      const range = readVarint(payload, i + 1 + largest.size + delay.size + count.size);
      const size = 1 + largest.size + delay.size + count.size + range.size;
      add('ACK frame', to(i), size, `largest ${largest.value}, range ${range.value}`, shown('Acknowledges the peer\'s packets in this packet-number space up to the largest, and the first range below it (RFC 9000 §19.3).'));
      i += size;
    } else if (type === F.HANDSHAKE_DONE || type === F.PING) {
      add(`${frameName} frame`, to(i), 1, frameName!, shown(type === F.PING ? 'Asks for an acknowledgment (RFC 9000 §19.2).' : 'The server confirms the handshake: the client may drop its Handshake keys (RFC 9000 §19.20, RFC 9001 §4.1.2).'));
      i += 1;
    } else if (type === F.CRYPTO) {
      const offset = readVarint(payload, i + 1);
      const length = readVarint(payload, i + 1 + offset.size);
      const header = 1 + offset.size + length.size;
      add('CRYPTO frame header', to(i), header, `offset ${offset.value}, length ${length.value}`, shown('TLS handshake bytes at this offset of this packet-number space\'s crypto stream; QUIC carries TLS without records (RFC 9000 §19.6, RFC 9001 §4).'));
      const data = payload.subarray(i + header, i + header + length.value);
      // Messages are described where they start, clipped to this frame; a piece that continues one is shown as data.
      if (data.length >= 4 && starts.has(offset.value)) {
        const clipped: Emit = (fieldName, at, len, value, explanation) => {
          if (at >= data.length) return;
          const part = at + len > data.length;
          tls(part ? `${fieldName} (part)` : fieldName, i + header + at, Math.min(len, data.length - at), value, explanation);
        };
        for (let m = 0; m + 4 <= data.length; m += 4 + u24At(data, m + 1)) describeHandshake(data, m, clipped);
      } else if (data.length > 0) {
        add('CRYPTO data', to(i + header), data.length, `${data.length} bytes`, shown('Part of a handshake message that began in an earlier packet or goes on in a later one (RFC 9000 §19.6).'), 'tls');
      }
      i += header + length.value;
    } else if (frameName === 'STREAM') {
      const id = readVarint(payload, i + 1);
      let p = i + 1 + id.size;
      const offset = type & 0x04 ? readVarint(payload, p) : {value: 0, size: 0};
      p += offset.size;
      const length = type & 0x02 ? readVarint(payload, p) : {value: body - p, size: 0};
      p += length.size;
      add('STREAM frame header', to(i), p - i, `stream ${id.value}, offset ${offset.value}, length ${length.value}${type & 0x01 ? ', FIN' : ''}`, shown('Application bytes of one stream, at this offset; FIN marks its end (RFC 9000 §19.8).'));
      const h3 = payload[p];
      add('HTTP/3 frames', to(p), length.value, frame.from === 'client' ? 'the request' : 'the response', shown(`HTTP/3 frames: ${names(HTTP3_FRAME)[h3 ?? -1] ?? 'a frame'} first, its fields QPACK-compressed (RFC 9114 §7, RFC 9204).`));
      i = p + length.value;
    } else {
      add('Frame', to(i), body - i, `type 0x${type.toString(16)}${frameName ? ` (${frameName})` : ''}`, shown('A QUIC frame (RFC 9000 §19).'));
      break;
    }
  }
}
