// The selected frame's fields one by one (the byte-level view builds on the same list).
import {Box, Text} from 'ink';
import type {Frame} from '../../engine/types.js';
import {truncate} from '../../render/text.js';
import {frameDetailLines} from '../components/FrameDetails.js';

export function InspectView({frame, rttMs, field, width, height}: {frame: Frame; rttMs: number; field: number; width: number; height: number}) {
  const lines = [...frameDetailLines(frame, rttMs), ...frame.notes];
  const selected = Math.min(field, lines.length - 1);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Fields of {frame.id} (↑/↓ move · i or esc close)</Text>
      {lines.slice(0, height - 1).map((line, i) => (
        <Text key={i} inverse={i === selected}>
          {truncate(`${i === selected ? '› ' : '  '}${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
