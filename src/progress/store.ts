// The progress store: the only code that reads or writes the progress file (ARCHITECTURE.md).
//
// It uses node:fs directly rather than conf. conf fights every requirement here: its constructor
// throws on a corrupt file (or, with clearInvalidConfig, silently overwrites it), it has no
// cross-process lock and every set() rewrites the whole file from its own read, so two processes
// lose each other's updates (its readme says so), its migrations are documented as buggy, and
// importing it costs ~70 ms of start-up. What we keep from conf is its location (location.ts,
// checked against conf by a test) and its write discipline: a temporary file, then a rename.
//
// Every change is a function of the document: under the lock, the file is read again, the change
// is applied to what is there now, and the result is written to a temporary file in the same
// folder, flushed, and renamed over the old one. A reader therefore sees the old or the new file,
// never a part of one, and a process killed at any point leaves a whole file behind.
import {randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';
import {applyOutcomes, type ReviewOutcome} from '../quiz/review.js';
import type {QuizHistoryEntry} from '../quiz/types.js';
import {
  type CheckpointRecord,
  emptyProgress,
  LESSON_STATUSES,
  type LessonProgress,
  type LessonStatus,
  NewerVersionError,
  checkImported,
  parseProgressText,
  ProgressFormatError,
  type PredictionRun,
  type ProgressDoc,
  type Settings,
} from './doc.js';
import {progressPath} from './location.js';
import {FileSafetyError, isFolder, isTempOf, readRegularFile, tempNameFor, writeFilesSafely} from './safe-files.js';
import {acquireLock, LockFileError, LockTimeoutError, processAlive} from './lock.js';
import {mergeProgress} from './merge.js';

export interface ProgressOptions {
  /** The folder that holds progress.json; default HS_TUTOR_HOME, else conf's config folder. */
  home?: string;
  /** The clock for updatedAt, history and review times (tests and HS_TUTOR_NOW move it). */
  now?: () => Date;
  /** Called with each notice sentence as it happens (they are also kept in `notices`). */
  onNotice?: (sentence: string) => void;
  /** Where HS_TUTOR_HOME is read from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface LessonPosition {
  part: number;
  frame: number;
  frameId: string | null;
  /** Default 'in-progress'. A status never goes back (completed stays completed) except by reset. */
  status?: LessonStatus;
}

/** A finished quiz, interview or review session: its history entry and each answer. */
export interface QuizSessionRecord {
  entry: QuizHistoryEntry;
  /** Each question answered, for the review deck (missed ones enter box 1). */
  outcomes: readonly ReviewOutcome[];
  /** The misconceptions the wrong answers showed, one id per wrong answer that showed one. */
  misconceptions?: readonly string[];
}

function countMisconceptions(doc: ProgressDoc, ids: readonly string[]): void {
  for (const id of ids) doc.misconceptions[id] = (doc.misconceptions[id] ?? 0) + 1;
}

export interface ImportSummary {
  /** Lessons that were added or changed. */
  lessons: number;
  /** History entries that were added. */
  sessions: number;
  /** Review questions that were added or changed. */
  reviews: number;
}

export interface ProgressStore {
  /** The progress file's absolute path. */
  readonly path: string;
  /** One sentence per thing the learner should be told (a corrupt file moved aside, …), in order. */
  readonly notices: readonly string[];
  /** The document as it is on disk now (an empty one when there is no file yet). */
  read(): ProgressDoc;
  lesson(id: string): LessonProgress | undefined;
  /** The lesson saved most recently (for "Continue"), or undefined when there is none. */
  latestLesson(): {id: string; progress: LessonProgress} | undefined;
  /** Records where the learner is in a lesson; about a millisecond, safe to call on every step. */
  saveLessonPosition(id: string, position: LessonPosition): LessonProgress;
  /** Forgets everything. */
  resetAll(): void;
  /** Forgets one lesson; returns whether there was anything to forget. */
  resetLesson(id: string): boolean;
  /** Appends a session to the history and moves its questions between review boxes. */
  recordQuizSession(record: QuizSessionRecord): ProgressDoc;
  /** Moves questions between review boxes without a history entry (a lesson's checkpoint). */
  recordAnswers(outcomes: readonly ReviewOutcome[]): ProgressDoc;
  /** How "the handshake takes N RTT" is counted in quizzes. */
  setCounting(counting: Settings['counting']): ProgressDoc;
  /**
   * A checkpoint attempted in a lesson: kept with the lesson (the first attempt stays what it
   * was; attempts add up), scheduled for review under `reviewKey` (a miss or a shown answer
   * enters the deck), and the misconceptions its wrong answer showed are counted.
   */
  recordCheckpoint(lessonId: string, record: CheckpointRecord, reviewKey: string, misconceptions?: readonly string[]): ProgressDoc;
  /** Counts misconceptions shown by wrong answers outside lessons (quiz, drill, review, predictions). */
  recordMisconceptions(ids: readonly string[]): ProgressDoc;
  /** A predict-mode run that reached its end: its accuracy, best streak and the frames missed. */
  recordPredictionRun(run: Omit<PredictionRun, 'at'>): ProgressDoc;
  /** Writes the document to `file` (atomically), for `progress --export`. */
  /** Writes the document to `file` (as `view` shows it: `progress --json`'s form, which import takes back). */
  exportTo(file: string, view?: (doc: ProgressDoc) => unknown, force?: boolean): void;
  /** Merges the progress document in `file` into this one (never drops anything); throws ProgressError when it is not one. */
  importFrom(file: string): ImportSummary;
}

/** The store could not do its job (I/O error, lock held, a file from a newer version): CLI exit 1. */
export class ProgressError extends Error {
  override name = 'ProgressError';
}

export function openProgress(options: ProgressOptions = {}): ProgressStore {
  return new FileStore(progressPath(options.home, options.env ?? process.env), options);
}

class FileStore implements ProgressStore {
  readonly notices: string[] = [];
  readonly #now: () => Date;
  readonly #onNotice: ((sentence: string) => void) | undefined;
  readonly #lockPath: string;

  constructor(
    readonly path: string,
    options: ProgressOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#onNotice = options.onNotice;
    this.#lockPath = `${path}.lock`;
    removeLeftoverTemps(path);
    this.read(); // a corrupt file is dealt with (and the learner told) as soon as the store opens
  }

  read(): ProgressDoc {
    const loaded = this.#load();
    if (loaded.ok) return loaded.doc;
    // Move a bad file aside under the lock, after reading it again: a writer may have just
    // replaced it with a good one.
    return this.#locked(() => {
      const again = this.#load();
      if (again.ok) return again.doc;
      this.#moveAside(again.reason);
      return emptyProgress();
    });
  }

  lesson(id: string): LessonProgress | undefined {
    return this.read().lessons[id];
  }

  latestLesson(): {id: string; progress: LessonProgress} | undefined {
    let latest: {id: string; progress: LessonProgress} | undefined;
    for (const [id, progress] of Object.entries(this.read().lessons)) {
      if (latest === undefined || Date.parse(progress.updatedAt) > Date.parse(latest.progress.updatedAt)) latest = {id, progress};
    }
    return latest;
  }

  saveLessonPosition(id: string, position: LessonPosition): LessonProgress {
    const doc = this.#update((d) => {
      const previous = d.lessons[id];
      const wanted = position.status ?? 'in-progress';
      const status = previous !== undefined && rank(previous.status) > rank(wanted) ? previous.status : wanted;
      d.lessons[id] = {status, part: position.part, frame: position.frame, frameId: position.frameId, updatedAt: this.#now().toISOString(), checkpoints: previous?.checkpoints ?? []};
    });
    return doc.lessons[id]!;
  }

  resetAll(): void {
    // Forgets what was done, not how the learner set the tutor up.
    this.#update((d) => ({...emptyProgress(), settings: d.settings}));
  }

  resetLesson(id: string): boolean {
    let found = false;
    this.#update((d) => {
      found = id in d.lessons;
      delete d.lessons[id];
    });
    return found;
  }

  recordQuizSession(record: QuizSessionRecord): ProgressDoc {
    return this.#update((d) => {
      d.quiz.history.push(record.entry);
      d.review = applyOutcomes(d.review, record.outcomes, this.#now());
      countMisconceptions(d, record.misconceptions ?? []);
    });
  }

  recordCheckpoint(lessonId: string, record: CheckpointRecord, reviewKey: string, misconceptions: readonly string[] = []): ProgressDoc {
    return this.#update((d) => {
      const now = this.#now();
      const lesson = d.lessons[lessonId] ?? {status: 'in-progress', part: 0, frame: record.frame, frameId: null, updatedAt: now.toISOString(), checkpoints: []};
      const before = lesson.checkpoints.find((c) => c.id === record.id);
      const checkpoints = before
        ? lesson.checkpoints.map((c) => (c.id === record.id ? {...c, attempts: c.attempts + record.attempts} : c))
        : [...lesson.checkpoints, {...record}];
      d.lessons[lessonId] = {...lesson, checkpoints};
      d.review = applyOutcomes(d.review, [{key: reviewKey, correct: record.firstTry === 'correct'}], now);
      countMisconceptions(d, misconceptions);
    });
  }

  recordMisconceptions(ids: readonly string[]): ProgressDoc {
    return this.#update((d) => countMisconceptions(d, ids));
  }

  recordPredictionRun(run: Omit<PredictionRun, 'at'>): ProgressDoc {
    return this.#update((d) => {
      d.predictions.push({at: this.#now().toISOString(), ...run});
    });
  }

  /** Sets how "the handshake takes N RTT" is counted in quizzes (doc.ts Settings). */
  setCounting(counting: Settings['counting']): ProgressDoc {
    return this.#update((d) => {
      d.settings = {...d.settings, counting};
    });
  }

  recordAnswers(outcomes: readonly ReviewOutcome[]): ProgressDoc {
    return this.#update((d) => {
      d.review = applyOutcomes(d.review, outcomes, this.#now());
    });
  }

  exportTo(file: string, view: (doc: ProgressDoc) => unknown = (doc) => doc, force = false): void {
    const doc = this.read();
    try {
      writeFilesSafely([{path: file, data: `${JSON.stringify(view(doc), null, 2)}\n`, mode: 0o600}], force);
    } catch (error) {
      throw new ProgressError(error instanceof FileSafetyError ? `${error.message}.` : `Could not write ${file}: ${writeProblem(error)}.`);
    }
  }

  importFrom(file: string): ImportSummary {
    let text: string | undefined;
    try {
      text = readRegularFile(file, MAX_IMPORT_BYTES);
    } catch (error) {
      throw new ProgressError(error instanceof FileSafetyError ? `${error.message}; nothing was imported.` : `Could not read ${file} (${errorText(error)}).`);
    }
    if (text === undefined) throw new ProgressError(`Could not read ${file}: there is no such file.`);
    let theirs: ProgressDoc;
    try {
      theirs = checkImported(parseProgressText(text));
    } catch (error) {
      throw new ProgressError(`${file} is not a progress file that can be imported: ${errorText(error)}.`);
    }
    let summary: ImportSummary = {lessons: 0, sessions: 0, reviews: 0};
    this.#update((ours) => {
      const merged = mergeProgress(ours, theirs);
      summary = {
        lessons: countChanged(ours.lessons, merged.lessons),
        sessions: merged.quiz.history.length - ours.quiz.history.length,
        reviews: countChanged(ours.review, merged.review),
      };
      return merged;
    });
    return summary;
  }

  /** Applies `change` to the document on disk, under the lock, and writes the result atomically. */
  #update(change: (doc: ProgressDoc) => ProgressDoc | void): ProgressDoc {
    // A process that lost the lock while working (judged stale after a long stall) does its
    // change again on the newer document instead of writing over it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = this.#locked((lock) => {
        const current = this.#load();
        if (!current.ok) this.#moveAside(current.reason);
        const doc = current.ok ? current.doc : emptyProgress();
        const next = change(doc) ?? doc;
        const text = serialize(next);
        return writeAtomically(this.path, text, lock.held) ? next : undefined;
      });
      if (result !== undefined) return result;
    }
    throw new ProgressError(`Could not save progress to ${this.path}: other hs-tutor processes kept taking its lock; try again.`);
  }

  #locked<T>(fn: (lock: {held: () => boolean}) => T): T {
    let lock;
    try {
      lock = acquireLock(this.#lockPath);
    } catch (error) {
      if (error instanceof LockFileError) throw new ProgressError(`Could not lock ${this.path}: ${error.message}.`);
      if (error instanceof LockTimeoutError) {
        throw new ProgressError(`Could not save progress: ${error.message}; if no hs-tutor is running, delete ${this.#lockPath}.`);
      }
      throw new ProgressError(`Could not lock ${this.path} (${errorText(error)}).`);
    }
    try {
      return fn(lock);
    } catch (error) {
      if (error instanceof ProgressError) throw error;
      throw new ProgressError(`Could not save progress to ${this.path} (${errorText(error)}).`);
    } finally {
      lock.release();
    }
  }

  #load(): {ok: true; doc: ProgressDoc} | {ok: false; reason: string} {
    let text: string | undefined;
    try {
      text = readRegularFile(this.path, MAX_PROGRESS_BYTES);
    } catch (error) {
      // Something that is not a file (a FIFO, a folder) is not ours to move: say so and stop.
      if (error instanceof FileSafetyError && error.code === 'ENOTREG') {
        throw new ProgressError(`${error.message}, so progress cannot be kept there; move it away, or set HS_TUTOR_HOME to another folder.`);
      }
      return {ok: false, reason: `it is unreadable: ${errorText(error)}`};
    }
    if (text === undefined) return {ok: true, doc: emptyProgress()};
    try {
      return {ok: true, doc: parseProgressText(text)};
    } catch (error) {
      if (error instanceof NewerVersionError) {
        throw new ProgressError(`${this.path} cannot be used: ${error.message}; upgrade hs-tutor, or set HS_TUTOR_HOME to another folder.`);
      }
      if (error instanceof ProgressFormatError) return {ok: false, reason: error.message};
      throw error;
    }
  }

  #moveAside(reason: string): void {
    const aside = asideName(this.path, this.#now());
    try {
      renameSync(this.path, aside);
    } catch (error) {
      throw new ProgressError(`${this.path} could not be read (${reason}) nor moved aside (${errorText(error)}); move or delete it by hand.`);
    }
    const sentence = `The progress file ${this.path} could not be read (${reason}), so it was moved to ${aside} and a fresh one was started.`;
    this.notices.push(sentence);
    this.#onNotice?.(sentence);
  }
}

function rank(status: LessonStatus): number {
  return LESSON_STATUSES.indexOf(status);
}

function serialize(doc: ProgressDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function countChanged<T>(before: Record<string, T>, after: Record<string, T>): number {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).length;
}

/** Why a write failed, in words that finish "Could not write <file>: …". */
export function writeProblem(error: unknown): string {
  if (error instanceof FileSafetyError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a folder; give a file name';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full (nothing was written)';
    default:
      return errorText(error);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `progress.json.corrupt-2026-11-27T10-00-00-000Z`, made unique with -1, -2… (no colons: Windows). */
function asideName(path: string, now: Date): string {
  const base = `${path}.corrupt-${now.toISOString().replace(/:/g, '-').replace('.', '-')}`;
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    try {
      statSync(candidate);
    } catch {
      return candidate;
    }
  }
}

/** The progress file and an import are read whole: past these sizes they are refused (README "Limits"). */
export const MAX_PROGRESS_BYTES = 8 * 1_048_576;
export const MAX_IMPORT_BYTES = 4 * 1_048_576;

/**
 * Writes `text` to `path` through a temporary file in the same folder, flushed to disk before it
 * is renamed over `path`. `stillAllowed` is asked just before the rename (the lock still held);
 * returns false, leaving `path` alone, when it says no.
 */
export function writeAtomically(path: string, text: string, stillAllowed: () => boolean = () => true): boolean {
  mkdirSync(dirname(path), {recursive: true});
  const temp = tempNameFor(path);
  try {
    // Progress is the learner's own: readable by them only.
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!stillAllowed()) {
      unlinkSync(temp);
      return false;
    }
    renameSync(temp, path);
    return true;
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/**
 * Temporary files of writers killed before their rename: those of a process that is gone, or
 * old ones (a write takes milliseconds; the age also protects a live writer on another host).
 */
function removeLeftoverTemps(path: string): void {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!isTempOf(path, name)) continue;
    const file = join(folder, name);
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    let ageMs: number;
    try {
      ageMs = Date.now() - statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const orphan = !(Number.isInteger(pid) && pid > 0 && processAlive(pid));
    if (ageMs < (orphan ? 1000 : 60_000)) continue;
    try {
      unlinkSync(file);
    } catch {
      // another process cleaned it
    }
  }
}
