// The run-level facts every layer shares: the round-trip time's range and default, and the seed.
// CLI flags, the knobs panel, lesson plays, quiz questions and class messages all read them here,
// so "1 to 999, default 100" is written once (CLI.md "Scenarios and knobs").
import {UsageError} from './errors.js';

/** Whole milliseconds; 100 ms is the conventions' example round trip (protocol-facts §0). */
export const RTT_MS = Object.freeze({default: 100, min: 1, max: 999});

/** The same seed gives the same ISNs, ports and randoms, so a command always prints the same trace. */
export const SEED = Object.freeze({default: 1, min: 0, max: Number.MAX_SAFE_INTEGER});

export function isRttMs(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= RTT_MS.min && (value as number) <= RTT_MS.max;
}

export function isSeed(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= SEED.min;
}

/** The sentence for an RTT out of range, naming where it came from ('--rtt', 'rttMs'). */
export function rttProblem(value: unknown, where = 'The round-trip time'): string | undefined {
  return isRttMs(value) ? undefined : `${where} must be a whole number of milliseconds from ${RTT_MS.min} to ${RTT_MS.max}, not ${String(value)}.`;
}

export function seedProblem(value: unknown, where = 'The seed'): string | undefined {
  return isSeed(value) ? undefined : `${where} must be a whole number from ${SEED.min} up, not ${String(value)}.`;
}

/** Throws a UsageError for an RTT or seed no run accepts. */
export function checkRunOptions(rttMs: unknown, seed: unknown): void {
  const problem = rttProblem(rttMs) ?? seedProblem(seed);
  if (problem !== undefined) throw new UsageError(problem);
}
