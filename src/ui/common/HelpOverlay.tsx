// Every binding of every screen, from the same tables the router uses, each with its whole
// description (wrapped, never cut); it scrolls with ↑ ↓ PgUp PgDn when it is taller than the room.
import {Box, Text} from 'ink';
import {padEnd, width as columns, wrap} from '../../render/text.js';
import {keyLabel, type Binding, type Mode} from './keys.js';
import {ScrollView, type StyledLine} from './scroll.js';

const MODE_TITLES: Record<Mode, string> = {
  home: 'Home',
  topics: 'Home: the interview drill\'s topic',
  player: 'Lesson player',
  options: 'Knobs panel (o)',
  compare: 'Compare (c)',
  inspect: 'Bytes (i)',
  lab: 'The lab (r)',
  help: 'This help (?)',
  complete: 'End of a lesson',
  quiz: 'Quiz: answering',
  feedback: 'Quiz: after an answer',
  results: 'Quiz: score',
};

const ORDER: Mode[] = ['home', 'topics', 'player', 'options', 'compare', 'inspect', 'lab', 'complete', 'help', 'quiz', 'feedback', 'results'];

/** The sections in order, the screen the help was opened from first (its keys are the ones wanted now). */
export function helpLines(bindings: readonly Binding[], width: number, first?: Mode): StyledLine[] {
  const lines: StyledLine[] = [];
  const order = first === undefined ? ORDER : [first, ...ORDER.filter((mode) => mode !== first)];
  for (const mode of order) {
    const here = bindings.filter((b) => b.modes.includes(mode));
    if (here.length === 0) continue;
    if (lines.length > 0) lines.push({text: ''});
    lines.push({text: MODE_TITLES[mode], bold: true});
    const keys = here.map((b) => b.keys.map(keyLabel).join(' / '));
    const keyColumn = Math.min(Math.max(...keys.map(columns)) + 2, Math.floor(width / 2));
    here.forEach((binding, i) => {
      const label = keys[i]!;
      // Keys wider than their column get a line of their own.
      const head = columns(label) + 2 > keyColumn ? [`  ${label}`] : [];
      const start = head.length > 0 ? `  ${padEnd('', keyColumn)}` : `  ${padEnd(label, keyColumn)}`;
      lines.push(...head.map((text) => ({text})), ...wrap(`${start}${binding.label}`, width, keyColumn + 2).map((text) => ({text})));
    });
  }
  return lines;
}

export function HelpOverlay({bindings, width, height, offset = 0, first}: {bindings: readonly Binding[]; width: number; height: number; offset?: number; first?: Mode}) {
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys (press ? or esc to close)</Text>
      <ScrollView lines={helpLines(bindings, width, first)} rows={Math.max(1, height - 1)} offset={offset} />
    </Box>
  );
}
