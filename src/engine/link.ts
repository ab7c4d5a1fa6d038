// The path between the endpoints: every frame takes RTT/2 one way (protocol-facts §0), unless a
// fault rule drops it. Rules model a lossy path or a middlebox; each fires a bounded number of times.

import type {SimContext, Receiver} from './context.js';
import type {Recorder} from './recorder.js';
import type {Scheduler} from './scheduler.js';
import type {Frame, Side} from './types.js';
import type {WirePayload} from './wire.js';

export interface DropRule {
  /** Shown as a note on the dropped frame. */
  why: string;
  matches(from: Side, payload: WirePayload): boolean;
  times: number;
}

export class Link {
  private receivers: Partial<Record<Side, Receiver>> = {};

  constructor(
    private sched: Scheduler,
    private rec: Recorder,
    private oneWayMs: number,
    private rules: DropRule[],
  ) {}

  connect(side: Side, receiver: Receiver): void {
    this.receivers[side] = receiver;
  }

  send: SimContext['send'] = (from, payload) => {
    const rule = this.rules.find((r) => r.times > 0 && r.matches(from, payload));
    if (rule) rule.times--;
    const now = this.sched.now;
    const frame = this.rec.emit(from, payload, now, rule ? null : now + this.oneWayMs);
    if (rule) {
      this.rec.note(frame, rule.why);
      return frame;
    }
    this.sched.at(now + this.oneWayMs, () => this.deliver(frame, payload));
    return frame;
  };

  private deliver(frame: Frame, payload: WirePayload): void {
    const receiver = this.receivers[frame.to];
    if (!receiver) throw new Error(`no receiver for ${frame.to}`);
    receiver.receive(payload, frame);
    this.rec.arrived(frame);
  }
}
