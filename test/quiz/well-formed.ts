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
  // The id is a key that generates the same question again.
  expect(questionFromKey(q.id)).toEqual(q);
}

