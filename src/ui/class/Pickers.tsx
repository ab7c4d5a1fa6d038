// The instructor's two lists: questions to push from here, and lessons to switch the class to.
import {Box, Text} from 'ink';
import type {HostQuestion} from '../../class/index.js';
import {truncate} from '../../render/text.js';
import type {TutorLesson} from '../app/ports.js';

/** The rows of a list around the cursor, so the cursor stays visible in `rows`. */
function windowed<T>(items: T[], cursor: number, rows: number): {item: T; index: number}[] {
  const start = Math.max(0, Math.min(cursor - Math.floor(rows / 2), items.length - rows));
  return items.slice(start, start + Math.max(0, rows)).map((item, i) => ({item, index: start + i}));
}

export function QuestionPicker({candidates, cursor, width, height}: {candidates: HostQuestion[]; cursor: number; width: number; height: number}) {
  const selected = candidates[cursor];
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate('Push a question to every student (↑ ↓, enter pushes, esc closes)', width)}</Text>
      {candidates.length === 0 && <Text>{truncate('Nothing to ask about this frame and these knobs; step on or change a knob.', width)}</Text>}
      {windowed(candidates, cursor, Math.max(1, height - 6)).map(({item, index}) => (
        <Text key={index} inverse={index === cursor}>
          {truncate(`${index === cursor ? '›' : ' '} ${item.label}: ${item.prompt}`, width)}
        </Text>
      ))}
      {selected && <Text> </Text>}
      {selected && <Text dimColor>{truncate(`Choices: ${selected.choices.map((c, i) => `${i + 1}) ${c}`).join('  ')}`, width)}</Text>}
      {selected && <Text dimColor>{truncate(`Right answer (students do not see it until r): ${selected.answer + 1}) ${selected.choices[selected.answer]}`, width)}</Text>}
    </Box>
  );
}

export function LessonList({lessons, current, cursor, width, height}: {lessons: TutorLesson[]; current: string | undefined; cursor: number; width: number; height: number}) {
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate('Switch the class to a lesson (↑ ↓, enter switches, esc closes)', width)}</Text>
      {windowed(lessons, cursor, Math.max(1, height - 1)).map(({item, index}) => (
        <Text key={item.id} inverse={index === cursor}>
          {truncate(`${index === cursor ? '›' : ' '} ${item.title}${item.id === current ? '  (now)' : ''}`, width)}
        </Text>
      ))}
    </Box>
  );
}
