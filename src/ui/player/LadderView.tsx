// The ladder diagram up to the current frame (src/render/ladder.ts, rows in time order): the
// current frame's row is marked (a ▸ and, with colour, bold); the newest rows stay in view, and a
// mark says how many rows are above the window.
import {Box, Text} from 'ink';
import type {Trace} from '../../engine/types.js';
import {layoutLadder, type LadderLayout} from '../../render/ladder.js';
import {timeScaledLadder} from '../../render/time-scaled.js';
import {rowsUpTo} from '../../render/timeline.js';

export interface LadderLine {
  text: string;
  current: boolean;
  quiet: boolean;
  lost: boolean;
}

const MARK = 2;

// A trace's layout depends only on the trace and the width; stepping reuses it.
const layouts = new WeakMap<Trace, Map<number, LadderLayout>>();

export function layoutFor(trace: Trace, width: number): LadderLayout {
  const byWidth = layouts.get(trace) ?? new Map<number, LadderLayout>();
  layouts.set(trace, byWidth);
  let layout = byWidth.get(width);
  if (!layout) byWidth.set(width, (layout = layoutLadder(trace, {width})));
  return layout;
}

// The to-scale drawing depends on the trace, the frame and the width; redraws reuse it.
const scaled = new WeakMap<Trace, Map<string, {heads: string; lines: LadderLine[]}>>();

function scaledLines(trace: Trace, frame: number, width: number): {heads: string; lines: LadderLine[]} {
  const byKey = scaled.get(trace) ?? new Map<string, {heads: string; lines: LadderLine[]}>();
  scaled.set(trace, byKey);
  const key = `${frame}:${width}`;
  let found = byKey.get(key);
  if (!found) {
    const ladder = timeScaledLadder(trace, frame, width);
    byKey.set(key, (found = {heads: ladder.heads, lines: ladder.lines}));
  }
  return found;
}

/** Every line of the ladder as shown at `frame`, before the window is chosen; `toScale` draws it to scale. */
export function allLadderLines(trace: Trace, frame: number, width: number, toScale = false): {heads: string; lines: LadderLine[]} {
  if (toScale) return scaledLines(trace, frame, width);
  const layout = layoutFor(trace, width - MARK);
  const shown = new Set(rowsUpTo(layout.rows.map((r) => r.row), trace, frame));
  const lines: LadderLine[] = [];
  for (const {row, lines: texts} of layout.rows) {
    if (!shown.has(row)) continue;
    const current = row.kind === 'send' && row.frame.index === frame;
    texts.forEach((text, j) => {
      lines.push({text: `${current && j === 0 ? '▸' : ' '} ${text}`, current, quiet: row.kind === 'arrive' || row.frame.label === 'ACK', lost: row.frame.dropped});
    });
  }
  return {heads: `  ${layout.heads}`, lines};
}

/** The lines that fit `height` (the heads take one): the newest, with a mark when some are hidden above. */
export function ladderLines(trace: Trace, frame: number, width: number, height: number, toScale = false): {heads: string; lines: LadderLine[]} {
  const {heads, lines} = allLadderLines(trace, frame, width, toScale);
  const room = Math.max(1, height - 1);
  if (lines.length <= room) return {heads, lines};
  const hidden = lines.length - room + 1;
  const more: LadderLine = {text: `  ↑ ${hidden} more line${hidden === 1 ? '' : 's'} above`, current: false, quiet: true, lost: false};
  return {heads, lines: [more, ...lines.slice(lines.length - room + 1)]};
}

/** `mask` hides a checkpoint's answer on the current frame's lines (see checkpoints.ts). */
export function LadderView({trace, frame, width, height, toScale = false, mask}: {trace: Trace; frame: number; width: number; height: number; toScale?: boolean; mask?: ((line: string) => string) | undefined}) {
  const {heads, lines: all} = ladderLines(trace, frame, width, height, toScale);
  const lines = mask ? all.map((line) => (line.current ? {...line, text: mask(line.text)} : line)) : all;
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor>{heads}</Text>
      {lines.map((line, i) => (
        <Text key={i} bold={line.current} dimColor={!line.current && line.quiet} color={line.lost ? 'red' : undefined}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
