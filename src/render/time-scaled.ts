// The ladder drawn to scale: vertical distance is proportional to time (a few lines per round
// trip), so a frame is a slanted arrow from its sender's axis when it leaves to its receiver's
// axis when it arrives. Segments that cross in flight (simultaneous open or close, 0-RTT data
// racing the server's flight) are seen crossing, which a row-per-moment ladder cannot show. Quiet
// stretches longer than a few round trips (TIME-WAIT, retransmission timeouts) are folded into one
// line that says how long they were. What each arrow carries is written beside the diagram, on
// the line it leaves, wrapped whole.
import type {Frame, Trace} from '../engine/types.js';
import {formatMs} from './ladder.js';
import {padEnd, padStart, width as columnsOf, wrap} from './text.js';

/** Lines per round trip: a one-way trip is three lines, enough to see two arrows cross. */
export const LINES_PER_RTT = 6;
/** A quiet gap longer than this many round trips is folded. */
const FOLD_RTTS = 3;
const GUTTER = 8;

export interface ScaledLine {
  text: string;
  /** The current frame leaves on this line. */
  current: boolean;
  lost: boolean;
  quiet: boolean;
}

export interface ScaledLadder {
  heads: string;
  lines: ScaledLine[];
  /** The line the current frame's arrow ends on (its arrival, or its loss). */
  currentEnd: number;
  /** The column where what the arrows carry is written. */
  notesAt: number;
}

/** Times to lines: linear within a few round trips of activity, long quiet gaps folded to two lines. */
function timeScale(times: readonly number[], rttMs: number): {line(ms: number): number; folds: {line: number; ms: number}[]} {
  const points = [...new Set(times)].sort((a, b) => a - b);
  const anchors: {ms: number; line: number}[] = [{ms: points[0] ?? 0, line: 0}];
  const folds: {line: number; ms: number}[] = [];
  for (const ms of points.slice(1)) {
    const last = anchors[anchors.length - 1]!;
    const gap = ms - last.ms;
    if (gap > FOLD_RTTS * rttMs) {
      folds.push({line: last.line + 1, ms: gap});
      anchors.push({ms, line: last.line + 2});
    } else anchors.push({ms, line: last.line + Math.max(gap > 0 ? 1 : 0, Math.round((gap / rttMs) * LINES_PER_RTT))});
  }
  const line = (ms: number) => {
    let i = 0;
    while (i + 1 < anchors.length && anchors[i + 1]!.ms <= ms) i++;
    const a = anchors[i]!;
    const b = anchors[i + 1];
    if (!b || ms <= a.ms) return a.line;
    return a.line + Math.round(((ms - a.ms) / (b.ms - a.ms)) * (b.line - a.line));
  };
  return {line, folds};
}

/** Where a frame's arrow ends: its arrival, or (lost) halfway, where it dies. */
function endMs(frame: Frame, rttMs: number): number {
  if (frame.dropped || frame.arriveMs === null) return frame.sendMs + rttMs / 4;
  return frame.arriveMs;
}

/** The diagram for frames 0..frame (each drawn whole, sent to arrived), to scale, at `width`. */
export function timeScaledLadder(trace: Trace, frame: number, width: number): ScaledLadder {
  const frames = trace.frames.slice(0, frame + 1);
  const scale = timeScale(
    frames.flatMap((f) => [f.sendMs, endMs(f, trace.rttMs)]),
    trace.rttMs,
  );
  // The diagram takes two fifths of what follows the gutter; what the arrows carry, the rest.
  const span = Math.max(12, Math.min(40, Math.floor((width - GUTTER) * 0.4)));
  const client = GUTTER;
  const server = GUTTER + span;
  const notesAt = server + 2;
  const notesWidth = Math.max(10, width - notesAt);
  const lastLine = (f: Frame) => {
    const y0 = scale.line(f.sendMs);
    return y0 + Math.max(1, scale.line(endMs(f, trace.rttMs)) - y0) - 1;
  };
  const total = frames.reduce((most, f) => Math.max(most, lastLine(f)), 0) + 1;

  const cells: string[][] = Array.from({length: total}, () => Array.from({length: server + 1}, () => ' '));
  const gutter: string[] = new Array<string>(total).fill('');
  const notes: string[] = new Array<string>(total).fill('');
  const meta = Array.from({length: total}, () => ({current: false, lost: false, quiet: true}));
  for (let y = 0; y < total; y++) {
    cells[y]![client] = '│';
    cells[y]![server] = '│';
  }
  for (const fold of scale.folds) {
    gutter[fold.line] = '   ⋮';
    notes[fold.line] = `${formatMs(fold.ms)} ms with nothing sent`;
  }

  let currentEnd = 0;
  const heads: (() => void)[] = [];
  for (const f of frames) {
    const y0 = scale.line(f.sendMs);
    const y1 = scale.line(endMs(f, trace.rttMs));
    const rightwards = f.from === 'client';
    const from = rightwards ? client : server;
    const distance = span - 1;
    // The arrow ends on the line before its arrival's: a reply leaving on the arrival's line then
    // starts where this one ended instead of drawing over it (a sixth of a round trip early at most).
    const lines = Math.max(1, y1 - y0);
    // The cells between the axes, shared out over the lines in flight: a connected staircase
    // (─╮ then ╰─ going right, ╭─ then ─╯ going left) that reads as a slant. Heads go on last,
    // so an arrow leaving an axis never hides one arriving there.
    const reach = f.dropped ? Math.max(1, Math.floor(distance / 2)) : distance;
    const put = (y: number, c: number, char: string) => {
      cells[y]![rightwards ? from + 1 + c : from - 1 - c] = char;
    };
    for (let i = 0; i < lines; i++) {
      const a = Math.floor((reach * i) / lines);
      const b = Math.max(a + 1, Math.floor((reach * (i + 1)) / lines));
      for (let c = a; c < b && c < reach; c++) {
        const turnIn = i > 0 && c === a;
        const turnOut = i < lines - 1 && c === b - 1;
        put(y0 + i, c, turnOut ? (rightwards ? '╮' : '╭') : turnIn ? (rightwards ? '╰' : '╯') : '─');
      }
    }
    heads.push(() => put(y0 + lines - 1, reach - 1, f.dropped ? '✕' : rightwards ? '▶' : '◀'));
    gutter[y0] = `${formatMs(f.sendMs)} ms`;
    // What the arrow carries, on the line it leaves or the next free one, wrapped whole.
    const text = `${f.index === frame ? '▸' : ' '}${rightwards ? '→' : '←'} ${f.label}${f.dropped ? ' (lost)' : ''}`;
    let y = y0;
    while (y < total && notes[y] !== '') y++;
    for (const piece of wrap(text, notesWidth, 3)) {
      if (y >= total) {
        notes.push('');
        gutter.push('');
        cells.push(Array.from({length: server + 1}, (_, x) => (x === client || x === server ? '│' : ' ')));
        meta.push({current: false, lost: false, quiet: true});
      }
      notes[y] = piece;
      meta[y] = {current: f.index === frame, lost: f.dropped, quiet: f.label === 'ACK'};
      y++;
    }
    if (f.index === frame) currentEnd = y0 + lines - 1;
  }
  for (const head of heads) head();
  const lines = cells.map((row, y) => ({
    text: `${padStart(gutter[y]!, GUTTER - 1)} ${row.join('').slice(GUTTER)}${notes[y] ? ` ${notes[y]}` : ''}`.trimEnd(),
    ...meta[y]!,
  }));
  const title = `${padEnd('', GUTTER - 3)}${padEnd('client', span)}server  what it carries (to scale: ${LINES_PER_RTT} lines per RTT)`;
  const short = `${padEnd('', GUTTER - 3)}${padEnd('client', span)}server  to scale`;
  return {heads: columnsOf(title) <= width ? title : short, lines, currentEnd, notesAt};
}
