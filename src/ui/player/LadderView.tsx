// The ladder diagram drawn up to the current frame, which is marked (a ▸ and, with colour, bold):
// the newest frames stay in view, so the window shows the last lines that fit.
import {Box, Text} from 'ink';
import {layoutLadder, type LadderLayout} from '../../render/ladder.js';
import type {Trace} from '../../engine/types.js';

export interface LadderLine {
  text: string;
  current: boolean;
  quiet: boolean;
  lost: boolean;
}

const MARK = 2;

// A trace's layout depends only on the trace and the width; stepping reuses it.
const layouts = new WeakMap<Trace, Map<number, LadderLayout>>();

function layoutFor(trace: Trace, width: number): LadderLayout {
  const byWidth = layouts.get(trace) ?? new Map<number, LadderLayout>();
  layouts.set(trace, byWidth);
  let layout = byWidth.get(width);
  if (!layout) byWidth.set(width, (layout = layoutLadder(trace, {width})));
  return layout;
}

export function ladderLines(trace: Trace, frame: number, width: number, height: number): {heads: string; lines: LadderLine[]} {
  const layout = layoutFor(trace, width - MARK);
  const lines: LadderLine[] = [];
  layout.frames.slice(0, frame + 1).forEach((block, i) => {
    const f = trace.frames[i]!;
    block.forEach((text, j) => {
      const current = i === frame;
      lines.push({text: `${current && j === 0 ? '▸' : ' '} ${text}`, current, quiet: f.label === 'ACK', lost: f.dropped});
    });
  });
  return {heads: `  ${layout.heads}`, lines: lines.slice(Math.max(0, lines.length - (height - 1)))};
}

export function LadderView({trace, frame, width, height}: {trace: Trace; frame: number; width: number; height: number}) {
  const {heads, lines} = ladderLines(trace, frame, width, height);
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
