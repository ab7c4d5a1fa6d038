// Starts the instructor's or a student's screen and gives the terminal back as it was, however
// the program ends (the same alternate-screen handling as the tutor, src/ui/run.tsx).
import {render} from 'ink';
import type {ReactElement} from 'react';
import {HostApp, type HostAppProps} from './HostApp.js';
import {StudentApp, type StudentAppProps} from './StudentApp.js';

const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

/** Sentences to print once the terminal is back (the results file, why a student left). */
const after: string[] = [];

export function printAfterExit(sentence: string): void {
  after.push(sentence);
}

async function run(tree: ReactElement): Promise<void> {
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  // Ink writes its last frame after waitUntilExit resolves: it must land on the screen being left.
  process.once('exit', () => {
    process.stdout.write(LEAVE_ALTERNATE_SCREEN);
    for (const sentence of after) process.stderr.write(`${sentence}\n`);
  });
  const instance = render(tree, {exitOnCtrlC: false, patchConsole: false, maxFps: 60});
  await instance.waitUntilExit();
}

export function runHost(props: HostAppProps): Promise<void> {
  return run(<HostApp {...props} />);
}

export function runStudent(props: StudentAppProps): Promise<void> {
  return run(<StudentApp {...props} />);
}
