// The home screen painted before Ink loads (src/cli/first-paint.ts) must be exactly what Ink
// then draws: the built program runs in a real pseudo-terminal (util-linux `script`), once as
// usual and once with the paint ruled out (CONTINUOUS_INTEGRATION=false: not CI for Ink, but the
// paint stays away from any CI variable), and presses the same keys, each once the frame before
// it is complete: ? (which only Ink answers, so it waits for Ink), q back, q quit. Everything
// written must be byte for byte the same, so Ink's matching first frame is not written a second
// time. Nothing here is timed.
import {spawn} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import '../cli/run-cli.js'; // fails early when dist/ is not built

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTER = '\x1b[?1049h';
const HOME = '\x1b[H';
const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';

interface Run {
  output: string;
  code: number | null;
}

/** Runs `hs-tutor` in a pty of the given size; after each complete frame it presses the next key. */
function runHome(size: {columns: number; rows: number}, env: NodeJS.ProcessEnv, keys: readonly string[] = ['?', 'q', 'q']): Promise<Run> {
  const full: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', ...env};
  for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR', 'HS_TUTOR_LESSONS']) if (!(name in env)) delete full[name];
  const shell = `stty cols ${size.columns} rows ${size.rows} -echo; exec ${process.execPath} bin/hs-tutor.js`;
  const child = spawn('script', ['-q', '-e', '-c', shell, '/dev/null'], {cwd: root, env: full, stdio: ['pipe', 'pipe', 'inherit']});
  let output = '';
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let sent = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the keys were not all answered in 30 s; the output was ${JSON.stringify(output)}`));
    }, 30_000);
    child.stdout.on('data', (data: string) => {
      output += data;
      // A window too small shows one sentence and no frame markers: ctrl+c quits it.
      if (/needs a window of at least/.test(output) && sent === 0) {
        sent = keys.length;
        child.stdin.write('\x03');
      }
      const frames = output.split(ESU).length - 1;
      while (sent < keys.length && sent < frames) child.stdin.write(keys[sent++]!);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({output, code});
    });
  });
}

/** The text of the first complete frame (between the first synchronized-update markers). */
function firstFrame(output: string): string {
  return output.slice(output.indexOf(BSU), output.indexOf(ESU)).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

function progressHome(doc?: object): string {
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-first-paint-'));
  if (doc) writeFileSync(join(home, 'progress.json'), JSON.stringify(doc));
  return home;
}

const PROGRESS = {
  schemaVersion: 1,
  lessons: {
    tls13: {status: 'in-progress', part: 0, frame: 3, frameId: 'client-hello', updatedAt: '2026-11-27T10:00:00.000Z'},
    'tcp-close': {status: 'completed', part: 2, frame: 9, frameId: 'fin', updatedAt: '2026-11-26T10:00:00.000Z'},
  },
  quiz: {history: []},
  review: {a: {box: 1, due: '2020-01-01T00:00:00.000Z'}, b: {box: 2, due: '2999-01-01T00:00:00.000Z'}},
};

/** The same, written by a later version: the misconceptions give the menu "practise this" items. */
const PROGRESS_V2 = {...PROGRESS, schemaVersion: 2, misconceptions: {'time-wait-on-server': 3, 'psk-is-0rtt': 1}};

async function compare(size: {columns: number; rows: number}, env: NodeJS.ProcessEnv): Promise<{painted: Run; plain: Run}> {
  const painted = await runHome(size, env);
  const plain = await runHome(size, {...env, CONTINUOUS_INTEGRATION: 'false'});
  expect(painted.code).toBe(0);
  expect(plain.code).toBe(0);
  return {painted, plain};
}

describe('the first paint', {timeout: 60_000}, () => {
  it.each([
    ['a first run in colour, 100×30', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome()})],
    ['with progress: Continue, statuses and a review due, 80×24', {columns: 80, rows: 24}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS)})],
    ['with progress and misconceptions to practise, 132×43', {columns: 132, rows: 43}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS_V2)})],
    ['NO_COLOR', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS), NO_COLOR: '1'})],
    ['a TERM chalk does not colour', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS), TERM: 'unknown-terminal'})],
  ])('%s: is what Ink draws, and Ink does not draw it again', async (_name, size, env) => {
    const {painted, plain} = await compare(size, env());
    expect(painted.output.startsWith(ENTER + HOME + BSU)).toBe(true);
    expect(painted.output).toBe(plain.output);
    // Home, help, home: the painted frame is not drawn twice.
    expect(painted.output.split(BSU)).toHaveLength(4);
    expect(firstFrame(painted.output)).toContain('Pick a lesson');
    if (size.rows === 43) expect(firstFrame(painted.output)).toContain('Practise: TIME-WAIT put on the server (3 times in your answers)');
  });

  it('a window too small: nothing is painted early', async () => {
    const run = await runHome({columns: 60, rows: 20}, {HS_TUTOR_HOME: progressHome()});
    expect(run.output).toContain('needs a window of at least 80×24');
    expect(run.output).not.toContain('Pick a lesson');
  });

  it('HS_TUTOR_LESSONS: the first frame already lists the folder\'s lessons', async () => {
    // Tall enough for every built-in lesson and the folder's after them.
    const run = await runHome({columns: 100, rows: 50}, {HS_TUTOR_HOME: progressHome(), HS_TUTOR_LESSONS: join(root, 'examples', 'lesson-pack')});
    expect(firstFrame(run.output)).toContain('Sequence-number drill');
  });

  it('a corrupt progress file: the first frame already says where it went', async () => {
    const home = progressHome();
    writeFileSync(join(home, 'progress.json'), '{not json');
    const run = await runHome({columns: 100, rows: 30}, {HS_TUTOR_HOME: home});
    expect(firstFrame(run.output)).toMatch(/progress/i);
    expect(run.code).toBe(0);
  });
});
