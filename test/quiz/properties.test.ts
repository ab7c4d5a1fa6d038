// For any valid knob combination the engine can run, every question the quiz generates is well
// formed, answerable by its own answer's meaning, linked to the right frame, and regenerable
// from its id.
import fc from 'fast-check';
import {describe, it} from 'vitest';
import {UsageError} from '../../src/engine/errors.js';
import {KNOBS, KNOB_NAMES, resolveKnobs} from '../../src/engine/knobs.js';
import {PRESETS} from '../../src/engine/presets.js';
import type {Knobs} from '../../src/engine/types.js';
import {questionsForKnobs} from '../../src/quiz/index.js';
import {expectWellFormed} from './well-formed.js';

const override = fc.constantFrom(...KNOB_NAMES).chain((name) => {
  const values = KNOBS[name].values;
  const value = 'min' in values ? fc.constantFrom(0, 30, 200, 5000) : fc.constantFrom(...(values as readonly unknown[]));
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
      {numRuns: 40},
    );
  }, 120_000);
});
