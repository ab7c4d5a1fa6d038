// What the screen-reader mode says, as plain sentences (tests check them without a terminal): no
// box drawing, no columns, nothing redrawn. Each key says only what it changed: the menu item
// under the cursor, the frame in reading order (when, who sends what to whom, what it carries,
// which states changed, then the lesson's words), a quiz question with its choices, a verdict.
import {formatMs, formatRtt} from '../../render/ladder.js';
import {rowsOfConnection, statesAtFrame, timeline} from '../../render/timeline.js';
import type {EndpointStates, Trace} from '../../engine/types.js';
import {findTopic} from '../../quiz/index.js';
import {currentQuestion, sessionResult} from '../../quiz/session.js';
import {bindingsFor, keyLabel, type Binding, type Mode} from '../common/keys.js';
import type {HomeItem} from '../home/model.js';
import {homeItemText, type HomeTextSource} from '../home/home-text.js';
import {completionLines, completionOf} from '../player/completion.js';
import {frameTexts} from '../player/layout.js';
import type {PlayerState} from '../player/model.js';
import {quizMode, type QuizState} from '../quiz/model.js';

function statesText(states: EndpointStates): string {
  return [states.tcp ? `TCP ${states.tcp}` : '', states.quic ? `QUIC ${states.quic}` : '', states.tls ? `TLS ${states.tls}` : ''].filter(Boolean).join(', ');
}

/** What changed between two moments, side by side: "client TCP SYN-SENT to ESTABLISHED". */
function changes(before: Record<'client' | 'server', EndpointStates> | undefined, after: Record<'client' | 'server', EndpointStates>): string[] {
  const out: string[] = [];
  for (const side of ['client', 'server'] as const) {
    for (const layer of ['tcp', 'quic', 'tls'] as const) {
      const from = before?.[side][layer] ?? null;
      const to = after[side][layer] ?? null;
      if (to !== null && from !== to) out.push(`${side} ${layer.toUpperCase()} ${from === null ? '' : `${from} to `}${to}`);
    }
  }
  return out;
}

// The timeline of a trace is worked out once; stepping reuses it.
const timelines = new WeakMap<Trace, ReturnType<typeof timeline>>();
function rowsOf(trace: Trace): ReturnType<typeof timeline> {
  let rows = timelines.get(trace);
  if (!rows) timelines.set(trace, (rows = timeline(trace)));
  return rows;
}

/** A frame in reading order: when, who sends what, where it goes, what changed, the lesson's words. */
export function sayFrame(player: PlayerState): string[] {
  const {trace, frame, lesson, part} = player;
  const f = trace.frames[frame];
  if (!f) return ['This part has no frames.'];
  const parts = lesson.parts.length > 1 ? `, part ${part + 1} of ${lesson.parts.length}` : '';
  const lines = [`Frame ${frame + 1} of ${trace.frames.length}${parts}, at ${formatMs(f.sendMs)} ms, ${formatRtt(f.sendMs / trace.rttMs)} RTT.`];
  const fate = f.dropped ? 'It is lost on the way.' : `It arrives at ${formatMs(f.arriveMs!)} ms.`;
  const tcp = f.tcp ? ` Sequence number ${f.tcp.seq}${f.tcp.ack === null ? '' : `, acknowledgment ${f.tcp.ack}`}${f.tcp.len > 0 ? `, ${f.tcp.len} bytes of data` : ''}.` : '';
  const on = f.connection === undefined ? '' : ` on connection ${f.connection}`;
  lines.push(`The ${f.from} sends ${f.label} to the ${f.to}${on}.${tcp} ${fate}`);
  // Over several connections, the states read are those of this frame's connection.
  const rows = rowsOfConnection(rowsOf(trace), trace, frame);
  const now = statesAtFrame(rows, trace, frame);
  if (now) {
    // The first frame has nothing before it to change from: "now" says where each side starts.
    const changed = frame > 0 ? changes(statesAtFrame(rows, trace, frame - 1), now) : [];
    if (changed.length > 0) lines.push(`Changed: ${changed.join('; ')}.`);
    lines.push(`Now the client is ${statesText(now.client) || 'idle'}; the server is ${statesText(now.server) || 'idle'}.`);
  }
  for (const text of frameTexts(player, false)) lines.push(...text.split('\n').map((line) => line.trim()).filter(Boolean));
  return lines;
}

/** The end of a lesson: the completion screen's lines, read in order. */
export function sayCompletion(player: PlayerState, next: string | undefined): string[] {
  return completionLines(player, completionOf(player), next, 10_000)
    .map((line) => line.text.trim())
    .filter(Boolean);
}

/** A lesson opened: its title, then where it starts. */
export function sayLessonOpened(player: PlayerState): string[] {
  const part = player.lesson.parts[player.part];
  return [`Lesson: ${player.lesson.title}.${part && player.lesson.parts.length > 1 ? ` Part ${player.part + 1}: ${part.title}.` : ''} Right arrow: next frame; left arrow: previous; r repeats; question mark: keys; q goes back.`, ...sayFrame(player)];
}

/** The menu item under the cursor, with its place in the menu. */
export function sayHomeItem(items: readonly HomeItem[], cursor: number, source: HomeTextSource): string[] {
  const item = items[cursor];
  if (!item) return [];
  const text = homeItemText(item, source).replace(/^\[[ ~✓]\] /, '');
  const summary = item.kind === 'lesson' ? source.lessons.find((l) => l.id === item.lessonId)?.summary : undefined;
  return [`${cursor + 1} of ${items.length}: ${text}.${summary ? ` ${summary}` : ''}`];
}

export function sayHome(items: readonly HomeItem[], cursor: number, source: HomeTextSource): string[] {
  return ['hs-tutor, screen-reader mode. Up and down arrows choose, enter opens, question mark lists the keys, q quits.', ...sayHomeItem(items, cursor, source)];
}

/** The question and its choices, the verdict with its explanation, or the score. */
export function sayQuiz(quiz: QuizState): string[] {
  const mode = quizMode(quiz);
  if (mode === 'results') {
    const result = sessionResult(quiz.session);
    if (result.asked === 0) return ['Nothing was asked. Press enter to go back.'];
    const topics = Object.entries(result.byTopic).map(([topic, [right, asked]]) => `${findTopic(topic)?.title ?? topic} ${right} of ${asked}`);
    return [`Score: ${result.correct} of ${result.asked}. By topic: ${topics.join('; ')}.`, result.missed.length > 0 ? `${result.missed.length} missed questions come back in review.` : 'Press enter to go back.'];
  }
  if (mode === 'feedback' && quiz.feedback) {
    const {feedback} = quiz;
    const q = feedback.question;
    const verdict = feedback.timeUp ? 'Time is up: that answer does not count.' : feedback.correct ? 'Right.' : `Not quite: it is ${q.answer + 1}, ${q.choices[q.answer]}.`;
    return [verdict, ...(feedback.mistake ? [`The trap: ${feedback.mistake}`] : []), feedback.explanation, 'Enter: next question.'];
  }
  const q = currentQuestion(quiz.session);
  if (!q) return [];
  const n = quiz.session.answers.length + 1;
  return [`Question ${n} of ${quiz.session.questions.length}. ${q.prompt}`, ...q.choices.map((choice, i) => `${i + 1}: ${choice}`), `Press 1 to ${q.choices.length}.`];
}

/** The keys of this screen, one per line, from the same table that routes them. */
export function sayKeys(bindings: readonly Binding[], mode: Mode): string[] {
  return ['Keys here:', ...bindingsFor(bindings, mode).map((b) => `${b.keys.map(keyLabel).join(' or ')}: ${b.label}.`)];
}
