// Choosing a quiz: from the curated runs, the questions of one topic (or all), mixed across topics
// and kinds of question, in an order fixed by the seed; and the `quiz --json` worksheet.
import {createRng, type Rng} from '../engine/rng.js';
import {DEFAULT_COUNT, PRACTICE_COUNT} from './defaults.js';
import {findMisconception} from './misconceptions.js';
import {BASE_RTT_MS, type Counting, type QuestionSpec} from './keys.js';
import {MEASURE_DEFS, runOf, withRuns} from './measures.js';
import {buildQuestion, shuffleChoices} from './question.js';
import {curatedRuns, QUIZ_RTTS_MS, TOPIC_IDS, topicFor} from './topics.js';
import type {Measure, Question} from './types.js';

export {DEFAULT_COUNT} from './defaults.js';

export interface QuizRequest {
  /** A topic id; all topics when absent. */
  topic?: string;
  count?: number;
  seed: number;
  /** The learner's counting convention: "the handshake takes" questions count to that side (default: the client's). */
  counting?: Counting;
}

/** How many of a topic's questions a practice quiz looks through for those that test its misconception. */
const PRACTICE_POOL = 30;

/**
 * A short quiz that practises one misconception (misconceptions.ts): the questions with a wrong
 * choice that stands for it first (a lesson's own checkpoints, given by the caller, then the
 * engine's of its topic), then others of its topic to make up `count`. Same seed, same quiz.
 */
export function practiceQuiz(request: {misconception: string; count?: number; seed: number; lessonQuestions?: readonly Question[]}): Question[] {
  const found = findMisconception(request.misconception);
  if (!found) return [];
  const count = request.count ?? PRACTICE_COUNT;
  const tests = (q: Question) => q.misconceptions.includes(found.id);
  const engine = generateQuiz({seed: request.seed, topic: found.topic, count: PRACTICE_POOL});
  const own = (request.lessonQuestions ?? []).filter(tests).map((q) => shuffleChoices(q, request.seed));
  return [...own, ...engine.filter(tests), ...engine.filter((q) => !tests(q))].slice(0, count);
}

/** Kinds of question, so a quiz mixes them instead of asking ten states in a row. */
const FAMILY: Record<Measure, string> = {
  requestSentRtt: 'time',
  responseReceivedRtt: 'time',
  requestSentMs: 'time-ms',
  responseReceivedMs: 'time-ms',
  tlsAddedRtt: 'time',
  tcpStateAfter: 'state',
  tlsStateAfter: 'state',
  quicStateAfter: 'state',
  nextFrame: 'next',
  messageOrder: 'order',
  closeOrder: 'order',
  encryptedMessage: 'encrypted',
  clearMessage: 'encrypted',
  closeSegments: 'segments',
  timeWaitSide: 'time-wait',
  timeWaitMs: 'time-wait',
  handshakeDoneRtt: 'time',
  pageLoadRtt: 'page',
  pageLoadMs: 'page',
};

/** Every question spec of the curated runs, by topic and then by kind; millisecond questions get an RTT from `rng`. */
function pool(rng: Rng, counting: Counting): Map<string, Map<string, QuestionSpec[]>> {
  const byTopic = new Map<string, Map<string, QuestionSpec[]>>();
  for (const curated of curatedRuns()) {
    for (const measure of curated.measures) {
      const ms = measure === 'requestSentMs' || measure === 'responseReceivedMs';
      const rttMs = ms ? QUIZ_RTTS_MS[rng.int(QUIZ_RTTS_MS.length)]! : BASE_RTT_MS;
      const run = runOf(curated.knobs, rttMs);
      for (const params of MEASURE_DEFS[measure].enumerate(run, curated.phase)) {
        // "How long does the handshake take" is asked the way the learner's course counts it.
        if (measure === 'handshakeDoneRtt' && params.side !== counting) continue;
        const spec: QuestionSpec = {measure, knobs: curated.knobs, rttMs, ...params};
        const topic = topicFor(spec, run);
        if (!byTopic.has(topic)) byTopic.set(topic, new Map());
        const families = byTopic.get(topic)!;
        const family = FAMILY[measure];
        if (!families.has(family)) families.set(family, []);
        families.get(family)!.push(spec);
      }
    }
  }
  return byTopic;
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * `count` questions (fewer if the topic has fewer), the same for the same request: topics take
 * turns, and within a topic the kinds of question take turns, each in an order drawn from the seed.
 * Throws nothing for an unknown topic: callers check it against TOPIC_IDS (the CLI says which exist).
 */
export function generateQuiz(request: QuizRequest): Question[] {
  return withRuns(() => makeQuiz(request));
}

function makeQuiz(request: QuizRequest): Question[] {
  const rng = createRng(request.seed);
  const count = request.count ?? DEFAULT_COUNT;
  const all = pool(rng, request.counting ?? 'client');
  const topics = request.topic === undefined ? shuffled(TOPIC_IDS, rng) : [request.topic];
  // One queue per topic: its kinds in a seeded order, taking turns, each kind's questions shuffled.
  const queues = topics.map((topic) => {
    const families = [...(all.get(topic) ?? new Map<string, QuestionSpec[]>()).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    const lanes = shuffled(families, rng).map(([, specs]) => shuffled(specs, rng));
    const queue: QuestionSpec[] = [];
    for (let round = 0; lanes.some((lane) => round < lane.length); round++) {
      for (const lane of lanes) if (round < lane.length) queue.push(lane[round]!);
    }
    return queue;
  });
  const questions: Question[] = [];
  const ids = new Set<string>();
  while (questions.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      while (queue.length > 0) {
        const question = buildQuestion(queue.shift()!);
        if (question === undefined || ids.has(question.id)) continue;
        ids.add(question.id);
        questions.push(shuffleChoices(question, request.seed));
        break;
      }
      if (questions.length === count) break;
    }
  }
  return questions;
}

/** The `quiz --json` document of CLI.md. */
export function worksheet(questions: readonly Question[], seed: number): {schemaVersion: 1; seed: number; questions: readonly Question[]} {
  return {schemaVersion: 1, seed, questions};
}
