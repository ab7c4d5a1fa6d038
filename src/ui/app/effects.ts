// What the tutor does to progress, shared by the Ink root and the screen-reader mode: a new
// quiz, drill or review session; what the home screen shows from progress; saving the learner's
// place; recording a finished session once.
import {dueQuestions} from '../../quiz/index.js';
import type {Counting} from '../../quiz/keys.js';
import {sessionRecord, startInterview, startPractice, startQuiz, startReview, type Session} from '../../quiz/session.js';
import {checkpointMisconception} from '../../quiz/misconceptions.js';
import type {CheckpointResult} from '../player/checkpoints.js';
import {continueTarget, practiceOf, type ContinueTarget, type Practice} from '../home/model.js';
import {positionOf, type PlayerState} from '../player/model.js';
import {predictionSummary} from '../player/predictions.js';
import {KNOB_NAMES, resolveKnobs} from '../../engine/knobs.js';
import {findPreset} from '../../engine/presets.js';
import type {SessionKind} from './model.js';
import type {LessonStatus, Position, ProgressPort, TutorLesson} from './ports.js';

/** A session to start at once (`hs-tutor quiz`, `quiz --interview`, `review`). */
export interface QuizStart {
  kind: SessionKind;
  count?: number;
  topic?: string;
  seed?: number;
  /** A short quiz that practises this misconception ("practise this"). */
  misconception?: string;
  /** How "the handshake takes" is counted, for this session only (`quiz --counting`); else the learner's setting. */
  counting?: Counting;
}

/** A new quiz, drill or review; review asks the lessons' own checkpoints through `lessons`. */
export function newSession(kind: SessionKind, progress: ProgressPort, now: Date, options: Omit<QuizStart, 'kind'> = {}, lessons: readonly TutorLesson[] = []): Session {
  // A seed from the clock: a new quiz each time; --seed repeats one.
  const seed = options.seed ?? now.getTime() % 2_147_483_647;
  const pick = {...(options.count === undefined ? {} : {count: options.count}), ...(options.topic === undefined ? {} : {topic: options.topic}), counting: options.counting ?? progress.counting()};
  if (options.misconception !== undefined) {
    const lessonQuestions = lessons.flatMap((l) => l.questions?.() ?? []);
    return startPractice({misconception: options.misconception, seed, now, lessonQuestions, ...(options.count === undefined ? {} : {count: options.count})});
  }
  if (kind === 'interview') return startInterview({seed, now, ...pick});
  if (kind === 'review') return startReview(progress.reviewDeck(), now, {lessonQuestion: (lessonId, id) => lessons.find((l) => l.id === lessonId)?.question?.(id)});
  return startQuiz({seed, now, ...pick});
}

/** What the home screen shows from progress, read once each time it comes into view. */
export interface HomeSnapshot {
  positions: Map<string, Position>;
  /** Where Continue goes (home/model.ts continueTarget). */
  target: ContinueTarget | undefined;
  due: number;
  /** The learner's most frequent misconceptions, to practise. */
  practice: Practice[];
  notices: readonly string[];
}

export const NOTHING_READ: HomeSnapshot = {positions: new Map(), target: undefined, due: 0, practice: [], notices: []};


export function readHome(progress: ProgressPort, lessons: TutorLesson[], at: Date): HomeSnapshot {
  const positions = new Map<string, Position>();
  for (const lesson of lessons) {
    const position = progress.position(lesson.id);
    if (position) positions.set(lesson.id, position);
  }
  const due = dueQuestions(progress.reviewDeck(), at).length;
  const target = continueTarget(lessons, (id) => positions.get(id)?.status, progress.latest()?.lessonId, due);
  return {positions, target, due, practice: practiceOf(progress.misconceptions()), notices: progress.notices()};
}

/** Where Continue goes once `left` (the lesson being left) is saved, as readHome will then say. */
export function targetAfterLeaving(progress: ProgressPort, lessons: TutorLesson[], at: Date, left: PlayerState): ContinueTarget | undefined {
  const snapshot = readHome(progress, lessons, at);
  if (left.lesson.transient || left.fromQuiz) return snapshot.target;
  const status = keptStatus(snapshot.positions.get(left.lesson.id)?.status, positionOf(left).status);
  return continueTarget(lessons, (id) => (id === left.lesson.id ? status : snapshot.positions.get(id)?.status), left.lesson.id, snapshot.due);
}

const STATUS_RANK: Record<LessonStatus, number> = {'not-started': 0, 'in-progress': 1, skimmed: 2, completed: 3};

/**
 * Saves the learner's place. A status never goes down: a lesson done stays done when it is opened
 * again, a skimmed one stays skimmed until it is done. A frame opened from a review ("show me")
 * is a look, not a place.
 */
export function savePlace(progress: ProgressPort, player: PlayerState): void {
  if (player.lesson.transient || player.fromQuiz) return;
  const position = positionOf(player);
  progress.save(player.lesson.id, {...position, status: keptStatus(progress.position(player.lesson.id)?.status, position.status)});
}

function keptStatus(before: LessonStatus | undefined, now: LessonStatus): LessonStatus {
  return before !== undefined && STATUS_RANK[before] > STATUS_RANK[now] ? before : now;
}

/** A finished session goes to the progress store once: its history, and each answer for review. */
export function recordSession(progress: ProgressPort, session: Session): void {
  const record = sessionRecord(session);
  if (record.entry.asked > 0) progress.recordQuiz(record);
}

/**
 * The checkpoints attempted with the last key (those in `next` but not in `previous`) go to
 * progress: the lesson keeps how each went, review gets the misses, the misconception a wrong
 * choice shows is counted.
 */
export function recordAttempts(progress: ProgressPort, previous: PlayerState | null | undefined, next: PlayerState | null | undefined): void {
  // Opening a lesson brings its saved answers: only attempts made in it since count.
  if (!next || !previous || previous.lesson !== next.lesson || next.lesson.transient || next.answers === previous.answers) return;
  const before = previous.answers;
  for (const [key, result] of Object.entries(next.answers)) {
    if (before[key] !== undefined) continue;
    const [part, frameId, index] = splitKey(key);
    const here = next.lesson.section?.(part, frameId, {knobs: next.knobs, rttMs: next.rttMs})?.checkpoints[index];
    const frame = next.trace.frames.findIndex((f) => f.id === frameId);
    const shown =
      here && result.chosen !== null && result.firstTry === 'wrong'
        ? checkpointMisconception(here.expect ?? null, here.choices[here.answer] ?? '', here.choices[result.chosen] ?? '')
        : undefined;
    progress.recordCheckpoint(next.lesson.id, {id: key, frame: Math.max(0, frame), firstTry: result.firstTry, attempts: result.attempts}, shown ? [shown] : []);
  }
}

// Runs already kept: the completion screen can be opened again (← then →) without counting twice.
const keptRuns = new WeakSet<object>();

/**
 * Predictions made with the last key go to review; a run that reaches its end (the completion
 * screen) is kept with its accuracy, best streak and misses.
 */
export function recordPredictions(progress: ProgressPort, previous: PlayerState | null | undefined, next: PlayerState | null | undefined): void {
  const predict = next?.predict;
  if (!next || !predict || next.fromQuiz) return;
  const before = previous?.lesson === next.lesson ? (previous.predict?.results ?? {}) : {};
  const made = Object.entries(predict.results).filter(([key]) => before[key] === undefined);
  if (made.length > 0) progress.recordPredictions(made.map(([, r]) => ({key: r.key, correct: r.correct})));
  if (next.overlay !== 'complete' || previous?.overlay === 'complete' || keptRuns.has(predict)) return;
  const summary = predictionSummary(predict);
  if (summary.asked === 0) return;
  keptRuns.add(predict);
  const part = next.lesson.parts[next.part]!;
  // The overrides that turn the scenario's preset into the knobs of the run (`--set` form).
  const preset = resolveKnobs(findPreset(part.scenario)?.knobs ?? {}, {});
  const set = Object.fromEntries(KNOB_NAMES.filter((k) => next.knobs[k] !== preset[k]).map((k) => [k, String(next.knobs[k])]));
  progress.recordPredictionRun({
    lesson: next.lesson.transient ? null : next.lesson.id,
    scenario: part.scenario,
    set,
    rttMs: next.rttMs,
    asked: summary.asked,
    correct: summary.correct,
    bestStreak: summary.best,
    missed: summary.missed.map((m) => m.frameId),
  });
}

function splitKey(key: string): [number, string, number] {
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  return [Number(key.slice(0, first)), key.slice(first + 1, last), Number(key.slice(last + 1))];
}


/** How a lesson opens at start: at its saved place, or from its first frame to be predicted. */
export function openAt(progress: ProgressPort, lessonId: string, predict?: number, rttMs?: number) {
  return {
    lessonId,
    answers: savedAnswers(progress, lessonId),
    ...(predict === undefined ? {position: progress.position(lessonId)} : {predict}),
    ...(rttMs === undefined ? {} : {rttMs}),
  };
}

/** A lesson's attempted checkpoints from progress, as the player keeps them (not asked again). */
export function savedAnswers(progress: ProgressPort, lessonId: string): Record<string, CheckpointResult> {
  // Keys come from the progress file: a null-prototype map keeps any of them a plain key.
  const answers: Record<string, CheckpointResult> = Object.create(null);
  for (const c of progress.checkpoints(lessonId)) answers[c.id] = {chosen: null, firstTry: c.firstTry, attempts: c.attempts};
  return answers;
}
