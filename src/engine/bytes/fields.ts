// The field map for the byte inspector: every header field and option of a frame, each TLS
// record header, handshake header and main extension, and the QUIC packet headers, each with its
// place in the frame's bytes, a display value and one sentence with the RFC section. It reads
// the bytes back (it does not trust the encoder), using the trace for what one frame alone
// cannot tell: where TLS records start in the TCP stream, and the QUIC Initial keys.

import type {Frame, Trace} from '../types.js';
import {initialKeys, unprotectPacket, type PacketKeys} from './quic.js';
import {fromHex, readVarint, u16At, u24At, u32At} from './writer.js';
import {CIPHER_SUITE, CONTENT_TYPE, EXTENSION, HANDSHAKE_TYPE, NAMED_GROUP, names, SIGNATURE_SCHEME, TLS_VERSION} from './code-points.js';

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
export function describeFields(frame: Frame, trace: FieldContext): Field[] {
  const bytes = fromHex(frame.bytes);
  const out: Field[] = [];
  const protocol = ipv4Fields(bytes, out);
  if (protocol === 6) tcpFields(frame, bytes, trace, out);
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

const PROTOCOLS: Record<number, string> = {6: 'TCP', 17: 'UDP'};

function ipv4Fields(b: Uint8Array, out: Field[]): number {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'ipv4', name, offset, length, value, explanation});
  };
  const ihl = (b[0]! & 0x0f) * 4;
  add('Version and header length', 0, 1, `IPv4, ${ihl} bytes`, 'Version 4 in the high nibble, then the header length in 32-bit words: 5 words when there are no options (RFC 791 §3.1).');
  add('DSCP and ECN', 1, 1, `0x${b[1]!.toString(16).padStart(2, '0')}`, 'Traffic class: the default service, and ECN not in use (RFC 2474 §3, RFC 3168 §5).');
  add('Total length', 2, 2, `${u16At(b, 2)} bytes`, 'The whole packet, header and payload, in bytes (RFC 791 §3.1).');
  add('Identification', 4, 2, `0x${u16At(b, 4).toString(16).padStart(4, '0')}`, 'Tells fragments of one packet apart; with Don\'t Fragment set it only has to be unique among packets in flight (RFC 6864 §4).');
  const flags = u16At(b, 6);
  add('Flags and fragment offset', 6, 2, `${flags & 0x4000 ? "Don't Fragment" : 'may fragment'}, offset ${flags & 0x1fff}`, "Don't Fragment is set, as stacks do for path MTU discovery, so this packet is never split (RFC 791 §3.1, RFC 1191 §3).");
  add('Time to live', 8, 1, `${b[8]}`, 'Hops left before a router discards the packet; Linux starts at 64 (RFC 791 §3.1).');
  add('Protocol', 9, 1, `${b[9]} (${PROTOCOLS[b[9]!] ?? 'other'})`, 'What the payload is: 6 for TCP, 17 for UDP (RFC 791 §3.1, IANA protocol numbers).');
  add('Header checksum', 10, 2, `0x${u16At(b, 10).toString(16).padStart(4, '0')}`, "The one's-complement checksum of the header only; each router recomputes it as the TTL drops (RFC 791 §3.1, RFC 1071).");
  add('Source address', 12, 4, dotted(b.subarray(12, 16)), 'The sender: 192.0.2.10 is the client, 198.51.100.20 the server, both documentation addresses (RFC 791 §3.1, RFC 5737).');
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

function tcpFields(frame: Frame, b: Uint8Array, trace: FieldContext, out: Field[]): void {
  const base = 20;
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'tcp', name, offset: base + offset, length, value, explanation});
  };
  const flags = b[base + 13]!;
  const syn = (flags & 0x02) !== 0;
  const ackSet = (flags & 0x10) !== 0;
  const headerLength = (b[base + 12]! >> 4) * 4;
  add('Source port', 0, 2, `${u16At(b, base)}`, frame.from === 'client' ? 'The client\'s ephemeral port, picked from 49152–65535 for this connection (RFC 9293 §3.1, RFC 6335 §6).' : 'Port 443, where the server listens for HTTPS (RFC 9293 §3.1).');
  add('Destination port', 2, 2, `${u16At(b, base + 2)}`, 'With the addresses and the source port it names the connection: the 4-tuple (RFC 9293 §3.1).');
  const seq = u32At(b, base + 4);
  add(
    'Sequence number',
    4,
    4,
    `${seq}`,
    syn
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
  add(
    'Window',
    14,
    2,
    syn ? `${window} bytes` : `${window} (× 128 = ${window * 128} bytes)`,
    syn
      ? 'Receive window: never scaled in a SYN or SYN-ACK (RFC 7323 §2.2).'
      : 'Receive window, shifted left by the window scale agreed in the handshake (7 here: × 128) (RFC 7323 §2.2).',
  );
  add('Checksum', 16, 2, `0x${u16At(b, base + 16).toString(16).padStart(4, '0')}`, "One's-complement checksum over a pseudo-header (addresses, protocol, length), the header and the data (RFC 9293 §3.1).");
  add('Urgent pointer', 18, 2, `${u16At(b, base + 18)}`, 'Only meaningful with the URG flag, which is not set (RFC 9293 §3.1, §3.8.5).');
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
  /** Stream offset of each of the sender's frames' first payload byte, by frame index. */
  starts: Map<number, number>;
}

const streams = new WeakMap<readonly Frame[], Map<string, Stream | null>>();

/** One side's whole byte stream, from every frame it sent (retransmissions carry the same bytes). */
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
    stream = {data, starts};
  }
  perTrace.set(side, stream);
  return stream;
}

type Emit = (name: string, at: number, length: number, value: string, explanation: string) => void;

const CONTENT_TYPE_NAMES: Readonly<Record<number, string>> = names(CONTENT_TYPE);
const VERSION_NAMES: Readonly<Record<number, string>> = names(TLS_VERSION);

function tlsInSegment(frame: Frame, payloadStart: number, payloadLength: number, trace: FieldContext, out: Field[]): void {
  const stream = senderStream(frame.from, trace);
  const start = stream?.starts.get(frame.index);
  if (!stream || start === undefined) return;
  const end = start + payloadLength;
  // Stream offset → frame offset, clipped to this segment.
  const emit: Emit = (name, at, length, value, explanation) => {
    const from = Math.max(at, start);
    const to = Math.min(at + length, end);
    if (to <= from) return;
    const part = from !== at || to !== at + length;
    out.push({layer: 'tls', name: part ? `${name} (part)` : name, offset: payloadStart + from - start, length: to - from, value, explanation});
  };
  const records = parseRecords(stream.data);
  for (const record of records) {
    if (record.end <= start || record.at >= end) continue;
    describeRecord(record, stream.data, emit, viewOf(record, records, frame, stream, trace), trace.knobs.tls === '1.3');
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

function describeRecord(record: RecordSpan, data: Uint8Array, emit: Emit, info: RecordInfo | null, tls13: boolean): void {
  const {at, end, type} = record;
  const typeName = CONTENT_TYPE_NAMES[type] ?? `${type}`;
  const encrypted = info?.encrypted ?? type === CONTENT_TYPE.application_data;
  emit('Record content type', at, 1, `${type} (${typeName})`, tls13 && type === CONTENT_TYPE.application_data
    ? 'Every protected TLS 1.3 record says application_data (23) outside; the real type is inside the encryption (RFC 8446 §5.2).'
    : 'What the record carries: 20 ChangeCipherSpec, 21 alert, 22 handshake, 23 application data (RFC 8446 §5.1, RFC 5246 §6.2.1).');
  emit('Record version', at + 1, 2, `0x${record.version.toString(16).padStart(4, '0')} (${VERSION_NAMES[record.version] ?? '?'})`, record.version === 0x0301
    ? 'The first ClientHello\'s record says TLS 1.0 so old middleboxes let it through; the real version is negotiated inside (RFC 8446 §5.1).'
    : 'legacy_record_version: 0x0303 (TLS 1.2) on the wire, in TLS 1.3 too (RFC 8446 §5.1, RFC 5246 §6.2.1).');
  emit('Record length', at + 3, 2, plural(end - at - 5, 'byte'), 'Bytes of record payload that follow; at most 2^14 plus the encryption overhead (RFC 8446 §5.1–§5.2).');
  const body = at + 5;
  if (type === CONTENT_TYPE.change_cipher_spec) {
    emit('ChangeCipherSpec', body, 1, '1', 'One byte, 1: in TLS 1.2 the switch to the new keys; in TLS 1.3 a dummy for middlebox compatibility (RFC 5246 §7.1, RFC 8446 Appendix D.4).');
    return;
  }
  if (type === CONTENT_TYPE.handshake && !encrypted) {
    for (let m = body; m + 4 <= end; ) {
      const length = u24At(data, m + 1);
      describeHandshake(data, m, emit);
      m += 4 + length;
    }
    return;
  }
  const holds = info ? `it holds ${info.holds}` : 'only the peers can read it';
  if (!tls13) {
    emit('Explicit nonce', body, 8, hex(data.subarray(body, body + 8)), 'AES-GCM in TLS 1.2 sends 8 bytes of its nonce with each record, here the record sequence number (RFC 5288 §3).');
    emit('Encrypted payload and tag', body + 8, end - body - 8, info?.holds ?? typeName, `Encrypted with the session keys (AES-128-GCM, the last 16 bytes are its tag); ${holds} (RFC 5246 §6.2.3.3).`);
    return;
  }
  emit('Encrypted record', body, end - body, info?.holds ?? 'application data', `AEAD ciphertext of the content and its real type, then a 16-byte tag; ${holds} (RFC 8446 §5.2).`);
}

// ---------------------------------------------------------------- handshake messages

const HANDSHAKE_NAMES: Readonly<Record<number, string>> = names(HANDSHAKE_TYPE);

const HRR_RANDOM_HEX = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

const SUITES: Readonly<Record<number, string>> = names(CIPHER_SUITE);

const GROUPS: Readonly<Record<number, string>> = names(NAMED_GROUP);
const SIGNATURES: Readonly<Record<number, string>> = names(SIGNATURE_SCHEME);

const list16 = (data: Uint8Array, at: number, end: number, table: Readonly<Record<number, string>>): string => {
  const items: string[] = [];
  for (let i = at; i + 1 < end; i += 2) items.push(table[u16At(data, i)] ?? `0x${u16At(data, i).toString(16).padStart(4, '0')}`);
  return items.join(', ');
};

function describeHandshake(d: Uint8Array, at: number, emit: Emit): void {
  const type = d[at]!;
  const length = u24At(d, at + 1);
  const body = at + 4;
  const end = body + length;
  const hrr = type === HANDSHAKE_TYPE.ServerHello && Buffer.from(d.subarray(body + 2, body + 34)).toString('hex') === HRR_RANDOM_HEX;
  const name = hrr ? 'HelloRetryRequest' : (HANDSHAKE_NAMES[type] ?? `type ${type}`);
  emit('Handshake type', at, 1, `${type} (${name})`, hrr
    ? 'A HelloRetryRequest travels as a ServerHello (type 2); its fixed Random tells them apart (RFC 8446 §4.1.3–§4.1.4).'
    : 'Which handshake message follows (RFC 8446 §4, RFC 5246 §7.4).');
  emit('Handshake length', at + 1, 3, `${length} bytes`, 'Length of the message body; a message may span several records or segments (RFC 8446 §4).');
  if (type === HANDSHAKE_TYPE.ClientHello || type === HANDSHAKE_TYPE.ServerHello) return helloFields(d, body, end, type === HANDSHAKE_TYPE.ClientHello ? 'client' : hrr ? 'hrr' : 'server', emit);
  switch (type) {
    case HANDSHAKE_TYPE.Certificate:
      return certificateFields(d, body, end, emit);
    case HANDSHAKE_TYPE.ServerKeyExchange:
      emit('Curve', body, 3, `named_curve ${GROUPS[u16At(d, body + 1)] ?? u16At(d, body + 1)}`, 'The ECDHE group the server picked (RFC 8422 §5.4).');
      emit('Server public key', body + 3, 1 + d[body + 3]!, hex(d.subarray(body + 4, body + 4 + d[body + 3]!)), "The server's ephemeral ECDHE public key (RFC 8422 §5.4).");
      {
        const s = body + 4 + d[body + 3]!;
        emit('Signature algorithm', s, 2, SIGNATURES[u16At(d, s)] ?? hex(d.subarray(s, s + 2)), 'How the parameters are signed (RFC 5246 §7.4.1.4.1).');
        emit('Signature', s + 2, end - s - 2, `${end - s - 4} bytes`, "The server's signature over both randoms and the ECDHE parameters, made with its certificate's key (RFC 8422 §5.4).");
      }
      return;
    case HANDSHAKE_TYPE.ClientKeyExchange:
      emit('Client public key', body, length, hex(d.subarray(body + 1, end)), "The client's ephemeral ECDHE public key; with the server's it gives the premaster secret (RFC 8422 §5.7).");
      return;
    case HANDSHAKE_TYPE.ServerHelloDone:
      return;
    case HANDSHAKE_TYPE.CertificateRequest:
      emit('CertificateRequest body', body, length, `${length} bytes`, 'Certificate types, signature algorithms and authorities the server will accept from the client (RFC 5246 §7.4.4, RFC 8446 §4.3.2).');
      return;
    case HANDSHAKE_TYPE.CertificateVerify:
      emit('Signature algorithm', body, 2, SIGNATURES[u16At(d, body)] ?? hex(d.subarray(body, body + 2)), 'The scheme of the signature that follows (RFC 8446 §4.4.3).');
      emit('Signature', body + 2, length - 2, `${length - 4} bytes`, 'A signature over the handshake so far, proving the sender holds its certificate\'s private key (RFC 8446 §4.4.3, RFC 5246 §7.4.8).');
      return;
    case HANDSHAKE_TYPE.NewSessionTicket:
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
      ? 'An X.509 certificate binding the name to a public key; this one is a fixed example whose signature nothing verifies (RFC 5280 §4.1).'
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
    emit('Cipher suites', at, 2 + n, list16(d, at + 2, at + 2 + n, SUITES), 'The cipher suites the client offers, most preferred first (RFC 8446 §4.1.2, §B.4).');
    at += 2 + n;
    emit('Compression methods', at, 1 + d[at]!, 'null', 'Only "null": compression is no longer used (RFC 8446 §4.1.2).');
    at += 1 + d[at]!;
  } else {
    emit('Cipher suite', at, 2, SUITES[u16At(d, at)] ?? hex(d.subarray(at, at + 2)), 'The one suite the server chose from the client\'s list (RFC 8446 §4.1.3).');
    emit('Compression method', at + 2, 1, 'null', 'Always null (RFC 8446 §4.1.3).');
    at += 3;
  }
  if (at >= end) return;
  emit('Extensions length', at, 2, `${u16At(d, at)} bytes`, 'The extensions that follow, each a type, a length and data (RFC 8446 §4.2).');
  for (at += 2; at + 4 <= end; ) {
    const type = u16At(d, at);
    const length = u16At(d, at + 2);
    const [name, value, explanation] = extension(type, d.subarray(at + 4, at + 4 + length), kind);
    emit(`Extension: ${name}`, at, 4 + length, value, explanation);
    at += 4 + length;
  }
}

function extension(type: number, e: Uint8Array, kind: HelloKind): [string, string, string] {
  const client = kind === 'client';
  switch (type) {
    case EXTENSION.server_name:
      return ['server_name', e.length > 5 ? Buffer.from(e.subarray(5)).toString('latin1') : '(acknowledged)', 'The host name the client wants, so one address can serve many sites (RFC 6066 §3).'];
    case EXTENSION.supported_groups:
      return ['supported_groups', list16(e, 2, e.length, GROUPS), 'The key-exchange groups the client supports, most preferred first (RFC 8446 §4.2.7).'];
    case EXTENSION.ec_point_formats:
      return ['ec_point_formats', `${e[0]} formats`, 'Elliptic-curve point encodings understood; uncompressed is the one used (RFC 8422 §5.1.2).'];
    case EXTENSION.signature_algorithms:
      return ['signature_algorithms', list16(e, 2, e.length, SIGNATURES), 'The signature schemes the client accepts in signatures and certificates (RFC 8446 §4.2.3).'];
    case EXTENSION.application_layer_protocol_negotiation: {
      const names: string[] = [];
      for (let i = 2; i < e.length; i += 1 + e[i]!) names.push(Buffer.from(e.subarray(i + 1, i + 1 + e[i]!)).toString('latin1'));
      return ['application_layer_protocol_negotiation', names.join(', '), 'The application protocols on offer; the server picks one (RFC 7301 §3.1).'];
    }
    case EXTENSION.padding:
      return ['padding', `${e.length} zero bytes`, 'Zero bytes that bring the ClientHello to a fixed size, as browsers do (RFC 7685 §3).'];
    case EXTENSION.extended_master_secret:
      return ['extended_master_secret', 'yes', 'Bind the master secret to the whole handshake (RFC 7627 §4).'];
    case EXTENSION.session_ticket:
      return ['session_ticket', e.length === 0 ? (client ? 'empty: please send a ticket' : 'a ticket will follow') : `${e.length}-byte ticket`, e.length === 0 ? 'Asks for (or promises) a session ticket for a later resumption (RFC 5077 §3.2).' : 'The ticket from an earlier connection: the server resumes that session from it (RFC 5077 §3.2).'];
    case EXTENSION.pre_shared_key:
      return client
        ? ['pre_shared_key', `${u16At(e, 2)}-byte ticket, 1 binder`, 'The ticket from an earlier connection and a binder proving the client holds its key; always the last extension (RFC 8446 §4.2.11).']
        : ['pre_shared_key', `selected identity ${u16At(e, 0)}`, 'The server accepts the ticket: a resumption, with no certificate (RFC 8446 §4.2.11).'];
    case EXTENSION.early_data:
      return ['early_data', e.length === 4 ? `max ${u32At(e, 0)} bytes` : 'yes', client ? 'The client sends application data before the handshake ends, under keys from the ticket (RFC 8446 §4.2.10).' : 'The server accepts the early data (RFC 8446 §4.2.10).'];
    case EXTENSION.supported_versions:
      return ['supported_versions', client ? list16(e, 1, e.length, VERSION_NAMES) : (VERSION_NAMES[u16At(e, 0)] ?? '?'), client ? 'The versions the client speaks; 0x0304 is TLS 1.3: the real version negotiation (RFC 8446 §4.2.1).' : 'The version the server picked: TLS 1.3 (RFC 8446 §4.2.1).'];
    case EXTENSION.cookie:
      return ['cookie', `${u16At(e, 0)} bytes`, client ? 'The cookie from the HelloRetryRequest, echoed back (RFC 8446 §4.2.2).' : 'A cookie the client must echo in its next ClientHello, so the server need keep no state (RFC 8446 §4.2.2).'];
    case EXTENSION.psk_key_exchange_modes:
      return ['psk_key_exchange_modes', e[1] === 1 ? 'psk_dhe_ke' : 'psk_ke', 'With a ticket, still run (EC)DHE for forward secrecy (psk_dhe_ke) (RFC 8446 §4.2.9).'];
    case EXTENSION.key_share:
      if (kind === 'hrr') return ['key_share', `send ${GROUPS[u16At(e, 0)] ?? u16At(e, 0)}`, 'The group the server wants a key share for in the next ClientHello (RFC 8446 §4.2.8).'];
      if (client) return ['key_share', `${GROUPS[u16At(e, 2)] ?? u16At(e, 2)}, ${u16At(e, 4)}-byte key`, "The client's ephemeral public key for the group it guesses the server will pick (RFC 8446 §4.2.8)."];
      return ['key_share', `${GROUPS[u16At(e, 0)] ?? u16At(e, 0)}, ${u16At(e, 2)}-byte key`, "The server's ephemeral public key; with the client's it gives the handshake secret (RFC 8446 §4.2.8)."];
    case EXTENSION.quic_transport_parameters:
      return ['quic_transport_parameters', `${e.length} bytes`, "QUIC's connection settings (connection ids, limits, timeouts) ride in the TLS handshake (RFC 9001 §8.2, RFC 9000 §18)."];
    case EXTENSION.renegotiation_info:
      return ['renegotiation_info', 'empty', 'Secure renegotiation is supported; empty on a first handshake (RFC 5746 §3.2).'];
    default:
      return [`type ${type}`, `${e.length} bytes`, 'An extension (RFC 8446 §4.2).'];
  }
}

// ---------------------------------------------------------------- UDP and QUIC

const CID_LENGTH = 8;
const QUIC_TYPE_NAMES = ['Initial', '0-RTT', 'Handshake', 'Retry'];

function udpFields(frame: Frame, b: Uint8Array, trace: FieldContext, out: Field[]): void {
  const add = (name: string, offset: number, length: number, value: string, explanation: string): void => {
    out.push({layer: 'udp', name, offset: 20 + offset, length, value, explanation});
  };
  add('Source port', 0, 2, `${u16At(b, 20)}`, frame.from === 'client' ? "The client's ephemeral port (RFC 768)." : 'Port 443: QUIC servers listen on the HTTPS port over UDP (RFC 768, RFC 9114 §3.1).');
  add('Destination port', 2, 2, `${u16At(b, 22)}`, 'The receiving port (RFC 768).');
  add('Length', 4, 2, `${u16At(b, 24)} bytes`, 'The UDP header and payload in bytes (RFC 768).');
  add('Checksum', 6, 2, `0x${u16At(b, 26).toString(16).padStart(4, '0')}`, "One's-complement checksum over a pseudo-header, the header and the data; optional in IPv4 but always sent here (RFC 768).");
  const views = frame.quic?.packets ?? [];
  const keys = initialKeyCandidates(trace);
  for (let at = 28, n = 0; at < b.length; n++) {
    const size = quicPacket(frame, b, at, views[n], keys, out);
    if (size <= 0) break;
    at += size;
  }
}

/** Initial keys are derived from a Destination Connection ID the client chose (or got from a Retry). */
function initialKeyCandidates(trace: FieldContext): Uint8Array[] {
  const cids: Uint8Array[] = [];
  for (const f of trace.frames) {
    if (f.from !== 'client' || !f.quic) continue;
    const b = fromHex(f.bytes);
    if ((b[28]! & 0x80) === 0) continue;
    const cid = b.subarray(34, 34 + b[33]!);
    if (!cids.some((c) => Buffer.from(c).equals(Buffer.from(cid)))) cids.push(cid);
  }
  return cids;
}

function openInitial(packet: Uint8Array, pnOffset: number, side: 'client' | 'server', cids: Uint8Array[]): ReturnType<typeof unprotectPacket> | null {
  for (const cid of cids) {
    const keys: PacketKeys = initialKeys(cid, side);
    const opened = unprotectPacket(packet, pnOffset, keys);
    if (opened.payload) return opened;
  }
  return null;
}

/** Describes one QUIC packet at `at`; returns its size. */
function quicPacket(frame: Frame, b: Uint8Array, at: number, view: NonNullable<Frame['quic']>['packets'][number] | undefined, cids: Uint8Array[], out: Field[]): number {
  const add: Add = (name, offset, length, value, explanation, layer = 'quic') => {
    out.push({layer, name, offset, length, value, explanation});
  };
  const first = b[at]!;
  const long = (first & 0x80) !== 0;
  if (!long) {
    const pnOffset = at + 1 + CID_LENGTH;
    add('Short header: first byte', at, 1, `0x${first.toString(16)} (1-RTT)`, 'Header form 0 (short), fixed bit 1, spin bit, then bits hidden by header protection: key phase and packet-number length (RFC 9000 §17.3.1, RFC 9001 §5.4).');
    add('Destination connection ID', at + 1, CID_LENGTH, hex(b.subarray(at + 1, at + 1 + CID_LENGTH)), 'The connection id the receiver chose; a short header has no length for it, the receiver knows it (RFC 9000 §17.3.1).');
    add('Packet number (protected)', pnOffset, 2, hex(b.subarray(pnOffset, pnOffset + 2)), 'Masked by header protection so observers cannot follow packets; the receiver unmasks it with its header key (RFC 9001 §5.4).');
    protectedPayload(b, pnOffset + 2, b.length, view, add);
    return b.length - at;
  }
  const type = (first >> 4) & 0x03;
  const typeName = QUIC_TYPE_NAMES[type]!;
  add(`${typeName} packet: first byte`, at, 1, `0x${first.toString(16)} (long header, ${typeName})`, type === 3
    ? 'Header form 1 (long), fixed bit 1, type 3 = Retry; the low 4 bits are unused (RFC 9000 §17.2.5).'
    : 'Header form 1 (long), fixed bit 1, the packet type; the low 4 bits (reserved bits and packet-number length) are hidden by header protection (RFC 9000 §17.2, RFC 9001 §5.4).');
  add('Version', at + 1, 4, `0x${u32At(b, at + 1).toString(16).padStart(8, '0')} (QUIC v1)`, 'QUIC version 1 (RFC 9000 §15, §17.2).');
  let p = at + 5;
  const dcidLength = b[p]!;
  add('Destination connection ID length', p, 1, `${dcidLength}`, 'Long headers give both connection ids with their lengths (RFC 9000 §17.2).');
  add('Destination connection ID', p + 1, dcidLength, hex(b.subarray(p + 1, p + 1 + dcidLength)), frame.from === 'client' && type === 0
    ? "Chosen at random by the client for its first Initial; the Initial keys are derived from it (RFC 9000 §7.2, RFC 9001 §5.2)."
    : "The connection id the receiver asked to be addressed by (RFC 9000 §7.2).");
  p += 1 + dcidLength;
  const scidLength = b[p]!;
  add('Source connection ID length', p, 1, `${scidLength}`, 'Length of the sender\'s own connection id (RFC 9000 §17.2).');
  add('Source connection ID', p + 1, scidLength, hex(b.subarray(p + 1, p + 1 + scidLength)), 'The connection id the sender wants the peer to use from now on (RFC 9000 §7.2).');
  p += 1 + scidLength;
  if (type === 3) {
    const end = frame.quic?.packets.length === 1 ? b.length : at + (view?.length ?? b.length - at);
    add('Retry token', p, end - 16 - p, `${end - 16 - p} bytes`, 'An opaque token the client must put in its next Initial to prove it can receive at its address (RFC 9000 §8.1.2, §17.2.5).');
    add('Retry integrity tag', end - 16, 16, hex(b.subarray(end - 16, end)), 'AES-128-GCM over the Retry and the original connection id with a key from the RFC, so the client knows the Retry answers its Initial (RFC 9001 §5.8).');
    return end - at;
  }
  if (type === 0) {
    const token = readVarint(b, p);
    add('Token length', p, token.size, `${token.value}`, token.value === 0 ? 'No token: this Initial does not answer a Retry (RFC 9000 §17.2.2).' : 'The Retry token follows (RFC 9000 §17.2.2).');
    if (token.value > 0) add('Token', p + token.size, token.value, hex(b.subarray(p + token.size, p + token.size + token.value)), 'The token from the server\'s Retry, echoed to prove the client\'s address (RFC 9000 §8.1.2).');
    p += token.size + token.value;
  }
  const length = readVarint(b, p);
  add('Length', p, length.size, `${length.value} bytes`, 'Packet number, payload and tag in bytes, so several packets can share one datagram (RFC 9000 §17.2, §12.2).');
  p += length.size;
  const end = p + length.value;
  const pnOffset = p;
  if (type === 0) {
    const opened = openInitial(b.subarray(at, end), pnOffset - at, frame.from, cids);
    if (opened) {
      add('Packet number (protected)', pnOffset, opened.pnLength, `${opened.packetNumber}`, 'Masked by header protection on the wire; shown here unmasked with the Initial header key (RFC 9001 §5.4, RFC 9000 §17.1).');
      initialFrames(opened.payload!, pnOffset + opened.pnLength, end, add);
      return end - at;
    }
  }
  add('Packet number (protected)', pnOffset, 2, hex(b.subarray(pnOffset, pnOffset + 2)), 'Masked by header protection; the receiver unmasks it with its header key (RFC 9001 §5.4).');
  protectedPayload(b, pnOffset + 2, end, view, add);
  return end - at;
}

type Add = (name: string, offset: number, length: number, value: string, explanation: string, layer?: FieldLayer) => void;

function protectedPayload(b: Uint8Array, start: number, end: number, view: NonNullable<Frame['quic']>['packets'][number] | undefined, add: Add): void {
  const inside = view ? `${view.frames.join(', ')}${view.messages.length > 0 ? `: ${view.messages.join(', ')}` : ''}` : 'frames';
  const keys = view?.type === '0rtt' ? '0-RTT keys from the ticket' : view?.type === 'handshake' ? 'Handshake keys' : '1-RTT keys';
  add('Protected payload', start, end - 16 - start, inside, `Frames encrypted with ${keys} from the TLS handshake (stand-in keys in this tutor), so only the peers read them (RFC 9001 §5.3).`);
  add('Authentication tag', end - 16, 16, hex(b.subarray(end - 16, end)), 'The AEAD tag: any change to the header or payload makes decryption fail (RFC 9001 §5.3).');
}

/** Frames of a decrypted Initial payload, placed on the ciphertext bytes that hide them (AES-GCM keeps positions). */
function initialFrames(payload: Uint8Array, start: number, end: number, add: Add): void {
  const body = payload.length; // decrypted payload, tag excluded
  const to = (i: number): number => start + i;
  const tls: Emit = (name, at, length, value, explanation) =>
    add(name, to(at), length, value, `${explanation.replace(/\.$/, '')}; encrypted on the wire with the Initial keys, shown decrypted.`, 'tls');
  for (let i = 0; i < body; ) {
    const type = payload[i]!;
    if (type === 0x00) {
      let j = i;
      while (j < body && payload[j] === 0) j++;
      add('PADDING frames', to(i), j - i, `${j - i} bytes`, 'Zero bytes that bring a datagram with an Initial to at least 1200 bytes, which limits amplification (RFC 9000 §14.1, §19.1).');
      i = j;
    } else if (type === 0x02 || type === 0x03) {
      const largest = readVarint(payload, i + 1);
      const delay = readVarint(payload, i + 1 + largest.size);
      const count = readVarint(payload, i + 1 + largest.size + delay.size);
      const range = readVarint(payload, i + 1 + largest.size + delay.size + count.size);
      const size = 1 + largest.size + delay.size + count.size + range.size;
      add('ACK frame', to(i), size, `largest ${largest.value}, range ${range.value}`, 'Acknowledges the peer\'s packets in this packet-number space up to the largest, and the first range below it (RFC 9000 §19.3).');
      i += size;
    } else if (type === 0x06) {
      const offset = readVarint(payload, i + 1);
      const length = readVarint(payload, i + 1 + offset.size);
      const header = 1 + offset.size + length.size;
      add('CRYPTO frame header', to(i), header, `offset ${offset.value}, length ${length.value}`, 'TLS handshake bytes at this offset of the Initial crypto stream; QUIC carries TLS without records (RFC 9000 §19.6, RFC 9001 §4).');
      const data = payload.subarray(i + header, i + header + length.value);
      // In this tutor a CRYPTO frame in an Initial packet always starts a message (ClientHello, ServerHello, HelloRetryRequest).
      if (data.length >= 4 && [1, 2].includes(data[0]!) && u24At(data, 1) + 4 <= data.length) {
        // Positions inside `data` become positions in the payload.
        const shifted: Emit = (name, at, len, value, explanation) => tls(name, i + header + at, len, value, explanation);
        const clipped: Emit = (name, at, len, value, explanation) => {
          if (at >= data.length) return;
          shifted(name, at, Math.min(len, data.length - at), value, explanation);
        };
        describeHandshake(data, 0, clipped);
      }
      i += header + length.value;
    } else {
      add('Frame', to(i), body - i, `type 0x${type.toString(16)}`, 'A QUIC frame (RFC 9000 §19).');
      break;
    }
  }
  add('Authentication tag', end - 16, 16, 'AES-128-GCM tag', 'The AEAD tag over the header and payload; Initial keys are public, so it guards against corruption, not eavesdroppers (RFC 9001 §5.2, §5.3).');
}
