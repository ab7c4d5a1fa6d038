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

/** A terminal's own width, but never under 80; files and pipes get a fixed 100 so output is reproducible. */
export function outputWidth(stream: StreamFacts): number {
  return stream.isTTY ? Math.max(80, stream.columns ?? 0) : 100;
}

export function stdoutTerminal(noColorFlag: boolean): Terminal {
  const facts = {isTTY: process.stdout.isTTY === true, columns: process.stdout.columns};
  return {
    write: (text) => void process.stdout.write(text),
    color: colorEnabled(facts, noColorFlag, process.env),
    width: outputWidth(facts),
  };
}
