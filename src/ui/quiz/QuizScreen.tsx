// A question with its choices, then the verdict with the explanation and where the answer shows;
// at the end the score and the breakdown by topic. A drill shows its clock.
import {Box, Text} from 'ink';
import {findTopic} from '../../quiz/index.js';
import {currentQuestion, remainingMs, sessionResult} from '../../quiz/session.js';
import {truncate, wrap} from '../../render/text.js';
import {quizMode, type QuizState} from './model.js';

const TITLES = {quiz: 'Quiz', interview: 'Interview drill', review: 'Review'} as const;

function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function headerLine(quiz: QuizState): string {
  const {session} = quiz;
  const total = session.questions.length;
  const number = Math.min(session.answers.length + (quiz.feedback ? 0 : 1), total);
  const correct = session.answers.filter((a) => a.correct).length;
  const left = remainingMs(session, quiz.now);
  return `${TITLES[session.mode]} · question ${number}/${total} · ${correct} right so far${left === null ? '' : ` · time left ${clock(left)}`}`;
}

function Results({quiz, width}: {quiz: QuizState; width: number}) {
  const result = sessionResult(quiz.session);
  if (result.asked === 0 && quiz.session.mode === 'review') {
    return <Text>Nothing is due for review now: questions you miss come back here, a day later and then less and less often.</Text>;
  }
  const pct = Math.round(result.score * 100);
  const why = quiz.session.ended === 'time-up' ? ' (time ran out)' : quiz.session.ended === 'stopped' ? ' (stopped early)' : '';
  return (
    <Box flexDirection="column">
      <Text bold>
        Score: {result.correct} of {result.asked} ({pct}%){why}
      </Text>
      <Text> </Text>
      <Text dimColor>By topic</Text>
      {Object.entries(result.byTopic).map(([topic, [right, asked]]) => (
        <Text key={topic}>{truncate(`  ${findTopic(topic)?.title ?? topic}: ${right}/${asked}`, width)}</Text>
      ))}
      {result.missed.length > 0 && <Text> </Text>}
      {result.missed.length > 0 && <Text>{truncate(`${result.missed.length} missed question${result.missed.length === 1 ? '' : 's'} will come back in 'hs-tutor review'.`, width)}</Text>}
      <Text> </Text>
      <Text dimColor>{quiz.saved ? 'Saved to your progress.' : 'Saving…'}</Text>
    </Box>
  );
}

export function QuizScreen({quiz, width, height}: {quiz: QuizState; width: number; height: number}) {
  const mode = quizMode(quiz);
  if (mode === 'results') {
    return (
      <Box flexDirection="column" height={height}>
        <Text bold>{TITLES[quiz.session.mode]} · done</Text>
        <Results quiz={quiz} width={width} />
      </Box>
    );
  }
  const feedback = quiz.feedback;
  const question = feedback?.question ?? currentQuestion(quiz.session)!;
  const prompt = wrap(question.prompt, width);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(headerLine(quiz), width)}</Text>
      <Text> </Text>
      {prompt.map((line, i) => (
        <Text key={`p${i}`}>{line}</Text>
      ))}
      <Text> </Text>
      {question.choices.map((choice, i) => {
        const selected = !feedback && i === quiz.cursor;
        const mark = feedback ? (i === question.answer ? '✓' : i === feedback.chosen ? '✗' : ' ') : selected ? '›' : ' ';
        const color = feedback ? (i === question.answer ? 'green' : i === feedback.chosen ? 'red' : undefined) : undefined;
        return (
          <Text key={`c${i}`} inverse={selected} color={color}>
            {truncate(`${mark} ${i + 1}. ${choice}`, width)}
          </Text>
        );
      })}
      {feedback && <Text> </Text>}
      {feedback && (
        <Text bold color={feedback.correct ? 'green' : 'red'}>
          {feedback.timeUp ? 'Time is up: that answer does not count.' : feedback.correct ? 'Right.' : 'Not quite.'}
        </Text>
      )}
      {feedback?.mistake && wrap(`The trap: ${feedback.mistake}`, width).map((line, i) => <Text key={`m${i}`}>{line}</Text>)}
      {feedback && wrap(feedback.explanation, width).map((line, i) => <Text key={`e${i}`}>{line}</Text>)}
      {feedback?.link && <Text dimColor>{truncate(`Press o to open ${feedback.link.scenario} at the frame that shows it.`, width)}</Text>}
    </Box>
  );
}
