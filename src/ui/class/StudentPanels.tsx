// What a student sees besides the lesson: one status line (following, exploring alone, or the
// link being re-established) and the pushed question with their answer and, after the reveal,
// the right one and how the class answered.
import {Box, Text} from 'ink';
import type {StudentState} from '../../class/index.js';
import {wrap} from '../../render/text.js';
import type {PlayerState} from '../player/model.js';
import {ScrollView} from '../common/scroll.js';
import {barLines} from './QuestionPanel.js';

export function statusLine(net: StudentState, following: boolean, view: PlayerState | null, address: string): string {
  if (net.link === 'ended') return `Not in the class any more: ${net.reason ?? 'the link closed'}. q quits.`;
  if (net.link === 'connecting') return `Joining the class at ${address}…`;
  if (net.link === 'reconnecting') return `Link lost (${net.reason ?? 'dropped'}); reconnecting to ${address}, attempt ${net.attempt}…`;
  const who = net.name ? `${net.name} in the class at ${address}` : `In the class at ${address}`;
  if (following) return `● Following the instructor · ${who} · f explores alone`;
  const at = net.classAt;
  const there = at ? `the class is at ${at.lesson.parts.length > 1 ? `part ${at.part + 1}, ` : ''}frame ${at.frame + 1}` : 'the class position is not known yet';
  const here = view ? `you are at ${view.lesson.parts.length > 1 ? `part ${view.part + 1}, ` : ''}frame ${view.frame + 1}` : '';
  return `○ Exploring alone · ${here}; ${there} · f goes back to the class`;
}

/** The status line, wrapped whole (two lines at most at 80 columns). */
export function statusLines(net: StudentState, following: boolean, view: PlayerState | null, address: string, width: number): string[] {
  return wrap(statusLine(net, following, view, address), width, 2);
}

export function StudentBar({net, following, view, address, width}: {net: StudentState; following: boolean; view: PlayerState | null; address: string; width: number}) {
  const color = net.link === 'joined' ? (following ? 'green' : 'cyan') : 'yellow';
  return (
    <Box flexDirection="column">
      {statusLines(net, following, view, address, width).map((line, i) => (
        <Text key={i} bold color={color}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

interface QuestionLine {
  text: string;
  bold?: boolean;
  color?: string;
  inverse?: boolean;
}

/** The pushed question as lines: its source, the prompt, every choice (with the class's answers after the reveal), the verdict. */
export function questionLines(net: StudentState, width: number): QuestionLine[] {
  const q = net.question;
  if (!q) return [];
  const reveal = net.reveal?.question === q.id ? net.reveal : null;
  const max = reveal ? Math.max(...reveal.counts) : 0;
  // Peer instruction: the class's votes without the answer, then a second vote after discussing.
  const votes = !reveal && net.votes ? net.votes : null;
  const voteMax = votes ? Math.max(...votes) : 0;
  let verdict: string;
  if (reveal) verdict = net.chosen === null ? `You did not answer; the answer is ${reveal.answer + 1}.` : net.chosen === reveal.answer ? 'Right!' : `Not quite: the answer is ${reveal.answer + 1}.`;
  else if (q.round === 2 && net.chosen === null) verdict = `Vote again, now that you have discussed it: press 1–${q.choices.length}.`;
  else if (votes && net.chosen !== null) verdict = `You answered ${net.chosen + 1}. Here is how the class voted; discuss it with your neighbours before the instructor goes on.`;
  else verdict = net.chosen === null ? `Press 1–${q.choices.length} to answer.` : `You answered ${net.chosen + 1}; you can change it until the instructor reveals the answer.`;
  const lines: QuestionLine[] = [
    ...wrap(`Question from the instructor (${q.source === 'checkpoint' ? 'lesson checkpoint' : 'quiz'})`, width, 2).map((text) => ({text, bold: true, color: 'magenta'})),
    ...wrap(q.prompt, width).map((text) => ({text})),
  ];
  q.choices.forEach((choice, i) => {
    const mine = net.chosen === i;
    const right = reveal?.answer === i;
    const mark = reveal ? (right ? '✓' : mine ? '✗' : ' ') : mine ? '›' : ' ';
    const texts = reveal
      ? barLines(i, choice, reveal.counts[i] ?? 0, max, width, mark)
      : votes
        ? barLines(i, choice, votes[i] ?? 0, voteMax, width, mark)
        : wrap(`${mark}${i + 1}) ${choice}`, width, 4);
    // After a second vote the reveal says how each choice moved.
    if (reveal?.firstCounts) texts.splice(1, 0, `      first vote ${reveal.firstCounts[i] ?? 0} → second ${reveal.counts[i] ?? 0}`);
    const color = reveal ? (right ? 'green' : mine ? 'red' : undefined) : undefined;
    for (const text of texts) lines.push({text, ...(mine && !reveal ? {inverse: true} : {}), ...(color ? {color} : {})});
  });
  lines.push(...wrap(verdict, width).map((text) => ({text, bold: reveal !== null})));
  if (reveal) lines.push(...wrap(reveal.explanation, width).map((text) => ({text, color: 'gray'})));
  return lines;
}

/** Rows the question panel needs at `width` (0 when there is no question). */
export function questionRows(net: StudentState, width: number): number {
  return questionLines(net, width).length;
}

export function StudentQuestion({net, width, height, offset = 0}: {net: StudentState; width: number; height: number; offset?: number}) {
  const lines = questionLines(net, width);
  if (lines.length === 0) return null;
  return <ScrollView lines={lines} rows={height} offset={offset} />;
}
