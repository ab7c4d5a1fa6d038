// The pushed question on the instructor's screen: its prompt, a live histogram of the answers
// (anonymous unless the instructor turns names on), and, once revealed, the right answer.
import {Box, Text} from 'ink';
import {answersByChoice, currentQuestion, histogram, rosterCounts, type HostState} from '../../class/index.js';
import {truncate, wrap} from '../../render/text.js';

/** One histogram row: number, choice, bar and count, fitted to `width`. */
export function barLine(index: number, choice: string, count: number, max: number, width: number, mark: string): string {
  const label = truncate(`${mark}${index + 1} ${choice}`, Math.max(10, Math.floor(width * 0.45))).padEnd(Math.max(10, Math.floor(width * 0.45)));
  const room = Math.max(1, width - [...label].length - 6);
  const bar = max === 0 ? '' : '█'.repeat(Math.round((count / max) * room));
  return truncate(`${label} ${bar} ${count}`, width);
}

export function QuestionPanel({state, named, width, height}: {state: HostState; named: boolean; width: number; height: number}) {
  const q = currentQuestion(state);
  if (!q) {
    const asked = state.questions.length;
    return (
      <Box flexDirection="column" height={height}>
        <Text dimColor>{truncate(asked === 0 ? 'No question yet: a asks one.' : `${asked} question${asked === 1 ? '' : 's'} asked; a asks another.`, width)}</Text>
      </Box>
    );
  }
  const counts = histogram(state)!;
  const names = named ? answersByChoice(state)! : null;
  const max = Math.max(...counts);
  const {answered} = rosterCounts(state);
  const prompt = wrap(q.prompt, width).slice(0, Math.max(1, height - q.choices.length - 1));
  let room = height - 1 - prompt.length - q.choices.length;
  const nameLines = (names ?? []).flatMap((who, i) => (who.length === 0 ? [] : [truncate(`  ${i + 1}: ${who.join(', ')}`, width)])).slice(0, Math.max(0, room));
  room -= nameLines.length;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold>{truncate(`Question ${q.id} (${q.source}) · ${answered} answered${q.revealed ? ' · revealed' : ''}${named ? ' · names on' : ''}`, width)}</Text>
      {prompt.map((line, i) => (
        <Text key={`p${i}`}>{line}</Text>
      ))}
      {q.choices.map((choice, i) => {
        const right = q.revealed && i === q.answer;
        return (
          <Text key={`c${i}`} color={right ? 'green' : undefined} bold={right}>
            {barLine(i, choice, counts[i] ?? 0, max, width, right ? '✓' : ' ')}
          </Text>
        );
      })}
      {nameLines.map((line, i) => (
        <Text key={`n${i}`} dimColor>
          {line}
        </Text>
      ))}
      {q.revealed &&
        wrap(q.explanation, width)
          .slice(0, Math.max(0, room))
          .map((line, i) => (
            <Text key={`e${i}`} dimColor>
              {line}
            </Text>
          ))}
    </Box>
  );
}
