// The same part under a second knob set, side by side: frames only one side has, or that leave
// at another time, are marked ≠ (and coloured), and each side's request and response times shown.
import {Box, Text} from 'ink';
import type {Frame, Trace} from '../../engine/types.js';
import {formatMs, summaryLine} from '../../render/ladder.js';
import {padEnd, padStart, truncate} from '../../render/text.js';

export function differs(frame: Frame, other: Trace): boolean {
  const twin = other.frames.find((f) => f.id === frame.id);
  return twin === undefined || twin.sendMs !== frame.sendMs;
}

export function compareRows(trace: Trace, other: Trace, width: number): {text: string; differs: boolean}[] {
  return trace.frames.map((f) => {
    const d = differs(f, other);
    const arrow = f.from === 'client' ? '→' : '←';
    return {text: truncate(`${d ? '≠' : ' '}${padStart(formatMs(f.sendMs), 6)} ${arrow} ${f.label}${f.dropped ? ' (lost)' : ''}`, width), differs: d};
  });
}

function Side({title, trace, other, width, height, frame}: {title: string; trace: Trace; other: Trace; width: number; height: number; frame: number}) {
  const rows = compareRows(trace, other, width);
  const room = Math.max(1, height - 3);
  const start = Math.min(Math.max(0, frame - room + 1), Math.max(0, rows.length - room));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{truncate(title, width)}</Text>
      <Box flexDirection="column" height={room}>
        {rows.slice(start, start + room).map((row, i) => (
          <Text key={i} color={row.differs ? 'yellow' : undefined} bold={row.differs}>
            {row.text}
          </Text>
        ))}
      </Box>
      <Text> </Text>
      <Text>{truncate(summaryLine(trace), width)}</Text>
    </Box>
  );
}

export function CompareView({trace, other, label, choices, frame, width, height}: {trace: Trace; other: Trace | undefined; label: string; choices: number; frame: number; width: number; height: number}) {
  if (!other) {
    return (
      <Box height={height}>
        <Text>Nothing to compare this part with: no contrast applies to these knobs.</Text>
      </Box>
    );
  }
  const half = Math.floor((width - 1) / 2);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(`Compare: as set  vs  ${label}${choices > 1 ? '  (tab: another comparison)' : ''}  · ≠ differs`, width)}</Text>
      <Box flexDirection="row">
        <Side title="As set" trace={trace} other={other} width={half} height={height - 1} frame={frame} />
        <Text> </Text>
        <Side title={padEnd(label, half)} trace={other} other={trace} width={half} height={height - 1} frame={frame} />
      </Box>
    </Box>
  );
}
