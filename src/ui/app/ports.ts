// What the TUI needs from the curriculum and from progress, as small interfaces: the root gets
// real implementations from the CLI and fakes in tests, and no screen touches files.

import type {Knobs} from '../../engine/types.js';
import type {QuizHistoryEntry} from '../../quiz/index.js';
import {applyOutcomes, type ReviewDeck, type ReviewOutcome} from '../../quiz/review.js';

export interface TutorPart {
  title: string;
  scenario: string;
  knobs: Knobs;
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
  /** Opened for a moment (a quiz answer's scenario): no progress is kept for it. */
  transient?: boolean;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'completed';

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
  /** A finished quiz, drill or review: its history entry, and each answer for spaced review. */
  recordQuiz(record: {entry: QuizHistoryEntry; outcomes: ReviewOutcome[]}): void;
  /** The review boxes, for what is due. */
  reviewDeck(): {review: ReviewDeck};
  /** Sentences the learner must see (a corrupt file moved aside, a save that failed). */
  notices(): readonly string[];
}

/** Progress kept in memory only: for tests, and when the progress file cannot be used. */
export function memoryProgress(now: () => Date = () => new Date()): ProgressPort {
  const positions = new Map<string, Position>();
  let last: string | undefined;
  const history: QuizHistoryEntry[] = [];
  let deck: ReviewDeck = {};
  return {
    position: (id) => positions.get(id),
    latest: () => (last === undefined ? undefined : {lessonId: last, position: positions.get(last)!}),
    save: (id, position) => {
      positions.set(id, position);
      last = id;
    },
    recordQuiz: ({entry, outcomes}) => {
      history.push(entry);
      deck = applyOutcomes(deck, outcomes, now());
    },
    reviewDeck: () => ({review: deck}),
    notices: () => [],
  };
}
