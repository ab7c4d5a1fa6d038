// Knob sets for property tests: any set drawn from the knob table, and valid sets built as a learner
// reaches them.
import fc from 'fast-check';
import {DEFAULT_KNOBS, KNOB_NAMES, KNOBS, withKnob} from '../../src/engine/knobs.js';
import type {KnobName, Knobs} from '../../src/engine/types.js';

export const valueOf = (name: KnobName): fc.Arbitrary<unknown> => {
  const values: {min: number; max: number} | readonly unknown[] = KNOBS[name].values;
  return 'min' in values ? fc.integer({min: values.min, max: values.max}) : fc.constantFrom(...values);
};

/** Every knob drawn from its table, uniformly: most such sets are invalid (properties check the refusals too). */
export const anyKnobs = fc.record(Object.fromEntries(KNOB_NAMES.map((name) => [name, valueOf(name)]))) as fc.Arbitrary<Knobs>;

/** One knob set to one of its values. */
export const aChange = fc.constantFrom(...KNOB_NAMES).chain((name) => fc.tuple(fc.constant(name), valueOf(name)));

/**
 * Valid knob sets built the way a learner reaches them: from the defaults, up to eight knobs set one
 * after another, each with the engine's rules (withKnob) applied; a change no valid set keeps is
 * skipped. Filtering random sets instead would keep about one in ten thousand.
 */
export const validKnobs: fc.Arbitrary<Knobs> = fc.array(aChange, {maxLength: 8}).map((changes) => {
  let knobs: Knobs = {...DEFAULT_KNOBS};
  for (const [name, value] of changes) {
    const result = withKnob(knobs, name, value as Knobs[typeof name]);
    if (result.problem === undefined) knobs = result.knobs;
  }
  return knobs;
});
