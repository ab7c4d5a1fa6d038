// Turns what the engine put on the wire (its internal payloads) into the exact bytes of every
// frame: IPv4 + TCP + TLS records, or IPv4 + UDP + QUIC packets. Called once at the end of a run.
// Pure: the bytes depend only on the frames, the knobs and the seed. The TLS connection inside
// (tls-session.ts) is real: its keys protect the records and QUIC packets, and keyLog() gives
// them to Wireshark.

import {connectionFrames} from '../connections.js';
import type {Frame, Knobs, Side} from '../types.js';
import type {QuicDatagram, QuicPacket, StreamItem, TcpSegment, WirePayload} from '../wire.js';
import {http1, type HttpOptions} from './app-data.js';
import {QUIC_FRAME, QUIC_STREAM_BITS} from './code-points.js';
import {CLIENT_IP, ipv4Packet, PROTO_TCP, PROTO_UDP, SERVER_IP} from './ipv4.js';
import {serverPort} from './ports.js';
import {AEAD_TAG, initialKeys, longHeader, packetKeys, protectPacket, retryPacket, shortHeader, type PacketKeys} from './quic.js';
import {ContentBytes} from './random.js';
import {tcpSegment} from './tcp.js';
import {changeCipherSpec, CLOSE_NOTIFY, plainRecord, protectedRecord12, protectedRecord13, protectionOverhead, RECORD_HEADER} from './tls-records.js';
import {TlsSession, type KeyEpoch, type PlanEntry} from './tls-session.js';
import {udpDatagram} from './udp.js';
import {concat, toHex, Writer} from './writer.js';

export const QUIC_CID_LENGTH = 8;
export const RETRY_TOKEN_LENGTH = 40;

export interface WireContext {
  knobs: Knobs;
  /** The run's seed; a page load's later connections draw from `<seed>/c<n>`. */
  seed: number | string;
  /** The client's ephemeral port (the engine drew it). */
  clientPort: number;
  /** Which object of the page each request and response carries (pageObjects); absent: the base page. */
  objects?: ReadonlyMap<StreamItem, number>;
}

/**
 * Which object of the page each request and response is: 0 the base page, k the k-th object, in
 * the order the requests first go on the wire; each connection's responses answer its requests in
 * order (HTTP/1.1, RFC 9112 §9.3). A request the server never took (early data it rejected) is the
 * base page's, sent again.
 */
export function pageObjects(payloads: readonly WirePayload[], frames: readonly Frame[]): Map<StreamItem, number> {
  const out = new Map<StreamItem, number>();
  const asked = new Map<number, number[]>();
  const answered = new Map<number, number>();
  let next = 0;
  payloads.forEach((payload, i) => {
    const n = frames[i]?.connection ?? 1;
    for (const item of itemsOf(payload)) {
      if (out.has(item) || item.app === null) continue;
      if (item.app === 'request') {
        if (item.accepted.length === 0) {
          out.set(item, 0);
          continue;
        }
        out.set(item, next);
        asked.set(n, [...(asked.get(n) ?? []), next++]);
      } else {
        const k = answered.get(n) ?? 0;
        answered.set(n, k + 1);
        out.set(item, asked.get(n)?.[k] ?? 0);
      }
    }
  });
  return out;
}

/** What a run's bytes come from: every frame's hex in frame order, the key log, the TLS session (a page's first connection's). */
interface Encoder {
  encodeAll(): string[];
  keyLog(): string[];
  readonly session: TlsSession | null;
}

/** The encoder of each run's frames (and of each connection's, connectionFrames), so the key log can be read from the trace later. */
const encoders = new WeakMap<readonly Frame[], () => Encoder>();

/** A page's connections in the order they opened: each one's client port and knobs (less early data when it opened before it had a request). */
export type Connections = readonly {port: number; knobs: Knobs}[];

/**
 * Gives every frame its `bytes`. They are encoded on first read (all frames at once, since the
 * encoding runs in frame order), so runs whose bytes nobody looks at stay as cheap as before;
 * reading, spreading or JSON-serialising a frame sees a plain string property. Each connection of
 * a page load is a TLS connection of its own, with its own randoms and keys.
 */
export function attachBytes(frames: readonly Frame[], payloads: readonly WirePayload[], context: WireContext, several?: Connections): void {
  let encoder: Encoder | null = null;
  let encoded: string[] | null = null;
  const page = several && new PageEncoder(frames, payloads, context, several);
  const theEncoder = (): Encoder => (encoder ??= page ? page : new FrameEncoder(frames, payloads, context));
  encoders.set(frames, theEncoder);
  // Each connection's frames (connectionFrames) know their own TLS session, for the byte inspector.
  page?.parts.forEach(({frames: own, encoder: part}) => encoders.set(own, part));
  frames.forEach((frame, i) => {
    const settle = (value: string): string => {
      // Becomes a plain data property once read; a frozen frame keeps the getter (the hex is cached anyway).
      if (Object.isExtensible(frame)) Object.defineProperty(frame, 'bytes', {value, enumerable: true, writable: true, configurable: true});
      return value;
    };
    Object.defineProperty(frame, 'bytes', {
      enumerable: true,
      configurable: true,
      get: () => settle((encoded ??= theEncoder().encodeAll())[i]!),
      set: settle,
    });
  });
}

/** The bytes of every frame, as lowercase hex of the whole IPv4 packet, in frame order. */
export function frameBytes(frames: readonly Frame[], payloads: readonly WirePayload[], context: WireContext): string[] {
  return new FrameEncoder(frames, payloads, context).encodeAll();
}

/**
 * The NSS key log (SSLKEYLOGFILE format) of a trace's TLS connection: the lines Wireshark needs to
 * decrypt its records and QUIC packets. Empty when the trace has no TLS.
 */
export function keyLogLines(trace: {frames: readonly Frame[]}): string[] {
  const encoder = encoders.get(trace.frames);
  if (!encoder) throw new Error('this trace did not come from simulate(), so its keys are unknown');
  return encoder().keyLog();
}

/** The TLS session of a trace, for tests that check its secrets. */
export function traceSession(trace: {frames: readonly Frame[]}): TlsSession | null {
  // A page over several connections: its first connection's, the base page's (connectionFrames gives the others').
  return encoders.get(trace.frames)?.().session ?? null;
}

const address = (side: Side): string => (side === 'client' ? CLIENT_IP : SERVER_IP);
const peer = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** The stream items a payload carries, in order. */
const itemsOf = (payload: WirePayload): StreamItem[] =>
  payload.kind === 'tcp' ? payload.slices.map((s) => s.item) : payload.packets.flatMap((p) => p.carried.map((c) => c.item));

/** The handshake messages of an item, with their lengths (a TLS 1.3 record may hold several, a QUIC CRYPTO item one). */
function messagesOf(item: StreamItem): {name: string; length: number}[] {
  const record = item.record;
  if (!record || item.app) return [];
  const inner = record.innerType ?? record.contentType;
  if (inner !== 'handshake') return [];
  const lengths = record.lengths ?? [item.length];
  return record.messages.map((name, i) => ({name, length: lengths[i]!}));
}

/** How many traces have had their bytes encoded (tests hold "bytes only when read" with it). */
export const encodings = {traces: 0};

class FrameEncoder implements Encoder {
  private random: ContentBytes;
  /** Which object of the page each HTTP message is, worked out on the first one encoded. */
  readonly session: TlsSession | null;
  /** The plan index of each handshake item's first message. */
  private firstMessage = new Map<StreamItem, number>();
  /** Each protected record's keys and sequence number, fixed in stream order. */
  private protection = new Map<StreamItem, {epoch: KeyEpoch; sequence: number}>();
  private items = new Map<StreamItem, Uint8Array>();
  private clientHellos = new Set<StreamItem>();
  private cryptoStreams = new Map<string, {next: number; bases: Map<StreamItem, number>}>();
  private ipId: Record<Side, number>;
  private cids: {odcid: Uint8Array; client: Uint8Array; server: Uint8Array; token: Uint8Array};
  private quicKeys = new Map<string, PacketKeys>();

  constructor(
    private frames: readonly Frame[],
    private payloads: readonly WirePayload[],
    private context: WireContext,
  ) {
    const {knobs, seed} = context;
    this.random = new ContentBytes(seed);
    const id = this.random.take('ip_id', 4);
    this.ipId = {client: (id[0]! << 8) | id[1]!, server: (id[2]! << 8) | id[3]!};
    this.cids = {
      odcid: this.random.take('quic_original_dcid', QUIC_CID_LENGTH),
      client: this.random.take('quic_client_cid', QUIC_CID_LENGTH),
      server: this.random.take('quic_server_cid', QUIC_CID_LENGTH),
      token: this.random.take('quic_retry_token', RETRY_TOKEN_LENGTH),
    };
    this.session = knobs.tls === 'none' ? null : this.plan();
  }

  /**
   * Walks every item in the order it first went on the wire: the handshake messages in that order
   * are the connection's transcript order (a message is only sent after what it answers), and
   * each direction's protected records get their sequence numbers (RFC 8446 §5.3, RFC 5246 §6.1).
   */
  private plan(): TlsSession {
    const {knobs, seed} = this.context;
    const plan: PlanEntry[] = [];
    const sequences = new Map<string, number>();
    const seen = new Set<StreamItem>();
    let offersEarly = false;
    this.payloads.forEach((payload, i) => {
      const side = this.frames[i]!.from;
      for (const item of itemsOf(payload)) {
        if (seen.has(item)) continue;
        seen.add(item);
        if (item.early) offersEarly = true;
        const messages = messagesOf(item);
        if (messages.length > 0) {
          this.firstMessage.set(item, plan.length);
          for (const m of messages) plan.push({side, ...m});
        }
        const record = item.record;
        if (payload.kind === 'tcp' && record?.encrypted) {
          const epoch: KeyEpoch = record.keys ?? 'application';
          const key = `${side} ${epoch}`;
          const sequence = sequences.get(key) ?? 0;
          sequences.set(key, sequence + 1);
          this.protection.set(item, {epoch, sequence});
        }
      }
    });
    return new TlsSession(
      {
        version: knobs.tls === '1.2' ? '1.2' : '1.3',
        transport: knobs.transport,
        compat: knobs.compat === 'on',
        resume: knobs.resume === 'on',
        tickets: knobs.resumeWith === 'ticket',
        rsa: knobs.tls === '1.2' && knobs.keyExchange === 'rsa',
        earlyData: knobs.earlyData,
        hrr: knobs.hrr === 'on',
        offersEarly,
        profile: knobs.vectors === 'rfc8448' ? 'rfc8448' : 'hs-tutor',
        seed,
        quic:
          knobs.transport === 'quic'
            ? {clientScid: this.cids.client, serverScid: this.cids.server, originalDcid: this.cids.odcid, retryScid: knobs.retry === 'on' ? this.cids.server : null}
            : undefined,
      },
      plan,
    );
  }

  encodeAll(): string[] {
    encodings.traces++;
    return this.encodeFrames();
  }

  encodeFrames(): string[] {
    return this.frames.map((frame, i) => toHex(this.encode(frame, this.payloads[i]!)));
  }

  keyLog(): string[] {
    return this.session?.keyLog() ?? [];
  }

  encode(frame: Frame, payload: WirePayload): Uint8Array {
    const from = frame.from;
    const id = this.ipId[from];
    this.ipId[from] = (id + 1) & 0xffff;
    const ip = {src: address(from), dst: address(peer(from)), id};
    if (payload.kind === 'tcp') {
      return ipv4Packet({...ip, protocol: PROTO_TCP}, tcpSegment(payload.header, this.tcpPayload(payload, from), ip.src, ip.dst));
    }
    const port = serverPort(this.context.knobs);
    const ports = from === 'client' ? [this.context.clientPort, port] : [port, this.context.clientPort];
    return ipv4Packet({...ip, protocol: PROTO_UDP}, udpDatagram(ports[0]!, ports[1]!, this.datagram(frame, payload), ip.src, ip.dst));
  }

  // ---------------------------------------------------------------- TCP

  private tcpPayload(segment: TcpSegment, side: Side): Uint8Array {
    return concat(segment.slices.map((slice) => this.itemBytes(slice.item, side).subarray(slice.offset, slice.offset + slice.length)));
  }

  /** The whole of one stream item (a TLS record, or plain application data), built once. */
  private itemBytes(item: StreamItem, side: Side): Uint8Array {
    const cached = this.items.get(item);
    if (cached) return cached;
    const bytes = this.buildItem(item, side);
    if (bytes.length !== item.length) throw new Error(`${item.flightId}: built ${bytes.length} bytes, the engine fixed ${item.length}`);
    this.items.set(item, bytes);
    return bytes;
  }

  /** The handshake messages an item carries, concatenated. */
  private handshakeBytes(item: StreamItem): Uint8Array {
    const first = this.firstMessage.get(item);
    if (first === undefined || !this.session) throw new Error(`${item.flightId}: no handshake message planned`);
    return concat(item.record!.messages.map((_, i) => this.session!.message(first + i)));
  }

  /** What an HTTP message of this run says: its object of the page, and Connection: close without persistence. */
  private http(item: StreamItem): HttpOptions {
    this.objects ??= this.context.objects ?? pageObjects(this.payloads, this.frames);
    return {object: this.objects.get(item) ?? 0, close: this.context.knobs.persistent === 'off'};
  }

  private objects: ReadonlyMap<StreamItem, number> | undefined;

  private buildItem(item: StreamItem, side: Side): Uint8Array {
    const record = item.record;
    const session = this.session;
    if (!session) return http1(item.app ?? 'request', item.length, this.http(item)); // plain HTTP, no TLS
    if (!record) throw new Error(`${item.flightId}: application data outside a TLS record`);
    if (record.contentType === 'change_cipher_spec') return changeCipherSpec();
    if (!record.encrypted) {
      const content = this.handshakeBytes(item);
      // The first ClientHello's record says TLS 1.0 for old middleboxes (RFC 8446 §5.1); the rest 1.2.
      const first = record.messages[0] === 'ClientHello' && this.clientHellos.size === 0;
      if (record.messages[0] === 'ClientHello') this.clientHellos.add(item);
      return plainRecord('handshake', first ? 0x0301 : 0x0303, content);
    }
    const inner = record.innerType ?? record.contentType;
    const tls13 = this.context.knobs.tls === '1.3';
    const content =
      inner === 'application_data'
        ? session.appData(item.app ?? 'request', item.length - RECORD_HEADER - protectionOverhead(tls13 ? '1.3' : '1.2', session.suite), item.early, this.http(item))
        : inner === 'alert'
          ? CLOSE_NOTIFY
          : this.handshakeBytes(item);
    const {epoch, sequence} = this.protection.get(item)!;
    const keys = session.recordKeys(side, epoch);
    return tls13 ? protectedRecord13(keys, inner, content, sequence) : protectedRecord12(keys, record.contentType, content, sequence);
  }

  // ---------------------------------------------------------------- QUIC

  private datagram(frame: Frame, datagram: QuicDatagram): Uint8Array {
    const out = concat(datagram.packets.map((packet) => this.packet(frame, packet)));
    if (out.length !== datagram.length) throw new Error(`QUIC datagram ${frame.id}: built ${out.length} bytes, the engine fixed ${datagram.length}`);
    return out;
  }

  /** Whether the client had heard from the server (a Retry or an Initial) before sending `frame`. */
  private clientHeard(frame: Frame, only?: 'retry'): boolean {
    return this.frames.some(
      (f) =>
        f.index < frame.index &&
        f.from === 'server' &&
        f.arriveMs !== null &&
        f.arriveMs <= frame.sendMs &&
        (only === undefined || f.quic?.packets.some((p) => p.type === 'retry')),
    );
  }

  /** Whether a Retry was sent before `frame` (both sides then derive Initial keys from the Retry's connection id). */
  private afterRetry(frame: Frame): boolean {
    if (this.context.knobs.retry !== 'on') return false;
    if (frame.from === 'client') return this.clientHeard(frame, 'retry');
    return this.frames.some((f) => f.index < frame.index && f.from === 'server' && f.quic?.packets.some((p) => p.type === 'retry'));
  }

  /** Packet protection keys of a space's packets: from the handshake's traffic secrets (RFC 9001 §5.1). */
  private packetKeysFor(side: Side, epoch: KeyEpoch): PacketKeys {
    const key = `${side} ${epoch}`;
    let keys = this.quicKeys.get(key);
    if (!keys) {
      const session = this.session!;
      keys = packetKeys(session.trafficSecret(side, epoch), session.suite.aead, session.suite.hash);
      this.quicKeys.set(key, keys);
    }
    return keys;
  }

  private packet(frame: Frame, packet: QuicPacket): Uint8Array {
    const side = frame.from;
    const {view} = packet;
    const client = side === 'client';
    const dcid = client ? (this.clientHeard(frame) ? this.cids.server : this.cids.odcid) : this.cids.client;
    const scid = client ? this.cids.client : this.cids.server;
    if (view.type === 'retry') {
      const retry = retryPacket(dcid, scid, this.cids.token, this.cids.odcid);
      if (retry.length !== view.length) throw new Error(`Retry: built ${retry.length} bytes, the engine fixed ${view.length}`);
      return retry;
    }
    const type = view.type;
    const pn = view.pn ?? 0;
    const retried = this.afterRetry(frame);
    const token = view.type === 'initial' && client && retried ? this.cids.token : new Uint8Array(0);
    // Header first with a placeholder length, to learn its size.
    const headerFor = (length: number): {header: Uint8Array; pnOffset: number} =>
      type === '1rtt' ? shortHeader(dcid, pn) : longHeader({type, dcid, scid, token, length, packetNumber: pn});
    const headerLength = headerFor(0).header.length;
    const payloadLength = view.length - headerLength - AEAD_TAG;
    const {header, pnOffset} = headerFor(2 + payloadLength + AEAD_TAG);
    const payload = this.frames_(frame, packet, payloadLength);
    const keys: PacketKeys =
      view.type === 'initial'
        ? initialKeys(retried ? this.cids.server : this.cids.odcid, side)
        : this.packetKeysFor(side, view.type === '0rtt' ? 'early' : view.type === 'handshake' ? 'handshake' : 'application');
    const out = protectPacket(header, pnOffset, pn, payload, keys);
    if (out.length !== view.length) throw new Error(`QUIC ${view.type} packet: built ${out.length} bytes, the engine fixed ${view.length}`);
    return out;
  }

  /** The packet's frames in the engine's order (ACK, HANDSHAKE_DONE, CRYPTO/STREAM), then PADDING. */
  private frames_(frame: Frame, packet: QuicPacket, payloadLength: number): Uint8Array {
    const F = QUIC_FRAME;
    const w = new Writer();
    const {view} = packet;
    if (view.frames.includes('ACK')) {
      const {largest, range} = this.ackFor(frame, view.type);
      w.u8(F.ACK).varint(largest, 1).varint(0, 1).varint(0, 1).varint(range, 1); // largest, delay 0, 0 extra ranges, first range
    }
    if (view.frames.includes('HANDSHAKE_DONE')) w.u8(F.HANDSHAKE_DONE);
    for (const chunk of packet.carried) {
      const whole = this.quicItem(chunk.item);
      const data = whole.subarray(chunk.offset, chunk.offset + chunk.length);
      if (chunk.item.app) {
        const fin = chunk.offset + chunk.length >= chunk.item.length;
        // STREAM with OFF and LEN bits (RFC 9000 §19.8) on client-initiated bidirectional stream 0.
        const bits = QUIC_STREAM_BITS.OFF | QUIC_STREAM_BITS.LEN | (fin ? QUIC_STREAM_BITS.FIN : 0);
        w.u8(F.STREAM | bits).varint(0, 1).varint(chunk.offset, 2).varint(chunk.length, 2).bytes(data);
      } else {
        // CRYPTO (RFC 9000 §19.6): the offset counts from the start of this space's crypto stream.
        w.u8(F.CRYPTO).varint(this.cryptoBase(chunk.item, frame.from, view.type) + chunk.offset, 2).varint(chunk.length, 2).bytes(data);
      }
    }
    const padding = payloadLength - w.length;
    if (padding < 0) throw new Error(`QUIC ${view.type} packet: frames take ${w.length} bytes, room for ${payloadLength}`);
    w.bytes(new Uint8Array(padding)); // PADDING frames are single zero bytes (RFC 9000 §19.1)
    return w.finish();
  }
  /**
   * Where a handshake message starts in its sender's crypto stream for that packet number space:
   * messages follow each other in the order they were first sent (after a HelloRetryRequest the
   * second ClientHello continues the Initial stream); a message sent again keeps its place.
   */
  private cryptoBase(item: StreamItem, side: Side, type: QuicPacket['view']['type']): number {
    const space = type === 'initial' ? 'initial' : type === 'handshake' ? 'handshake' : 'application';
    const key = `${side} ${space}`;
    let stream = this.cryptoStreams.get(key);
    if (!stream) this.cryptoStreams.set(key, (stream = {next: 0, bases: new Map()}));
    let base = stream.bases.get(item);
    if (base === undefined) {
      base = stream.next;
      stream.bases.set(item, base);
      stream.next += item.length;
    }
    return base;
  }

  private quicItem(item: StreamItem): Uint8Array {
    const cached = this.items.get(item);
    if (cached) return cached;
    const bytes = item.app ? this.session!.appData(item.app, item.length, item.early) : this.handshakeBytes(item);
    if (bytes.length !== item.length) throw new Error(`${item.flightId}: built ${bytes.length} bytes, the engine fixed ${item.length}`);
    this.items.set(item, bytes);
    return bytes;
  }

  /** The largest packet number received in the packet's space by the time `frame` leaves, and how many below it are contiguous. */
  private ackFor(frame: Frame, type: QuicPacket['view']['type']): {largest: number; range: number} {
    const space = (t: string): string => (t === 'initial' ? 'initial' : t === 'handshake' ? 'handshake' : 'application');
    const wanted = space(type);
    const received = new Set<number>();
    const {knobs} = this.context;
    let firstClientDatagram = true;
    for (const f of this.frames) {
      if (f.index >= frame.index) break;
      if (f.from === frame.from || f.arriveMs === null || f.arriveMs > frame.sendMs) continue;
      const isFirst = f.from === 'client' && firstClientDatagram;
      if (f.from === 'client') firstClientDatagram = false;
      // A server that answers with Retry keeps nothing of that datagram (RFC 9000 §8.1.2).
      if (isFirst && knobs.retry === 'on') continue;
      for (const p of f.quic?.packets ?? []) {
        if (p.pn === null || space(p.type) !== wanted) continue;
        if (p.type === '0rtt' && knobs.earlyData !== 'accepted') continue;
        received.add(p.pn);
      }
    }
    if (received.size === 0) return {largest: 0, range: 0};
    const largest = Math.max(...received);
    let range = 0;
    while (received.has(largest - range - 1)) range++;
    return {largest, range};
  }
}

/**
 * A page's connections, each encoded as a run of its own (its frames, port, knobs and a seed of its
 * own), the bytes put back in frame order. Built with the run; nothing is encoded until read.
 */
class PageEncoder implements Encoder {
  /** Each connection's frames, and its encoder, built on first use (it draws keys). */
  readonly parts: {frames: readonly Frame[]; encoder: () => FrameEncoder}[];

  constructor(frames: readonly Frame[], payloads: readonly WirePayload[], context: WireContext, several: Connections) {
    let objects: Map<StreamItem, number> | undefined;
    this.parts = several.map(({port: clientPort, knobs}, i) => {
      const n = i + 1;
      const own = connectionFrames(frames, n);
      const seed = n === 1 ? context.seed : `${context.seed}/c${n}`;
      let encoder: FrameEncoder | undefined;
      const build = () => new FrameEncoder(own, own.map((f) => payloads[f.index]!), {knobs, seed, clientPort, objects: (objects ??= pageObjects(payloads, frames))});
      return {frames: own, encoder: () => (encoder ??= build())};
    });
  }

  get session(): TlsSession | null {
    return this.parts[0]?.encoder().session ?? null;
  }

  encodeAll(): string[] {
    encodings.traces++;
    const out: string[] = [];
    for (const {frames, encoder} of this.parts) encoder().encodeFrames().forEach((hex, k) => (out[frames[k]!.index] = hex));
    return out;
  }

  keyLog(): string[] {
    return this.parts.flatMap((p) => p.encoder().keyLog());
  }
}
