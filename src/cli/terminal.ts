// What the plain commands know about where their output goes.

export interface Terminal {
  write(text: string): void;
  /** Whether ANSI colour codes may be written. */
  readonly color: boolean;
  /** Columns to lay text out in. */
  readonly width: number;
}

export interface StreamFacts {
  isTTY: boolean;
  columns: number | undefined;
}

/** Colour only for a person at a terminal who has not opted out (--no-color, or NO_COLOR, https://no-color.org). */
export function colorEnabled(stream: StreamFacts, noColorFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY && !noColorFlag && (env.NO_COLOR ?? '') === '';
}

/** Narrower than this, a ladder has no room for its arrows. */
export const MIN_OUTPUT_WIDTH = 40;

/**
 * The columns plain output is laid out in: the terminal's own width; for a file or a pipe, COLUMNS
 * when it is set (as shells export it), else 80.
 */
export function outputWidth(stream: StreamFacts, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  const columns = stream.isTTY && (stream.columns ?? 0) > 0 ? stream.columns! : fromEnv > 0 ? fromEnv : 80;
  return Math.max(MIN_OUTPUT_WIDTH, columns);
}

export function stdoutTerminal(noColorFlag: boolean): Terminal {
  const facts = {isTTY: process.stdout.isTTY === true, columns: process.stdout.columns};
  return {
    write: (text) => void process.stdout.write(text),
    color: colorEnabled(facts, noColorFlag, process.env),
    width: outputWidth(facts, process.env),
  };
}
