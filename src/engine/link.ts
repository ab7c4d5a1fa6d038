// The path between the endpoints: every frame takes RTT/2 one way (protocol-facts §0), unless a
// fault rule drops it. Rules model a lossy path or a middlebox; each fires a bounded number of times.
// With a rate (knob bandwidthKbps) a frame also takes its transmission time, its bits ÷ the rate,
// and frames sent one way queue behind each other: the textbook's L/R, store and forward.

import type {SimContext, Receiver} from './context.js';
import type {Recorder} from './recorder.js';
import type {Scheduler} from './scheduler.js';
import type {Frame, Side} from './types.js';
import type {WirePayload} from './wire.js';
import {wireBytes} from './frame-view.js';

export interface DropRule {
  /** Shown as a note on the dropped frame. */
  why: string;
  matches(from: Side, payload: WirePayload): boolean;
  times: number;
}

const nanos = (ms: number) => Math.round(ms * 1e6) / 1e6;

export class Link {
  /** Each connection's two ends, by `${connection} ${side}`: every connection shares the path and its rate. */
  private receivers = new Map<string, Receiver>();
  /** When each direction's transmitter is free again (only with a rate). */
  private busyUntil: Record<Side, number> = {client: 0, server: 0};

  constructor(
    private sched: Scheduler,
    private rec: Recorder,
    private oneWayMs: number,
    private rules: DropRule[],
    /** kbit/s = bits per ms; 0 leaves transmission out (instant). */
    private kbps = 0,
  ) {}

  /** When a frame of `bytes` handed over now has arrived whole at the other end. */
  private arrival(from: Side, bytes: number, now: number): number {
    if (this.kbps === 0) return now + this.oneWayMs;
    const start = Math.max(now, this.busyUntil[from]);
    // Whole nanoseconds: times stay exact in JSON (no 485.50399999999996), far finer than any rate here.
    this.busyUntil[from] = nanos(start + (bytes * 8) / this.kbps);
    return nanos(this.busyUntil[from] + this.oneWayMs);
  }

  connect(side: Side, receiver: Receiver, connection = 1): void {
    this.receivers.set(`${connection} ${side}`, receiver);
  }

  /** The send function of one connection's ends. */
  sender(connection: number): SimContext['send'] {
    return (from, payload) => this.send(from, payload, connection);
  }

  send = (from: Side, payload: WirePayload, connection = 1): Frame => {
    const rule = this.rules.find((r) => r.times > 0 && r.matches(from, payload));
    if (rule) rule.times--;
    const now = this.sched.now;
    // A lost frame was transmitted all the same: it holds the line as long as any.
    const arrives = this.arrival(from, wireBytes(payload), now);
    const frame = this.rec.emit(from, payload, now, rule ? null : arrives, connection);
    if (rule) {
      this.rec.note(frame, rule.why);
      return frame;
    }
    this.sched.at(arrives, () => this.deliver(frame, payload, connection));
    return frame;
  };

  private deliver(frame: Frame, payload: WirePayload, connection: number): void {
    const receiver = this.receivers.get(`${connection} ${frame.to}`);
    if (!receiver) throw new Error(`no receiver for ${frame.to} on connection ${connection}`);
    receiver.receive(payload, frame);
    this.rec.arrived(frame);
  }
}
