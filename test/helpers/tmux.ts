// Driving the real binary in a pseudo-terminal, as a person would: tmux on a private socket,
// keys in with send-keys, the screen out with capture-pane.
import {afterEach} from 'vitest';
import {threadId} from 'node:worker_threads';
import {execFileSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

let sessions = 0;

export class TmuxSession {
  // Unique per process, worker thread and session: no randomness needed.
  private readonly socket = `hs-tutor-test-${process.pid}-${threadId}-${sessions++}`;
  readonly name = 'tutor';
  readonly home: string;

  constructor(home?: string) {
    this.home = home ?? mkdtempSync(join(tmpdir(), 'hs-tutor-home-'));
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
  }

  /** Runs `hs-tutor <args>` with CI unset (CLI.md: the UI runs only then), and reports how it exited. */
  start(args: string, size: {columns: number; rows: number} = {columns: 100, rows: 30}, env = ''): void {
    const command = `cd ${ROOT} && env -u CI HS_TUTOR_HOME=${this.home} TERM=xterm-256color ${env} node bin/hs-tutor.js ${args}; echo "EXIT=$?"; stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; sleep 600`;
    this.tmux('new-session', '-d', '-s', this.name, '-x', String(size.columns), '-y', String(size.rows), 'sh', '-c', command);
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** The visible screen; with `escapes`, including the colour and style codes. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', this.name);
  }

  /** Waits until the screen matches; a generous timeout guards against hangs, not speed. */
  async waitFor(pattern: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    const matches = typeof pattern === 'string' ? (s: string) => s.includes(pattern) : pattern instanceof RegExp ? (s: string) => pattern.test(s) : pattern;
    for (;;) {
      const screen = this.screen();
      if (matches(screen)) return screen;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; the screen was:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The pid of the program the pane's shell started (hs-tutor), for signals. */
  programPid(): number {
    const shell = this.tmux('display-message', '-p', '-t', this.name, '#{pane_pid}').trim();
    return Number(execFileSync('pgrep', ['-P', shell, '-n'], {encoding: 'utf8'}).trim());
  }

  /** Whether the pane shows the alternate screen now. */
  alternateScreen(): boolean {
    return this.tmux('display-message', '-p', '-t', this.name, '#{alternate_on}').trim() === '1';
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** A session factory for one test file: every session it made is killed after each test. */
export function tmuxSessions(): (home?: string) => TmuxSession {
  const sessions: TmuxSession[] = [];
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
  });
  return (home) => {
    const s = new TmuxSession(home);
    sessions.push(s);
    return s;
  };
}
