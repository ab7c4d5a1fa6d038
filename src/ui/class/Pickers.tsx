// The instructor's two lists: questions to push from here, and lessons to switch the class to.
// Each item is wrapped whole (two questions about the same frame differ only late in their
// prompts), and the list scrolls by lines so the item under the cursor is always in view.
import {Box, Text} from 'ink';
import type {HostQuestion} from '../../class/index.js';
import {wrap} from '../../render/text.js';
import type {TutorLesson} from '../app/ports.js';
import {ScrollView, type StyledLine} from '../common/scroll.js';

/** The items as lines, and where the cursor's item starts and ends. */
function itemLines(texts: readonly string[], cursor: number, width: number): {lines: StyledLine[]; start: number; end: number} {
  const lines: StyledLine[] = [];
  let start = 0;
  let end = 0;
  texts.forEach((text, i) => {
    if (i === cursor) start = lines.length;
    for (const line of wrap(`${i === cursor ? '›' : ' '} ${text}`, width, 2)) lines.push({text: line, ...(i === cursor ? {inverse: true} : {})});
    if (i === cursor) end = lines.length - 1;
  });
  return {lines, start, end};
}

/** The first line in view that shows the cursor's item, near the middle when the list is long. */
function offsetFor(total: number, rows: number, start: number, end: number): number {
  if (total <= rows) return 0;
  const shown = rows - 1;
  const centred = start - Math.floor((shown - (end - start + 1)) / 2);
  return Math.min(Math.max(0, centred), Math.max(0, total - shown));
}

export function QuestionPicker({candidates, cursor, width, height}: {candidates: HostQuestion[]; cursor: number; width: number; height: number}) {
  const selected = candidates[cursor];
  const title = wrap('Push a question to every student (↑ ↓, enter pushes, esc closes)', width, 2);
  const details = selected
    ? [
        '',
        ...wrap(`Choices: ${selected.choices.map((c, i) => `${i + 1}) ${c}`).join('  ')}`, width, 2),
        ...wrap(`Right answer (students do not see it until r): ${selected.answer + 1}) ${selected.choices[selected.answer]}`, width, 2),
      ]
    : wrap('Nothing to ask about this frame and these knobs; step on or change a knob.', width);
  const list = itemLines(
    candidates.map((item) => `${item.label}: ${item.prompt}`),
    cursor,
    width,
  );
  const rows = Math.max(1, height - title.length - details.length);
  return (
    <Box flexDirection="column" height={height}>
      {title.map((line, i) => (
        <Text key={`t${i}`} bold>
          {line}
        </Text>
      ))}
      {candidates.length > 0 && <ScrollView lines={list.lines} rows={rows} offset={offsetFor(list.lines.length, rows, list.start, list.end)} keys="↑ ↓" />}
      {details.map((line, i) => (
        <Text key={`d${i}`} dimColor>
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

/** A titled list with a cursor, scrolled to keep the cursor in view: the lessons, the students to remove. */
function PickList({title, items, cursor, width, height}: {title: string; items: string[]; cursor: number; width: number; height: number}) {
  const heading = wrap(title, width, 2);
  const list = itemLines(items, cursor, width);
  const rows = Math.max(1, height - heading.length);
  return (
    <Box flexDirection="column" height={height}>
      {heading.map((line, i) => (
        <Text key={`t${i}`} bold>
          {line}
        </Text>
      ))}
      <ScrollView lines={list.lines} rows={rows} offset={offsetFor(list.lines.length, rows, list.start, list.end)} keys="↑ ↓" />
    </Box>
  );
}

export function LessonList({lessons, current, cursor, width, height}: {lessons: TutorLesson[]; current: string | undefined; cursor: number; width: number; height: number}) {
  const items = lessons.map((l) => `${l.title}${l.id === current ? '  (now)' : ''}`);
  return <PickList title="Switch the class to a lesson (↑ ↓, enter switches, esc closes)" items={items} cursor={cursor} width={width} height={height} />;
}

/** The remove list: one student per line; enter removes the one under the cursor. */
export function StudentList({students, cursor, width, height}: {students: {name: string}[]; cursor: number; width: number; height: number}) {
  const title = students.length === 0 ? 'Nobody to remove (esc closes).' : 'Remove a student from the class (↑ ↓, enter removes: cut off, not let back in by their program; esc closes)';
  return <PickList title={title} items={students.map((s) => s.name)} cursor={cursor} width={width} height={height} />;
}
