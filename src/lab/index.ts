// The lab: a scenario run for real on Node's own stacks through a delaying path, beside the
// engine's simulation of the same knobs at the same RTT.
import {simulate} from '../engine/simulate.js';
import type {Knobs} from '../engine/types.js';
import {compare, realFlights, type Comparison, type Flight} from './compare.js';
import {nameChunks} from './records.js';
import {runReal} from './stacks.js';
import {labPlan, type Dropped} from './support.js';

export {labPlan} from './support.js';

export interface LabReport {
  schemaVersion: 1;
  scenario: string;
  rttMs: number;
  /** The knobs the lab ran and simulated (the scenario's, less what Node cannot do). */
  knobs: Knobs;
  dropped: Dropped[];
  node: string;
  openssl: string;
  tls: {version: string; suite: string; resumed: boolean} | null;
  real: {flights: Flight[]; acceptMs: number | null; closedMs: number | null};
  comparison: Comparison;
}

/** Runs `scenario` (its resolved knobs) for real and compares; throws a UsageError when the lab cannot run it. */
export async function runLab(scenario: string, knobs: Knobs, rttMs: number): Promise<LabReport> {
  const plan = labPlan(scenario, knobs);
  const trace = simulate(plan.knobs, {rttMs, seed: 1, scenario});
  const real = await runReal(plan.knobs, rttMs);
  const contents = nameChunks(real.relayed, real.tls);
  // Chunks of one flight leave within a millisecond or two; a reply takes at least a round trip.
  const flights = realFlights(real.relayed, contents, Math.min(5, rttMs / 4));
  const {keylog: _keylog, ...tls} = real.tls ?? {keylog: null};
  return {
    schemaVersion: 1,
    scenario,
    rttMs,
    knobs: plan.knobs,
    dropped: plan.dropped,
    node: process.version,
    openssl: process.versions.openssl,
    tls: real.tls === null ? null : (tls as LabReport['tls']),
    real: {flights, acceptMs: real.moments.acceptMs, closedMs: real.moments.closedMs},
    comparison: compare(trace, real, flights, plan.dropped),
  };
}
