// Starts the Ink UI on the process's terminal (src/ui/terminal) and gives the terminal back as it
// was however the program ends: the terminal module owns the screen, raw mode, the keys Ink sees,
// signals and the way out; Ink only draws and reads keys from it.
import {render} from 'ink';
import {KeysProvider} from '../common/use-keys.js';
import {processTerminal} from '../terminal/terminal.js';
import {App, type AppProps} from './App.js';
import {keepHeapSmall} from './heap.js';

/** What src/cli/first-paint.ts left: the home screen is showing `frame` with the cursor at `cursor`. */
export interface Painted {
  frame: string;
  cursor: number;
}

export async function runTutor(props: Omit<AppProps, 'terminal' | 'home'>, painted?: Painted): Promise<number> {
  const terminal = processTerminal();
  terminal.enter();
  const heap = keepHeapSmall();
  terminal.onClose(() => heap.stop());
  const keys = terminal.keySource();
  const start = () =>
    render(
      <KeysProvider source={keys}>
        <App {...props} home={painted ? {cursor: painted.cursor, help: false} : undefined} terminal={terminal} onFrame={heap.afterFrame} />
      </KeysProvider>,
      {
      // The terminal reads the keys (src/ui/terminal); Ink never parses them, and ctrl+c is a key.
      exitOnCtrlC: false,
      patchConsole: false,
      // Ink's fastest settings: every key's frame is drawn at once, and only the lines that changed.
      maxFps: 1000,
      incrementalRendering: true,
      },
    );
  const instance = painted?.frame ? takeOver(painted.frame, start) : start();
  try {
    await instance.waitUntilExit();
  } finally {
    terminal.close();
  }
  return 0;
}

/**
 * Ink renders its first frame synchronously inside render(). When those bytes are the ones
 * already painted they are not written again (the screen and the cursor are already where Ink
 * leaves them); otherwise they are written as Ink wrote them, and since a home frame is one line
 * shorter than the terminal and ends in a newline, it scrolls the painted one away whole.
 */
function takeOver<T>(frame: string, start: () => T): T {
  const stdout = process.stdout;
  const write = stdout.write;
  let written = '';
  const callbacks: (() => void)[] = [];
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (callback) callbacks.push(callback);
    return true;
  }) as typeof stdout.write;
  try {
    return start();
  } finally {
    stdout.write = write;
    if (written !== frame) stdout.write(written);
    for (const callback of callbacks) process.nextTick(callback);
  }
}
