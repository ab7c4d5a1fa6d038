// What every generated question promises, whatever generated it.
import {expect} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {simulate} from '../../src/engine/simulate.js';
import {checkAnswer, meaningOf, type Question, questionFromKey, TOPIC_IDS} from '../../src/quiz/index.js';

export function expectWellFormed(q: Question): void {
  expect(q.choices.length).toBeGreaterThanOrEqual(3);
  expect(q.choices.length).toBeLessThanOrEqual(4);
  expect(q.values).toHaveLength(q.choices.length);
  expect(q.mistakes).toHaveLength(q.choices.length);
  expect(q.answer).toBeGreaterThanOrEqual(0);
  expect(q.answer).toBeLessThan(q.choices.length);
  expect(new Set(q.values.map(meaningOf)).size).toBe(q.values.length); // distinct by meaning
  expect(new Set(q.choices).size).toBe(q.choices.length);
  expect(q.mistakes[q.answer]).toBeNull();
  expect(TOPIC_IDS).toContain(q.topic);
  expect(q.prompt.length).toBeGreaterThan(20);
  expect(q.explanation.length).toBeGreaterThan(20);
  if (q.source.kind !== 'engine') throw new Error('engine question expected');
  expect(meaningOf(q.source.value)).toBe(meaningOf(q.values[q.answer]!));
  expect(checkAnswer(q, q.source.value)).toBe(true);
  q.values.forEach((value, i) => expect(checkAnswer(q, value)).toBe(i === q.answer));
  q.choices.forEach((text, i) => expect(checkAnswer(q, text)).toBe(i === q.answer));
  // The link opens a preset with overrides that give exactly the question's knobs, at the frame.
  const link = q.link!;
  expect(resolveKnobs(findPreset(link.scenario)!.knobs, link.set)).toEqual(q.source.knobs);
  if (link.frameId !== null) {
    const trace = simulate(q.source.knobs, {rttMs: link.rttMs, seed: 1});
    expect(trace.frames[link.frame!]?.id).toBe(link.frameId);
  }
  expect(q.misconceptions).toHaveLength(q.choices.length);
  expect(q.misconceptions[q.answer]).toBeNull();
  // The id is a key that generates the same question again (a session may order its choices otherwise).
  expect(inChoiceOrder(questionFromKey(q.id)!)).toEqual(inChoiceOrder(q));
}

/** The question with its choices sorted by their text, everything indexed by choice following. */
export function inChoiceOrder(q: Question): Question {
  const order = q.choices.map((_, i) => i).sort((a, b) => (q.choices[a]! < q.choices[b]! ? -1 : 1));
  return {...q, choices: order.map((i) => q.choices[i]!), answer: order.indexOf(q.answer), values: order.map((i) => q.values[i]!), mistakes: order.map((i) => q.mistakes[i]!), misconceptions: order.map((i) => q.misconceptions[i]!)};
}

