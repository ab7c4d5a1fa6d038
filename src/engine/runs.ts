// One simulation per knob set: every layer asks for runs here, so stepping a lesson, opening the
// compare view, filling a lesson's narration and asking a quiz question about the same knobs, RTT
// and seed share one simulated trace. Runs are pure, so a cached trace is the trace; it is frozen,
// so no reader can change what another reader sees. The cache is bounded: a learner trying every
// knob keeps only the most recent runs.
import {KNOB_NAMES} from './knobs.js';
import {RTT_MS, SEED} from './run-options.js';
import {simulate, type RunOptions} from './simulate.js';
import type {Knobs, Trace} from './types.js';

export interface RunRequest {
  knobs: Knobs;
  rttMs?: number;
  seed?: number;
  /** The name the trace carries (a preset id, or 'custom'). */
  scenario?: string;
  isn?: RunOptions['isn'];
}

/** The identity of a run: equal keys, equal traces. */
export function runKey({knobs, rttMs = RTT_MS.default, seed = SEED.default, scenario, isn}: RunRequest): string {
  return `${KNOB_NAMES.map((name) => knobs[name]).join(',')}|${rttMs}|${seed}|${scenario ?? ''}|${isn ?? ''}`;
}

/**
 * Freezes every data property all the way down. Accessors are left unread: a frame's bytes are a
 * getter that encrypts the whole trace on first read (engine/bytes/frames.ts), and only the byte
 * inspector, an export or `--json` should pay for that, not every run a lesson steps through.
 */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) if ('value' in descriptor) deepFreeze(descriptor.value);
  }
  return value;
}

export class RunCache {
  private readonly runs = new Map<string, Trace>();
  /** How many simulations this cache has run (tests hold the "one per change" rule with it). */
  simulations = 0;

  // A lesson's parts and their compare sides fit many times over; a trace is tens of kilobytes.
  constructor(private readonly limit = 12) {}

  /** The trace of this run: simulated on first request, then the same frozen trace every time. */
  get(request: RunRequest): Trace {
    const key = runKey(request);
    const hit = this.runs.get(key);
    if (hit !== undefined) {
      // Most recently used last, so the oldest is evicted first.
      this.runs.delete(key);
      this.runs.set(key, hit);
      return hit;
    }
    const {knobs, rttMs = RTT_MS.default, seed = SEED.default, scenario, isn} = request;
    const trace = deepFreeze(simulate(knobs, {rttMs, seed, ...(scenario === undefined ? {} : {scenario}), ...(isn === undefined ? {} : {isn})}));
    this.simulations++;
    this.runs.set(key, trace);
    if (this.runs.size > this.limit) this.runs.delete(this.runs.keys().next().value!);
    return trace;
  }

  clear(): void {
    this.runs.clear();
  }
}

/** The process's runs: every layer shares them. */
export const runs = new RunCache();

/** The trace for these knobs, RTT and seed, from the shared cache. */
export function run(request: RunRequest): Trace {
  return runs.get(request);
}
