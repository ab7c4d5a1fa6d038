// One layer's state on one endpoint; every change is recorded as a trace event with its cause,
// so the TCP, TLS and QUIC machines cannot forget to report a transition.

import type {SimContext} from './context.js';
import type {Side, TraceEvent} from './types.js';

export class StateCell<S extends string> {
  constructor(
    private ctx: SimContext,
    private side: Side,
    private layer: TraceEvent['layer'],
    public value: S,
  ) {}

  set(to: S, cause: string): void {
    if (to === this.value) return;
    this.ctx.rec.event(this.ctx.sched.now, this.side, this.layer, this.value, to, cause);
    this.value = to;
  }
}
