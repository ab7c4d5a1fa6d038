// The lesson player's model and update (Bubble Tea's model/update): which lesson, part, knob set
// and frame, which overlay is open, and what a key does to them. It holds no protocol rules: the
// engine's withKnob changes knobs, its contrasts feed compare, and every trace comes from the
// engine's shared run cache, so stepping never simulates and a knob change simulates once.
import {describeFields, nextField} from '../../engine/bytes/fields.js';
import {contrastsFor, type Contrast} from '../../engine/contrasts.js';
import {KNOBS, KNOB_NAMES, withKnob, type KnobChange} from '../../engine/knobs.js';
import {RTT_MS, rttProblem} from '../../engine/run-options.js';
import {run} from '../../engine/runs.js';
import type {KnobName, Knobs, Trace} from '../../engine/types.js';
import type {LabReport} from '../../lab/index.js';
import type {Position, TutorLesson} from '../app/ports.js';
import type {Action} from '../common/keys.js';
import {answerCheckpoint, pendingCheckpoint, showCheckpoint, type CheckpointResult} from './checkpoints.js';
import {completionOf, JUMP_KEYS, lessonStatus} from './completion.js';
import {pendingPrediction, predict, startPredicting, type PredictState} from './predictions.js';

export {checkpointsHere} from './checkpoints.js';

export const SPEEDS = [0.5, 1, 2, 4] as const;
export const RTT_CHOICES = [10, 20, 50, 80, 100, 150, 200, 300, 500];
export const CLOSE_DELAY_CHOICES = [0, 20, 40, 100, 500, 2000];

/** The rows of the knobs panel: every knob, then the round-trip time. */
export type OptionRow = KnobName | 'rttMs';
export const OPTION_ROWS: OptionRow[] = [...KNOB_NAMES, 'rttMs'];

export type Overlay = 'none' | 'options' | 'compare' | 'inspect' | 'lab' | 'help' | 'complete';

/** The lab for the knobs on show: running, its report, or why it cannot run (the lab's one sentence). */
export type LabState = {key: string; status: 'running'} | {key: string; status: 'done'; report: LabReport} | {key: string; status: 'failed'; message: string};

/** What a lab run is for: the part's scenario, the knobs and the RTT on show. */
export function labKey(player: PlayerState): string {
  return `${player.lesson.parts[player.part]!.scenario} ${player.rttMs} ${JSON.stringify(player.knobs)}`;
}

export interface PlayerState {
  lesson: TutorLesson;
  part: number;
  knobs: Knobs;
  rttMs: number;
  trace: Trace;
  frame: number;
  autoplay: boolean;
  speed: number;
  overlay: Overlay;
  /** The knobs panel: `changed` lists what the engine's rules changed with the last change. */
  options: {cursor: number; draft: Knobs; error: string | null; changed: KnobChange[]; typed: string};
  /** The ladder drawn to scale (vertical distance proportional to time) instead of a row per moment. */
  toScale: boolean;
  compare: {choice: number};
  inspect: {field: number};
  /** Opened from a quiz answer: back returns to the quiz. */
  fromQuiz: boolean;
  /** How each checkpoint went: `${part}:${frameId}:${index}` → the first answer, or shown. */
  answers: Record<string, CheckpointResult>;
  /** The checkpoint the learner was told to answer when they pressed → (a second → moves on). */
  nudged: string | null;
  /** For a projector: no checkpoints are asked (the room answers them aloud, or in class mode). */
  presenter?: boolean;
  /** How far the text under the ladder (or the `?` overlay) is scrolled, in lines. */
  scroll: number;
  /** Predict mode: each next frame is predicted before it shows (predictions.ts). */
  predict?: PredictState;
  /** The lab (`r`): run by the root, which owns the network, and kept while the knobs stay. */
  lab?: LabState;
}

/** What the view knows about the scrolled text: the largest offset, and how many lines show at once. */
export interface Viewport {
  max: number;
  page: number;
}

function partTrace(lesson: TutorLesson, part: number, knobs: Knobs, rttMs: number): Trace {
  const {trace, scenario} = lesson.parts[part]!;
  return trace ?? run({knobs, rttMs, scenario});
}

/** A part shown as it is (a real capture): nothing to change, compare, run for real or predict from the engine. */
export function isFixed(player: PlayerState): boolean {
  return player.lesson.parts[player.part]!.trace !== undefined;
}

/** What the player says when a key needs the engine and the part is a capture. */
export const FIXED_ACTIONS: ReadonlySet<Action> = new Set<Action>(['options', 'compare', 'lab', 'predict']);

export function openLesson(lesson: TutorLesson, position?: Position, rttMs: number = RTT_MS.default): PlayerState {
  const part = Math.min(Math.max(0, position?.part ?? 0), lesson.parts.length - 1);
  const {knobs} = lesson.parts[part]!;
  const trace = partTrace(lesson, part, knobs, rttMs);
  return {
    lesson,
    part,
    knobs,
    rttMs,
    trace,
    frame: position ? frameFor(trace, position.frameId, position.frame) : 0,
    autoplay: false,
    speed: 1,
    overlay: 'none',
    options: {cursor: 0, draft: knobs, error: null, changed: [], typed: ''},
    toScale: false,
    compare: {choice: 0},
    inspect: {field: 0},
    fromQuiz: false,
    answers: {},
    nudged: null,
    scroll: 0,
  };
}

/** The same frame (by id, which survives unrelated knob changes) in a new trace, else the nearest index. */
function frameFor(trace: Trace, frameId: string, index: number): number {
  const byId = trace.frames.findIndex((f) => f.id === frameId);
  if (byId >= 0) return byId;
  return Math.min(Math.max(0, index), Math.max(0, trace.frames.length - 1));
}

function step(player: PlayerState, frame: number): PlayerState {
  const last = player.trace.frames.length - 1;
  const next = Math.min(Math.max(0, frame), Math.max(0, last));
  // Each frame's text is read from its top.
  return next === player.frame ? player : {...player, frame: next, scroll: 0, nudged: null};
}

/** Scrolls the text within what the view says fits; without a viewport it does not move. */
function scrolled(player: PlayerState, action: Action, viewport: Viewport | undefined): PlayerState | undefined {
  if (action !== 'scrollUp' && action !== 'scrollDown' && action !== 'pageUp' && action !== 'pageDown') return undefined;
  if (!viewport) return player;
  const by = action === 'scrollUp' ? -1 : action === 'scrollDown' ? 1 : Math.max(1, viewport.page - 1) * (action === 'pageUp' ? -1 : 1);
  const scroll = Math.min(Math.max(0, player.scroll + by), viewport.max);
  return scroll === player.scroll ? player : {...player, scroll};
}

/** Autoplay's clock: the next frame, stopping at the last. */
export function tick(player: PlayerState): PlayerState {
  if (!player.autoplay) return player;
  // A question is for the learner to answer: autoplay waits for them.
  if (pendingCheckpoint(player) || pendingPrediction(player)) return {...player, autoplay: false};
  const last = player.trace.frames.length - 1;
  return player.frame >= last ? {...player, autoplay: false} : step(player, player.frame + 1);
}

function toggle(player: PlayerState, overlay: Overlay): PlayerState {
  const next = player.overlay === overlay ? 'none' : overlay;
  // Leaving the knobs panel drops a draft that never became valid.
  return {...player, overlay: next, scroll: 0, options: {...player.options, draft: player.knobs, error: null, changed: [], typed: ''}};
}

/** What a key does in the player and its overlays. Leaving the player is the root's business. */
export function updatePlayer(player: PlayerState, action: Action, key?: string, viewport?: Viewport): PlayerState {
  const scroll = player.overlay === 'none' || player.overlay === 'help' || player.overlay === 'options' || player.overlay === 'complete' || player.overlay === 'lab' ? scrolled(player, action, viewport) : undefined;
  if (scroll) return scroll;
  switch (player.overlay) {
    case 'options':
      return knobsKey(player, action, key);
    case 'compare':
      if (action === 'cycle') return {...player, compare: {choice: player.compare.choice + 1}};
      if (action === 'compare' || action === 'back') return toggle(player, 'compare');
      if (action === 'next') return step(player, player.frame + 1);
      if (action === 'previous') return step(player, player.frame - 1);
      if (action === 'help') return {...player, overlay: 'help', scroll: 0};
      return player;
    case 'inspect': {
      const fields = describeFields(player.trace.frames[player.frame]!, player.trace);
      if (action === 'down' || action === 'up') return {...player, inspect: {field: nextField(fields, Math.min(player.inspect.field, fields.length - 1), action === 'down' ? 1 : -1)}};
      if (action === 'next' || action === 'previous') return {...step(player, player.frame + (action === 'next' ? 1 : -1)), inspect: {field: 0}};
      if (action === 'inspect' || action === 'back') return toggle(player, 'inspect');
      if (action === 'help') return {...player, overlay: 'help', scroll: 0};
      return player;
    }
    case 'help':
      return action === 'help' || action === 'back' ? {...player, overlay: 'none', scroll: 0} : player;
    case 'lab':
      if (action === 'lab' || action === 'back') return {...player, overlay: 'none', scroll: 0};
      if (action === 'help') return {...player, overlay: 'help', scroll: 0};
      return player;
    case 'complete':
      if (action === 'previous') return {...player, overlay: 'none', scroll: 0};
      if (action === 'pick') return revisit(player, Number(key) - 1);
      if (action === 'help') return {...player, overlay: 'help', scroll: 0};
      return player;
    case 'none':
      break;
  }
  // A capture is what it is: no knobs, contrasts, lab or predictions (the engine did not make it).
  if (FIXED_ACTIONS.has(action) && isFixed(player)) return player;
  switch (action) {
    case 'next': {
      // A question not yet attempted is pointed out once; a second → moves on without it.
      const open = pendingCheckpoint(player);
      if (open && player.nudged !== open.key) return {...player, autoplay: false, nudged: open.key};
      const guess = open ? undefined : pendingPrediction(player);
      if (guess && player.nudged !== guess.key) return {...player, autoplay: false, nudged: guess.key};
      if (player.frame >= player.trace.frames.length - 1) return atEnd({...player, autoplay: false});
      return step({...player, autoplay: false}, player.frame + 1);
    }
    case 'show':
      return showCheckpoint(player);
    case 'previous':
      return step({...player, autoplay: false}, player.frame - 1);
    case 'first':
      return step(player, 0);
    case 'last':
      return step(player, player.trace.frames.length - 1);
    case 'autoplay': {
      const atEnd = player.frame >= player.trace.frames.length - 1;
      return {...player, autoplay: !player.autoplay, frame: !player.autoplay && atEnd ? 0 : player.frame};
    }
    case 'timeScale':
      return {...player, toScale: !player.toScale};
    case 'faster':
      return {...player, speed: Math.min(SPEEDS.length - 1, player.speed + 1)};
    case 'slower':
      return {...player, speed: Math.max(0, player.speed - 1)};
    case 'nextPart':
    case 'previousPart':
      return openPart(player, player.part + (action === 'nextPart' ? 1 : -1), '');
    case 'pick': {
      if (pendingCheckpoint(player)) return answerCheckpoint(player, Number(key) - 1);
      // A prediction made is seen at once: the frame it was about.
      const predicted = predict(player, Number(key) - 1);
      return predicted === player ? player : step({...predicted, autoplay: false}, player.frame + 1);
    }
    case 'predict':
      return player.presenter ? player : {...player, predict: player.predict ? undefined : startPredicting(), nudged: null};
    case 'options':
      return toggle(player, 'options');
    case 'compare':
      return toggle(player, 'compare');
    case 'inspect':
      return toggle(player, 'inspect');
    case 'lab': {
      // A report for these knobs is kept; other knobs run the lab again.
      const key = labKey(player);
      return {...player, overlay: 'lab', scroll: 0, autoplay: false, lab: player.lab?.key === key && player.lab.status !== 'running' ? player.lab : {key, status: 'running'}};
    }
    case 'help':
      return {...player, overlay: 'help', scroll: 0};
    default:
      return player;
  }
}

/** Another part of the lesson at `frameId` (its first frame when absent), keeping what the learner set up. */
function openPart(player: PlayerState, part: number, frameId: string): PlayerState {
  if (part < 0 || part >= player.lesson.parts.length) return player;
  return {
    ...openLesson(player.lesson, {part, frame: 0, frameId, status: 'in-progress'}, player.rttMs),
    fromQuiz: player.fromQuiz,
    answers: player.answers,
    toScale: player.toScale,
    ...(player.presenter ? {presenter: true} : {}),
    ...(player.predict ? {predict: player.predict} : {}),
  };
}

/** → at a part's last frame: on to the next part, or, at the lesson's end, its completion screen. */
function atEnd(player: PlayerState): PlayerState {
  if (player.part < player.lesson.parts.length - 1) return openPart(player, player.part + 1, '');
  // A projector and a frame opened from a quiz have no lesson to finish; a prediction run does.
  if (player.presenter || (player.lesson.transient && !player.predict)) return player;
  return {...player, overlay: 'complete', scroll: 0};
}

/** From the completion screen back to the frame of the `index`th checkpoint it lists as missed. */
function revisit(player: PlayerState, index: number): PlayerState {
  if (index < 0 || index >= JUMP_KEYS) return player;
  const missed = completionOf(player).missed[index];
  if (!missed) return player;
  const back = {...player, overlay: 'none' as const, scroll: 0};
  if (missed.part !== player.part) return openPart(back, missed.part, missed.frameId);
  return step(back, frameFor(player.trace, missed.frameId, player.frame));
}

function knobsKey(player: PlayerState, action: Action, key?: string): PlayerState {
  const {cursor, draft, typed} = player.options;
  const onRtt = OPTION_ROWS[cursor] === 'rttMs';
  switch (action) {
    case 'up':
      return {...player, scroll: 0, options: {...player.options, cursor: (cursor - 1 + OPTION_ROWS.length) % OPTION_ROWS.length, typed: ''}};
    case 'down':
      return {...player, scroll: 0, options: {...player.options, cursor: (cursor + 1) % OPTION_ROWS.length, typed: ''}};
    // The round-trip time can be typed: digits, then enter (the engine says what range it takes).
    case 'digit':
      return onRtt && typed.length < 4 ? {...player, options: {...player.options, typed: typed + key, error: null}} : player;
    case 'erase':
      return onRtt ? {...player, options: {...player.options, typed: typed.slice(0, -1)}} : player;
    case 'apply': {
      if (!onRtt || typed === '') return player;
      const rttMs = Number(typed);
      const problem = rttProblem(rttMs);
      if (problem !== undefined) return {...player, options: {...player.options, error: problem, changed: []}};
      return rerun({...player, rttMs, options: {...player.options, typed: '', error: null, changed: []}}, player.knobs);
    }
    case 'left':
    case 'right':
      return changeOption({...player, options: {...player.options, typed: ''}}, OPTION_ROWS[cursor]!, action === 'right' ? 1 : -1, draft);
    case 'options':
    case 'back':
      return toggle(player, 'options');
    case 'help':
      return {...player, overlay: 'help'};
    default:
      return player;
  }
}

export function optionChoices(row: OptionRow): readonly (string | number)[] {
  if (row === 'rttMs') return RTT_CHOICES;
  if (row === 'closeDelayMs') return CLOSE_DELAY_CHOICES;
  const values = KNOBS[row].values;
  // A small range (DNS lookups, objects): every whole number in it.
  if ('min' in values) return Array.from({length: values.max - values.min + 1}, (_, i) => values.min + i);
  return values as readonly string[];
}

function cycle<T>(choices: readonly T[], current: T, direction: number): T {
  const index = choices.indexOf(current);
  if (index < 0 && typeof current === 'number') {
    // A number off the list (a typed RTT) steps to its neighbour on the list, wrapping at the ends.
    const numbers = choices as readonly number[];
    const next = direction > 0 ? numbers.find((n) => n > current) : [...numbers].reverse().find((n) => n < current);
    return (next ?? (direction > 0 ? choices[0]! : choices[choices.length - 1]!)) as T;
  }
  if (index < 0) return direction > 0 ? choices[0]! : choices[choices.length - 1]!;
  return choices[(index + direction + choices.length) % choices.length]!;
}

/** What ← (-1) or → (+1) on a knob's row would do, by the engine's rules, before it is pressed. */
export interface OptionPreview {
  value: string | number;
  /** The other knobs the rules would change with it. */
  changed: KnobChange[];
  /** Why the value cannot be had (the panel keeps the last valid run). */
  problem?: string;
}

export function optionPreview(player: PlayerState, row: OptionRow, direction: number): OptionPreview {
  if (row === 'rttMs') return {value: cycle(RTT_CHOICES, player.rttMs, direction), changed: []};
  const {draft} = player.options;
  const value = cycle(optionChoices(row), draft[row] as string | number, direction);
  const {problem, changed} = withKnob(draft, row, value as Knobs[typeof row]);
  return {value, changed, ...(problem === undefined ? {} : {problem})};
}

/** Changes one knob (or the RTT) by the engine's rules and re-runs at once; else says why not. */
function changeOption(player: PlayerState, row: OptionRow, direction: number, draft: Knobs): PlayerState {
  if (row === 'rttMs') {
    const rttMs = cycle(RTT_CHOICES, player.rttMs, direction);
    return rerun({...player, rttMs}, player.knobs);
  }
  const value = cycle(optionChoices(row), draft[row] as string | number, direction);
  const {knobs: next, problem, changed} = withKnob(draft, row, value as Knobs[typeof row]);
  if (problem !== undefined) return {...player, options: {...player.options, draft: next, error: problem, changed: []}};
  return rerun({...player, options: {...player.options, draft: next, error: null, changed}}, next);
}

function rerun(player: PlayerState, knobs: Knobs): PlayerState {
  const trace = partTrace(player.lesson, player.part, knobs, player.rttMs);
  const current = player.trace.frames[player.frame];
  return {...player, knobs, trace, frame: frameFor(trace, current?.id ?? '', player.frame), options: {...player.options, draft: knobs}};
}

// Knob sets are never changed in place, so the contrasts of one are worked out once.
const contrastCache = new WeakMap<Knobs, Contrast[]>();

function contrasts(knobs: Knobs): Contrast[] {
  let found = contrastCache.get(knobs);
  if (found === undefined) contrastCache.set(knobs, (found = contrastsFor(knobs)));
  return found;
}

/** The trace the compare view puts beside the current one (from the shared runs: simulated once per knob set). */
export function comparison(player: PlayerState): {label: string; trace: Trace; count: number} | undefined {
  const all = contrasts(player.knobs);
  if (all.length === 0) return undefined;
  const contrast = all[player.compare.choice % all.length]!;
  return {label: contrast.label, trace: partTrace(player.lesson, player.part, contrast.knobs, player.rttMs), count: all.length};
}

/** Where the learner is, in the shape progress keeps (completion.ts says when it is done). */
export function positionOf(player: PlayerState): Position {
  return {
    part: player.part,
    frame: player.frame,
    frameId: player.trace.frames[player.frame]?.id ?? '',
    status: lessonStatus(player),
  };
}
