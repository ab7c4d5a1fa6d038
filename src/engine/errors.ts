/**
 * A mistake in what the user asked for (unknown name, bad value, conflicting knobs), as opposed
 * to a bug. The CLI prints its message as the one sentence on stderr and exits 2 (CLI.md), so the
 * message must name the problem and the way out, and never needs a stack trace.
 */
export class UsageError extends Error {
  readonly exitCode = 2;
  override name = 'UsageError';
}
