// What the instructor can push: questions the quiz generator asks about the class's current
// knobs (those about the frame on screen first), and the lesson's own checkpoints, which the CLI
// finds through the curriculum. Both become HostQuestions that fit the protocol's limits.
import {findTopic, questionsForKnobs, type Question} from '../quiz/index.js';
import {checkpointMisconception} from '../quiz/misconceptions.js';
import type {Knobs} from '../engine/types.js';
import type {HostQuestion} from './host-state.js';
import {MAX_CHOICES} from './protocol.js';
import {cleanLine} from './sanitize.js';

/** A checkpoint as the curriculum gives it, and where in the part it is asked. */
export interface CheckpointLike {
  ask: string;
  choices: string[];
  answer: number;
  explain: string;
  /** 'start', 'end', or the frame id. */
  where: string;
  /** Its review key (quiz/keys.ts lessonQuestionKey), when it has one. */
  key?: string;
  /** What the checkpoint checks against the trace (curriculum), to tag its wrong choices with misconceptions. */
  expect?: string | null;
}

/** The tags, only when at least one choice has one. */
function tags(list: (string | null | undefined)[]): {misconceptions?: (string | null)[]} {
  const clean = list.map((t) => t ?? null);
  return clean.some((t) => t !== null) ? {misconceptions: clean} : {};
}

function fits(q: {choices: string[]; answer: number}): boolean {
  return q.choices.length >= 2 && q.choices.length <= MAX_CHOICES && q.answer >= 0 && q.answer < q.choices.length;
}

function hostQuestion(q: Omit<HostQuestion, 'prompt' | 'choices' | 'explanation'> & {prompt: string; choices: string[]; explanation: string}): HostQuestion {
  return {...q, prompt: cleanLine(q.prompt, 2000), choices: q.choices.map((c) => cleanLine(c, 300)), explanation: cleanLine(q.explanation, 4000)};
}

export function fromCheckpoints(checkpoints: readonly CheckpointLike[]): HostQuestion[] {
  return checkpoints.filter(fits).map((c) =>
    hostQuestion({
      prompt: c.ask,
      choices: c.choices,
      answer: c.answer,
      explanation: c.explain,
      source: 'checkpoint',
      label: c.where === 'start' ? 'checkpoint at the start' : c.where === 'end' ? 'checkpoint at the end' : `checkpoint at ${c.where}`,
      ...(c.key === undefined ? {} : {key: c.key}),
      ...tags(c.choices.map((choice, i) => (i === c.answer ? null : checkpointMisconception(c.expect ?? null, c.choices[c.answer] ?? '', choice)))),
    }),
  );
}

/** Up to `limit` generated questions about these knobs, those about `frameId` first. */
export function quizQuestions(knobs: Knobs, rttMs: number, frameId: string | null, limit = 12): HostQuestion[] {
  let questions: Question[];
  try {
    questions = questionsForKnobs(knobs, {rttMs});
  } catch {
    return [];
  }
  const here = (q: Question) => q.source.kind === 'engine' && q.source.frameId === frameId;
  const ordered = [...questions.filter(here), ...questions.filter((q) => !here(q))];
  return ordered
    .filter(fits)
    .slice(0, limit)
    .map((q) =>
      hostQuestion({
        prompt: q.prompt,
        choices: q.choices,
        answer: q.answer,
        explanation: q.explanation,
        source: 'quiz',
        label: `quiz · ${findTopic(q.topic)?.id ?? q.topic}${here(q) ? ' · this frame' : ''}`,
        key: q.id,
        ...tags(q.choices.map((_, i) => (i === q.answer ? null : q.misconceptions[i]))),
      }),
    );
}
