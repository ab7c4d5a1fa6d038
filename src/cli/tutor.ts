// `hs-tutor` and `hs-tutor lesson <id>`: check the terminal, find the lesson, then load Ink
// (only here, never on the plain paths) and run the UI.
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import type {QuizStart} from '../ui/app/App.js';
import type {ProgressPort, TutorLesson} from '../ui/app/ports.js';
import {cliClock} from './clock.js';
import {scenarioRun} from './scenario-args.js';
import type {Knobs} from '../engine/types.js';
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
  /** Predict mode from the first frame (`lesson --predict`, `predict`): the seed orders the choices. */
  predict?: {seed: number};
  /** A scenario to walk instead of a lesson (`hs-tutor predict <scenario>`): the only thing shown. */
  scenario?: {id: string; title: string; knobs: Knobs; rttMs: number};
  /** A real capture's connection as a lesson of its own (`hs-tutor open <file> --step`): the only thing shown. */
  capture?: TutorLesson;
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
  const scenario = target.scenario;
  const only = scenario ? scenarioLesson(scenario) : target.capture;
  const lessons = only ? [only] : sources.lessons(target.lessonDirs, (sentence) => notices.push(sentence.replace(/^warning: /, '')));
  const opened = only ? only.id : lessonId;
  if (lessonId !== undefined && !lessons.some((l) => l.id === lessonId)) {
    const ids = lessons.map((l) => l.id);
    throw new UsageError(`Unknown lesson '${lessonId}'; ${didYouMean(lessonId, ids, `the lessons are ${ids.join(', ')}.`)}`);
  }
  if (target.screenReader) {
    const {runReader} = await import('../ui/reader/run.js');
    return runReader({
      lessons,
      progress: sources.progress(),
      now: cliClock(),
      notices,
      ...(opened === undefined ? {} : {lessonId: opened}),
      ...(target.quiz ? {quiz: target.quiz} : {}),
      ...(target.predict ? {predict: target.predict.seed} : {}),
      ...(scenario ? {rttMs: scenario.rttMs} : {}),
    });
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
    ...(opened === undefined ? {} : {lessonId: opened}),
    ...(target.quiz ? {quiz: target.quiz} : {}),
    ...(target.predict ? {predict: target.predict.seed} : {}),
    ...(scenario ? {rttMs: scenario.rttMs} : {}),
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

/** A scenario as a one-part lesson of its own, kept out of progress (its predictions are kept). */
function scenarioLesson(scenario: NonNullable<LaunchTarget['scenario']>): TutorLesson {
  return {
    id: `predict:${scenario.id}`,
    title: `Predict: ${scenario.title}`,
    parts: [{title: scenario.title, scenario: scenario.id, knobs: scenario.knobs}],
    narration: () => undefined,
    transient: true,
  };
}

export const LESSON_OPTIONS = {presenter: {type: 'boolean'}, predict: {type: 'boolean'}, seed: {type: 'string'}} as const;

export async function lesson(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('lesson', argv, LESSON_OPTIONS);
  const id = positionals[1];
  if (id === undefined) throw new UsageError("'hs-tutor lesson' needs a lesson id; 'hs-tutor list' shows them.");
  if (positionals.length > 2) throw new UsageError(`'hs-tutor lesson' takes one lesson id, not ${positionals.length - 1}.`);
  if (values.predict && values.presenter) throw new UsageError('--predict asks the learner before each frame and --presenter asks nothing; use one or the other.');
  if (values.seed !== undefined && !values.predict) throw new UsageError("--seed orders a prediction's choices; it goes with --predict.");
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch(
    {
      lessonId: id,
      lessonDirs: values.lessons,
      presenter: values.presenter === true,
      screenReader: wantsScreenReader(values['screen-reader']),
      ...(values.predict ? {predict: {seed: choiceSeed(values.seed)}} : {}),
    },
    defaultSources,
    `hs-tutor lesson ${id}`,
  );
}

/** --seed for the order of choices, else one from the clock (a new order each time, as quiz does). */
export function choiceSeed(raw: string | undefined, now: () => Date = cliClock()): number {
  if (raw === undefined) return now().getTime() % 1_000_000;
  if (!/^\d{1,15}$/.test(raw)) throw new UsageError(`--seed must be a whole number from 0 up, not '${raw}'.`);
  return Number(raw);
}

export const PREDICT_OPTIONS = {set: {type: 'string', multiple: true}, rtt: {type: 'string'}, seed: {type: 'string'}, json: {type: 'boolean'}} as const;

/** `hs-tutor predict <scenario>`: walk a scenario predicting each next frame; --json prints the worksheet. */
export async function predictCommand(argv: string[], out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('predict', argv, PREDICT_OPTIONS);
  // The seed orders the choices here; the simulation keeps its own default.
  const run = scenarioRun('predict', positionals.slice(1), {...(values.rtt === undefined ? {} : {rtt: values.rtt}), ...(values.set === undefined ? {} : {set: values.set})});
  const seed = choiceSeed(values.seed);
  if (values.json) {
    const {predictWorksheet} = await import('../quiz/predict.js');
    out.write(`${JSON.stringify(predictWorksheet(run.preset.id, run.knobs, run.rttMs, seed), null, 2)}\n`);
    return 0;
  }
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch(
    {scenario: {id: run.preset.id, title: run.preset.title, knobs: run.knobs, rttMs: run.rttMs}, predict: {seed}, screenReader: wantsScreenReader(values['screen-reader'])},
    defaultSources,
    `hs-tutor predict ${run.preset.id}`,
  );
}

/** `hs-tutor review`: the questions that are due, in the tutor. */
export async function review(argv: string[], _out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('review', argv, {});
  if (positionals.length > 1) throw new UsageError(`'hs-tutor review' takes no arguments, not '${positionals.slice(1).join(' ')}'.`);
  if (values['no-color'] && !('FORCE_COLOR' in process.env)) process.env.FORCE_COLOR = '0';
  return launch({quiz: {kind: 'review'}, lessonDirs: values.lessons, screenReader: wantsScreenReader(values['screen-reader'])}, defaultSources, 'hs-tutor review');
}
