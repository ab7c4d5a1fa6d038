// `hs-tutor` and `hs-tutor lesson <id>`: check the terminal, find the lesson, then load Ink
// (only here, never on the plain paths) and run the UI.
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import type {QuizStart} from '../ui/app/App.js';
import type {ProgressPort, TutorLesson} from '../ui/app/ports.js';
import {cliClock} from './clock.js';
import {handOver} from './first-paint.js';
import {tutorLesson} from './curriculum-lessons.js';
import {plainCurriculum} from './lessons.js';
import {parseCommandArgs} from './args.js';
import {tutorProgress} from './progress.js';
import {currentTerminal, needsTerminalSentence, prepareInk, whyNotInteractive} from './interactive.js';
import type {Terminal} from './terminal.js';

export interface TutorSources {
  /** The lessons, built-in and from instructors' folders; warnings about broken folders go to `warn`. */
  lessons(extraDirs: readonly string[] | undefined, warn: (sentence: string) => void): TutorLesson[];
  progress(): ProgressPort;
}

export const defaultSources: TutorSources = {
  lessons: (extraDirs, warn) => plainCurriculum(extraDirs, warn).lessons.map(tutorLesson),
  progress: tutorProgress,
};

export interface LaunchTarget {
  lessonId?: string;
  quiz?: QuizStart;
  /** Folders given with --lessons. */
  lessonDirs?: readonly string[];
  /** A lesson for a projector: no checkpoints, more room for the diagram (--presenter). */
  presenter?: boolean;
  /** Plain sentences for a screen reader instead of the drawn screens (--screen-reader). */
  screenReader?: boolean;
}

/** --screen-reader, or Ink's own switch for it. */
export function wantsScreenReader(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag === true || env.INK_SCREEN_READER === 'true';
}

export async function launch(target: LaunchTarget, sources: TutorSources, command: string): Promise<number> {
  const {lessonId} = target;
  const why = whyNotInteractive(currentTerminal());
  if (why) throw new UsageError(needsTerminalSentence(command, why));
  const notices: string[] = [];
  const lessons = sources.lessons(target.lessonDirs, (sentence) => notices.push(sentence.replace(/^warning: /, '')));
  if (lessonId !== undefined && !lessons.some((l) => l.id === lessonId)) {
    const ids = lessons.map((l) => l.id);
    throw new UsageError(`Unknown lesson '${lessonId}'; ${didYouMean(lessonId, ids, `the lessons are ${ids.join(', ')}.`)}`);
  }
  if (target.screenReader) {
    const {runReader} = await import('../ui/reader/run.js');
    return runReader({lessons, progress: sources.progress(), now: cliClock(), notices, ...(lessonId === undefined ? {} : {lessonId}), ...(target.quiz ? {quiz: target.quiz} : {})});
  }
  prepareInk(false);
  const {runTutor} = await withoutFetch(() => import('../ui/app/run.js'));
  // After the progress store has opened (it may have something to say on stderr), before Ink draws.
  const props = {
    lessons,
    progress: sources.progress(),
    now: cliClock(),
    notices,
    presenter: target.presenter === true,
    ...(lessonId === undefined ? {} : {lessonId}),
    ...(target.quiz ? {quiz: target.quiz} : {}),
  };
  return runTutor(props, handOver());
}

/**
 * Runs `load` with globalThis.fetch out of sight. Ink's layout engine, yoga, starts by loading its
 * WebAssembly from a data: URI, with fetch() when fetch exists, and Node's first fetch() loads
 * its whole HTTP client (undici: tens of milliseconds and megabytes, ink-notes §3.1); without
 * fetch yoga decodes the same bytes itself. Nothing here uses fetch, and it is put back at once.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!descriptor?.configurable) return load();
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}

export async function home(argv: string[], _out: Terminal): Promise<number> {
  const {values} = parseCommandArgs('hs-tutor', argv, {});
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({lessonDirs: values.lessons, screenReader: wantsScreenReader(values['screen-reader'])}, defaultSources, 'hs-tutor');
}

export const LESSON_OPTIONS = {presenter: {type: 'boolean'}} as const;

export async function lesson(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('lesson', argv, LESSON_OPTIONS);
  const id = positionals[1];
  if (id === undefined) throw new UsageError("'hs-tutor lesson' needs a lesson id; 'hs-tutor list' shows them.");
  if (positionals.length > 2) throw new UsageError(`'hs-tutor lesson' takes one lesson id, not ${positionals.length - 1}.`);
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({lessonId: id, lessonDirs: values.lessons, presenter: values.presenter === true, screenReader: wantsScreenReader(values['screen-reader'])}, defaultSources, `hs-tutor lesson ${id}`);
}

/** `hs-tutor review`: the questions that are due, in the tutor. */
export async function review(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('review', argv, {});
  if (positionals.length > 1) throw new UsageError(`'hs-tutor review' takes no arguments, not '${positionals.slice(1).join(' ')}'.`);
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({quiz: {kind: 'review'}, lessonDirs: values.lessons, screenReader: wantsScreenReader(values['screen-reader'])}, defaultSources, 'hs-tutor review');
}
