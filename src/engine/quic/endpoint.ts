// One QUIC endpoint (RFC 9000 / RFC 9001) with TLS 1.3 inside: three packet number spaces,
// TLS messages in CRYPTO frames, application data in STREAM frames, packets coalesced into
// datagrams, Retry, 0-RTT, the 3× anti-amplification limit, and key discard (RFC 9001 §4.9).
// Connection close is not modelled: the `close` knob applies to TCP only.

import type {Channel, ChannelEvents} from '../channel.js';
import type {SimContext} from '../context.js';
import {StateCell} from '../state-cell.js';
import type {ChannelUser, Epoch, Flight} from '../tls/flight.js';
import type {Tls13} from '../tls/tls13.js';
import type {AppData, EndpointStates, Frame, QuicPacketType, Side} from '../types.js';
import type {QuicDatagram, QuicPacket, StreamItem, WirePayload} from '../wire.js';
import {PN_LENGTH} from '../bytes/quic.js';

/** UDP payload of a full datagram (a common path MTU choice: 1280-byte IPv6 minimum less headers). */
export const MAX_DATAGRAM = 1252;
const AEAD_TAG = 16;
const CID = 8;
const LONG_HEADER = 1 + 4 + 1 + CID + 1 + CID + 2 + 2; // flags, version, DCID, SCID, length, packet number
const SHORT_HEADER = 1 + CID + 2;
const CRYPTO_FRAME_HEADER = 1 + 2 + 2;
const STREAM_FRAME_HEADER = 1 + 1 + 2 + 2;
const ACK_FRAME = 5;
const RETRY_TOKEN = 40;
const RETRY_PACKET = 1 + 4 + 1 + CID + 1 + CID + RETRY_TOKEN + 16; // the integrity tag

type Space = 'initial' | 'handshake' | 'application';

interface Chunk {
  item: StreamItem;
  offset: number;
  kind: 'crypto' | 'stream';
  /** 0-RTT or 1-RTT for STREAM data in the application space. */
  early: boolean;
}

interface SpaceState {
  nextPn: number;
  ackPending: boolean;
  discarded: boolean;
  queue: Chunk[];
}

export interface QuicConfig {
  side: Side;
  retry: boolean;
  earlyData: 'off' | 'accepted' | 'rejected';
}

const SPACE_OF: Record<Epoch, Space> = {initial: 'initial', early: 'application', handshake: 'handshake', application: 'application'};

const HANDSHAKE_FLIGHTS = ['client-hello', 'hello-retry-request', 'server-flight', 'client-finished'];

export class QuicEndpoint implements Channel, ChannelUser {
  private cell: StateCell<string>;
  events: ChannelEvents | null = null;
  tls!: Tls13;
  private spaces: Record<Space, SpaceState> = {
    initial: {nextPn: 0, ackPending: false, discarded: false, queue: []},
    handshake: {nextPn: 0, ackPending: false, discarded: false, queue: []},
    application: {nextPn: 0, ackPending: false, discarded: false, queue: []},
  };
  private sentInitial: StreamItem[] = [];
  private sentEarly: StreamItem[] = [];
  private token = false;
  private handshakeDoneQueued = false;
  private retrySent = false;
  private retryQueued = false;
  private oneRttReady = false;
  private early: AppData | null = null;
  // Anti-amplification (RFC 9000 §8.1): until the client's address is validated, the server
  // sends at most three times the bytes it received, counted as UDP payload (whole datagrams,
  // padding included; IP and UDP headers are not counted).
  private addressValidated: boolean;
  private bytesReceived = 0;
  private bytesSent = 0;
  private pendingNotes: string[] = [];

  constructor(
    private ctx: SimContext,
    private config: QuicConfig,
  ) {
    this.addressValidated = config.side === 'client';
    this.cell = new StateCell(ctx, config.side, 'quic', 'IDLE');
  }

  get state(): string {
    return this.cell.value;
  }

  // ---- Channel ----

  open(early: AppData | null): boolean {
    this.early = early;
    this.setState('INITIAL_SENT', 'sent its first Initial packet');
    return this.tls.start(early);
  }

  send(app: AppData): void {
    this.tls.sendApp(app);
  }

  close(): void {}

  abort(): void {}

  crash(): void {}

  states(): EndpointStates {
    return {tcp: null, tls: this.tls.state, quic: this.state};
  }

  /** The TLS machine's output: CRYPTO data and STREAM data go to the space their keys belong to. */
  write = (flight: Flight): void => {
    for (const part of flight.parts) {
      if (part.kind === 'ccs' || part.kind === 'alert') continue;
      const isApp = part.kind === 'app';
      const item: StreamItem = {
        uid: this.ctx.uid(),
        flightId: flight.id,
        length: part.length,
        record: isApp ? null : {contentType: 'handshake', messages: [part.name], encrypted: part.epoch !== 'initial', length: part.length},
        app: isApp ? part.app : null,
        early: part.epoch === 'early',
        frames: [],
        accepted: [],
      };
      const space = SPACE_OF[part.epoch];
      if (flight.id === 'client-hello' && part.epoch === 'initial') this.sentInitial.push(item);
      if (item.early) this.sentEarly.push(item);
      this.spaces[space].queue.push({item, offset: 0, kind: isApp ? 'stream' : 'crypto', early: item.early});
    }
  };

  // ---- from TLS ----

  ready(): void {
    if (this.config.side === 'client') {
      this.oneRttReady = true;
      this.setState('CONNECTED', 'the handshake is complete: 1-RTT keys are in use');
    } else {
      // The server's handshake is confirmed as soon as it completes (RFC 9001 §4.1.2).
      this.setState('CONFIRMED', 'the client Finished arrived: the handshake is confirmed');
      this.handshakeDoneQueued = true;
      this.discard('handshake');
    }
    this.events?.ready();
  }

  received(app: AppData, item: StreamItem): void {
    this.events?.received(app, item);
  }

  earlyDataRejected(): void {
    this.events?.earlyDataRejected();
  }

  // ---- receiving ----

  receive(payload: WirePayload, frame: Frame): void {
    if (payload.kind !== 'quic') throw new Error('QUIC endpoint got a TCP segment');
    if (this.config.side === 'server') this.bytesReceived += payload.length;
    for (const packet of payload.packets) {
      this.receivePacket(packet, frame);
      // A server answering with Retry keeps no state: the rest of the datagram (0-RTT too) is dropped.
      if (this.retryQueued) return;
    }
  }

  private receivePacket(packet: QuicPacket, frame: Frame): void {
    const {type} = packet.view;
    if (type === 'retry') return this.onRetry(frame);
    const space: Space = type === 'initial' ? 'initial' : type === 'handshake' ? 'handshake' : 'application';
    if (this.spaces[space].discarded) return;
    if (this.config.side === 'server') {
      if (type === 'initial' && this.config.retry && !this.token && !this.retrySent) {
        // Retry (RFC 9000 §8.1.2): answer statelessly with a token, and make the client prove its address.
        this.ctx.rec.note(frame, 'The server answers with Retry and keeps no state: the client must echo the token to prove its address.');
        this.retryQueued = true;
        return;
      }
      if (type === '0rtt' && this.config.earlyData !== 'accepted') {
        this.ctx.rec.note(frame, 'The server refuses early data: 0-RTT packets are discarded unread.');
        return;
      }
      if (type === 'handshake' && !this.addressValidated) {
        this.addressValidated = true; // a Handshake packet proves the client saw our Initial (RFC 9000 §8.1)
        this.discard('initial');
      }
    }
    if (packet.ackEliciting) this.spaces[space].ackPending = true;
    for (const {item} of packet.carried) this.ctx.rec.accepted(item, frame);
    for (const item of packet.carried.filter((c) => c.ends).map((c) => c.item)) {
      if (item.app) this.tls.receive({kind: 'app', app: item.app, epoch: item.early ? 'early' : 'application', item});
      else if (item.record) {
        const epoch: Epoch = type === 'initial' ? 'initial' : type === 'handshake' ? 'handshake' : 'application';
        for (const name of item.record.messages) this.tls.receive({kind: 'handshake', name, epoch});
      }
    }
    if (type === 'initial' && this.config.side === 'client' && this.state === 'INITIAL_SENT' && packet.carried.some((c) => c.item.record?.messages.includes('ServerHello'))) {
      this.setState('HANDSHAKE', 'received the server Initial: Handshake keys are derived');
    }
    if (type === 'initial' && this.config.side === 'server' && this.state === 'IDLE') {
      this.setState('HANDSHAKE', 'received the client Initial and keeps state for the connection');
    }
    if (packet.view.frames.includes('HANDSHAKE_DONE')) {
      this.setState('CONFIRMED', 'HANDSHAKE_DONE arrived: the handshake is confirmed (RFC 9001 §4.1.2)');
      this.discard('handshake');
    }
  }

  private onRetry(frame: Frame): void {
    if (this.config.side !== 'client' || this.token) return;
    this.token = true;
    this.ctx.rec.note(frame, 'The client sends its Initial again, now with the token: one extra round trip (RFC 9000 §8.1.2).');
    this.pendingNotes.push('The same ClientHello again, with the Retry token; packet numbers keep counting (RFC 9000 §17.2.5.3).');
    for (const item of this.sentInitial) this.spaces.initial.queue.push({item, offset: 0, kind: 'crypto', early: false});
    for (const item of this.sentEarly) this.spaces.application.queue.push({item, offset: 0, kind: 'stream', early: true});
  }

  private discard(space: Space): void {
    const s = this.spaces[space];
    s.discarded = true;
    s.ackPending = false;
    s.queue = [];
  }

  // ---- sending ----

  output(): void {
    if (this.retryQueued) {
      this.retryQueued = false;
      this.retrySent = true;
      this.sendDatagram([{view: {type: 'retry', pn: null, frames: [], messages: [], length: RETRY_PACKET}, carried: [], ackEliciting: false, keysEpoch: 'initial'}], 'retry');
      return;
    }
    for (;;) {
      const packets = this.buildDatagram();
      if (packets.length === 0) return;
      if (!this.sendDatagram(packets, this.flightIdOf(packets))) return;
    }
  }

  private flightIdOf(packets: QuicPacket[]): string {
    const ids = packets.flatMap((p) => p.carried.map((c) => c.item.flightId));
    return (
      ids.find((id) => HANDSHAKE_FLIGHTS.includes(id)) ??
      ids.find((id) => id === 'request' || id === 'response') ??
      ids[0] ??
      (packets.some((p) => p.view.frames.includes('HANDSHAKE_DONE')) ? 'handshake-done' : 'ack')
    );
  }

  /** How many bytes may go out now: a full datagram, or less under the anti-amplification limit (RFC 9000 §8). */
  private allowance(): number {
    if (this.addressValidated) return MAX_DATAGRAM;
    return Math.min(MAX_DATAGRAM, 3 * this.bytesReceived - this.bytesSent);
  }

  /** Coalesces one packet per space, in order, into one datagram (RFC 9000 §12.2). */
  private buildDatagram(): QuicPacket[] {
    const limit = this.allowance();
    const packets: QuicPacket[] = [];
    let room = limit;
    const order: [Space, QuicPacketType][] = [
      ['initial', 'initial'],
      ['application', '0rtt'],
      ['handshake', 'handshake'],
      ['application', '1rtt'],
    ];
    for (const [space, type] of order) {
      if (type === '0rtt' && (this.config.side !== 'client' || this.oneRttReady)) continue;
      if (type === '1rtt' && !this.canSend1Rtt()) continue;
      const packet = this.buildPacket(space, type, room);
      if (!packet) continue;
      packets.push(packet);
      room -= packet.view.length;
    }
    if (packets.length === 0 && limit < MAX_DATAGRAM && this.hasQueued()) {
      this.pendingNotes.push('The anti-amplification limit (3× the bytes received) held the rest of the flight back until the client sent more.');
    }
    // RFC 9000 §14.1: a datagram with an Initial packet is padded (client always, server when the
    // Initial is ack-eliciting) to at least 1200 bytes; we fill it to the full datagram size.
    const initial = packets.find((p) => p.view.type === 'initial');
    if (initial && (this.config.side === 'client' || initial.ackEliciting) && room > 0) {
      const last = packets[packets.length - 1]!;
      last.view.length += room;
      last.view.frames.push('PADDING');
    }
    return packets;
  }

  private hasQueued(): boolean {
    return Object.values(this.spaces).some((s) => s.queue.length > 0);
  }

  private canSend1Rtt(): boolean {
    // The client has 1-RTT keys after the server Finished; the server right after sending its own (0.5-RTT data).
    return this.config.side === 'client' ? this.oneRttReady : this.tls.state !== 'START' && this.tls.state !== 'RECVD_CH';
  }

  private buildPacket(space: Space, type: QuicPacketType, room: number): QuicPacket | null {
    const s = this.spaces[space];
    if (s.discarded) return null;
    const early = type === '0rtt';
    const queue = s.queue.filter((c) => (space === 'application' ? c.early === early : true));
    const wantAck = s.ackPending && type !== '0rtt';
    const handshakeDone = type === '1rtt' && this.handshakeDoneQueued;
    if (queue.length === 0 && !wantAck && !handshakeDone) return null;
    const header = (type === '1rtt' ? SHORT_HEADER : LONG_HEADER + (type === 'initial' ? 1 + (this.token ? RETRY_TOKEN : 0) : 0)) + AEAD_TAG;
    let left = room - header;
    if (left < 40) return null;
    const frames: string[] = [];
    const carried: QuicPacket['carried'] = [];
    if (wantAck) {
      frames.push('ACK');
      left -= ACK_FRAME;
      s.ackPending = false;
    }
    if (handshakeDone) {
      frames.push('HANDSHAKE_DONE');
      left -= 1;
      this.handshakeDoneQueued = false;
    }
    for (const chunk of queue) {
      const overhead = chunk.kind === 'crypto' ? CRYPTO_FRAME_HEADER : STREAM_FRAME_HEADER;
      if (left <= overhead) break;
      const take = Math.min(left - overhead, chunk.item.length - chunk.offset);
      const name = chunk.kind === 'crypto' ? 'CRYPTO' : 'STREAM';
      if (frames[frames.length - 1] !== name) frames.push(name);
      left -= overhead + take;
      const offset = chunk.offset;
      chunk.offset += take;
      const ends = chunk.offset >= chunk.item.length;
      carried.push({item: chunk.item, ends, offset, length: take});
      if (!ends) break;
      s.queue = s.queue.filter((c) => c !== chunk);
    }
    // Header protection samples 16 bytes starting 4 bytes after the packet number begins, so the
    // packet number and payload together take at least 4 bytes (RFC 9001 §5.4.2): a packet with
    // HANDSHAKE_DONE alone is padded.
    const payload = room - left - header;
    if (payload < 4 - PN_LENGTH) {
      frames.push('PADDING');
      left -= 4 - PN_LENGTH - payload;
    }
    const length = room - left;
    const ackEliciting = frames.some((f) => f !== 'ACK' && f !== 'PADDING');
    const pn = s.nextPn++;
    return {
      view: {type, pn, frames, messages: carried.filter((c) => c.ends).flatMap((c) => c.item.record?.messages ?? []), length},
      carried,
      ackEliciting,
      keysEpoch: type === 'initial' ? 'initial' : type === 'handshake' ? 'handshake' : early ? 'early' : 'application',
    };
  }

  private sendDatagram(packets: QuicPacket[], flightId: string): boolean {
    const length = packets.reduce((sum, p) => sum + p.view.length, 0);
    this.bytesSent += length;
    const datagram: QuicDatagram = {kind: 'quic', packets, length, flightId, notes: this.pendingNotes.splice(0)};
    this.ctx.send(this.config.side, datagram);
    if (this.config.side === 'client' && packets.some((p) => p.view.type === 'handshake') && !this.spaces.initial.discarded) {
      this.discard('initial'); // the client drops Initial keys once it sends a Handshake packet (RFC 9001 §4.9.1)
    }
    return true;
  }

  private setState(to: string, cause: string): void {
    this.cell.set(to, cause);
  }
}
