// Starts the Ink UI and gives the terminal back as it was, however the program ends.
import {render} from 'ink';
import {App, type AppProps} from './App.js';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

/** What src/cli/first-paint.ts left: the alternate screen is entered and showing `frame`. */
export interface Painted {
  frame: string;
}

export async function runTutor(props: AppProps, painted?: Painted): Promise<number> {
  // The alternate screen keeps the user's scrollback untouched (Ink 6 has no option for it, ink
  // #263). It is left only when the process exits: Ink still writes its final frame after
  // waitUntilExit resolves, and that must land on the screen being thrown away. After a first
  // paint both were done already.
  if (!painted) {
    process.stdout.write(ENTER_ALTERNATE_SCREEN);
    process.once('exit', () => process.stdout.write(LEAVE_ALTERNATE_SCREEN));
  }
  // Ctrl+C is routed by our own key handler so it quits from every screen the same way.
  const start = () => render(<App {...props} />, {exitOnCtrlC: false, patchConsole: false, maxFps: 60});
  const instance = painted?.frame ? takeOver(painted.frame, start) : start();
  await instance.waitUntilExit();
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
