// `hs-tutor quiz`: with --json, the worksheet of CLI.md (questions with their answers), printed
// here without Ink. Without --json the quiz runs in the TUI; interactiveQuiz is where it starts.
import {tell} from './tell.js';
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import {checkpointQuestions, DEFAULT_COUNT, generateQuiz, MISCONCEPTIONS, practiceQuiz, TOPIC_IDS, worksheet} from '../quiz/index.js';
import {PRACTICE_COUNT} from '../quiz/defaults.js';
import {parseCommandArgs} from './args.js';
import {cliClock} from './clock.js';
import type {Terminal} from './terminal.js';
import {plainCurriculum} from './lessons.js';
import {defaultSources, launch, wantsScreenReader} from './tutor.js';
import {countingOf} from './progress.js';
import type {Counting} from '../quiz/keys.js';

export const QUIZ_OPTIONS = {
  topic: {type: 'string'},
  count: {type: 'string'},
  seed: {type: 'string'},
  interview: {type: 'boolean'},
  practise: {type: 'string'},
  json: {type: 'boolean'},
  counting: {type: 'string'},
} as const;

export const MAX_COUNT = 100;

export interface QuizArgs {
  topic: string | undefined;
  /** Folders given with --lessons: their lessons' checkpoints join the worksheet, their lessons the tutor. */
  lessonDirs: string[];
  count: number;
  /** Given with --seed, else drawn from the clock (and printed in the worksheet, to repeat it). */
  seed: number;
  interview: boolean;
  /** --practise <misconception-id>: a short quiz on one of the misconceptions `progress` names. */
  practise: string | undefined;
  json: boolean;
  /** --screen-reader (or INK_SCREEN_READER=true): plain sentences instead of the drawn tutor. */
  screenReader: boolean;
  /** --counting: how "the handshake takes" questions count (else the learner's setting; a worksheet's default is the client's). */
  counting: Counting | undefined;
}

/** The quiz command line, checked: an unknown topic or a bad number is a usage error. */
export function parseQuizArgs(argv: string[], now: () => Date = cliClock()): QuizArgs {
  const {values, positionals} = parseCommandArgs('quiz', argv, QUIZ_OPTIONS);
  if (positionals.length > 1) {
    throw new UsageError(`quiz takes no arguments, but got '${positionals.slice(1).join(' ')}'; choose a topic with --topic <t>.`);
  }
  const topic = values.topic;
  if (topic !== undefined && !TOPIC_IDS.includes(topic)) {
    throw new UsageError(`Unknown quiz topic '${topic}'; ${didYouMean(topic, TOPIC_IDS, `the topics are ${TOPIC_IDS.join(', ')}.`)}`);
  }
  const practise = values.practise;
  if (practise !== undefined) {
    const ids = MISCONCEPTIONS.map((m) => m.id);
    if (!ids.includes(practise)) throw new UsageError(`Unknown misconception '${practise}'; ${didYouMean(practise, ids, `they are ${ids.join(', ')}.`)}`);
    if (topic !== undefined || values.interview) throw new UsageError(`--practise picks its own questions; leave out ${topic !== undefined ? '--topic' : '--interview'}.`);
  }
  return {
    topic,
    lessonDirs: values.lessons ?? [],
    count: values.count === undefined ? (practise === undefined ? DEFAULT_COUNT : PRACTICE_COUNT) : wholeNumber('--count', values.count, 1, MAX_COUNT),
    seed: values.seed === undefined ? now().getTime() % 1_000_000 : wholeNumber('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER),
    interview: values.interview === true,
    practise,
    json: values.json === true,
    screenReader: wantsScreenReader(values['screen-reader']),
    counting: values.counting === undefined ? undefined : countingOf(values.counting),
  };
}

function wholeNumber(option: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not '${raw}'.`);
  return value;
}

export function quiz(argv: string[], out: Terminal): number | Promise<number> {
  const args = parseQuizArgs(argv);
  if (!args.json) return interactiveQuiz(args);
  if (args.interview) {
    throw new UsageError('--interview is the timed drill in the tutor and --json prints a worksheet; use one or the other.');
  }
  // An instructor's pack asks its own checkpoints first (those of the topic asked for), then the
  // generated questions fill the count.
  const warn = tell;
  if (args.practise !== undefined) {
    const lessonQuestions = plainCurriculum(args.lessonDirs, warn).lessons.flatMap(checkpointQuestions);
    out.write(`${JSON.stringify(worksheet(practiceQuiz({misconception: args.practise, count: args.count, seed: args.seed, lessonQuestions}), args.seed), null, 2)}\n`);
    return 0;
  }
  const own = args.lessonDirs.length === 0 ? [] : plainCurriculum(args.lessonDirs, warn).lessons.filter((l) => l.source !== 'built-in').flatMap(checkpointQuestions);
  const mine = own.filter((q) => args.topic === undefined || q.topic === args.topic).slice(0, args.count);
  const generated =
    mine.length < args.count
      ? generateQuiz({seed: args.seed, count: args.count - mine.length, ...(args.topic === undefined ? {} : {topic: args.topic}), ...(args.counting === undefined ? {} : {counting: args.counting})})
      : [];
  out.write(`${JSON.stringify(worksheet([...mine, ...generated], args.seed), null, 2)}\n`);
  return 0;
}

/** The interactive quiz or interview drill (args.interview), in the tutor. */
export function interactiveQuiz(args: QuizArgs): Promise<number> {
  const quiz = {
    kind: args.interview ? ('interview' as const) : ('quiz' as const),
    count: args.count,
    seed: args.seed,
    ...(args.topic === undefined ? {} : {topic: args.topic}),
    ...(args.practise === undefined ? {} : {misconception: args.practise}),
    ...(args.counting === undefined ? {} : {counting: args.counting}),
  };
  return launch({quiz, lessonDirs: args.lessonDirs, screenReader: args.screenReader}, defaultSources, args.interview ? 'hs-tutor quiz --interview' : 'hs-tutor quiz');
}
