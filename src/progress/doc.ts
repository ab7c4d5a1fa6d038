// The progress document: CLI.md's `progress --json` shape with its own schemaVersion, the pure
// migrations that bring an older document up to date, and the strict check that decides whether a
// file is a progress document at all (if not, the store moves it aside rather than guess).
import type {QuizHistoryEntry, QuizMode} from '../quiz/types.js';
import type {ReviewDeck, ReviewEntry} from '../quiz/review.js';

/** 'skimmed': the last frame was reached with some checkpoint neither answered nor shown. */
export type LessonStatus = 'not-started' | 'in-progress' | 'skimmed' | 'completed';

/** How one checkpoint of a lesson went (CLI.md `progress --json` lessons.*.checkpoints). */
export interface CheckpointRecord {
  /** `<part>:<frame id>:<index>`, the lesson's own numbering of its checkpoints. */
  id: string;
  /** Index of the frame it is asked at (in the part's trace, with the lesson's knobs). */
  frame: number;
  /** The first attempt decides: right, wrong, or the answer shown without answering. */
  firstTry: 'correct' | 'wrong' | 'shown';
  attempts: number;
}

export interface LessonProgress {
  status: LessonStatus;
  /** Index of the lesson part last shown. */
  part: number;
  /** Index of the frame last shown. */
  frame: number;
  /** Id of that frame, so the position survives a change of the lesson's knobs; null if unknown. */
  frameId: string | null;
  /** ISO time of the last change. */
  updatedAt: string;
  /** Each checkpoint attempted, in the order first attempted. */
  checkpoints: CheckpointRecord[];
}

/** A run in predict mode (CLI.md `progress --json` predictions): how the learner's predictions went. */
export interface PredictionRun {
  /** ISO time the run ended. */
  at: string;
  /** The lesson walked, or null for a scenario (`hs-tutor predict <scenario>`). */
  lesson: string | null;
  /** The scenario of the part that ended the run, and its `--set` overrides. */
  scenario: string;
  set: Record<string, string>;
  rttMs: number;
  asked: number;
  correct: number;
  bestStreak: number;
  /** Ids of the frames whose next frame was predicted wrongly. */
  missed: string[];
}

export const SCHEMA_VERSION = 4;

/** The learner's settings. */
export interface Settings {
  /** How "the handshake takes N RTT" is counted: to the client's side (it may send) or the server's (quiz/keys.ts Counting). */
  counting: 'client' | 'server';
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({counting: 'client'});

export interface ProgressDoc {
  schemaVersion: typeof SCHEMA_VERSION;
  lessons: Record<string, LessonProgress>;
  quiz: {history: QuizHistoryEntry[]};
  review: ReviewDeck;
  /** How often each misconception (src/quiz/misconceptions.ts) showed in a wrong answer. */
  misconceptions: Record<string, number>;
  /** Predict mode's runs, oldest first. */
  predictions: PredictionRun[];
  settings: Settings;
}

export type {QuizHistoryEntry, ReviewDeck, ReviewEntry};

/** In the order a lesson moves through them: a status never goes back (except by reset). */
export const LESSON_STATUSES: readonly LessonStatus[] = ['not-started', 'in-progress', 'skimmed', 'completed'];
const FIRST_TRIES: readonly CheckpointRecord['firstTry'][] = ['correct', 'wrong', 'shown'];
const QUIZ_MODES: readonly QuizMode[] = ['quiz', 'interview', 'review'];

export function emptyProgress(): ProgressDoc {
  return {schemaVersion: SCHEMA_VERSION, lessons: Object.create(null), quiz: {history: []}, review: Object.create(null), misconceptions: Object.create(null), predictions: [], settings: {...DEFAULT_SETTINGS}};
}

/** What every id from outside looks like (lesson, misconception): lowercase letters, digits, hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 64;

export function isId(value: string): boolean {
  return value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);
}

/** Review keys and frame ids are the program's own; an import may only bring printable ones of sane length. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * What an import must also be, beyond a progress document: every id an id, every key a key.
 * Files the program wrote itself always are; a file from elsewhere is refused whole, with where.
 */
export function checkImported(doc: ProgressDoc): ProgressDoc {
  for (const [id, lesson] of Object.entries(doc.lessons)) {
    if (!isId(id)) throw bad(`lessons.${JSON.stringify(id)}`, 'is not a lesson id (lowercase letters, digits and hyphens, at most 64)');
    if (lesson.frameId !== null && !KEY.test(lesson.frameId)) throw bad(`lessons.${id}.frameId`, 'is not a frame id');
    for (const c of lesson.checkpoints) if (!KEY.test(c.id)) throw bad(`lessons.${id}.checkpoints`, 'has an id that is not one');
  }
  for (const key of Object.keys(doc.review)) if (!KEY.test(key)) throw bad(`review.${JSON.stringify(key)}`, 'is not a question key');
  for (const id of Object.keys(doc.misconceptions)) if (!isId(id)) throw bad(`misconceptions.${JSON.stringify(id)}`, 'is not a misconception id');
  for (const [i, entry] of doc.quiz.history.entries()) for (const topic of Object.keys(entry.topics)) if (!isId(topic)) throw bad(`quiz.history[${i}].topics`, 'has a topic that is not an id');
  for (const [i, run] of doc.predictions.entries()) {
    if ((run.lesson !== null && !isId(run.lesson)) || !isId(run.scenario)) throw bad(`predictions[${i}]`, 'names a lesson or scenario that is not an id');
    for (const [k, v] of Object.entries(run.set)) if (!isId(k) || !KEY.test(v)) throw bad(`predictions[${i}].set`, 'has a knob that is not one');
  }
  return doc;
}

/** Why a document is not a progress document, in words that finish "could not be read (…)". */
export class ProgressFormatError extends Error {
  override name = 'ProgressFormatError';
}

/** A document as read from disk, before migration: any JSON object. */
export type RawDoc = Record<string, unknown>;

/**
 * MIGRATIONS[v] turns a version-v document into a version v+1 one. Each step is pure: it returns
 * a new object and never changes its argument. Version 0 is a document without `schemaVersion`
 * (written by hand, or by a build before versions existed); to add version 2, bump SCHEMA_VERSION
 * and append the step from 1 to 2, with a test.
 */
export const MIGRATIONS: readonly ((doc: RawDoc) => RawDoc)[] = [
  // 0 → 1: name the version and add the sections a hand-written file may leave out.
  (doc) => ({
    ...doc,
    schemaVersion: 1,
    lessons: doc.lessons ?? {},
    quiz: doc.quiz ?? {history: []},
    review: doc.review ?? {},
  }),
  // 1 → 2: lessons keep their checkpoints' results, the document the misconceptions' counts.
  (doc) => ({
    ...doc,
    schemaVersion: 2,
    // Anything that is not what it should be is left as it is, for the check to name.
    lessons: isObject(doc.lessons) ? Object.fromEntries(Object.entries(doc.lessons).map(([id, l]) => [id, isObject(l) ? {...l, checkpoints: l.checkpoints ?? []} : l])) : doc.lessons,
    misconceptions: doc.misconceptions ?? {},
  }),
  // 2 → 3: predict mode's runs.
  (doc) => ({...doc, schemaVersion: 3, predictions: doc.predictions ?? []}),
  // 3 → 4: the learner's settings (the counting convention).
  (doc) => ({...doc, schemaVersion: 4, settings: doc.settings ?? {...DEFAULT_SETTINGS}}),
];

/** Brings `doc` to SCHEMA_VERSION through every step it has not had yet. */
export function migrate(doc: RawDoc): RawDoc {
  const version = doc.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ProgressFormatError(`its schemaVersion ${JSON.stringify(version)} is not a version number`);
  }
  if (version > SCHEMA_VERSION) throw new NewerVersionError(version);
  let current = doc;
  for (let v = version; v < SCHEMA_VERSION; v++) current = MIGRATIONS[v]!(current);
  return current;
}

/** A file from a newer hs-tutor: never moved aside or overwritten, since it is probably fine. */
export class NewerVersionError extends Error {
  override name = 'NewerVersionError';
  constructor(readonly version: number) {
    super(`it was written by a newer hs-tutor (schemaVersion ${version}; this one knows up to ${SCHEMA_VERSION})`);
  }
}

/** Parses JSON text into a current progress document, or throws ProgressFormatError / NewerVersionError. */
export function parseProgressText(text: string): ProgressDoc {
  if (text.trim() === '') throw new ProgressFormatError('it is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProgressFormatError('it is not valid JSON');
  }
  return toProgress(raw);
}

/** Migrates and checks any parsed JSON value; the result is a fresh object of exactly the known fields. */
export function toProgress(raw: unknown): ProgressDoc {
  if (!isObject(raw)) throw new ProgressFormatError('it is not a JSON object');
  const doc = migrate(raw);
  const lessons = record(doc.lessons, 'lessons', lessonProgress);
  const quiz = doc.quiz;
  if (!isObject(quiz)) throw new ProgressFormatError('its "quiz" is not an object');
  if (!Array.isArray(quiz.history)) throw new ProgressFormatError('its "quiz.history" is not a list');
  const history = quiz.history.map((entry, i) => historyEntry(entry, `quiz.history[${i}]`));
  const review = record(doc.review, 'review', reviewEntry);
  const misconceptions = misconceptionCounts(doc.misconceptions);
  const predictions = list(doc.predictions, 'predictions', predictionRun);
  return {schemaVersion: SCHEMA_VERSION, lessons, quiz: {history}, review, misconceptions, predictions, settings: settingsOf(doc.settings)};
}

/**
 * The store keeps counts by id; `progress --json` and `--export` list them as
 * [{id, count, text, lesson, frame}] (CLI.md), which import takes back (only id and count matter).
 */
function misconceptionCounts(value: unknown): Record<string, number> {
  if (!Array.isArray(value)) return record(value, 'misconceptions', count);
  const out: Record<string, number> = Object.create(null);
  value.forEach((entry, i) => {
    if (!isObject(entry) || typeof entry.id !== 'string') throw bad(`misconceptions[${i}].id`, 'is not a misconception id');
    out[entry.id] = (out[entry.id] ?? 0) + count(entry.count, `misconceptions[${i}].count`);
  });
  return out;
}

function isObject(value: unknown): value is RawDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A map from outside: a null-prototype object, so no key ("__proto__", "constructor", "toString")
 * can reach or shadow Object.prototype, whatever the file says.
 */
function record<T>(value: unknown, where: string, item: (v: unknown, where: string) => T): Record<string, T> {
  if (!isObject(value)) throw new ProgressFormatError(`its "${where}" is not an object`);
  const out: Record<string, T> = Object.create(null);
  for (const [key, v] of Object.entries(value)) out[key] = item(v, `${where}.${key}`);
  return out;
}

const bad = (where: string, what: string) => new ProgressFormatError(`its "${where}" ${what}`);

/** No count a learner can reach comes near this; a bigger one is a damaged or made-up file. */
export const MAX_COUNT = 1_000_000;

function count(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw bad(where, 'is not a whole number');
  if (value > MAX_COUNT) throw bad(where, `is more than ${MAX_COUNT}`);
  return value;
}

function time(value: unknown, where: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw bad(where, 'is not a date');
  return value;
}

function lessonProgress(value: unknown, where: string): LessonProgress {
  if (!isObject(value)) throw bad(where, 'is not an object');
  if (!LESSON_STATUSES.includes(value.status as LessonStatus)) throw bad(`${where}.status`, 'is not a lesson status');
  const frameId = value.frameId ?? null;
  if (frameId !== null && typeof frameId !== 'string') throw bad(`${where}.frameId`, 'is not a frame id');
  return {
    status: value.status as LessonStatus,
    part: count(value.part ?? 0, `${where}.part`),
    frame: count(value.frame ?? 0, `${where}.frame`),
    frameId,
    updatedAt: time(value.updatedAt, `${where}.updatedAt`),
    checkpoints: list(value.checkpoints ?? [], `${where}.checkpoints`, checkpointRecord),
  };
}

function predictionRun(value: unknown, where: string): PredictionRun {
  if (!isObject(value)) throw bad(where, 'is not an object');
  const lesson = value.lesson ?? null;
  if (lesson !== null && typeof lesson !== 'string') throw bad(`${where}.lesson`, 'is not a lesson id');
  if (typeof value.scenario !== 'string') throw bad(`${where}.scenario`, 'is not a scenario id');
  const set = record(value.set ?? {}, `${where}.set`, (v, w) => {
    if (typeof v !== 'string') throw bad(w, 'is not a knob value');
    return v;
  });
  return {
    at: time(value.at, `${where}.at`),
    lesson,
    scenario: value.scenario,
    set,
    rttMs: count(value.rttMs, `${where}.rttMs`),
    asked: count(value.asked, `${where}.asked`),
    correct: count(value.correct, `${where}.correct`),
    bestStreak: count(value.bestStreak ?? 0, `${where}.bestStreak`),
    missed: list(value.missed ?? [], `${where}.missed`, (v, w) => {
      if (typeof v !== 'string') throw bad(w, 'is not a frame id');
      return v;
    }),
  };
}

function list<T>(value: unknown, where: string, item: (v: unknown, where: string) => T): T[] {
  if (!Array.isArray(value)) throw bad(where, 'is not a list');
  return value.map((v, i) => item(v, `${where}[${i}]`));
}

function checkpointRecord(value: unknown, where: string): CheckpointRecord {
  if (!isObject(value)) throw bad(where, 'is not an object');
  if (typeof value.id !== 'string' || value.id === '') throw bad(`${where}.id`, 'is not a checkpoint id');
  if (!FIRST_TRIES.includes(value.firstTry as CheckpointRecord['firstTry'])) throw bad(`${where}.firstTry`, 'is not correct, wrong or shown');
  return {id: value.id, frame: count(value.frame, `${where}.frame`), firstTry: value.firstTry as CheckpointRecord['firstTry'], attempts: count(value.attempts, `${where}.attempts`)};
}

function historyEntry(value: unknown, where: string): QuizHistoryEntry {
  if (!isObject(value)) throw bad(where, 'is not an object');
  if (!QUIZ_MODES.includes(value.mode as QuizMode)) throw bad(`${where}.mode`, 'is not quiz, interview or review');
  const topics = record(value.topics ?? {}, `${where}.topics`, (pair, w): [number, number] => {
    if (!Array.isArray(pair) || pair.length !== 2) throw bad(w, 'is not a [correct, asked] pair');
    return [count(pair[0], w), count(pair[1], w)];
  });
  const asked = count(value.asked, `${where}.asked`);
  const correct = count(value.correct, `${where}.correct`);
  if (correct > asked) throw bad(`${where}.correct`, 'is more than were asked');
  return {at: time(value.at, `${where}.at`), mode: value.mode as QuizMode, asked, correct, topics};
}

function reviewEntry(value: unknown, where: string): ReviewEntry {
  if (!isObject(value)) throw bad(where, 'is not an object');
  const box = count(value.box, `${where}.box`);
  if (box < 1) throw bad(`${where}.box`, 'is not a box number');
  const entry: ReviewEntry = {box, due: time(value.due, `${where}.due`)};
  if (value.at !== undefined) entry.at = time(value.at, `${where}.at`);
  return entry;
}

/** The settings object, each value checked; anything else is refused by name. */
function settingsOf(raw: unknown): Settings {
  if (!isObject(raw)) throw new ProgressFormatError('its "settings" is not an object');
  const counting = raw.counting ?? DEFAULT_SETTINGS.counting;
  if (counting !== 'client' && counting !== 'server') throw new ProgressFormatError('its "settings.counting" is neither "client" nor "server"');
  return {counting};
}
