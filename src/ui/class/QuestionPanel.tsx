// The pushed question on the instructor's screen: its prompt, a live histogram of the answers
// (anonymous unless the instructor turns names on), and, once revealed, the right answer. Every
// choice is always shown, wrapped whole; the prompt and the explanation take what rows are left.
import {Box, Text} from 'ink';
import {answersByChoice, currentQuestion, firstHistogram, histogram, rosterCounts, type HostState} from '../../class/index.js';
import {findMisconception} from '../../quiz/index.js';
import {padEnd, wrap} from '../../render/text.js';

/** One histogram row: the choice wrapped in its column, the bar and the count on its first line. */
export function barLines(index: number, choice: string, count: number, max: number, width: number, mark: string): string[] {
  // The bar gets a quarter of the width (the counts are what it shows), the choice the rest.
  const barRoom = Math.max(6, Math.floor(width / 4));
  const labelWidth = Math.max(12, width - barRoom - 2 - String(count).length);
  const label = wrap(`${mark}${index + 1} ${choice}`, labelWidth, 3);
  const room = Math.max(1, width - labelWidth - 2 - String(count).length);
  const bar = max === 0 ? '' : '█'.repeat(Math.round((count / max) * room));
  return [`${padEnd(label[0]!, labelWidth)} ${bar} ${count}`.replace(/ +$/, ''), ...label.slice(1)];
}

const shift = (d: number) => (d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0');

export interface QuestionPanelLines {
  header: string[];
  prompt: string[];
  choices: {lines: string[]; right: boolean}[];
  names: string[];
  explanation: string[];
}

export function questionPanelLines(state: HostState, named: boolean, width: number): QuestionPanelLines | null {
  const q = currentQuestion(state);
  if (!q) return null;
  const counts = histogram(state)!;
  const first = firstHistogram(state);
  const names = named ? answersByChoice(state)! : null;
  const max = Math.max(...counts, ...(first ?? []));
  const {answered} = rosterCounts(state);
  // Peer instruction: which vote this is, and whether the class has seen the votes.
  const vote = first ? ` · second vote (first: ${first.reduce((a: number, b: number) => a + b, 0)} answered)` : q.shown ? ' · votes shown to the class' : '';
  return {
    header: wrap(`Question ${q.id} (${q.source}) · ${answered} answered${vote}${q.revealed ? ' · revealed' : ''}${state.lockStep ? ' · lock-step' : ''}${named ? ' · names on' : ''}`, width, 2),
    prompt: wrap(q.prompt, width),
    choices: q.choices.map((choice, i) => {
      const right = q.revealed && i === q.answer;
      const lines = barLines(i, choice, counts[i] ?? 0, max, width, right ? '✓' : ' ');
      // After a second vote each choice says how it moved: first vote → second (the shift).
      if (first) lines.splice(1, 0, `      first vote ${first[i] ?? 0} → now ${counts[i] ?? 0} (${shift((counts[i] ?? 0) - (first[i] ?? 0))})`);
      // Once revealed (the screen may be on the projector), the misconception behind a wrong choice that got votes.
      const tag = q.revealed && !right && (counts[i] ?? 0) > 0 ? q.misconceptions?.[i] : null;
      const misconception = tag ? findMisconception(tag) : undefined;
      if (misconception) lines.push(...wrap(`      the misconception: ${misconception.short}`, width, 8));
      return {lines, right};
    }),
    names: (names ?? []).flatMap((who, i) => (who.length === 0 ? [] : wrap(`  ${i + 1}: ${who.join(', ')}`, width, 5))),
    explanation: q.revealed ? wrap(q.explanation, width) : [],
  };
}

/** The rows the panel wants to show everything at `width` (the header, the prompt, every choice…). */
export function questionPanelRows(state: HostState, named: boolean, width: number): number {
  const lines = questionPanelLines(state, named, width);
  if (!lines) return 1;
  return lines.header.length + lines.prompt.length + lines.choices.reduce((n, c) => n + c.lines.length, 0) + lines.names.length + lines.explanation.length;
}

export function QuestionPanel({state, named, width, height}: {state: HostState; named: boolean; width: number; height: number}) {
  const lines = questionPanelLines(state, named, width);
  if (!lines) {
    const asked = state.questions.length;
    return (
      <Box flexDirection="column" height={height}>
        {wrap(asked === 0 ? 'No question yet: a asks one.' : `${asked} question${asked === 1 ? '' : 's'} asked; a asks another.`, width).map((line, i) => (
          <Text key={i} dimColor>
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  // The choices and their counts always show; the prompt (the students have it whole) and then the
  // names and the explanation take what is left, a mark saying when some did not fit.
  const choiceRows = lines.choices.reduce((n, c) => n + c.lines.length, 0);
  let room = Math.max(0, height - lines.header.length - choiceRows);
  const prompt = lines.prompt.length <= room ? lines.prompt : [...lines.prompt.slice(0, Math.max(0, room - 1)), ...(room > 0 ? [`(the prompt has ${lines.prompt.length - room + 1} more lines: the students see it whole)`] : [])];
  room -= prompt.length;
  const names = lines.names.slice(0, Math.max(0, room));
  room -= names.length;
  const explanation = lines.explanation.length <= room ? lines.explanation : [...lines.explanation.slice(0, Math.max(0, room - 1)), ...(room > 0 ? [`(the explanation has ${lines.explanation.length - room + 1} more lines: the students see it whole)`] : [])];
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.header.map((line, i) => (
        <Text key={`h${i}`} bold>
          {line}
        </Text>
      ))}
      {prompt.map((line, i) => (
        <Text key={`p${i}`}>{line}</Text>
      ))}
      {lines.choices.flatMap((choice, i) =>
        choice.lines.map((line, j) => (
          <Text key={`c${i}.${j}`} color={choice.right ? 'green' : undefined} bold={choice.right}>
            {line}
          </Text>
        )),
      )}
      {names.map((line, i) => (
        <Text key={`n${i}`} dimColor>
          {line}
        </Text>
      ))}
      {explanation.map((line, i) => (
        <Text key={`e${i}`} dimColor>
          {line}
        </Text>
      ))}
    </Box>
  );
}

