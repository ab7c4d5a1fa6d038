// What a student sees besides the lesson: one status line (following, exploring alone, or the
// link being re-established) and the pushed question with their answer and, after the reveal,
// the right one and how the class answered.
import {Box, Text} from 'ink';
import type {StudentState} from '../../class/index.js';
import {truncate, wrap} from '../../render/text.js';
import type {PlayerState} from '../player/model.js';
import {barLine} from './QuestionPanel.js';

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

export function StudentBar({net, following, view, address, width}: {net: StudentState; following: boolean; view: PlayerState | null; address: string; width: number}) {
  const color = net.link === 'joined' ? (following ? 'green' : 'cyan') : 'yellow';
  return (
    <Text bold color={color}>
      {truncate(statusLine(net, following, view, address), width)}
    </Text>
  );
}

/** Rows the question panel needs at `width` (0 when there is no question). */
export function questionRows(net: StudentState, width: number): number {
  if (!net.question) return 0;
  const prompt = Math.min(3, wrap(net.question.prompt, width).length);
  return 1 + prompt + net.question.choices.length + 1 + (net.reveal ? 1 : 0);
}

export function StudentQuestion({net, width, height}: {net: StudentState; width: number; height: number}) {
  const q = net.question;
  if (!q) return null;
  const reveal = net.reveal?.question === q.id ? net.reveal : null;
  const prompt = wrap(q.prompt, width).slice(0, 3);
  const max = reveal ? Math.max(...reveal.counts) : 0;
  let verdict: string;
  if (reveal) verdict = net.chosen === null ? `You did not answer; the answer is ${reveal.answer + 1}.` : net.chosen === reveal.answer ? 'Right!' : `Not quite: the answer is ${reveal.answer + 1}.`;
  else verdict = net.chosen === null ? `Press 1–${q.choices.length} to answer.` : `You answered ${net.chosen + 1}; you can change it until the instructor reveals the answer.`;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold color="magenta">
        {truncate(`Question from the instructor (${q.source === 'checkpoint' ? 'lesson checkpoint' : 'quiz'})`, width)}
      </Text>
      {prompt.map((line, i) => (
        <Text key={`p${i}`}>{line}</Text>
      ))}
      {q.choices.map((choice, i) => {
        const mine = net.chosen === i;
        const right = reveal?.answer === i;
        const mark = reveal ? (right ? '✓' : mine ? '✗' : ' ') : mine ? '›' : ' ';
        const text = reveal ? barLine(i, choice, reveal.counts[i] ?? 0, max, width, mark) : truncate(`${mark}${i + 1}) ${choice}`, width);
        return (
          <Text key={`c${i}`} inverse={mine && !reveal} color={reveal ? (right ? 'green' : mine ? 'red' : undefined) : undefined}>
            {text}
          </Text>
        );
      })}
      <Text bold={reveal !== null}>{truncate(verdict, width)}</Text>
      {reveal && <Text dimColor>{truncate(reveal.explanation, width)}</Text>}
    </Box>
  );
}
