// The home screen: continue where you left off, every lesson with its status, help, quit.
import {Box, Text} from 'ink';
import {truncate} from '../../render/text.js';
import type {HomeItem} from '../state.js';
import type {LessonStatus, Position, TutorLesson} from '../ports.js';

const STATUS_MARK: Record<LessonStatus, string> = {'not-started': '[ ]', 'in-progress': '[~]', completed: '[✓]'};
const STATUS_WORD: Record<LessonStatus, string> = {'not-started': '', 'in-progress': 'in progress', completed: 'done'};

export interface HomeProps {
  items: HomeItem[];
  cursor: number;
  lessons: TutorLesson[];
  position(lessonId: string): Position | undefined;
  /** Review questions due now. */
  due: number;
  notices: readonly string[];
  width: number;
  height: number;
}

function itemText(item: HomeItem, props: HomeProps): string {
  const lesson = props.lessons.find((l) => l.id === item.lessonId);
  switch (item.kind) {
    case 'continue': {
      const at = props.position(item.lessonId!);
      return `Continue: ${lesson?.title ?? item.lessonId}${at ? ` (part ${at.part + 1}, frame ${at.frame + 1})` : ''}`;
    }
    case 'lesson': {
      const status = props.position(item.lessonId!)?.status ?? 'not-started';
      const word = STATUS_WORD[status];
      return `${STATUS_MARK[status]} ${lesson?.title ?? item.lessonId}${word ? ` · ${word}` : ''}`;
    }
    case 'quiz':
      return 'Quiz: 10 questions on round trips, states and message order';
    case 'interview':
      return 'Interview drill: 10 questions against the clock';
    case 'review':
      return props.due > 0 ? `Review: ${props.due} question${props.due === 1 ? '' : 's'} due` : 'Review: nothing due yet';
    case 'help':
      return 'Keys and help';
    case 'quit':
      return 'Quit';
  }
}

export function Home(props: HomeProps) {
  const {items, cursor, width, height, notices} = props;
  const room = Math.max(1, height - 3 - notices.length);
  // Keep the cursor in view when the list is longer than the window.
  const start = Math.min(Math.max(0, cursor - room + 1), Math.max(0, items.length - room));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>hs-tutor · how TCP, TLS and QUIC connections open and close</Text>
      <Text dimColor>Pick a lesson; each one steps a real simulation frame by frame.</Text>
      {notices.map((notice, i) => (
        <Text key={`n${i}`} color="yellow">
          {truncate(`! ${notice}`, width)}
        </Text>
      ))}
      <Text> </Text>
      {items.slice(start, start + room).map((item, i) => {
        const selected = start + i === cursor;
        return (
          <Text key={`${item.kind}-${item.lessonId ?? i}`} inverse={selected} bold={item.kind === 'continue'}>
            {truncate(`${selected ? '› ' : '  '}${itemText(item, props)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}
