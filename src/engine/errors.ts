/**
 * A mistake in what the user asked for (unknown name, bad value, conflicting knobs), as opposed
 * to a bug. Its message is one sentence that names the problem and the way out, and never needs
 * a stack trace; which exit code that becomes is the CLI's business (CLI.md), not the engine's.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
