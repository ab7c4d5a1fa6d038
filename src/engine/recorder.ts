// Builds the Trace as the simulation runs: frames in send order with their "after" states,
// delivery of application data, and every state change as an event. A page load may open several
// connections between the same two hosts: each frame and state is then its connection's, and the
// frames of connection n > 1 carry its number and ids prefixed `c<n>-`.

import {seqAdd} from './tcp/seq.js';
import {carriedItems, frameIdBase, frameLabel, quicView, tlsView, wireBytes} from './frame-view.js';
import type {AppData, EndpointStates, Frame, Side, TraceEvent} from './types.js';
import type {StreamItem, WirePayload} from './wire.js';

export interface StateSource {
  states(): EndpointStates;
}

const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** What one connection's layers write into the trace (SimContext.rec). */
export interface TraceWriter {
  readonly frames: readonly Frame[];
  note(frame: Frame, text: string): void;
  event(atMs: number, side: Side, layer: TraceEvent['layer'], from: string | null, to: string | null, cause: string): void;
  accepted(item: StreamItem, frame: Frame): void;
  delivered(item: StreamItem): void;
}

export class Recorder implements TraceWriter {
  readonly frames: Frame[] = [];
  /** What each frame carried, as the engine built it (frames[i] was made from payloads[i]); the bytes are encoded from these. */
  readonly payloads: WirePayload[] = [];
  readonly events: TraceEvent[] = [];
  private idCounts = new Map<string, number>();
  private hosts = new Map<number, Record<Side, StateSource>>();

  /** `several`: the run may open more than one connection, so frames and events name theirs. */
  constructor(private readonly several = false) {}

  attach(hosts: Record<Side, StateSource>, connection = 1): void {
    this.hosts.set(connection, hosts);
  }

  /** The writer for one connection's layers: its state changes are tagged with it. */
  writer(connection: number): TraceWriter {
    if (!this.several) return this;
    return {
      frames: this.frames,
      note: (frame, text) => this.note(frame, text),
      event: (atMs, side, layer, from, to, cause) => this.event(atMs, side, layer, from, to, cause, connection),
      accepted: (item, frame) => this.accepted(item, frame),
      delivered: (item) => this.delivered(item),
    };
  }

  private statesOf(side: Side, connection: number): EndpointStates {
    const hosts = this.hosts.get(connection);
    if (!hosts) throw new Error(`recorder has no hosts for connection ${connection}`);
    return hosts[side].states();
  }

  /** Frames whose sender's state is taken when the event that sent them is over (settle()). */
  private unsettled: Frame[] = [];

  /**
   * A pure ACK is named for what it acknowledges, so its id does not move with unrelated knobs:
   * `ack` for the handshake's ACK of the SYN (or SYN-ACK), else `ack-<acknowledged frame>`
   * (`ack-response`, `ack-fin-2`).
   */
  private ackIdBase(from: Side, payload: WirePayload, connection: number): string {
    if (payload.kind !== 'tcp' || payload.header.ack === null) return 'ack';
    const ack = payload.header.ack;
    const acknowledged = [...this.frames]
      .reverse()
      .find((f) => (f.connection ?? 1) === connection && f.from !== from && !f.dropped && f.tcp !== null && f.tcp.seqLen > 0 && !f.tcp.flags.includes('RST') && seqAdd(f.tcp.seq, f.tcp.seqLen) === ack);
    if (!acknowledged || acknowledged.tcp!.flags.includes('SYN')) return 'ack';
    return `ack-${acknowledged.id.replace(/^c\d+-/, '').replace('#', '-')}`;
  }

  emit(from: Side, payload: WirePayload, sendMs: number, arriveMs: number | null, connection = 1): Frame {
    const contentBase = frameIdBase(payload);
    const bare = contentBase === 'ack' ? this.ackIdBase(from, payload, connection) : contentBase;
    // Each later connection counts its own frames: c2-syn is its SYN, c2-syn#2 that SYN sent again.
    const base = connection === 1 ? bare : `c${connection}-${bare}`;
    const n = (this.idCounts.get(base) ?? 0) + 1;
    this.idCounts.set(base, n);
    const index = this.frames.length;
    const items = carriedItems(payload);
    for (const item of items) if (!item.frames.includes(index)) item.frames.push(index);
    const app = items.find((i) => i.app)?.app ?? null;
    const to = other(from);
    const frame: Frame = {
      index,
      id: n === 1 ? base : `${base}#${n}`,
      from,
      to,
      sendMs,
      arriveMs,
      dropped: arriveMs === null,
      label: frameLabel(payload),
      tcp: payload.kind === 'tcp' ? {...payload.header, flags: [...payload.header.flags], options: payload.header.options.map((o) => ({...o}))} : null,
      tls: tlsView(payload),
      quic: quicView(payload),
      app,
      delivered: false,
      // The receiver's entry is its state before; arrival() replaces it once processed.
      after: {[from]: this.statesOf(from, connection), [to]: this.statesOf(to, connection)} as Record<Side, EndpointStates>,
      wireBytes: wireBytes(payload),
      notes: [...payload.notes],
      ...(this.several ? {connection} : {}),
      bytes: '', // filled in by simulate() once the run is over
    };
    if (payload.kind === 'tcp' && payload.synCookie) frame.synCookie = {...payload.synCookie};
    this.frames.push(frame);
    this.payloads.push(payload);
    this.unsettled.push(frame);
    return frame;
  }

  /**
   * The sender's states "right after it sent the frame" (CLI.md) are taken when the event that
   * sent it is over: a pure ACK sent while a SYN-ACK is processed shows the ClientHello already
   * on its way, instead of a TLS state that seems to go backwards on the ladder.
   */
  settle(): void {
    for (const frame of this.unsettled) frame.after[frame.from] = this.statesOf(frame.from, frame.connection ?? 1);
    this.unsettled = [];
  }

  arrived(frame: Frame): void {
    frame.after[frame.to] = this.statesOf(frame.to, frame.connection ?? 1);
  }

  /** The receiver accepted this frame's bytes of the item (it may still fail to deliver them). */
  accepted(item: StreamItem, frame: Frame): void {
    if (!item.accepted.includes(frame.index)) item.accepted.push(frame.index);
  }

  /** The receiving application got this item: credit the frames whose bytes were accepted. */
  delivered(item: StreamItem): void {
    for (const index of item.accepted) {
      const frame = this.frames[index];
      if (frame && !frame.dropped) frame.delivered = true;
    }
  }

  event(atMs: number, side: Side, layer: TraceEvent['layer'], from: string | null, to: string | null, cause: string, connection?: number): void {
    this.events.push({atMs, side, layer, from, to, cause, ...(this.several && connection !== undefined ? {connection} : {})});
  }

  note(frame: Frame, text: string): void {
    if (!frame.notes.includes(text)) frame.notes.push(text);
  }
}

export type {AppData};
