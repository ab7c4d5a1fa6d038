// `hs-tutor progress`: what the learner has done, where it is kept, and forgetting, exporting or
// importing it (CLI.md). Also the progress the TUI uses (tutorProgress), on the same store.
import {oneLine, tell} from './tell.js';
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import {type LessonProgress, openProgress, type ProgressDoc, ProgressError, progressPath, type ProgressStore} from '../progress/index.js';
import {loadCurriculum, type Curriculum} from '../curriculum/index.js';
import {dueQuestions, misconceptionProfile, nextDue} from '../quiz/index.js';
import {PRACTICE_OFFERED} from '../ui/home/model.js';
import {COUNTINGS, lessonQuestionKey, type Counting} from '../quiz/keys.js';
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
  force: {type: 'boolean'},
  yes: {type: 'boolean'},
  counting: {type: 'string'},
} as const;

const ACTIONS = ['json', 'path', 'reset', 'export', 'import', 'counting'] as const;


export async function progress(argv: string[], out: Terminal, confirm: (question: string) => Promise<boolean> = askInTerminal): Promise<number> {
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
  if (values.force && values.export === undefined) throw new UsageError('--force replaces the file --export would write; it goes with --export.');
  if (values.yes && !values.reset) throw new UsageError('--yes answers the question --reset asks; it goes with --reset.');
  const now = cliClock();
  if (values.path) {
    out.write(`${progressPath()}\n`);
    return 0;
  }
  try {
    const store = openProgress({now, onNotice: tell});
    if (values.json) out.write(`${JSON.stringify(progressView(store.read()), null, 2)}\n`);
    else if (values.counting !== undefined) {
      const counting = countingOf(values.counting);
      store.setCounting(counting);
      out.write(`Quizzes now count "the handshake takes" ${COUNTING_WORDS[counting]}; every explanation still gives both readings.\n`);
    } else if (values.reset) {
      const lesson = extra[0];
      if (lesson !== undefined && store.lesson(lesson) === undefined) {
        const hint = didYouMean(lesson, Object.keys(store.read().lessons), 'nothing was changed.');
        throw new UsageError(`No progress is kept for a lesson '${lesson}'; ${hint}`);
      }
      // In a terminal a person typed it: forgetting cannot be undone, so ask (--yes does not).
      const what = lesson === undefined ? `all progress (lessons, quiz history and review) in ${store.path}` : `your progress in lesson '${lesson}'`;
      if (!values.yes && process.stdin.isTTY === true && !(await confirm(`Forget ${what}? [y/N] `))) {
        out.write('Nothing was forgotten.\n');
        return 0;
      }
      out.write(`${reset(store, lesson)}\n`);
    } else if (values.export !== undefined) {
      store.exportTo(values.export, (doc) => progressView(doc), values.force === true);
      out.write(`Wrote your progress to ${oneLine(values.export)}; 'hs-tutor progress --import ${oneLine(values.export)}' merges it into another machine's.\n`);
    } else if (values.import !== undefined) {
      const {lessons, sessions, reviews} = store.importFrom(values.import);
      out.write(`Merged ${oneLine(values.import)} into ${oneLine(store.path)}: ${count(lessons, 'lesson')}, ${count(sessions, 'quiz session')} and ${count(reviews, 'review question')} added or updated.\n`);
    } else out.write(summary(store.path, store.read(), now()));
    return 0;
  } catch (error) {
    if (!(error instanceof ProgressError)) throw error;
    tell(error.message);
    return 1;
  }
}

/** Reads one answer from the terminal: yes only for y or yes. */
async function askInTerminal(question: string): Promise<boolean> {
  const {createInterface} = await import('node:readline/promises');
  const rl = createInterface({input: process.stdin, output: process.stderr});
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } catch {
    return false; // ctrl+d, or the terminal went away: nothing is forgotten
  } finally {
    rl.close();
  }
}

function reset(store: ProgressStore, lesson: string | undefined): string {
  if (lesson === undefined) {
    store.resetAll();
    return `Forgot all progress (lessons, quiz history and review) in ${oneLine(store.path)}.`;
  }
  store.resetLesson(lesson);
  return `Forgot your progress in lesson '${lesson}'.`;
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
export function progressView(doc: ProgressDoc): Omit<ProgressDoc, 'misconceptions'> & {misconceptions: (MisconceptionView | {id: string; count: number})[]} {
  const known = misconceptionProfile(doc.misconceptions).map((m) => ({id: m.id, text: m.text, count: m.count, lesson: m.lesson, frame: correctingFrame(m.lesson, m.frameId), frameId: m.frameId}));
  // Ids this version does not know (a newer one wrote them) are kept as they are, so an export
  // loses nothing; they come after the known ones.
  const listed = new Set(known.map((m) => m.id));
  const others = Object.entries(doc.misconceptions)
    .filter(([id]) => !listed.has(id))
    .map(([id, count]) => ({id, count}))
    .sort((a, b) => b.count - a.count);
  return {...doc, misconceptions: [...known, ...others]};
}

/** The readable form of `hs-tutor progress`. */
export function summary(path: string, doc: ProgressDoc, now: Date): string {
  const lines = [`Progress kept in ${oneLine(path)}`, '', 'Lessons'];
  const lessons = Object.entries(doc.lessons).sort(([, a], [, b]) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  if (lessons.length === 0) lines.push("  none yet: 'hs-tutor lesson <lesson-id>' starts one.");
  const width = Math.max(0, ...lessons.map(([id]) => id.length)) + 2;
  for (const [id, lesson] of lessons) {
    const where = lesson.status === 'completed' ? '' : `part ${lesson.part + 1}, frame ${lesson.frame + 1}${lesson.frameId ? ` (${oneLine(lesson.frameId)})` : ''}`;
    // Ids came from a file, maybe an imported one: only display-safe text reaches the terminal.
    lines.push(`  ${oneLine(id).padEnd(width)}${STATUS_WORDS[lesson.status].padEnd(13)}${where.padEnd(34)}${when(lesson.updatedAt)}`);
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
    counting: () => guard(() => store.read().settings.counting, 'client'),
    setCounting: (counting) => guard(() => void store.setCounting(counting), undefined),
  };
}

const COUNTING_WORDS: Record<Counting, string> = {client: 'until the client may send its request', server: "until the server's side is done too"};

/** --counting's value, checked: the convention a course uses for "the handshake takes N RTT". */
export function countingOf(raw: string): Counting {
  if (!(COUNTINGS as readonly string[]).includes(raw)) {
    throw new UsageError(`--counting is 'client' (the handshake is over when the client may send) or 'server' (when the server's side is done too), not '${raw}'.`);
  }
  return raw as Counting;
}
