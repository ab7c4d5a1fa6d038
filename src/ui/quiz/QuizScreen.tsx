// A question with its choices, then the verdict with the explanation and where the answer shows;
// at the end the score and the breakdown by topic. A drill shows its clock. quiz-layout.ts lays
// the lines out; what does not fit scrolls.
import {Box, Text} from 'ink';
import {ScrollView} from '../common/scroll.js';
import type {QuizState} from './model.js';
import {layoutQuiz, quizOffset} from './quiz-layout.js';

export {headerLine} from './quiz-layout.js';

export function QuizScreen({quiz, width, height}: {quiz: QuizState; width: number; height: number}) {
  const layout = layoutQuiz(quiz, width);
  const rows = Math.max(1, height - layout.header.length);
  return (
    <Box flexDirection="column" height={height}>
      {layout.header.map((line, i) => (
        <Text key={i} bold>
          {line}
        </Text>
      ))}
      <ScrollView lines={layout.body} rows={rows} offset={quizOffset(layout, height, quiz.scroll)} />
    </Box>
  );
}
