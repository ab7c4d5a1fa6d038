// The home screen: continue where you left off, every lesson with its status, help, quit.
import {Box, Text} from 'ink';
import {truncate} from '../../render/text.js';
import {HOME_SUBTITLE, HOME_TITLE, homeFirstVisible, homeItemText, homeRoom} from './home-text.js';
import type {HomeItem} from './model.js';
import type {Position, TutorLesson} from '../app/ports.js';

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

export function Home(props: HomeProps) {
  const {items, cursor, width, height, notices} = props;
  const room = homeRoom(height, notices.length);
  const start = homeFirstVisible(items.length, cursor, room);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{HOME_TITLE}</Text>
      <Text dimColor>{HOME_SUBTITLE}</Text>
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
            {truncate(`${selected ? '› ' : '  '}${homeItemText(item, props)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}
