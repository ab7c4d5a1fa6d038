// Starts the Ink UI and gives the terminal back as it was, however the program ends.
import {render} from 'ink';
import {App, type AppProps} from './App.js';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

export async function runTutor(props: AppProps): Promise<number> {
  // The alternate screen keeps the user's scrollback untouched (Ink 6 has no option for it, ink
  // #263). It is left only when the process exits: Ink still writes its final frame after
  // waitUntilExit resolves, and that must land on the screen being thrown away.
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  process.once('exit', () => process.stdout.write(LEAVE_ALTERNATE_SCREEN));
  // Ctrl+C is routed by our own key handler so it quits from every screen the same way.
  const instance = render(<App {...props} />, {exitOnCtrlC: false, patchConsole: false, maxFps: 60});
  await instance.waitUntilExit();
  return 0;
}
