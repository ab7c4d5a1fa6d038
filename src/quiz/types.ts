// The quiz's public shapes. A Question's JSON form is the `quiz --json` contract of CLI.md, so
// fields are only ever added, never renamed.
import type {Knobs, Side} from '../engine/types.js';

/** What an engine-derived question asks about (each is documented in the README's quiz section). */
export type Measure =
  | 'requestSentRtt'
  | 'responseReceivedRtt'
  | 'requestSentMs'
  | 'responseReceivedMs'
  | 'tlsAddedRtt'
  | 'tcpStateAfter'
  | 'tlsStateAfter'
  | 'quicStateAfter'
  | 'nextFrame'
  | 'messageOrder'
  | 'encryptedMessage'
  | 'clearMessage'
  | 'closeSegments'
  | 'closeOrder'
  | 'timeWaitSide'
  | 'timeWaitMs'
  | 'handshakeDoneRtt'
  | 'pageLoadRtt'
  | 'pageLoadMs';

/**
 * What an answer means, so it can be checked by meaning rather than by its wording: a count or
 * a time (number), a state, side or message name (string), a frame on the wire, or a sequence.
 */
export type AnswerValue = number | string | string[] | FrameValue;

/** A frame as a quiz answer: who sends it and what it carries (flags without PSH, or messages). */
export interface FrameValue {
  from: Side;
  what: string;
}

export type QuestionSource =
  | {
      kind: 'engine';
      /** Every knob of the run the question was generated from. */
      knobs: Knobs;
      rttMs: number;
      measure: Measure;
      value: AnswerValue;
      /** Added: the endpoint asked about, for state and sequence questions. */
      side?: Side;
      /** Added: the frame asked about, for state and next-frame questions. */
      frameId?: string;
    }
  | {kind: 'lesson'; lesson: string};

/** Where the answer can be seen: the TUI opens this scenario with these knobs at this frame. */
export interface QuestionLink {
  /** The preset closest to the question's knobs (fewest overrides). */
  scenario: string;
  /** The `--set` overrides that turn the preset into the question's knobs, as strings. */
  set: Record<string, string>;
  rttMs: number;
  /** The frame that shows the answer, or null when the whole trace does (its summary). */
  frameId: string | null;
  /** Index of that frame in the trace (for the current knobs), or null. */
  frame: number | null;
  /** The built-in lesson that teaches the topic, when there is one. */
  lesson?: string;
  /** For a lesson's own checkpoint: the part of `lesson` whose frame `frameId` asks it. */
  part?: number;
}

export interface Question {
  /** Stable key: the same question has the same id for every seed and run (review decks use it). */
  id: string;
  topic: string;
  prompt: string;
  choices: string[];
  /** Index into choices. */
  answer: number;
  explanation: string;
  source: QuestionSource;
  /** Added: what each choice means (same order as choices); answers are checked against these. */
  values: AnswerValue[];
  /** Added: for each wrong choice, the classic mistake it stands for (null when none applies). */
  mistakes: (string | null)[];
  /** Added: for each wrong choice, the misconception id it shows (src/quiz/misconceptions.ts), or null. */
  misconceptions: (string | null)[];
  link: QuestionLink | null;
}

export interface Topic {
  id: string;
  title: string;
  /** The built-in lesson (CLI.md's lesson ids) that teaches this topic. */
  lesson?: string;
}

export type QuizMode = 'quiz' | 'interview' | 'review';

/** One finished session as the progress file keeps it (CLI.md `quiz.history[]`). */
export interface QuizHistoryEntry {
  /** ISO time the session ended. */
  at: string;
  mode: QuizMode;
  asked: number;
  correct: number;
  /** Topic id → [correct, asked]. */
  topics: Record<string, [number, number]>;
}
