// Knob sets for property tests: every knob drawn from its table, the few that apply only in narrow
// settings (TLS 1.2's variants, a page over several connections) mostly at their defaults, or a valid
// set would be rare enough to starve a filter.
import fc from 'fast-check';
import {DEFAULT_KNOBS, KNOB_NAMES, KNOBS, withKnob} from '../../src/engine/knobs.js';
import type {KnobName, Knobs} from '../../src/engine/types.js';

export const valueOf = (name: KnobName): fc.Arbitrary<unknown> => {
  const values: {min: number; max: number} | readonly unknown[] = KNOBS[name].values;
  return 'min' in values ? fc.integer({min: values.min, max: values.max}) : fc.constantFrom(...values);
};

const NARROW: readonly KnobName[] = ['keyExchange', 'resumeWith', 'persistent', 'parallel'];

const mostlyDefault = (name: KnobName) => fc.oneof({arbitrary: fc.constant(KNOBS[name].default), weight: 3}, {arbitrary: valueOf(name), weight: 1});

export const anyKnobs = fc.record(Object.fromEntries(KNOB_NAMES.map((name) => [name, NARROW.includes(name) ? mostlyDefault(name) : valueOf(name)]))) as fc.Arbitrary<Knobs>;

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
