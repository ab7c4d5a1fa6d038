// `hs-tutor progress`: what the learner has done, where it is kept, and forgetting, exporting or
// importing it (CLI.md). Also the progress the TUI uses (tutorProgress), on the same store.
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import {type LessonProgress, openProgress, type ProgressDoc, ProgressError, progressPath, type ProgressStore} from '../progress/index.js';
import {loadCurriculum, type Curriculum} from '../curriculum/index.js';
import {dueQuestions, misconceptionProfile, nextDue} from '../quiz/index.js';
import {PRACTICE_OFFERED} from '../ui/home/model.js';
import {lessonQuestionKey} from '../quiz/keys.js';
import type {Position, ProgressPort} from '../ui/app/ports.js';
import {memoryProgress} from '../ui/app/ports.js';
import {parseCommandArgs} from './args.js';
import {wrap} from '../render/text.js';
import {cliClock} from './clock.js';
import type {Terminal} from './terminal.js';

export const PROGRESS_OPTIONS = {
  json: {type: 'boolean'},
  path: {type: 'boolean'},
  reset: {type: 'boolean'},
  export: {type: 'string'},
  import: {type: 'string'},
} as const;

const ACTIONS = ['json', 'path', 'reset', 'export', 'import'] as const;

/** The learner is told on stderr (a corrupt file moved aside, …); the command goes on. */
function tell(sentence: string): void {
  process.stderr.write(`hs-tutor: ${sentence}\n`);
}

export function progress(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('progress', argv, PROGRESS_OPTIONS);
  const chosen = ACTIONS.filter((action) => values[action] !== undefined && values[action] !== false);
  if (chosen.length > 1) {
    throw new UsageError(`progress does one thing at a time, but got ${chosen.map((a) => `--${a}`).join(' and ')}; run it once for each.`);
  }
  const extra = positionals.slice(1);
  if (extra.length > (values.reset ? 1 : 0)) {
    throw new UsageError(
      values.reset
        ? `--reset forgets one lesson or everything, but got '${extra.join(' ')}'; give one lesson id or none.`
        : `progress takes no arguments, but got '${extra.join(' ')}'; to forget a lesson use --reset <lesson-id>.`,
    );
  }
  const now = cliClock();
  if (values.path) {
    out.write(`${progressPath()}\n`);
    return 0;
  }
  try {
    const store = openProgress({now, onNotice: tell});
    if (values.json) out.write(`${JSON.stringify(progressView(store.read()), null, 2)}\n`);
    else if (values.reset) out.write(`${reset(store, extra[0])}\n`);
    else if (values.export !== undefined) {
      store.exportTo(values.export, (doc) => progressView(doc));
      out.write(`Wrote your progress to ${values.export}; 'hs-tutor progress --import ${values.export}' merges it into another machine's.\n`);
    } else if (values.import !== undefined) {
      const {lessons, sessions, reviews} = store.importFrom(values.import);
      out.write(`Merged ${values.import} into ${store.path}: ${count(lessons, 'lesson')}, ${count(sessions, 'quiz session')} and ${count(reviews, 'review question')} added or updated.\n`);
    } else out.write(summary(store.path, store.read(), now()));
    return 0;
  } catch (error) {
    if (!(error instanceof ProgressError)) throw error;
    tell(error.message);
    return 1;
  }
}

function reset(store: ProgressStore, lesson: string | undefined): string {
  if (lesson === undefined) {
    store.resetAll();
    return `Forgot all progress (lessons, quiz history and review) in ${store.path}.`;
  }
  const kept = Object.keys(store.read().lessons);
  if (store.resetLesson(lesson)) return `Forgot your progress in lesson '${lesson}'.`;
  const hint = didYouMean(lesson, kept, '');
  return `No progress was kept for lesson '${lesson}', so nothing changed${hint === '' ? '.' : `; ${hint}`}`;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "2026-11-27 10:00 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const STATUS_WORDS: Record<LessonProgress['status'], string> = {'not-started': 'not started', 'in-progress': 'in progress', skimmed: 'skimmed', completed: 'completed'};

/** A misconception as `progress --json` lists it (CLI.md). */
export interface MisconceptionView {
  id: string;
  text: string;
  count: number;
  lesson: string;
  /** Index of the frame that corrects it in the first part of `lesson`, as lesson positions count. */
  frame: number;
  frameId: string;
}

// Frame indexes of the correcting frames: a lesson is played once to find them.
function correctingFrame(lessonId: string, frameId: string): number {
  const lesson = builtInCurriculum().find(lessonId);
  const frames = lesson?.play().parts[0]?.trace.frames ?? [];
  return Math.max(0, frames.findIndex((f) => f.id === frameId));
}

let curriculum: Curriculum | undefined;
function builtInCurriculum(): Curriculum {
  return (curriculum ??= loadCurriculum({extraDirs: [], env: {}}));
}

/** The progress document as `progress --json` and `--export` give it: misconceptions listed, most frequent first. */
export function progressView(doc: ProgressDoc): Omit<ProgressDoc, 'misconceptions'> & {misconceptions: MisconceptionView[]} {
  const misconceptions = misconceptionProfile(doc.misconceptions).map((m) => ({id: m.id, text: m.text, count: m.count, lesson: m.lesson, frame: correctingFrame(m.lesson, m.frameId), frameId: m.frameId}));
  return {...doc, misconceptions};
}

/** The readable form of `hs-tutor progress`. */
export function summary(path: string, doc: ProgressDoc, now: Date): string {
  const lines = [`Progress kept in ${path}`, '', 'Lessons'];
  const lessons = Object.entries(doc.lessons).sort(([, a], [, b]) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  if (lessons.length === 0) lines.push("  none yet: 'hs-tutor lesson <lesson-id>' starts one.");
  const width = Math.max(0, ...lessons.map(([id]) => id.length)) + 2;
  for (const [id, lesson] of lessons) {
    const where = lesson.status === 'completed' ? '' : `part ${lesson.part + 1}, frame ${lesson.frame + 1}${lesson.frameId ? ` (${lesson.frameId})` : ''}`;
    lines.push(`  ${id.padEnd(width)}${STATUS_WORDS[lesson.status].padEnd(13)}${where.padEnd(34)}${when(lesson.updatedAt)}`);
  }
  lines.push('', 'Quiz');
  const history = doc.quiz.history;
  if (history.length === 0) lines.push("  no sessions yet: try 'hs-tutor quiz' or 'hs-tutor quiz --interview'.");
  else {
    const asked = history.reduce((n, e) => n + e.asked, 0);
    const right = history.reduce((n, e) => n + e.correct, 0);
    const last = history[history.length - 1]!;
    lines.push(
      `  ${count(history.length, 'session')}, ${right} of ${asked} answers right (${percent(right, asked)}); ` +
        `the last: ${last.mode}, ${last.correct} of ${last.asked}, ${when(last.at)}.`,
    );
    const topics: Record<string, [number, number]> = {};
    for (const entry of history) {
      for (const [topic, [c, a]] of Object.entries(entry.topics)) {
        const pair = (topics[topic] ??= [0, 0]);
        pair[0] += c;
        pair[1] += a;
      }
    }
    const byTopic = Object.entries(topics).sort(([a], [b]) => (a < b ? -1 : 1));
    if (byTopic.length > 0) lines.push(`  By topic: ${byTopic.map(([t, [c, a]]) => `${t} ${c}/${a}`).join(', ')}.`);
  }
  const profile = misconceptionProfile(doc.misconceptions).slice(0, PRACTICE_OFFERED);
  if (profile.length > 0) {
    lines.push('', 'What your wrong answers show most');
    for (const m of profile) {
      lines.push(...wrap(`  ${m.count}× ${m.text}`, 80, 5));
      lines.push(`     practise this: 'hs-tutor quiz --practise ${m.id}'`, `     see it: 'hs-tutor lesson ${m.lesson}'`);
    }
  }
  lines.push('', 'Review');
  const due = dueQuestions(doc, now).length;
  const waiting = Object.keys(doc.review).length - due;
  const next = nextDue(doc, now);
  if (due + waiting === 0) lines.push('  nothing to review: questions you miss come back here.');
  else {
    lines.push(
      `  ${count(due, 'question')} due now${due > 0 ? " ('hs-tutor review')" : ''}; ${waiting} later` +
        `${next === null ? '' : `, the next on ${when(next.toISOString())}`}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

/**
 * The progress the TUI keeps lesson positions in (tutor.ts). Opening it tells the learner about
 * a moved-aside file on stderr before the UI starts; if the store cannot be used at all, the
 * positions are kept in memory and the reason is told. A save that fails while the UI runs is
 * told once, after it exits, so it does not disturb the screen.
 */
export function tutorProgress(): ProgressPort {
  let store: ProgressStore;
  try {
    store = openProgress({now: cliClock(), onNotice: tell});
  } catch (error) {
    if (!(error instanceof ProgressError)) throw error;
    tell(`${error.message} Your position will not be kept this time.`);
    return memoryProgress();
  }
  let failed: string | undefined;
  const toPosition = (lesson: LessonProgress): Position => ({part: lesson.part, frame: lesson.frame, frameId: lesson.frameId ?? '', status: lesson.status});
  const guard = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof ProgressError)) throw error;
      if (failed === undefined) process.once('exit', () => tell(failed!));
      failed = error.message;
      return fallback;
    }
  };
  return {
    position: (id) => guard(() => {
      const lesson = store.lesson(id);
      return lesson === undefined ? undefined : toPosition(lesson);
    }, undefined),
    latest: () => guard(() => {
      const latest = store.latestLesson();
      return latest === undefined ? undefined : {lessonId: latest.id, position: toPosition(latest.progress)};
    }, undefined),
    save: (id, position) => guard(() => void store.saveLessonPosition(id, {...position, frameId: position.frameId === '' ? null : position.frameId}), undefined),
    recordQuiz: (record) => guard(() => void store.recordQuizSession(record), undefined),
    recordCheckpoint: (lessonId, record, misconceptions) => guard(() => void store.recordCheckpoint(lessonId, record, lessonQuestionKey(lessonId, record.id), misconceptions), undefined),
    recordPredictions: (outcomes) => guard(() => void store.recordAnswers(outcomes), undefined),
    recordPredictionRun: (run) => guard(() => void store.recordPredictionRun(run), undefined),
    checkpoints: (lessonId) => guard(() => [...(store.lesson(lessonId)?.checkpoints ?? [])], []),
    misconceptions: () => guard(() => ({...store.read().misconceptions}), {}),
    reviewDeck: () => guard(() => ({review: store.read().review}), {review: {}}),
    notices: () => [...store.notices, ...(failed === undefined ? [] : [failed])],
  };
}
