// A captured TCP connection as a Trace, so the lesson player steps it like a simulated one: the
// ladder, both sides' states (inferred, capture-connections.ts), the TLS records named (opened
// with a key log when one is given), and the byte inspector on the real packets.
//
// A capture is taken at one place, so only that end's clock is known. Where the capture holds
// the handshake, the end is told from it (at the client the SYN-ACK comes a round trip after the
// SYN; at the server the ACK comes a round trip after the SYN-ACK) and the round trip is that
// gap; the other end's times are then the capture's, moved by half a round trip. Without the
// handshake the arrows are drawn level, at the capture's times.
import {DEFAULT_KNOBS} from '../knobs.js';
import type {Frame, Knobs, Side, TcpFlag, TcpOption, Trace, TlsRecordView} from '../types.js';
import type {CapturedConnection} from './capture-connections.js';
import type {CapturedSegment} from './read-capture.js';
import {keyLogKeys, readTlsStreams, type RecordKeySource} from './tls-stream.js';
import {toHex} from './writer.js';

export interface CaptureTraceInfo {
  /** Where the capture was taken, as the handshake's timing says. */
  capturedAt: Side | 'unknown';
  /** The round trip seen in the handshake, or null without one. */
  rttMs: number | null;
  tls: '1.2' | '1.3' | null;
  /** Whether a key log opened the protected records. */
  decrypted: boolean;
}

/** The key log's record keys of a capture's trace, for the byte inspector (fields.ts). */
const keySources = new WeakMap<readonly Frame[], RecordKeySource>();

export function captureRecordKeys(frames: readonly Frame[]): RecordKeySource | undefined {
  return keySources.get(frames);
}

const ENGINE_FLAGS: readonly TcpFlag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];

/** The TCP options of a header (RFC 9293 §3.2, RFC 7323, RFC 7413), as the engine lists them. */
function tcpOptions(ip: Uint8Array, tcpAt: number): TcpOption[] {
  const headerLength = (ip[tcpAt + 12]! >> 4) * 4;
  const out: TcpOption[] = [];
  for (let at = tcpAt + 20; at < tcpAt + headerLength; ) {
    const kind = ip[at]!;
    if (kind === 0) {
      out.push({kind: 0, name: 'EOL', length: 1});
      break;
    }
    if (kind === 1) {
      out.push({kind: 1, name: 'NOP', length: 1});
      at++;
      continue;
    }
    const length = ip[at + 1] ?? 0;
    if (length < 2) break;
    const v = new DataView(ip.buffer, ip.byteOffset + at, Math.min(length, ip.length - at));
    if (kind === 2 && length === 4) out.push({kind: 2, name: 'MSS', length: 4, value: v.getUint16(2)});
    else if (kind === 3 && length === 3) out.push({kind: 3, name: 'WS', length: 3, value: v.getUint8(2)});
    else if (kind === 4 && length === 2) out.push({kind: 4, name: 'SACK_PERM', length: 2});
    else if (kind === 8 && length === 10) out.push({kind: 8, name: 'TS', length: 10, tsval: v.getUint32(2), tsecr: v.getUint32(6)});
    else if (kind === 34) out.push({kind: 34, name: 'TFO', length, cookie: toHex(ip.subarray(at + 2, at + length))});
    at += length;
  }
  return out;
}

const micro = (ms: number): number => Math.round(ms * 1000) / 1000;

function recordName(record: TlsRecordView, tls13: boolean): string {
  if (record.contentType === 'change_cipher_spec') return 'ChangeCipherSpec';
  const inner = record.innerType ?? record.contentType;
  if (inner === 'alert') return record.encrypted ? '{Alert}' : 'Alert';
  if (record.messages.length > 0) return record.encrypted ? `{${record.messages.join(', ')}}` : record.messages.join(', ');
  if (tls13 && record.encrypted && record.keys === undefined) return '{encrypted record}';
  return '{application data}';
}

function label(flags: readonly string[], records: readonly TlsRecordView[], len: number, tls13: boolean, tls: boolean): string {
  const parts: string[] = [];
  if (flags.includes('RST')) parts.push(flags.includes('ACK') ? 'RST-ACK' : 'RST');
  else if (flags.includes('SYN')) parts.push(flags.includes('ACK') ? 'SYN-ACK' : 'SYN');
  if (records.length > 0) parts.push(...records.map((r) => recordName(r, tls13)));
  else if (len > 0) parts.push(tls ? `part of a record (${len} B)` : `data (${len} B)`);
  if (flags.includes('FIN')) parts.push('FIN');
  if (parts.length === 0) parts.push('ACK');
  return parts.join(' + ');
}

/** Where the capture was taken and the round trip, from the handshake's three segments. */
function vantage(connection: CapturedConnection): {at: Side | 'unknown'; rttMs: number | null} {
  const f = connection.frames;
  const syn = f.findIndex((x) => x.from === 'client' && x.flags.includes('SYN') && !x.flags.includes('ACK'));
  const synAck = f.findIndex((x) => x.from === 'server' && x.flags.includes('SYN') && x.flags.includes('ACK'));
  const ack = synAck < 0 ? -1 : f.findIndex((x, i) => i > synAck && x.from === 'client' && x.flags.includes('ACK'));
  if (syn < 0 || synAck < 0 || ack < 0) return {at: 'unknown', rttMs: null};
  const there = f[synAck]!.timeMs - f[syn]!.timeMs;
  const back = f[ack]!.timeMs - f[synAck]!.timeMs;
  return there >= back ? {at: 'client', rttMs: there} : {at: 'server', rttMs: back};
}

/**
 * The trace of one captured connection. `segments` are the capture's (the connection's frames
 * name them by packet number); `keylog` lines, when given, open its TLS records.
 */
export function captureTrace(connection: CapturedConnection, segments: readonly CapturedSegment[], options: {file: string; keylog?: readonly string[]}): {trace: Trace; info: CaptureTraceInfo} {
  const byPacket = new Map(segments.map((s) => [s.packet, s]));
  const own = connection.frames.map((f) => ({frame: f, segment: byPacket.get(f.packet)!}));
  const streams = readTlsStreams(
    own.map(({frame, segment}) => ({from: frame.from, data: segment.data})),
    options.keylog ?? [],
  );
  const tls = streams.hellos.version;
  const tls13 = tls === '1.3';
  const seen = vantage(connection);
  const at = seen.at;
  // Captures keep microseconds; float arithmetic on them should not show more.
  const rttMs = seen.rttMs === null ? null : micro(seen.rttMs);
  const half = rttMs === null ? 0 : rttMs / 2;
  const frames: Frame[] = own.map(({frame: f, segment: s}, i) => {
    const here = at === 'unknown' || f.from === at;
    const sendMs = here ? f.timeMs : f.timeMs - half;
    const arriveMs = here ? f.timeMs + half : f.timeMs;
    const tcpAt = s.ip[0]! >> 4 === 4 ? (s.ip[0]! & 0x0f) * 4 : 40;
    const records = streams.records[i]!;
    const carriesApp = tls === null ? f.len > 0 : records.some((r) => (r.innerType ?? r.contentType) === 'application_data' && !(tls13 && r.keys === undefined));
    const to: Side = f.from === 'client' ? 'server' : 'client';
    return {
      index: i,
      id: `packet-${f.packet + 1}`,
      from: f.from,
      to,
      sendMs,
      arriveMs,
      dropped: false,
      label: label(f.flags, records, f.len, tls13, tls !== null),
      tcp: {
        srcPort: s.srcPort,
        dstPort: s.dstPort,
        flags: ENGINE_FLAGS.filter((flag) => f.flags.includes(flag)),
        seq: f.seq,
        ack: f.ack,
        len: f.len,
        seqLen: f.len + (f.flags.includes('SYN') ? 1 : 0) + (f.flags.includes('FIN') ? 1 : 0),
        window: f.window,
        options: tcpOptions(s.ip, tcpAt),
      },
      tls: records,
      quic: null,
      app: carriesApp ? (f.from === 'client' ? 'request' : 'response') : null,
      delivered: true,
      after: {client: {tcp: f.after.client, tls: null}, server: {tcp: f.after.server, tls: null}},
      wireBytes: s.ip.length,
      notes: [],
      bytes: toHex(s.ip),
    };
  });
  // The capture's order is what happened (a reply is seen after what it answers), so it stays;
  // an estimated send time is never put before the frame seen ahead of it, and the ladder starts at 0.
  const start = Math.min(...frames.map((f) => f.sendMs), 0);
  let previous = 0;
  for (const f of frames) {
    f.sendMs = micro(Math.max(previous, f.sendMs - start));
    f.arriveMs = micro(Math.max(f.sendMs, f.arriveMs! - start));
    previous = f.sendMs;
  }
  const knobs: Knobs = {...DEFAULT_KNOBS, tls: tls ?? 'none', close: 'none'};
  const firstApp = (side: Side) => frames.find((f) => f.from === side && f.app !== null);
  const request = firstApp('client');
  const response = firstApp('server');
  const rtt = rttMs !== null && rttMs > 0 ? rttMs : 1;
  const trace: Trace = {
    schemaVersion: 1,
    scenario: options.file,
    knobs,
    rttMs: rtt,
    seed: 0,
    frames,
    summary: {
      requestSentMs: request?.sendMs ?? null,
      requestSentRtt: request ? request.sendMs / rtt : null,
      responseReceivedMs: response?.arriveMs ?? null,
      responseReceivedRtt: response?.arriveMs != null ? response.arriveMs / rtt : null,
    },
    events: [],
    endMs: Math.max(0, ...frames.map((f) => f.arriveMs ?? f.sendMs)),
  };
  if (streams.decrypted && options.keylog) {
    const keys = keyLogKeys(options.keylog, streams.hellos);
    if (keys) keySources.set(frames, keys);
  }
  return {trace, info: {capturedAt: at, rttMs, tls, decrypted: streams.decrypted}};
}
