// The curriculum's public shapes: what the loader returns and what the lesson player reads.
// Everything here is plain data plus a few pure functions; no Ink, no fs.
import type {Knobs, Trace} from '../engine/types.js';

/** Where a lesson came from: the lessons shipped with hs-tutor, or an instructor's folder (as given). */
export type LessonSource = 'built-in' | (string & {});

/**
 * One thing wrong in a lesson file. `severity` says what the loader did about it:
 * 'error' — the lesson could not be loaded; 'warning' — it loaded without the faulty piece
 * (a narration, checkpoint or unknown key is ignored). `lessons validate` fails on both.
 */
export interface Problem {
  /** The file as the loader was given it (a folder when the problem is about the folder). */
  file: string;
  /** 1-based line; 0 when the problem is about the whole file or folder. */
  line: number;
  /** One sentence: what is wrong and what to do about it. Already safe to print. */
  message: string;
  severity: 'error' | 'warning';
  /** The lesson's id, when the file got far enough to have one. */
  lessonId?: string;
  /** The folder the file came from ('built-in' for hs-tutor's own lessons). */
  source?: LessonSource;
}

/** One flow a lesson walks through: a scenario preset plus knob overrides. */
export interface LessonPart {
  /** 0-based position in the lesson. */
  index: number;
  /** The part's own id (kebab-case) when the file gives one; placeholders can name it. */
  id: string | null;
  /** The part's title, or null when the file gives none (the player may use the scenario's). */
  title: string | null;
  /** A scenario preset id (CLI.md "Presets"). */
  scenario: string;
  /** The overrides on top of the preset, as the file gives them (`--set` style). */
  set: Readonly<Record<string, string>>;
  /** The overrides with their knob types (closeDelayMs is a number), for JSON output. */
  setKnobs: Readonly<Partial<Knobs>>;
  /** Every knob, resolved: the preset, then `set`, then the defaults. */
  knobs: Readonly<Knobs>;
}

/** An RFC (or other) reference, as written, with the RFC and section picked out when it names one. */
export interface Reference {
  text: string;
  rfc: number | null;
  section: string | null;
  /** rfc-editor.org link to the RFC (and section) when `rfc` is set. */
  url: string | null;
}

/** "The article says X; actually Y; because Z" (protocol-facts §7). */
export interface Correction {
  /** Who made the claim; "the source article" unless the file says otherwise. */
  source: string;
  claim: string;
  actually: string;
  why: string;
}

/**
 * A question the player asks at a point of the lesson. `answer` indexes `choices`; `check`
 * also accepts a typed answer that means the same (SYN-RCVD for SYN-RECEIVED, "1 RTT" for 1).
 */
export interface Checkpoint {
  ask: string;
  choices: string[];
  answer: number;
  /** Shown after the learner answers; may be empty. */
  explain: string;
  /** 'engine' when the answer was computed from the trace; 'author' when the file states it. */
  source: 'engine' | 'author';
  /** The query that computed the answer (`after server.tcp`), for engine answers. */
  expect: string | null;
  check(input: string): boolean;
}

/** The text and activities at one point of a part: its start, one frame, or its end. */
export interface Section {
  /** Narration, placeholders filled and safe to print; '' when there is none. */
  text: string;
  checkpoints: Checkpoint[];
  corrections: Correction[];
}

/** One part, simulated with the knobs and RTT of a play. */
export interface PartPlay {
  part: LessonPart;
  /** The knobs this play used: the part's, plus the learner's changes. */
  knobs: Readonly<Knobs>;
  trace: Trace;
  /** Shown before the first frame. */
  intro: Section;
  /** Shown after the last frame. */
  end: Section;
  /**
   * The section for the frame with this id, or undefined when the lesson says nothing about
   * it under these knobs (no narration, or its `when` condition does not hold).
   */
  frame(frameId: string): Section | undefined;
  /** The frame ids of `trace` that have a section, in trace order. */
  narratedFrames(): string[];
}

export interface PlayOptions {
  /** Round-trip time in ms, 1–999 (default 100). */
  rttMs?: number;
  /** Seed for ISNs and randoms (default 1, as `show`). */
  seed?: number;
  /** Knob changes per part index, `--set` style, on top of each part's own knobs. */
  overrides?: Readonly<Record<number, Readonly<Record<string, string>>>>;
}

/** A lesson with every part simulated: everything the player shows, text already filled in. */
export interface LessonPlay {
  lesson: Lesson;
  rttMs: number;
  seed: number;
  /** The lesson's introduction (before part 1). */
  intro: Section;
  objectives: string[];
  parts: PartPlay[];
  takeaways: string[];
  references: Reference[];
  /** Shorthand for `parts[part]?.frame(frameId)?.text`, undefined when there is no text. */
  narration(part: number, frameId: string): string | undefined;
}

export interface Lesson {
  id: string;
  title: string;
  /** One-line description for menus, or null. */
  summary: string | null;
  source: LessonSource;
  /** The file it was loaded from (display form). */
  file: string;
  parts: readonly LessonPart[];
  /** Filled in at the default RTT and seed (use a LessonPlay for other settings). */
  objectives: readonly string[];
  takeaways: readonly string[];
  references: readonly Reference[];
  /**
   * Simulates every part and fills in the text. Throws the engine's UsageError when an
   * override is unknown or makes an invalid knob combination (show its message).
   */
  play(options?: PlayOptions): LessonPlay;
}

export interface Curriculum {
  /** Every lesson that loaded, in the default linear order: built-in first, then each folder, by file name. */
  lessons: Lesson[];
  /** Every problem found, in folder and file order. */
  problems: Problem[];
  find(id: string): Lesson | undefined;
  /** The lesson after `id` in the default order, or undefined at the end. */
  next(id: string): Lesson | undefined;
}
