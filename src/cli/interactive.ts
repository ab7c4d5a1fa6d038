// CLI.md's rule for running the Ink UI, decided before Ink is imported: stdin and stdout are
// terminals with a size, TERM is not dumb, and CI is unset, empty, 0 or false.

export interface TerminalFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  columns: number;
  rows: number;
  env: NodeJS.ProcessEnv;
}

export function currentTerminal(): TerminalFacts {
  return {
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 0,
    rows: process.stdout.rows ?? 0,
    env: process.env,
  };
}

/** The commands that work without a terminal, named when an interactive one cannot run. */
export const PLAIN_COMMANDS = "'hs-tutor list' and 'hs-tutor show <scenario>'";

/** The one sentence for an interactive command run where it cannot be (CLI.md: exit 2). */
export function needsTerminalSentence(command: string, why: string): string {
  return `'${command}' needs an interactive terminal, but ${why}; the plain commands ${PLAIN_COMMANDS} work anywhere.`;
}

/** Why the UI cannot run here, as the end of a sentence; undefined when it can. */
export function whyNotInteractive(t: TerminalFacts): string | undefined {
  const ci = (t.env.CI ?? '').toLowerCase();
  if (ci !== '' && ci !== '0' && ci !== 'false') return 'CI is set';
  if (!t.stdinIsTTY || !t.stdoutIsTTY) return 'its input or output is not a terminal';
  if (t.columns <= 0 || t.rows <= 0) return 'the terminal reports no size';
  if (t.env.TERM === 'dumb') return 'TERM is dumb';
  return undefined;
}

/**
 * Makes Ink agree with the decision above before it loads. Ink's own CI check (is-in-ci) takes an
 * empty CI, or any CONTINUOUS_INTEGRATION, for CI and then draws nothing until exit; NO_COLOR it
 * ignores, so colour is turned off through FORCE_COLOR, which chalk reads at import (ink-notes §4.2).
 */
export function prepareInk(noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): void {
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  if ((noColorFlag || (env.NO_COLOR ?? '') !== '') && !('FORCE_COLOR' in env)) env.FORCE_COLOR = '0';
}
