// The one owner of the terminal while the tutor runs: the alternate screen, raw mode, the cursor,
// the keyboard, signals and the way out. Every exit path ends here (a normal quit, an error, a
// signal, an uncaught exception), so the terminal is always given back as it was: the main screen
// with the user's scrollback, echo and line editing on, the cursor shown. It loads no Ink or React,
// so the first paint (src/cli/first-paint.ts) uses it before Ink has loaded and Ink takes it over.
//
// Keys are read here, named by the KeyFilter (Ink never parses them), and go to one consumer at a
// time: the first paint's own handler until the tutor has loaded, then the tutor's root. Keys that
// arrive between consumers wait in a queue.
import {KeyFilter, type Filtered} from './key-filter.js';

export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h';
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
export const HIDE_CURSOR = '\x1b[?25l';
export const CURSOR_HOME = '\x1b[H';

/** How long an unfinished escape sequence may wait for the rest of it (a lone Escape key). */
const ESCAPE_WAIT_MS = 50;

/** POSIX numbers, for the 128 + n exit status a shell expects after a fatal signal. */
const FATAL_SIGNALS = {SIGHUP: 1, SIGINT: 2, SIGTERM: 15} as const;
type FatalSignal = keyof typeof FATAL_SIGNALS;

/** What the terminal needs from the process; tests pass fakes. */
export interface TerminalHost {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  kill(pid: number, signal: string): unknown;
  exit(code: number): never;
  pid: number;
}

/** Receives key names ('up', 'enter', 'q', …), in the order they were pressed. */
export type KeyConsumer = (keys: readonly string[]) => void;

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface Listening {
  target: Emitter;
  event: string;
  listener: (...args: unknown[]) => void;
}

export class Terminal {
  private open = false;
  private raw = false;
  private suspended = false;
  private readonly filter = new KeyFilter();
  private escapeTimer: NodeJS.Timeout | undefined;
  private consumer: KeyConsumer | undefined;
  private queued: string[] = [];
  private readonly cleanups: (() => void)[] = [];
  private readonly afterwards: (() => void)[] = [];
  private readonly repaints = new Set<() => void>();
  private readonly resizes = new Set<() => void>();
  private closing = false;
  private readonly listeners: Listening[] = [];
  /** Off for the screen-reader mode, which writes lines into the scrollback a reader follows. */
  private alternate = true;

  constructor(readonly host: TerminalHost) {}

  get isOpen(): boolean {
    return this.open;
  }

  /** Enters the alternate screen (unless told not to) and raw mode and starts reading keys; once per process. */
  enter(firstFrame = '', {alternateScreen = true}: {alternateScreen?: boolean} = {}): void {
    if (this.open) return;
    this.open = true;
    this.alternate = alternateScreen;
    const {stdin, stdout} = this.host;
    this.setRaw(true);
    stdin.setEncoding('utf8');
    this.listen(stdin, 'data', (chunk) => this.receive(String(chunk)));
    stdin.resume();
    stdout.write((this.alternate ? ENTER_ALTERNATE_SCREEN + CURSOR_HOME : '') + firstFrame);
    for (const signal of Object.keys(FATAL_SIGNALS) as FatalSignal[]) this.listen(this.host, signal, () => this.exitOnSignal(signal));
    this.listen(this.host, 'SIGTSTP', () => this.suspend());
    this.listen(this.host, 'SIGCONT', () => this.resume());
    this.listen(stdout, 'resize', () => this.resizes.forEach((run) => run()));
    this.listen(this.host, 'uncaughtException', (error) => this.crash(error));
    this.listen(this.host, 'unhandledRejection', (error) => this.crash(error));
    // A last resort for paths that end the process without coming through close().
    this.listen(this.host, 'exit', () => this.restore());
  }

  private listen(target: Emitter, event: string, listener: (...args: unknown[]) => void): void {
    target.on(event, listener);
    this.listeners.push({target, event, listener});
  }

  setRaw(on: boolean): void {
    const stdin = this.host.stdin;
    if (this.raw === on || typeof stdin.setRawMode !== 'function') return;
    stdin.setRawMode(on);
    this.raw = on;
  }

  private receive(chunk: string): void {
    clearTimeout(this.escapeTimer);
    this.deliver(this.filter.push(chunk));
    if (this.filter.pending) this.escapeTimer = setTimeout(() => this.deliver(this.filter.flush()), ESCAPE_WAIT_MS);
  }

  private deliver({keys, suspend}: Filtered): void {
    if (keys.length > 0) this.queue(keys);
    if (suspend) this.suspend();
  }

  /** Hands keys to `consumer` from now on (first the ones that waited); undefined queues them. */
  consume(consumer: KeyConsumer | undefined): void {
    this.consumer = consumer;
    if (consumer && this.queued.length > 0) consumer(this.queued.splice(0));
  }

  /** The keys as a source a screen subscribes to (one subscriber at a time). */
  keySource(): {subscribe(listener: KeyConsumer): () => void} {
    return {
      subscribe: (listener) => {
        this.consume(listener);
        return () => this.consume(undefined);
      },
    };
  }

  /** Keys for whoever consumes next (keys a consumer took but leaves to the next one). */
  queue(keys: readonly string[]): void {
    if (this.consumer) this.consumer(keys);
    else this.queued.push(...keys);
  }

  /** Runs before the terminal is given back, on every exit path (saving progress, say). Once each. */
  onClose(cleanup: () => void): () => void {
    this.cleanups.push(cleanup);
    return () => {
      const i = this.cleanups.indexOf(cleanup);
      if (i >= 0) this.cleanups.splice(i, 1);
    };
  }

  /** Runs once the terminal is given back (text for the normal screen, say). */
  afterClose(run: () => void): void {
    this.afterwards.push(run);
  }

  /** Called after a resume, when the screen must be drawn again whole. */
  onRepaint(repaint: () => void): () => void {
    this.repaints.add(repaint);
    return () => this.repaints.delete(repaint);
  }

  onResize(resize: () => void): () => void {
    this.resizes.add(resize);
    return () => this.resizes.delete(resize);
  }

  private runCleanups(): void {
    while (this.cleanups.length > 0) {
      const cleanup = this.cleanups.shift()!;
      try {
        cleanup();
      } catch {
        // A failing cleanup must not keep the terminal from being given back.
      }
    }
  }

  /** Puts the terminal back as it was; safe to call more than once. */
  private restore(): void {
    if (!this.open) return;
    this.open = false;
    clearTimeout(this.escapeTimer);
    const {stdin, stdout} = this.host;
    for (const {target, event, listener} of this.listeners.splice(0)) target.off(event, listener);
    this.setRaw(false);
    stdin.pause();
    stdin.unref?.();
    if (!this.suspended) stdout.write(SHOW_CURSOR + (this.alternate ? LEAVE_ALTERNATE_SCREEN : ''));
  }

  /** The way out when the program ends normally: cleanups, then the terminal given back. */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    this.runCleanups();
    this.restore();
    for (const run of this.afterwards.splice(0)) run();
  }

  /** Ends the program now with `code`, the terminal given back first. */
  exit(code: number): never {
    this.close();
    return this.host.exit(code);
  }

  private exitOnSignal(signal: FatalSignal): void {
    this.exit(128 + FATAL_SIGNALS[signal]);
  }

  private crash(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.afterClose(() => this.host.stderr.write(`hs-tutor: internal error (${message}); this is a bug, please report it.\n`));
    this.exit(1);
  }

  /** Applies `change` (on or off) to the process's own listener for `signal`. */
  private stopListener(signal: string): ((change: (event: string, listener: (...args: unknown[]) => void) => unknown) => void) | undefined {
    const entry = this.listeners.find((l) => l.target === this.host && l.event === signal);
    return entry ? (change) => void change(signal, entry.listener) : undefined;
  }

  /** Ctrl+Z or SIGTSTP: give the terminal back, stop, and take it again on SIGCONT. */
  suspend(): void {
    if (!this.open || this.suspended) return;
    this.suspended = true;
    const {stdout} = this.host;
    this.setRaw(false);
    stdout.write(SHOW_CURSOR + (this.alternate ? LEAVE_ALTERNATE_SCREEN : ''));
    // Without a listener SIGTSTP stops the process as the shell expects; ours is put back on SIGCONT.
    this.stopListener('SIGTSTP')?.(this.host.off.bind(this.host));
    this.host.kill(this.host.pid, 'SIGTSTP');
  }

  private resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    this.stopListener('SIGTSTP')?.(this.host.on.bind(this.host));
    this.setRaw(false);
    this.setRaw(true);
    if (this.alternate) this.host.stdout.write(ENTER_ALTERNATE_SCREEN + CURSOR_HOME);
    this.repaints.forEach((repaint) => repaint());
  }
}

let current: Terminal | undefined;

/** The process's terminal (one per process: the first paint and Ink share it). */
export function processTerminal(): Terminal {
  current ??= new Terminal(process as unknown as TerminalHost);
  return current;
}
