// A page load over several connections (persistent=off, parallel above 1) records them all in one
// trace, each frame and state change tagged with its connection. What holds for one connection
// (its sequence numbers, its states, its ladder) is read from each connection's own frames.
import type {Frame, Trace} from './types.js';

const byConnection = new WeakMap<readonly Frame[], Map<number, readonly Frame[]>>();

/**
 * One connection's frames, the same array each time for the same trace: the bytes encoder keys
 * each connection's TLS session by it, and the byte inspector its reassembled streams.
 */
export function connectionFrames(frames: readonly Frame[], connection: number): readonly Frame[] {
  let cached = byConnection.get(frames);
  if (!cached) byConnection.set(frames, (cached = new Map()));
  let own = cached.get(connection);
  if (!own) cached.set(connection, (own = frames.filter((f) => (f.connection ?? 1) === connection)));
  return own;
}

/** The connection numbers a trace holds, in the order they opened: [1] for a run of one connection. */
export function connectionNumbers(trace: Pick<Trace, 'frames'>): number[] {
  return [...new Set(trace.frames.map((f) => f.connection ?? 1))];
}

/** Whether the trace holds more than one connection. */
export function hasSeveralConnections(trace: Pick<Trace, 'frames'>): boolean {
  return trace.frames.some((f) => f.connection !== undefined && f.connection > 1);
}

/** Each connection as a trace of its own: its frames and state changes (the same objects); a run of one connection is its own only one. */
export function connectionTraces(trace: Trace): Trace[] {
  if (!hasSeveralConnections(trace)) return [trace];
  return connectionNumbers(trace).map((n) => ({
    ...trace,
    frames: connectionFrames(trace.frames, n) as Frame[],
    events: trace.events.filter((e) => (e.connection ?? 1) === n),
  }));
}

/** Which connection a frame belongs to, as the ladder and the quiz name it (`c2 `), in a page over several; else nothing. */
export function connectionMark(frame: {connection?: number}): string {
  return frame.connection === undefined ? '' : `c${frame.connection} `;
}
