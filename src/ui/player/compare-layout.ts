// Compare laid out as pure functions (tests check them without Ink): the same part under two
// knob sets, with corresponding frames (same id, in order) on the same row, a frame only one side
// has facing a gap, and every difference marked ≠: a frame missing on the other side, leaving at
// another time, carrying something else (a SYN against a SYN with a TFO cookie and a
// ClientHello), or lost on one side only. The current frame is marked ▸ on both sides; the
// result says when the request and the response arrive on each side, and by how much they differ.
import {connectionMark, hasSeveralConnections} from '../../engine/connections.js';
import type {Frame, Trace} from '../../engine/types.js';
import {formatMs, formatRtt} from '../../render/ladder.js';
import {padEnd, width as columns, wrap} from '../../render/text.js';
import type {StyledLine} from '../common/scroll.js';

export interface AlignedRow {
  left?: Frame;
  right?: Frame;
}

/**
 * Frames paired by id in order (a longest common subsequence); the rest face a gap. When either
 * side is a page over several connections, a pair must also leave at the same moment: ids count
 * per connection there (the base page's `response-fin` is not a persistent page's last), so only
 * what both runs really share lines up.
 */
export function alignFrames(left: Trace, right: Trace): AlignedRow[] {
  const a = left.frames;
  const b = right.frames;
  const several = hasSeveralConnections(left) || hasSeveralConnections(right);
  const pair = (x: Frame, y: Frame) => x.id === y.id && (!several || x.sendMs === y.sendMs);
  // common[i][j]: how many frames a[i..] and b[j..] share in order.
  const common: number[][] = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i]![j] = pair(a[i]!, b[j]!) ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i >= a.length) rows.push({right: b[j++]});
    else if (j >= b.length) rows.push({left: a[i++]});
    else if (pair(a[i]!, b[j]!)) rows.push({left: a[i++], right: b[j++]});
    else {
      const skipLeft = common[i + 1]![j]!;
      const skipRight = common[i]![j + 1]!;
      // Either way keeps as many pairs: the earlier frame comes first, so rows stay in time order.
      if (skipLeft > skipRight || (skipLeft === skipRight && a[i]!.sendMs <= b[j]!.sendMs)) rows.push({left: a[i++]});
      else rows.push({right: b[j++]});
    }
  }
  return rows;
}

/** Whether a row shows a difference: a gap, another time, other contents, or a loss on one side. */
export function rowDiffers({left, right}: AlignedRow): boolean {
  if (!left || !right) return true;
  return left.sendMs !== right.sendMs || left.label !== right.label || left.dropped !== right.dropped || (left.connection ?? 1) !== (right.connection ?? 1);
}

/**
 * The row holding each side's current frame: the left's own; on the right its twin, or else the
 * last frame the right side has shown by that row (rows run in time order).
 */
export function currentRows(rows: readonly AlignedRow[], frame: number): {left: number; right: number} {
  const left = rows.findIndex((r) => r.left?.index === frame);
  let right = -1;
  for (let r = 0; r <= left; r++) if (rows[r]!.right) right = r;
  return {left, right};
}

function cell(frame: Frame | undefined, differs: boolean, current: boolean, width: number): string[] {
  if (!frame) return [];
  const arrow = frame.from === 'client' ? '→' : '←';
  const head = `${current ? '▸' : ' '}${differs ? '≠' : ' '}${padEnd(formatMs(frame.sendMs), 6)}${arrow} `;
  const text = `${head}${connectionMark(frame)}${frame.label}${frame.dropped ? ' (lost)' : ''}`;
  return wrap(text, width, columns(head));
}

export interface CompareLine extends StyledLine {
  /** The row this line belongs to. */
  row: number;
}

/** Every line of both columns, row by row; a row is as tall as its taller side. */
export function compareLines(left: Trace, right: Trace, frame: number, width: number): {lines: CompareLine[]; current: number} {
  const half = Math.floor((width - 1) / 2);
  const rows = alignFrames(left, right);
  const now = currentRows(rows, frame);
  const lines: CompareLine[] = [];
  let current = 0;
  rows.forEach((row, r) => {
    const differs = rowDiffers(row);
    const a = cell(row.left, differs, r === now.left, half);
    const b = cell(row.right, differs, r === now.right, half);
    if (r === now.left) current = lines.length;
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      lines.push({text: `${padEnd(a[k] ?? '', half)} ${b[k] ?? ''}`.trimEnd(), row: r, ...(differs ? {color: 'yellow'} : {}), bold: r === now.left || r === now.right});
    }
  });
  return {lines, current};
}

function when(ms: number | null, rtt: number | null): string {
  return ms === null ? 'never' : `${formatMs(ms)} ms (${formatRtt(rtt)} RTT)`;
}

/** How much sooner or later the compared side is: '100 ms (1 RTT) sooner'. */
function by(a: number | null, artt: number | null, b: number | null, brtt: number | null): string {
  if (a === null || b === null || artt === null || brtt === null) return '';
  const ms = Number((b - a).toFixed(2));
  if (ms === 0) return ': the same';
  return `: ${formatMs(Math.abs(ms))} ms (${formatRtt(Math.abs(brtt - artt))} RTT) ${ms < 0 ? 'sooner' : 'later'}`;
}

/** When the request leaves and the response arrives on each side, and the difference; wrapped. */
export function resultLines(left: Trace, right: Trace, label: string, width: number): string[] {
  const a = left.summary;
  const b = right.summary;
  if (left.knobs.data === 'none' && right.knobs.data === 'none') return wrap('No application data on either side (data=none).', width, 2);
  const measure = (what: string, ams: number | null, artt: number | null, bms: number | null, brtt: number | null) =>
    wrap(`${what} at ${when(ams, artt)} as set, ${when(bms, brtt)} ${label}${by(ams, artt, bms, brtt)}.`, width, 2);
  return [
    ...measure('Request sent', a.requestSentMs, a.requestSentRtt, b.requestSentMs, b.requestSentRtt),
    ...measure('Response received', a.responseReceivedMs, a.responseReceivedRtt, b.responseReceivedMs, b.responseReceivedRtt),
    // A page: when its last object arrived, the figure non-persistent HTTP or pipelining changes.
    ...(a.pageLoadedMs !== undefined && b.pageLoadedMs !== undefined ? measure('Page loaded', a.pageLoadedMs, a.pageLoadedRtt!, b.pageLoadedMs, b.pageLoadedRtt!) : []),
  ];
}

export interface CompareLayout {
  title: string[];
  heads: string[];
  lines: CompareLine[];
  /** The first line in view and how many; marks say what is above and below. */
  start: number;
  rows: number;
  result: string[];
}

/** The title, the two columns' heads, a window onto the rows that keeps the current frame in view, and the result. */
export function layoutCompare(left: Trace, right: Trace, label: string, choice: number, choices: number, frame: number, width: number, height: number): CompareLayout {
  const half = Math.floor((width - 1) / 2);
  const title = wrap(`Compare · ≠ differs · ▸ this frame${choices > 1 ? ` · tab: another comparison (${(choice % choices) + 1} of ${choices})` : ''}`, width, 2);
  const leftHead = wrap('As set', half);
  const rightHead = wrap(label, half);
  const heads = Array.from({length: Math.max(leftHead.length, rightHead.length)}, (_, k) => `${padEnd(leftHead[k] ?? '', half)} ${rightHead[k] ?? ''}`.trimEnd());
  const result = resultLines(left, right, label, width);
  const {lines, current} = compareLines(left, right, frame, width);
  const rows = Math.max(1, height - title.length - heads.length - result.length);
  if (lines.length <= rows) return {title, heads, lines, start: 0, rows, result};
  // One row goes to the mark; the current frame sits two thirds down, so what follows shows too.
  const shown = Math.max(1, rows - 1);
  const start = Math.min(Math.max(0, current - Math.floor((shown * 2) / 3)), lines.length - shown);
  return {title, heads, lines, start, rows, result};
}
