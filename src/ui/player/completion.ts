// The end of a lesson: → at the last frame of its last part opens a summary of how the
// checkpoints went (attempted, right on the first try), what was missed with a key to go back to
// that frame, the lesson's takeaways, and the next lesson. A lesson is done ('completed') once its
// last frame is reached with every checkpoint attempted, answered or shown; reaching the end with
// some never attempted (G, ] ] G) is 'skimmed', so Continue and `progress` still point at it.
import {wrap} from '../../render/text.js';
import type {LessonCheckpoint, LessonStatus, PartRun} from '../app/ports.js';
import type {StyledLine} from '../common/scroll.js';
import {attemptedAll, type AskingPlayer, type CheckpointResult} from './checkpoints.js';
import {predictionSummary, type PredictingPlayer, type PredictionSummary} from './predictions.js';

export interface LessonCheckpointAt {
  key: string;
  part: number;
  frameId: string;
  checkpoint: LessonCheckpoint;
}

/** The run a part is played with: the learner's own for the part on show, the lesson's for the others. */
function runOf(player: AskingPlayer, part: number): PartRun {
  return {knobs: part === player.part ? player.knobs : player.lesson.parts[part]!.knobs, rttMs: player.rttMs};
}

/** Every checkpoint of every part of the lesson, in lesson order. */
export function lessonCheckpoints(player: AskingPlayer): LessonCheckpointAt[] {
  const all: LessonCheckpointAt[] = [];
  player.lesson.parts.forEach((_, part) => {
    for (const c of player.lesson.checkpointsOf?.(part, runOf(player, part)) ?? []) all.push({...c, part});
  });
  return all;
}

/** At the last frame of the last part. */
export function atLessonEnd(player: AskingPlayer): boolean {
  return player.part === player.lesson.parts.length - 1 && player.frame >= player.trace.frames.length - 1;
}

/** What progress keeps for where the learner is: done only at the end with every checkpoint attempted. */
export function lessonStatus(player: AskingPlayer): LessonStatus {
  if (!atLessonEnd(player)) return 'in-progress';
  // The projector asks no checkpoints: reaching the end is all there is.
  if (player.presenter) return 'completed';
  return attemptedAll(lessonCheckpoints(player).map((c) => c.key), player.answers) ? 'completed' : 'skimmed';
}

export interface MissedCheckpoint extends LessonCheckpointAt {
  result: CheckpointResult | undefined;
}

export interface Completion {
  status: 'completed' | 'skimmed';
  total: number;
  attempted: number;
  correct: number;
  /** Wrong on the first try, shown, or never attempted: each with its frame to go back to. */
  missed: MissedCheckpoint[];
  takeaways: readonly string[];
  /** Predict mode's run, when it was on. */
  predictions?: PredictionSummary;
}

// The completion screen is drawn on every key while it shows: its summary is worked out once per
// set of answers and run.
let last: {answers: object; knobs: object; rttMs: number; lesson: object; predict: object | undefined; completion: Completion} | undefined;

export function completionOf(player: PredictingPlayer): Completion {
  if (last && last.answers === player.answers && last.knobs === player.knobs && last.rttMs === player.rttMs && last.lesson === player.lesson && last.predict === player.predict) return last.completion;
  const completion = summarize(player);
  last = {answers: player.answers, knobs: player.knobs, rttMs: player.rttMs, lesson: player.lesson, predict: player.predict, completion};
  return completion;
}

function summarize(player: PredictingPlayer): Completion {
  const all = lessonCheckpoints(player);
  const results = all.map((c) => ({...c, result: player.answers[c.key]}));
  const attempted = results.filter((c) => c.result !== undefined).length;
  return {
    status: attempted === all.length ? 'completed' : 'skimmed',
    total: all.length,
    attempted,
    correct: results.filter((c) => c.result?.firstTry === 'correct').length,
    missed: results.filter((c) => c.result?.firstTry !== 'correct'),
    takeaways: player.lesson.takeaways?.(runOf(player, player.lesson.parts.length - 1)) ?? [],
    ...(player.predict ? {predictions: predictionSummary(player.predict)} : {}),
  };
}

/** How many missed checkpoints get a number key to go back to them. */
export const JUMP_KEYS = 9;

function missedLine(m: MissedCheckpoint, n: number, parts: number): string {
  const how = m.result === undefined ? 'not attempted' : m.result.firstTry === 'shown' ? 'answer shown' : 'wrong first time';
  const where = parts > 1 ? `part ${m.part + 1}, ` : '';
  const key = n <= JUMP_KEYS ? `${n}) ` : '   ';
  // One never attempted keeps its answer to itself: it is still there to be predicted.
  const answer = m.result === undefined ? '' : `: ${m.checkpoint.choices[m.checkpoint.answer]}`;
  return `${key}${m.checkpoint.ask} (${where}${how})${answer}`;
}

/** The completion screen's text, wrapped to `width`; `next` is the title of the lesson after it. */
export function completionLines(player: AskingPlayer, completion: Completion, next: string | undefined, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  const add = (text: string, style: Omit<StyledLine, 'text'> = {}, indent = 0) => {
    for (const line of wrap(text, width, indent)) lines.push({text: line, ...style});
  };
  const {total, attempted, correct, missed, status, predictions} = completion;
  // A scenario walked in predict mode is not a lesson: its run is all there is to say.
  const lesson = !player.lesson.transient;
  if (lesson) add(status === 'completed' ? `Lesson complete: ${player.lesson.title}` : `End of the lesson, skimmed: ${player.lesson.title}`, {bold: true});
  else add(`${player.lesson.title}: the end of the run`, {bold: true});
  if (predictions) {
    const {asked, best} = predictions;
    add(asked === 0 ? 'Predictions: none made.' : `Predictions: ${predictions.correct} of ${asked} right (${Math.round((100 * predictions.correct) / asked)}%), best streak ${best}.`);
    for (const m of predictions.missed) add(`• after frame ${m.frame + 1}: you said ${m.said}; it was ${m.answer}.`, {}, 2);
  }
  if (lesson && total === 0) add('This lesson asks no questions.');
  else if (lesson) {
    add(`Checkpoints: ${attempted} of ${total} attempted, ${correct} right on the first try.`);
    if (status === 'skimmed') add(`${total - attempted} never attempted: the lesson counts as skimmed until they are (it stays on Continue).`, {dim: true});
  }
  if (missed.length > 0) {
    lines.push({text: ''});
    add(`To look at again (its number goes to its frame):`, {bold: true});
    missed.forEach((m, i) => add(missedLine(m, i + 1, player.lesson.parts.length), {}, 3));
  } else if (total > 0) {
    add('Every checkpoint right on the first try.');
  }
  if (completion.takeaways.length > 0) {
    lines.push({text: ''});
    add('Key takeaways:', {bold: true});
    for (const t of completion.takeaways) add(`• ${t}`, {}, 2);
  }
  lines.push({text: ''});
  if (!lesson) add('← back to the last frame · q leaves', {dim: true});
  else add(next ? `n or enter: next lesson, ${next} · ← back to the last frame · q home` : `That was the last lesson. enter or q: home · ← back to the last frame`, {dim: true});
  return lines;
}
