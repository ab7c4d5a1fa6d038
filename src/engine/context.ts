// What every layer of both endpoints shares during one run.

import type {TraceWriter} from './recorder.js';
import type {Rng} from './rng.js';
import type {Scheduler} from './scheduler.js';
import type {Frame, Side} from './types.js';
import type {WirePayload} from './wire.js';

export interface Receiver {
  receive(payload: WirePayload, frame: Frame): void;
}

export interface SimContext {
  sched: Scheduler;
  /** Where this connection's layers write into the trace. */
  rec: TraceWriter;
  rng: Rng;
  rttMs: number;
  /** Puts a payload on the link; returns the recorded frame (dropped or not). */
  send(from: Side, payload: WirePayload): Frame;
  /** A fresh id for a stream item. */
  uid(): number;
  /** Bytes of each response body (knob objectBytes); requests keep the tutor's size. */
  responseBytes: number;
}
