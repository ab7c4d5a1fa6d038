// The terminal's owner against a fake process: every way out gives the terminal back (main
// screen, cooked mode, cursor shown) after the cleanups ran, with the exit status a shell expects;
// Ctrl+Z and SIGTSTP give it back and stop, SIGCONT takes it again and repaints.
import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR, Terminal, type TerminalHost} from '../../../src/ui/terminal/terminal.js';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function fakeHost() {
  const host = new EventEmitter() as EventEmitter & TerminalHost & {written: string; errors: string; raw: boolean[]; killed: string[]};
  const stdin = new EventEmitter() as EventEmitter & NodeJS.ReadStream;
  Object.assign(stdin, {setRawMode: (on: boolean) => void host.raw.push(on), setEncoding: () => stdin, resume: () => stdin, pause: () => stdin, ref: () => stdin, unref: () => stdin});
  const stdout = new EventEmitter() as EventEmitter & NodeJS.WriteStream;
  Object.assign(stdout, {write: (text: string) => ((host.written += text), true)});
  const stderr = {write: (text: string) => ((host.errors += text), true)} as unknown as NodeJS.WriteStream;
  Object.assign(host, {stdin, stdout, stderr, written: '', errors: '', raw: [], killed: [], pid: 4242, kill: (_pid: number, signal: string) => void host.killed.push(signal), exit: (code: number) => {
    throw new Exit(code);
  }});
  return host;
}

const exitOf = (run: () => void): number => {
  try {
    run();
  } catch (error) {
    if (error instanceof Exit) return error.code;
    throw error;
  }
  throw new Error('did not exit');
};

describe('the terminal owner', () => {
  it('enters the alternate screen in raw mode and gives both back on close, after the cleanups', () => {
    const host = fakeHost();
    const terminal = new Terminal(host);
    const order: string[] = [];
    terminal.enter('frame');
    expect(host.written).toBe(`${ENTER_ALTERNATE_SCREEN}\x1b[Hframe`);
    expect(host.raw).toEqual([true]);
    terminal.onClose(() => order.push(`cleanup, raw ${host.raw.at(-1)}`));
    terminal.afterClose(() => order.push(`after, screen left ${host.written.endsWith(LEAVE_ALTERNATE_SCREEN)}`));
    terminal.close();
    expect(order).toEqual(['cleanup, raw true', 'after, screen left true']);
    expect(host.raw).toEqual([true, false]);
    expect(host.written.endsWith(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN)).toBe(true);
    // Nothing is left listening: the process can end.
    expect(host.listenerCount('SIGTERM')).toBe(0);
    expect(host.stdin.listenerCount('data')).toBe(0);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s runs the cleanups, gives the terminal back and exits %i', (signal, code) => {
    const host = fakeHost();
    const terminal = new Terminal(host);
    let saved = false;
    terminal.enter();
    terminal.onClose(() => (saved = true));
    expect(exitOf(() => host.emit(signal))).toBe(code);
    expect(saved).toBe(true);
    expect(host.raw.at(-1)).toBe(false);
    expect(host.written.endsWith(LEAVE_ALTERNATE_SCREEN)).toBe(true);
  });

  it('an uncaught error gives the terminal back, then says so in one sentence and exits 1', () => {
    const host = fakeHost();
    const terminal = new Terminal(host);
    terminal.enter();
    expect(exitOf(() => host.emit('uncaughtException', new Error('boom')))).toBe(1);
    expect(host.written.endsWith(LEAVE_ALTERNATE_SCREEN)).toBe(true);
    expect(host.errors).toBe('hs-tutor: internal error (boom); this is a bug, please report it.\n');
  });

  it('Ctrl+Z gives the terminal back and stops; SIGCONT takes it again and repaints', () => {
    const host = fakeHost();
    const terminal = new Terminal(host);
    let repaints = 0;
    terminal.enter();
    terminal.onRepaint(() => repaints++);
    host.stdin.emit('data', '\x1a');
    expect(host.killed).toEqual(['SIGTSTP']);
    expect(host.raw.at(-1)).toBe(false);
    expect(host.written.endsWith(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN)).toBe(true);
    // Its own SIGTSTP listener is off while stopping, so the default action stops the process.
    expect(host.listenerCount('SIGTSTP')).toBe(0);
    host.emit('SIGCONT');
    expect(host.raw.at(-1)).toBe(true);
    expect(host.written.endsWith(`${ENTER_ALTERNATE_SCREEN}\x1b[H`)).toBe(true);
    expect(repaints).toBe(1);
    expect(host.listenerCount('SIGTSTP')).toBe(1);
  });

  it('keys wait while no one consumes them, and reach the next consumer in order', () => {
    const host = fakeHost();
    const terminal = new Terminal(host);
    terminal.enter();
    host.stdin.emit('data', 'j\x1b[29;5~k');
    const got: string[][] = [];
    terminal.consume((keys) => got.push([...keys]));
    host.stdin.emit('data', '\r');
    expect(got).toEqual([['j', 'k'], ['enter']]);
  });
});
