// The trace as a time-true sequence of rows for a ladder diagram. A frame's `after` states are
// each side's states right after that side handled it (CLI.md): the sender's when it sends, the
// receiver's when it arrives, RTT/2 later. A ladder that printed both on the frame's row would show
// the receiver in its new state before the frame has reached it (the client ESTABLISHED at 50 ms,
// when the SYN-ACK only arrives at 100 ms). Here every row is a moment: a frame leaving, or a frame
// arriving that changes the receiver's state; each row shows both sides' states as they are at that
// moment, so rows are in time order and no state appears before it takes effect.
import {connectionTraces, hasSeveralConnections} from '../engine/connections.js';
import type {EndpointStates, Frame, Side, Trace} from '../engine/types.js';

export interface TimelineRow {
  kind: 'send' | 'arrive';
  frame: Frame;
  atMs: number;
  /** Each side's states at this moment. */
  states: Record<Side, EndpointStates>;
  /** Which side's states this row changed (the sender on a send row, the receiver on an arrival). */
  changed: Side | null;
}

interface Point {
  atMs: number;
  /** Frames handled at the same moment keep their recorded order. */
  index: number;
  states: EndpointStates;
}

const SIDES: readonly Side[] = ['client', 'server'];
const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

function same(a: EndpointStates, b: EndpointStates): boolean {
  return a.tcp === b.tcp && a.tls === b.tls && (a.quic ?? null) === (b.quic ?? null);
}

/**
 * A side's states before its first frame: where each layer's first recorded transition came from,
 * moved on by the transitions before that frame (a server starts to listen at 0 ms, say).
 */
function initialStates(trace: Trace, side: Side, firstPointMs: number): EndpointStates {
  const first = trace.frames[0];
  const start: Record<string, string | null> = {tcp: null, tls: null, ...(first?.after[side].quic !== undefined ? {quic: null} : {})};
  if (first === undefined) return start as unknown as EndpointStates;
  for (const layer of Object.keys(start) as ('tcp' | 'tls' | 'quic')[]) {
    const events = trace.events.filter((e) => e.side === side && e.layer === layer);
    let state = events[0]?.from ?? first.after[side][layer] ?? null;
    for (const event of events) if (event.atMs < firstPointMs) state = event.to;
    start[layer] = state;
  }
  return start as unknown as EndpointStates;
}

/**
 * Every moment a side's states were set, in time order: by a frame it sent or received, or by a
 * transition with no frame at that moment (a timer, a crashed host forgetting its connection),
 * which the rows after it must show.
 */
function pointsOf(trace: Trace, side: Side): Point[] {
  const points: Point[] = [];
  for (const frame of trace.frames) {
    if (frame.from === side) points.push({atMs: frame.sendMs, index: frame.index, states: frame.after[side]});
    else if (!frame.dropped && frame.arriveMs !== null) points.push({atMs: frame.arriveMs, index: frame.index, states: frame.after[side]});
  }
  points.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const framed = new Set(points.map((p) => p.atMs));
  const last = trace.frames.at(-1);
  const end = last ? Math.max(last.sendMs, last.arriveMs ?? last.sendMs) : 0;
  for (const event of trace.events) {
    // Transitions after the last frame are the ladder's closing lines, not rows' states.
    if (event.side !== side || event.layer === 'app' || framed.has(event.atMs) || event.atMs > end) continue;
    const before = [...points].reverse().find((p) => p.atMs < event.atMs);
    if (!before || before.states[event.layer] === event.to) continue;
    // Between the frames of its moment and the next: after any frame sent at the same instant.
    points.push({atMs: event.atMs, index: Number.MAX_SAFE_INTEGER, states: {...before.states, [event.layer]: event.to}});
    points.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  }
  return points;
}

/** The side's states at a moment: after every frame it handled before it (same time: recorded earlier). */
function statesAt(points: readonly Point[], initial: EndpointStates, atMs: number, index: number): EndpointStates {
  let states = initial;
  for (const point of points) {
    if (point.atMs > atMs || (point.atMs === atMs && point.index >= index)) break;
    states = point.states;
  }
  return states;
}

/**
 * A page over several connections: each connection's rows show its own two ends' states (a row's
 * states are those of the connection its frame belongs to), merged in time order.
 */
export function timeline(trace: Trace): TimelineRow[] {
  if (!hasSeveralConnections(trace)) return connectionTimeline(trace);
  return connectionTraces(trace).flatMap(connectionTimeline).sort(byMoment);
}

// Send rows keep their recorded order; an arrival goes before sends at a later moment, and after
// the sends of its own moment that were recorded before it arrived.
const order = (r: TimelineRow) => (r.kind === 'send' ? r.frame.index : r.frame.index + 0.5);
const byMoment = (a: TimelineRow, b: TimelineRow) => a.atMs - b.atMs || order(a) - order(b);

function connectionTimeline(trace: Trace): TimelineRow[] {
  const points = {client: pointsOf(trace, 'client'), server: pointsOf(trace, 'server')};
  const initial = {client: initialStates(trace, 'client', points.client[0]?.atMs ?? Infinity), server: initialStates(trace, 'server', points.server[0]?.atMs ?? Infinity)};
  const rows: TimelineRow[] = [];
  for (const frame of trace.frames) {
    const sender = frame.from;
    const receiver = other(sender);
    const before = statesAt(points[sender], initial[sender], frame.sendMs, frame.index);
    rows.push({
      kind: 'send',
      frame,
      atMs: frame.sendMs,
      states: {[sender]: frame.after[sender], [receiver]: statesAt(points[receiver], initial[receiver], frame.sendMs, frame.index)} as Record<Side, EndpointStates>,
      changed: same(before, frame.after[sender]) ? null : sender,
    });
    if (frame.dropped || frame.arriveMs === null) continue;
    const was = statesAt(points[receiver], initial[receiver], frame.arriveMs, frame.index);
    if (same(was, frame.after[receiver])) continue;
    // A frame the receiver sends at the same moment shows the new state already.
    const answered = trace.frames.some((f) => f.from === receiver && f.sendMs === frame.arriveMs && f.index > frame.index);
    if (answered) continue;
    rows.push({
      kind: 'arrive',
      frame,
      atMs: frame.arriveMs,
      states: {[receiver]: frame.after[receiver], [sender]: statesAt(points[sender], initial[sender], frame.arriveMs, frame.index + 0.5)} as Record<Side, EndpointStates>,
      changed: receiver,
    });
  }
  return rows.sort(byMoment);
}

/** The rows shown once `frame` is the current frame: everything up to the next frame's sending. */
export function rowsUpTo(rows: readonly TimelineRow[], trace: Trace, frame: number): TimelineRow[] {
  const next = trace.frames[frame + 1];
  return rows.filter((row) => (row.kind === 'send' ? row.frame.index <= frame : row.frame.index <= frame && (next === undefined || row.atMs < next.sendMs || (row.atMs === next.sendMs && row.frame.index < next.index))));
}

/** The rows of `frame`'s connection (all of them in a run of one connection): whose states a panel beside that frame shows. */
export function rowsOfConnection(rows: readonly TimelineRow[], trace: Trace, frame: number): TimelineRow[] {
  const connection = trace.frames[frame]?.connection;
  return rows.filter((row) => row.frame.connection === connection);
}

/** Both sides' states at the end of what is shown at `frame` (the state panel under the ladder). */
export function statesAtFrame(rows: readonly TimelineRow[], trace: Trace, frame: number): Record<Side, EndpointStates> | undefined {
  return rowsUpTo(rows, trace, frame).at(-1)?.states;
}

export {SIDES};
