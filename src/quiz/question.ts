// From a spec (or its key) to a finished Question: pick three wrong answers distinct in meaning,
// shuffle the choices in an order fixed by the key, and attach the source, topic and link.
import {UsageError} from '../engine/errors.js';
import {resolveKnobs} from '../engine/knobs.js';
import {PRESETS} from '../engine/presets.js';
import {createRng} from '../engine/rng.js';
import type {Knobs} from '../engine/types.js';
import {meaningOf} from './grade.js';
import {BASE_RTT_MS, hashKey, lessonQuestionKey, MEASURES, parseLessonKey, parseSpecKey, type QuestionSpec, specKey} from './keys.js';
import {type Candidate, MEASURE_DEFS, type Phase, runOf, withRuns} from './measures.js';
import {findTopic, topicFor} from './topics.js';
import type {Measure, Question, QuestionLink} from './types.js';

const CHOICES = 4;

/** The question a spec asks, or undefined when the run has nothing to ask there (or too few distinct choices). */
export function buildQuestion(spec: QuestionSpec): Question | undefined {
  const run = runOf(spec.knobs, spec.rttMs);
  const built = MEASURE_DEFS[spec.measure].build(run, spec);
  if (built === undefined) return undefined;
  const id = specKey(spec);
  const seen = new Set([meaningOf(built.answer.value)]);
  const wrong: Candidate[] = [];
  for (const candidate of built.wrong) {
    const meaning = meaningOf(candidate.value);
    if (seen.has(meaning) || seen.has(`text:${candidate.text}`)) continue;
    seen.add(meaning).add(`text:${candidate.text}`);
    wrong.push(candidate);
    if (wrong.length === CHOICES - 1) break;
  }
  if (wrong.length < 2) return undefined;
  const order = shuffle([built.answer, ...wrong], hashKey(id));
  const topic = topicFor(spec, run);
  const frame = built.frameId === null ? undefined : run.trace.frames.find((f) => f.id === built.frameId);
  return {
    id,
    topic,
    prompt: built.prompt,
    choices: order.map((c) => c.text),
    answer: order.indexOf(built.answer),
    explanation: built.explanation,
    source: {
      kind: 'engine',
      knobs: {...spec.knobs},
      rttMs: spec.rttMs,
      measure: spec.measure,
      value: built.answer.value,
      ...(spec.side === undefined ? {} : {side: spec.side}),
      ...(spec.frameId === undefined ? {} : {frameId: spec.frameId}),
    },
    values: order.map((c) => c.value),
    mistakes: order.map((c) => (c === built.answer ? null : c.mistake)),
    misconceptions: order.map((c) => (c === built.answer ? null : (c.misconception ?? null))),
    link: {...linkFor(spec.knobs, spec.rttMs, frame?.id ?? null, frame?.index ?? null), ...lessonOf(topic)},
  };
}

function lessonOf(topic: string): {lesson?: string} {
  const lesson = findTopic(topic)?.lesson;
  return lesson === undefined ? {} : {lesson};
}

/**
 * The question with its choices in another order (and everything indexed by choice with them):
 * a session shuffles each question with its own seed, so where the answer stands cannot be
 * learned, while the same seed always gives the same order (`quiz --json --seed`).
 */
export function shuffleChoices(question: Question, seed: number): Question {
  const order = shuffle(question.choices.map((_, i) => i), (seed ^ hashKey(question.id)) >>> 0);
  return {
    ...question,
    choices: order.map((i) => question.choices[i]!),
    answer: order.indexOf(question.answer),
    values: order.map((i) => question.values[i]!),
    mistakes: order.map((i) => question.mistakes[i] ?? null),
    misconceptions: order.map((i) => question.misconceptions[i] ?? null),
  };
}

function shuffle<T>(items: T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Where to see a run: the preset needing the fewest `--set` overrides (the first such, in CLI.md order). */
export function linkFor(knobs: Knobs, rttMs: number, frameId: string | null, frame: number | null): QuestionLink {
  let best: {scenario: string; set: Record<string, string>} | undefined;
  for (const preset of PRESETS) {
    const base = resolveKnobs(preset.knobs, {});
    const set: Record<string, string> = {};
    for (const name of Object.keys(knobs) as (keyof Knobs)[]) if (knobs[name] !== base[name]) set[name] = String(knobs[name]);
    if (best === undefined || Object.keys(set).length < Object.keys(best.set).length) best = {scenario: preset.id, set};
  }
  return {scenario: best!.scenario, set: best!.set, rttMs, frameId, frame};
}

/** A question a lesson wrote (the curriculum calls this; its answers are compared as text). */
export type LessonQuestionInput = Pick<Question, 'topic' | 'prompt' | 'choices' | 'answer' | 'explanation'> & {
  lesson: string;
  /** Unique within the lesson; the review key is `lesson:<lesson>:<id>`. */
  id: string;
  /** Where it is shown, when the lesson says. */
  link?: QuestionLink;
  /** The misconception each choice shows (null for none), when known. */
  misconceptions?: (string | null)[];
};

export function lessonQuestion(input: LessonQuestionInput): Question {
  return {
    id: lessonQuestionKey(input.lesson, input.id),
    topic: input.topic,
    prompt: input.prompt,
    choices: [...input.choices],
    answer: input.answer,
    explanation: input.explanation,
    source: {kind: 'lesson', lesson: input.lesson},
    values: [...input.choices],
    mistakes: input.choices.map(() => null),
    misconceptions: input.misconceptions ?? input.choices.map(() => null),
    link: input.link ?? null,
  };
}

export interface FromKeyOptions {
  /** Finds a lesson's question by lesson and id (the curriculum provides it); without it, lesson keys give undefined. */
  lessonQuestion?: (lesson: string, id: string) => Question | undefined;
}

/**
 * The question a key (a question id, a review-deck key) names, generated again; undefined when
 * this version cannot ask it any more (a frame that no longer exists, an unknown lesson).
 */
export function questionFromKey(key: string, options: FromKeyOptions = {}): Question | undefined {
  const lesson = parseLessonKey(key);
  if (lesson !== undefined) return options.lessonQuestion?.(lesson.lesson, lesson.id);
  try {
    const question = buildQuestion(parseSpecKey(key));
    return question?.id === key ? question : undefined;
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

export interface ForKnobsOptions {
  rttMs?: number;
  measures?: readonly Measure[];
  phase?: Phase;
}

/** Every question the engine can ask about one knob combination (any valid one). */
export function questionsForKnobs(knobs: Knobs, options: ForKnobsOptions = {}): Question[] {
  return withRuns(() => allQuestions(knobs, options));
}

function allQuestions(knobs: Knobs, options: ForKnobsOptions): Question[] {
  const rttMs = options.rttMs ?? BASE_RTT_MS;
  const run = runOf(knobs, rttMs);
  const questions: Question[] = [];
  for (const measure of options.measures ?? MEASURES) {
    const measureRtt = measure === 'requestSentMs' || measure === 'responseReceivedMs' ? rttMs : BASE_RTT_MS;
    const measureRun = measureRtt === rttMs ? run : runOf(knobs, measureRtt);
    for (const params of MEASURE_DEFS[measure].enumerate(measureRun, options.phase ?? 'all')) {
      const question = buildQuestion({measure, knobs, rttMs: measureRtt, ...params});
      if (question !== undefined) questions.push(question);
    }
  }
  return questions;
}
