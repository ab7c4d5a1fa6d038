// STUB: replaced by the real engine. Signature is final.
import type {Knobs, SimOptions, Trace} from './types.js';

export function simulate(knobs: Knobs, options: SimOptions & {scenario?: string}): Trace {
  return {
    schemaVersion: 1,
    scenario: options.scenario ?? 'custom',
    knobs,
    rttMs: options.rttMs,
    seed: options.seed,
    frames: [],
    summary: {requestSentMs: null, requestSentRtt: null, responseReceivedMs: null, responseReceivedRtt: null},
    events: [],
    endMs: 0,
  };
}
