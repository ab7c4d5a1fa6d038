// For any valid knob combination the engine can run, every question the quiz generates is well
// formed, answerable by its own answer's meaning, linked to the right frame, and regenerable
// from its id.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/engine/errors.js';
import {KNOBS, KNOB_NAMES, resolveKnobs} from '../../src/engine/knobs.js';
import {PRESETS} from '../../src/engine/presets.js';
import type {Knobs} from '../../src/engine/types.js';
import {simulate} from '../../src/engine/simulate.js';
import {frameWhat} from '../../src/quiz/describe.js';
import {questionsForKnobs} from '../../src/quiz/index.js';
import {expectWellFormed} from './well-formed.js';

const override = fc.constantFrom(...KNOB_NAMES).chain((name) => {
  const values = KNOBS[name].values;
  const value = 'min' in values ? fc.constantFrom(0, 3, 30, 200, 5000) : fc.constantFrom(...(values as readonly unknown[]));
  return value.map((v) => [name, String(v)] as const);
});

/** A preset with up to three knobs changed, kept only when the result is a valid combination. */
const validKnobs = fc
  .tuple(fc.constantFrom(...PRESETS), fc.array(override, {maxLength: 3}))
  .map(([preset, changes]) => {
    try {
      return resolveKnobs(preset.knobs, Object.fromEntries(changes));
    } catch (error) {
      if (error instanceof UsageError) return undefined;
      throw error;
    }
  })
  .filter((k): k is Knobs => k !== undefined);

describe('quiz properties', () => {
  it('every question for any valid knobs is well formed and round-trips through its id', () => {
    fc.assert(
      fc.property(validKnobs, fc.constantFrom(20, 100, 250), (knobs, rttMs) => {
        for (const q of questionsForKnobs(knobs, {rttMs})) expectWellFormed(q);
      }),
      {seed: 41, numRuns: 40},
    );
  }, 120_000);

  it('never offers a second correct choice: no wrong next frame is one sent at the same instant as the answer (issue 17)', () => {
    fc.assert(
      fc.property(validKnobs, fc.constantFrom(20, 100, 250), (knobs, rttMs) => {
        const trace = simulate(knobs, {rttMs, seed: 1});
        for (const q of questionsForKnobs(knobs, {rttMs, measures: ['nextFrame']})) {
          const answer = trace.frames.find((f) => f.id === q.link!.frameId)!;
          const alsoRight = new Set(trace.frames.filter((f) => f.sendMs === answer.sendMs).map((f) => `${f.from}: ${frameWhat(f) ?? ''}`));
          q.choices.forEach((choice, i) => {
            if (i !== q.answer) expect(alsoRight.has(choice), `${q.id}: "${choice}" leaves at the answer's instant`).toBe(false);
          });
        }
      }),
      {seed: 42, numRuns: 150},
    );
  }, 120_000);
});
