// Every binding of every mode, from the same table the router uses.
import {Box, Text} from 'ink';
import {padEnd, truncate} from '../../render/text.js';
import {keyLabel, type Binding, type Mode} from './keys.js';

const MODE_TITLES: Record<Mode, string> = {
  home: 'Home',
  player: 'Lesson player',
  options: 'Knobs panel (o)',
  compare: 'Compare (c)',
  inspect: 'Bytes (i)',
  help: 'Help',
  quiz: 'Quiz: answering',
  feedback: 'Quiz: after an answer',
  results: 'Quiz: score',
};

export function helpLines(bindings: readonly Binding[], width: number): string[] {
  const lines: string[] = [];
  for (const mode of ['home', 'player', 'options', 'compare', 'inspect', 'quiz', 'feedback', 'results'] as Mode[]) {
    lines.push(MODE_TITLES[mode]);
    for (const b of bindings.filter((x) => x.modes.includes(mode))) {
      lines.push(truncate(`  ${padEnd(b.keys.map(keyLabel).join(' / '), 18)} ${b.label}`, width));
    }
  }
  return lines;
}

export function HelpOverlay({bindings, width, height}: {bindings: readonly Binding[]; width: number; height: number}) {
  const lines = helpLines(bindings, width - 2);
  // Two columns when one would not fit the height.
  const perColumn = Math.max(1, height - 2);
  const columns = Math.ceil(lines.length / perColumn);
  const columnWidth = Math.floor((width - 2) / columns);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys (press ? or esc to close)</Text>
      <Box flexDirection="row">
        {Array.from({length: columns}, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines.slice(c * perColumn, (c + 1) * perColumn).map((line, i) => (
              <Text key={i} bold={!line.startsWith(' ')}>
                {truncate(line, columnWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
