// The lesson player laid out for a terminal of any size from 80×24 up, as pure functions of the
// model (tests check them without Ink). Rows go by priority: the header (every fact, on two lines
// when one is too narrow), the help bar and the states are fixed; the ladder and the text (the
// lesson's words, the checkpoint, then the frame's fields) share the rest, the ladder keeping the
// newest rows in view and the text scrolling with ↑ ↓ PgUp PgDn. Nothing is cut: text wraps.
import {formatMs, formatRtt} from '../../render/ladder.js';
import {width as columns, wrap} from '../../render/text.js';
import type {StyledLine} from '../common/scroll.js';
import {frameDetailLines} from './frame-details.js';
import {allLadderLines} from './LadderView.js';
import type {LessonCheckpoint} from '../app/ports.js';
import {answerMask, checkpointsHere, type CheckpointResult} from './checkpoints.js';
import {pendingPrediction, predictionTexts} from './predictions.js';
import {SPEEDS, type PlayerState} from './model.js';

/** The diagram keeps at least this many rows, however much the frame has to say. */
export const MIN_LADDER_ROWS = 6;
/** The text keeps at least this many rows, however long the ladder. */
export const MIN_TEXT_ROWS = 5;
/** Rows taken by the rule above the states, the states and the help bar. */
const FOOTER_ROWS = 4;

function verdict(checkpoint: LessonCheckpoint, result: CheckpointResult): string {
  const right = `${checkpoint.answer + 1}) ${checkpoint.choices[checkpoint.answer]}`;
  const said = result.firstTry === 'shown' ? `Answer: ${right}.` : result.firstTry === 'correct' ? '✓ Right.' : `✗ Not quite: it is ${right}.`;
  return `? ${checkpoint.ask}   ${said}${checkpoint.explain ? ` ${checkpoint.explain}` : ''}`;
}

/**
 * Everything the lesson says at this frame, in reading order; the presenter leaves out the
 * checkpoints. While a checkpoint is being asked, only the question shows (with the verdicts of
 * the ones before it): the narration would give its answer away. Once answered or shown, the
 * verdict and its explanation come first, then the narration.
 */
export function frameTexts(player: PlayerState, presenter: boolean): string[] {
  const {lesson, part, trace, frame, knobs, rttMs} = player;
  const current = trace.frames[frame];
  if (!current) return [];
  const run = {knobs, rttMs};
  const texts: string[] = [];
  const edges = lesson.partText?.(part, run);
  const intro = frame === 0 && edges?.intro ? [edges.intro] : [];
  const verdicts: string[] = [];
  if (!presenter) {
    for (const {checkpoint, result, key} of checkpointsHere(player)) {
      if (result !== undefined) {
        verdicts.push(verdict(checkpoint, result));
        continue;
      }
      // The question comes first, where it is seen without scrolling; the part's intro after it.
      const n = checkpoint.choices.length;
      const nudge = player.nudged === key ? [`Answer first: press 1–${n}, or s to see the answer; → again moves on without answering.`] : [];
      return [...predictionTexts(player, false).verdict, ...nudge, `? ${checkpoint.ask}\n${checkpoint.choices.map((choice, i) => `  ${i + 1}) ${choice}`).join('\n')}\n  (predict: press 1–${n} to answer, or s to see the answer)`, ...verdicts, ...intro];
    }
  }
  // Predict mode: the verdict on the prediction that led here, then the next one to make.
  const predicted = presenter ? {verdict: [], question: []} : predictionTexts(player, player.nudged !== null && player.nudged === pendingPrediction(player)?.key);
  texts.push(...predicted.verdict, ...predicted.question, ...verdicts, ...intro);
  const section = lesson.section?.(part, current.id, run);
  const narration = section ? section.text : lesson.narration(part, current.id, run);
  if (narration) texts.push(narration);
  for (const c of section?.corrections ?? []) texts.push(`✎ ${c.source} says: ${c.claim} Actually: ${c.actually} Why: ${c.why}`);
  texts.push(...current.notes);
  if (frame === trace.frames.length - 1 && edges?.end) texts.push(edges.end);
  if (frame === trace.frames.length - 1 && !presenter && !lesson.transient) {
    const next = lesson.parts[part + 1];
    texts.push(next ? `→ goes on to part ${part + 2}: ${next.title}.` : '→ finishes the lesson: how its checkpoints went, what to look at again, and the next lesson.');
  }
  return texts;
}

/** The header: lesson, part, frame n/N, time in ms and RTT, the RTT setting, playing or paused. */
export function headerLines(player: PlayerState, width: number): string[] {
  const {lesson, part, trace, frame, autoplay, speed} = player;
  const f = trace.frames[frame];
  const facts = [
    `frame ${frame + 1}/${trace.frames.length}`,
    ...(f ? [`${formatMs(f.sendMs)} ms = ${formatRtt(f.sendMs / trace.rttMs)} RTT`] : []),
    `RTT ${trace.rttMs} ms`,
    autoplay ? `▶ ${SPEEDS[speed]}/s` : 'paused',
    ...(lesson.parts.length > 1 ? [`part ${part + 1}/${lesson.parts.length}: ${lesson.parts[part]!.title}`] : []),
  ].join(' · ');
  const one = `${lesson.title} · ${facts}`;
  if (columns(one) <= width) return [one];
  // Two lines rather than a fact given up: the title, then the facts (each wrapped if need be).
  return [...wrap(lesson.title, width, 2), ...wrap(facts, width, 2)];
}

/**
 * The text under the ladder: what the frame is (its first field line), the lesson's words and
 * checkpoint, then the frame's other fields.
 */
export function textLines(player: PlayerState, width: number, presenter: boolean): StyledLine[] {
  const current = player.trace.frames[player.frame];
  const lines: StyledLine[] = [];
  // The projector gets the diagram and the words; the fields stay on the laptop.
  // While a checkpoint is asked, its answer's value is hidden in the fields too.
  const mask = presenter ? undefined : answerMask(player);
  const fields = current && !presenter ? frameDetailLines(current, player.trace.rttMs).map((line) => (mask ? mask(line) : line)) : [];
  const [what, ...more] = fields;
  if (what !== undefined) lines.push(...wrap(what, width, 2).map((text) => ({text, bold: true})));
  for (const text of frameTexts(player, presenter)) {
    if (lines.length > 0) lines.push({text: ''});
    for (const line of text.split('\n')) {
      const bullet = /^ *(• |\d+\) )/.exec(line)?.[0].length ?? 0;
      for (const wrapped of wrap(line, width, bullet)) lines.push({text: wrapped, bold: line.startsWith('? ')});
    }
  }
  if (more.length > 0) {
    lines.push({text: ''});
    for (const field of more) lines.push(...wrap(field, width, 2).map((text) => ({text, dim: true})));
  }
  return lines;
}

export interface PlayerLayout {
  header: string[];
  ladderRows: number;
  text: StyledLine[];
  textRows: number;
}

/** How the player's rows are shared at this size (the overlays take the ladder's and the text's rows). */
export function layoutPlayer(player: PlayerState, width: number, height: number, presenter: boolean): PlayerLayout {
  const header = headerLines(player, width);
  const body = Math.max(2, height - header.length - FOOTER_ROWS);
  const text = textLines(player, width, presenter);
  const ladderWanted = allLadderLines(player.trace, player.frame, width, player.toScale).lines.length + 1;
  // The ladder first (its newest rows), but never so much that the text gets under its minimum.
  let ladderRows = Math.min(ladderWanted, Math.max(MIN_LADDER_ROWS, body - Math.min(text.length, Math.max(MIN_TEXT_ROWS, Math.floor(body / 2)))));
  ladderRows = Math.max(1, Math.min(ladderRows, body - 1));
  // What the text does not need goes back to the ladder.
  const textRows = body - ladderRows;
  if (text.length < textRows) ladderRows = Math.min(ladderWanted, body - text.length);
  return {header, ladderRows, text, textRows: body - ladderRows};
}

/** The body's rows (what the overlays get): the terminal's less the header and the footer. */
export function bodyRows(player: PlayerState, width: number, height: number): number {
  return Math.max(2, height - headerLines(player, width).length - FOOTER_ROWS);
}
