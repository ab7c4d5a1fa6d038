// The same part under a second knob set, side by side (compare-layout.ts lays it out): frames
// that correspond share a row, every difference is marked ≠ (and coloured), the current frame is
// marked ▸ on both sides, and the result says when each side's request and response arrive.
import {Box, Text} from 'ink';
import type {Trace} from '../../engine/types.js';
import {scrollMark} from '../common/scroll.js';
import {layoutCompare} from './compare-layout.js';

export function CompareView({trace, other, label, choice, choices, frame, width, height}: {trace: Trace; other: Trace | undefined; label: string; choice: number; choices: number; frame: number; width: number; height: number}) {
  if (!other) {
    return (
      <Box height={height}>
        <Text>Nothing to compare this part with: no contrast applies to these knobs.</Text>
      </Box>
    );
  }
  const layout = layoutCompare(trace, other, label, choice, choices, frame, width, height);
  const fits = layout.lines.length <= layout.rows;
  const shown = fits ? layout.lines : layout.lines.slice(layout.start, layout.start + layout.rows - 1);
  const above = layout.start;
  const below = layout.lines.length - layout.start - shown.length;
  return (
    <Box flexDirection="column" height={height}>
      {layout.title.map((line, i) => (
        <Text key={`t${i}`} bold>
          {line}
        </Text>
      ))}
      {layout.heads.map((line, i) => (
        <Text key={`h${i}`} underline>
          {line}
        </Text>
      ))}
      <Box flexDirection="column" height={layout.rows}>
        {shown.map((line, i) => (
          <Text key={i} color={line.color} bold={line.bold}>
            {line.text === '' ? ' ' : line.text}
          </Text>
        ))}
        {!fits && <Text dimColor>{scrollMark({start: above, shown: shown.length, above, below}, '← → move the frame')}</Text>}
      </Box>
      {layout.result.map((line, i) => (
        <Text key={`r${i}`}>{line}</Text>
      ))}
    </Box>
  );
}
