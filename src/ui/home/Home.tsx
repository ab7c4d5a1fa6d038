// The home screen: continue where you left off, every lesson with its status, the sessions,
// help, quit; the selected lesson's summary under the menu. Its lines come from home-text.ts,
// which the first paint uses too, so the two cannot differ.
import type {Counting} from '../../quiz/keys.js';
import {Box, Text} from 'ink';
import type {Position, TutorLesson} from '../app/ports.js';
import {homeScreenLines} from './home-text.js';
import type {HomeItem} from './model.js';

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
  /** In place of the home screen's subtitle (the drill's topic list says what it is). */
  subtitle?: string;
  counting?: Counting;
}

export function Home(props: HomeProps) {
  const lines = homeScreenLines(props);
  return (
    <Box flexDirection="column" height={props.height}>
      {lines.map((line, i) => (
        // A blank line is an unstyled space: an empty Text takes no row in Ink.
        line.text === '' ? (
          <Text key={i}> </Text>
        ) : (
          <Text key={i} bold={line.bold} dimColor={line.dim} inverse={line.inverse} color={line.color}>
            {line.text}
          </Text>
        )
      ))}
    </Box>
  );
}
