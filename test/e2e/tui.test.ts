// End-to-end: the real binary in a real pseudo-terminal (tmux), driven key by key: keys, signals,
// suspend, CI and the terminal given back (lessons and quizzes: tui-walkthrough.test.ts).
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {tmuxSessions} from '../helpers/tmux.js';

const session = tmuxSessions();

// A real program in a real terminal: seconds, not milliseconds; the waits inside guard against hangs.
describe('hs-tutor in a terminal', {timeout: 60_000}, () => {
  it('answers keys pressed at once, before and after Ink takes over, as one screen', async () => {
    const t = session();
    t.start('');
    await t.waitFor('Pick a lesson');
    // The first paint moves the cursor itself until Ink has loaded; Ink starts where it left it.
    t.keys('Down', 'Down', '?');
    await t.waitFor('Keys (press ? or esc to close)');
    t.keys('Escape');
    const home = await t.waitFor('Pick a lesson');
    expect(home).toMatch(/\n› \[ \] Modern TCP/);
    t.keys('Enter');
    await t.waitFor(/Modern TCP — data on the final ACK, and the three-segment close[\s\S]*frame 1\//);
    t.keys('q', 'q');
    expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('%s sent by pid leaves the alternate screen, restores echo and line editing, and exits %i', async (signal, code) => {
    const t = session();
    t.start('lesson tls13');
    await t.waitFor('frame 1/');
    expect(t.alternateScreen()).toBe(true);
    process.kill(t.programPid(), signal);
    const after = await t.waitFor(/EXIT=\d+\n-?icanon/);
    expect(after).toContain(`EXIT=${code}`);
    expect(after).toMatch(/icanon echo/);
    expect(t.alternateScreen()).toBe(false);
  });

  it('ctrl+z gives the terminal back; SIGCONT redraws the screen and keys work again, not echoed', async () => {
    const t = session();
    t.start('lesson tls13');
    await t.waitFor('frame 1/');
    const pid = t.programPid();
    t.keys('C-z');
    await t.waitFor(() => !t.alternateScreen());
    process.kill(pid, 'SIGCONT');
    await t.waitFor((screen) => t.alternateScreen() && screen.includes('frame 1/'));
    t.keys('Right');
    const screen = await t.waitFor('frame 2/');
    expect(screen).not.toMatch(/\^\[\[C/);
    t.keys('q', 'q');
    expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('a barrage of unknown keys, reports and pastes on every screen leaves it running, with no stack trace', async () => {
    const t = session();
    t.start('lesson tls13');
    await t.waitFor('frame 1/');
    // Raw bytes into the pane: Ctrl+F1, Ctrl+ESC[29~, focus in/out, mouse, a bracketed paste, kitty keys, NUL.
    const junk = ['\x1b[1;5P', '\x1b[29;5~', '\x1b[I', '\x1b[O', '\x1b[<0;10;10M', '\x1b[200~q q q\x1b[201~', '\x1b[99;7u', '\x1b[15;5~'];
    for (const screen of ['', 'o', 'c', 'i', '?']) {
      if (screen) t.keys(screen);
      for (const bytes of junk) t.keys('-l', bytes);
      t.keys('-l', '\x1b[1;5P');
    }
    t.keys('Escape');
    t.keys('Right');
    const screen = await t.waitFor('frame 2/');
    expect(screen).not.toMatch(/TypeError|    at /);
    t.keys('q', 'q');
    expect(await t.waitFor(/EXIT=\d+/)).toContain('EXIT=0');
  });

  it('quits from the first paint with q before Ink has loaded, and gives the terminal back', async () => {
    const t = session();
    t.start('');
    await t.waitFor('Pick a lesson');
    t.keys('q');
    const after = await t.waitFor(/EXIT=\d+\n-?icanon/);
    expect(after).toContain('EXIT=0');
    expect(after).toMatch(/icanon echo/);
  });

  it.each(['CI=', 'CI=false', 'CONTINUOUS_INTEGRATION=1'])('with %s the tutor runs and draws (CLI.md: CI empty, 0 or false is interactive)', async (env) => {
    const t = session();
    t.start('lesson tls13', undefined, env);
    await t.waitFor('frame 1/');
    t.keys('l');
    await t.waitFor('frame 2/');
  });

  it('ctrl+c quits from any screen and restores the terminal', async () => {
    const t = session();
    t.start('');
    await t.waitFor('Pick a lesson');
    t.keys('Enter');
    await t.waitFor('frame 1/');
    t.keys('o');
    await t.waitFor('Knobs of this part');
    t.keys('C-c');
    const after = await t.waitFor(/EXIT=\d+\n-?icanon/);
    expect(after).toContain('EXIT=0');
    expect(after).toMatch(/^icanon echo\s*$/m);
  });
});

describe('hs-tutor without a terminal', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['bin/hs-tutor.js', ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env});

  it.each([[[]], [['lesson', 'tls13']]])('%j with stdin from /dev/null exits 2 with one sentence naming the plain commands', (args) => {
    const env = {...process.env};
    delete env.CI;
    const result = run(args, env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("'hs-tutor list'");
    expect(result.stderr).not.toMatch(/Raw mode|at .*\(/);
  });

  it('under CI=true the UI never starts', () => {
    const result = run(['lesson', 'tls13'], {...process.env, CI: 'true'});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('CI is set');
  });
});
