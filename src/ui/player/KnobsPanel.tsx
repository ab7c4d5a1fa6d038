// The knobs of the current part, changed with ←/→: a valid change re-simulates at once; an
// invalid one shows the engine's sentence and the ladder keeps the last valid run.
import {Box, Text} from 'ink';
import {KNOBS} from '../../engine/knobs.js';
import {padEnd, truncate, wrap} from '../../render/text.js';
import {OPTION_ROWS, type PlayerState} from './model.js';

export function KnobsPanel({player, width, height}: {player: PlayerState; width: number; height: number}) {
  const {cursor, draft, error, changed} = player.options;
  // What the engine's rules changed with the last change, and why, or why nothing could change.
  const errorLines = error ? wrap(`✗ ${error}`, width) : changed.flatMap((c) => wrap(`• also ${c.knob}=${c.to}: ${c.why}`, width));
  const room = Math.max(1, height - 2 - errorLines.length);
  const start = Math.min(Math.max(0, cursor - Math.floor(room / 2)), Math.max(0, OPTION_ROWS.length - room));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Knobs of this part: ←/→ change · ↑/↓ choose · o or esc close</Text>
      {OPTION_ROWS.slice(start, start + room).map((row, i) => {
        const selected = start + i === cursor;
        const value = row === 'rttMs' ? `${player.rttMs} ms` : String(draft[row]);
        const note = row === 'rttMs' ? 'round-trip time' : KNOBS[row].description;
        const line = `${selected ? '› ' : '  '}${padEnd(row === 'rttMs' ? 'rtt' : row, 13)}${padEnd(`‹ ${value} › `, 22)}${note}`;
        return (
          <Text key={row} inverse={selected}>
            {truncate(line, width)}
          </Text>
        );
      })}
      {errorLines.map((line, i) => (
        <Text key={`e${i}`} color={error ? 'red' : 'yellow'}>
          {line}
        </Text>
      ))}
      {errorLines.length === 0 && <Text dimColor>Changes apply at once; the ladder keeps your place by frame id.</Text>}
    </Box>
  );
}
