// A lesson's checkpoints in the player: predict, then see. At a frame with a checkpoint nobody
// has attempted yet, what would give the answer away is held back (the frame's narration, and
// the answer's value wherever the frame's row, the states or the fields would show it, as ?)
// until the learner answers or asks to see it. Every checkpoint of a frame is asked, in order;
// each keeps how it went the first time, which progress and review use.
import type {Knobs, Trace} from '../../engine/types.js';
import type {LessonCheckpoint, TutorLesson} from '../app/ports.js';

/** What of the player's model the checkpoints read and change (model.ts's PlayerState has it all). */
export interface AskingPlayer {
  lesson: TutorLesson;
  part: number;
  knobs: Knobs;
  rttMs: number;
  trace: Trace;
  frame: number;
  answers: Record<string, CheckpointResult>;
  nudged: string | null;
  presenter?: boolean;
}

/** How a checkpoint went: the first answer decides; 'shown' when the learner asked to see it first. */
export interface CheckpointResult {
  /** The choice picked, or null when the answer was shown without answering. */
  chosen: number | null;
  firstTry: 'correct' | 'wrong' | 'shown';
  attempts: number;
}

export interface CheckpointHere {
  /** `${part}:${frameId}:${index}`: stable while the lesson's text stays. */
  key: string;
  checkpoint: LessonCheckpoint;
  result: CheckpointResult | undefined;
}

export function checkpointKey(part: number, frameId: string, index: number): string {
  return `${part}:${frameId}:${index}`;
}

/** The checkpoints at the current frame, with the learner's knobs, and how each went. */
export function checkpointsHere(player: AskingPlayer): CheckpointHere[] {
  const frame = player.trace.frames[player.frame];
  if (!frame || !player.lesson.section || player.lesson.classLed) return [];
  const section = player.lesson.section(player.part, frame.id, {knobs: player.knobs, rttMs: player.rttMs});
  return (section?.checkpoints ?? []).map((checkpoint, i) => {
    const key = checkpointKey(player.part, frame.id, i);
    return {key, checkpoint, result: player.answers[key]};
  });
}

/** The first checkpoint here nobody has attempted: the one being asked. */
export function pendingCheckpoint(player: AskingPlayer): CheckpointHere | undefined {
  if (player.presenter) return undefined;
  return checkpointsHere(player).find((c) => c.result === undefined);
}

/** Answers the asked checkpoint with choice `choice` (0-based); out of range changes nothing. */
export function answerCheckpoint<P extends AskingPlayer>(player: P, choice: number): P {
  const open = pendingCheckpoint(player);
  if (!open || choice < 0 || choice >= open.checkpoint.choices.length) return player;
  const result: CheckpointResult = {chosen: choice, firstTry: choice === open.checkpoint.answer ? 'correct' : 'wrong', attempts: 1};
  return {...player, answers: {...player.answers, [open.key]: result}, nudged: null};
}

/** Shows the asked checkpoint's answer without answering it (it counts as not answered). */
export function showCheckpoint<P extends AskingPlayer>(player: P): P {
  const open = pendingCheckpoint(player);
  if (!open) return player;
  return {...player, answers: {...player.answers, [open.key]: {chosen: null, firstTry: 'shown', attempts: 0}}, nudged: null};
}

/**
 * Answer values that would be read off the screen rather than predicted: state names (SYN-RECEIVED),
 * numbers of two digits or more (an ack of 7001), message names (ServerHello). Small counts and
 * ordinary words ("client", "1") are left alone: masking them would hide everything else too.
 */
function revealing(value: string): boolean {
  return /^[A-Z][A-Z0-9_-]{2,}$/.test(value) || /^\d{2,}$/.test(value) || /^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(value);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * While a checkpoint is being asked, the function that hides its answer in a line of the frame's
 * row, the states or the fields (each character of the value becomes ?, so columns stay put);
 * undefined when nothing is asked here.
 */
export function answerMask(player: AskingPlayer): ((line: string) => string) | undefined {
  const open = pendingCheckpoint(player);
  if (!open) return undefined;
  const value = open.checkpoint.choices[open.checkpoint.answer] ?? '';
  if (!revealing(value)) return (line) => line;
  const pattern = new RegExp(`(?<![\\w-])${escape(value)}(?![\\w-])`, 'g');
  return (line) => line.replace(pattern, '?'.repeat(value.length));
}

/** Every checkpoint of a part's trace was attempted (answered or shown) by `answers`. */
export function attemptedAll(keys: readonly string[], answers: Readonly<Record<string, CheckpointResult>>): boolean {
  return keys.every((key) => answers[key] !== undefined);
}
