// Builds the Trace as the simulation runs: frames in send order with their "after" states,
// delivery of application data, and every state change as an event.

import {seqAdd} from './tcp/seq.js';
import {carriedItems, frameIdBase, frameLabel, quicView, tlsView, wireBytes} from './frame-view.js';
import type {AppData, EndpointStates, Frame, Side, TraceEvent} from './types.js';
import type {StreamItem, WirePayload} from './wire.js';

export interface StateSource {
  states(): EndpointStates;
}

const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

export class Recorder {
  readonly frames: Frame[] = [];
  /** What each frame carried, as the engine built it (frames[i] was made from payloads[i]); the bytes are encoded from these. */
  readonly payloads: WirePayload[] = [];
  readonly events: TraceEvent[] = [];
  private idCounts = new Map<string, number>();
  private hosts: Record<Side, StateSource> | null = null;

  attach(hosts: Record<Side, StateSource>): void {
    this.hosts = hosts;
  }

  private statesOf(side: Side): EndpointStates {
    if (!this.hosts) throw new Error('recorder has no hosts');
    return this.hosts[side].states();
  }

  /** Frames whose sender's state is taken when the event that sent them is over (settle()). */
  private unsettled: Frame[] = [];

  /**
   * A pure ACK is named for what it acknowledges, so its id does not move with unrelated knobs:
   * `ack` for the handshake's ACK of the SYN (or SYN-ACK), else `ack-<acknowledged frame>`
   * (`ack-response`, `ack-fin-2`).
   */
  private ackIdBase(from: Side, payload: WirePayload): string {
    if (payload.kind !== 'tcp' || payload.header.ack === null) return 'ack';
    const ack = payload.header.ack;
    const acknowledged = [...this.frames]
      .reverse()
      .find((f) => f.from !== from && !f.dropped && f.tcp !== null && f.tcp.seqLen > 0 && !f.tcp.flags.includes('RST') && seqAdd(f.tcp.seq, f.tcp.seqLen) === ack);
    if (!acknowledged || acknowledged.tcp!.flags.includes('SYN')) return 'ack';
    return `ack-${acknowledged.id.replace('#', '-')}`;
  }

  emit(from: Side, payload: WirePayload, sendMs: number, arriveMs: number | null): Frame {
    const contentBase = frameIdBase(payload);
    const base = contentBase === 'ack' ? this.ackIdBase(from, payload) : contentBase;
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
      after: {[from]: this.statesOf(from), [to]: this.statesOf(to)} as Record<Side, EndpointStates>,
      wireBytes: wireBytes(payload),
      notes: [...payload.notes],
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
    for (const frame of this.unsettled) frame.after[frame.from] = this.statesOf(frame.from);
    this.unsettled = [];
  }

  arrived(frame: Frame): void {
    frame.after[frame.to] = this.statesOf(frame.to);
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

  event(atMs: number, side: Side, layer: TraceEvent['layer'], from: string | null, to: string | null, cause: string): void {
    this.events.push({atMs, side, layer, from, to, cause});
  }

  note(frame: Frame, text: string): void {
    if (!frame.notes.includes(text)) frame.notes.push(text);
  }
}

export type {AppData};
