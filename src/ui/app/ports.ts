// What the TUI needs from the curriculum and from progress, as small interfaces: the root gets
// real implementations from the CLI and fakes in tests, and no screen touches files.

import type {Knobs, Trace} from '../../engine/types.js';
import type {Question, QuizHistoryEntry} from '../../quiz/index.js';
import {applyOutcomes, type ReviewDeck, type ReviewOutcome} from '../../quiz/review.js';
import {lessonQuestionKey, type Counting} from '../../quiz/keys.js';
import type {CheckpointRecord, PredictionRun} from '../../progress/index.js';

export interface TutorPart {
  title: string;
  scenario: string;
  knobs: Knobs;
  /** A trace to show as it is, never simulated (a real capture, `hs-tutor open --step`): no knobs, compare, lab or predictions. */
  trace?: Trace;
}

/** What the player shows with the learner's current knobs and RTT (placeholders are filled from that run). */
export interface PartRun {
  knobs: Knobs;
  rttMs: number;
}

export interface LessonCheckpoint {
  ask: string;
  choices: string[];
  answer: number;
  explain: string;
  /** The engine query whose value is the answer (`after server.tcp`), when the engine computed it. */
  expect?: string | null;
}

export interface LessonCorrection {
  source: string;
  claim: string;
  actually: string;
  why: string;
}

export interface LessonSection {
  text: string;
  checkpoints: LessonCheckpoint[];
  corrections: LessonCorrection[];
}

export interface TutorLesson {
  id: string;
  title: string;
  /** One or two sentences on what the lesson teaches, shown under the menu when it is selected. */
  summary?: string | null;
  parts: TutorPart[];
  /** Lesson text for a frame of a part, already made safe for a terminal. */
  narration(part: number, frameId: string, run?: PartRun): string | undefined;
  /** The frame's whole section: text, checkpoints and corrections (lessons from the curriculum have them). */
  section?(part: number, frameId: string, run: PartRun): LessonSection | undefined;
  /** Text before a part's first frame and after its last (the lesson's intro and takeaways included). */
  partText?(part: number, run: PartRun): {intro: string; end: string};
  /** Every checkpoint of a part with the learner's knobs, in lesson order: its key and frame. */
  checkpointsOf?(part: number, run: PartRun): {key: string; frameId: string; checkpoint: LessonCheckpoint}[];
  /** What the lesson wants remembered, filled from a run of its last part (the completion screen lists them). */
  takeaways?(run: PartRun): readonly string[];
  /** A checkpoint (by its key, `${part}:${frameId}:${index}`) as a review question, linked to its frame. */
  question?(checkpointKey: string): Question | undefined;
  /** Every checkpoint of the lesson as a review question (a practice quiz picks those that test its misconception). */
  questions?(): readonly Question[];
  /** Opened for a moment (a quiz answer's scenario): no progress is kept for it. */
  transient?: boolean;
  /** Played in a class: the instructor asks the questions, so the lesson's own checkpoints are not asked here. */
  classLed?: boolean;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'skimmed' | 'completed';

export interface Position {
  part: number;
  frame: number;
  frameId: string;
  status: LessonStatus;
}

export interface ProgressPort {
  position(lessonId: string): Position | undefined;
  /** The lesson seen most recently, for "Continue". */
  latest(): {lessonId: string; position: Position} | undefined;
  save(lessonId: string, position: Position): void;
  /** A finished quiz, drill or review: its history entry, each answer for spaced review, the misconceptions shown. */
  recordQuiz(record: {entry: QuizHistoryEntry; outcomes: ReviewOutcome[]; misconceptions?: string[]}): void;
  /** A lesson checkpoint attempted: kept with the lesson, scheduled for review, its misconception counted. */
  recordCheckpoint(lessonId: string, record: CheckpointRecord, misconceptions?: string[]): void;
  /** Predictions made in predict mode: each for spaced review (a miss comes back). */
  recordPredictions(outcomes: ReviewOutcome[]): void;
  /** A predict-mode run that reached its end. */
  recordPredictionRun(run: Omit<PredictionRun, 'at'>): void;
  /** The checkpoints of a lesson attempted so far. */
  checkpoints(lessonId: string): CheckpointRecord[];
  /** How often each misconception showed. */
  misconceptions(): Record<string, number>;
  /** The review boxes, for what is due. */
  reviewDeck(): {review: ReviewDeck};
  /** Sentences the learner must see (a corrupt file moved aside, a save that failed). */
  notices(): readonly string[];
  /** How the learner's course counts "the handshake takes N RTT" (quiz/keys.ts Counting). */
  counting(): Counting;
  setCounting(counting: Counting): void;
}

/** Progress kept in memory only: for tests, and when the progress file cannot be used. */
export function memoryProgress(now: () => Date = () => new Date()): ProgressPort {
  const positions = new Map<string, Position>();
  let last: string | undefined;
  const history: QuizHistoryEntry[] = [];
  let deck: ReviewDeck = {};
  const checkpoints: Record<string, CheckpointRecord[]> = {};
  const counts: Record<string, number> = {};
  const runs: PredictionRun[] = [];
  let counting: Counting = 'client';
  return {
    position: (id) => positions.get(id),
    latest: () => (last === undefined ? undefined : {lessonId: last, position: positions.get(last)!}),
    save: (id, position) => {
      positions.set(id, position);
      last = id;
    },
    recordQuiz: ({entry, outcomes, misconceptions: shown = []}) => {
      history.push(entry);
      deck = applyOutcomes(deck, outcomes, now());
      for (const id of shown) counts[id] = (counts[id] ?? 0) + 1;
    },
    recordCheckpoint: (lessonId, record, shown = []) => {
      const list = (checkpoints[lessonId] ??= []);
      const before = list.find((c) => c.id === record.id);
      if (before) before.attempts += record.attempts;
      else list.push({...record});
      deck = applyOutcomes(deck, [{key: lessonQuestionKey(lessonId, record.id), correct: record.firstTry === 'correct'}], now());
      for (const id of shown) counts[id] = (counts[id] ?? 0) + 1;
    },
    recordPredictions: (outcomes) => {
      deck = applyOutcomes(deck, outcomes, now());
    },
    recordPredictionRun: (run) => {
      runs.push({at: now().toISOString(), ...run});
    },
    checkpoints: (lessonId) => [...(checkpoints[lessonId] ?? [])],
    misconceptions: () => ({...counts}),
    reviewDeck: () => ({review: deck}),
    notices: () => [],
    counting: () => counting,
    setCounting: (c) => {
      counting = c;
    },
  };
}
