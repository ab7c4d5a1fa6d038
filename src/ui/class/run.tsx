// Starts the instructor's or a student's screen on the process's terminal (src/ui/terminal), as
// the tutor does (src/ui/app/run.tsx): the terminal module owns the alternate screen, raw mode,
// the keys Ink reads, signals and the way out, and gives the terminal back however the class ends.
import {render} from 'ink';
import type {ReactElement} from 'react';
import {keepHeapSmall} from '../app/heap.js';
import {KeysProvider} from '../common/use-keys.js';
import {processTerminal} from '../terminal/terminal.js';
import {HostApp, type HostAppProps} from './HostApp.js';
import {StudentApp, type StudentAppProps} from './StudentApp.js';

/** Sentences to print once the terminal is back (the results file, why a student left). */
export function printAfterExit(sentence: string): void {
  const terminal = processTerminal();
  const print = () => void process.stderr.write(`${sentence}\n`);
  if (terminal.isOpen) terminal.afterClose(print);
  else print();
}

async function run(tree: ReactElement): Promise<void> {
  const terminal = processTerminal();
  terminal.enter();
  const heap = keepHeapSmall();
  terminal.onClose(() => heap.stop());
  const keys = terminal.keySource();
  const instance = render(<KeysProvider source={keys}>{tree}</KeysProvider>, {exitOnCtrlC: false, patchConsole: false, maxFps: 1000, incrementalRendering: true});
  try {
    await instance.waitUntilExit();
  } finally {
    terminal.close();
  }
}

export function runHost(props: HostAppProps): Promise<void> {
  return run(<HostApp {...props} />);
}

export function runStudent(props: StudentAppProps): Promise<void> {
  return run(<StudentApp {...props} />);
}
