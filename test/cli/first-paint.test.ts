// The home screen painted before Ink loads (src/cli/first-paint.ts) must be exactly what Ink
// then draws: the built program runs in a real pseudo-terminal (util-linux `script`), once as
// usual and once with the paint ruled out (CONTINUOUS_INTEGRATION=false: not CI for Ink, but the
// paint stays away from any CI variable), and everything it writes must be byte for byte the same
// apart from the cursor-home after entering the alternate screen. Ink's matching first frame is
// then not written a second time. Nothing here is timed.
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

/** Runs `hs-tutor` in a pty of the given size until its first frame is complete, then presses q. */
function runHome(size: {columns: number; rows: number}, env: NodeJS.ProcessEnv): Promise<Run> {
  const full: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', ...env};
  for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR', 'HS_TUTOR_LESSONS']) if (!(name in env)) delete full[name];
  const shell = `stty cols ${size.columns} rows ${size.rows} -echo; exec ${process.execPath} bin/hs-tutor.js`;
  const child = spawn('script', ['-q', '-e', '-c', shell, '/dev/null'], {cwd: root, env: full, stdio: ['pipe', 'pipe', 'inherit']});
  let output = '';
  child.stdout.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let pressed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no complete frame in 30 s; the output was ${JSON.stringify(output)}`));
    }, 30_000);
    child.stdout.on('data', (data: string) => {
      output += data;
      const frameEnd = output.indexOf(ESU);
      const sentence = /needs a window of at least/.test(output);
      if (!pressed && (frameEnd !== -1 || sentence)) {
        pressed = true;
        // Long enough for a second frame to show up if Ink were to draw one.
        setTimeout(() => child.stdin.write('q'), 400);
        if (sentence) setTimeout(() => child.stdin.write('\x03'), 400);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({output, code});
    });
  });
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
    ['with progress, 132×43', {columns: 132, rows: 43}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS)})],
    ['NO_COLOR', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS), NO_COLOR: '1'})],
    ['a TERM chalk does not colour', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome(PROGRESS), TERM: 'unknown-terminal'})],
  ])('%s: is what Ink draws, and Ink does not draw it again', async (_name, size, env) => {
    const {painted, plain} = await compare(size, env());
    expect(painted.output.startsWith(ENTER + HOME + BSU)).toBe(true);
    expect(plain.output.startsWith(ENTER + BSU)).toBe(true);
    expect(painted.output.slice((ENTER + HOME).length)).toBe(plain.output.slice(ENTER.length));
    // One frame until q: the painted one; then Ink's goodbye.
    expect(painted.output.split(BSU)).toHaveLength(2);
  });

  it.each([
    ['a window too small', {columns: 60, rows: 20}, () => ({HS_TUTOR_HOME: progressHome()})],
    ['HS_TUTOR_LESSONS', {columns: 100, rows: 30}, () => ({HS_TUTOR_HOME: progressHome(), HS_TUTOR_LESSONS: join(root, 'examples', 'lesson-pack')})],
    ['a corrupt progress file', {columns: 100, rows: 30}, () => {
      const home = progressHome();
      writeFileSync(join(home, 'progress.json'), '{not json');
      return {HS_TUTOR_HOME: home};
    }],
  ])('%s: nothing is painted early', async (_name, size, env) => {
    const run = await runHome(size, env());
    expect(run.output.startsWith(ENTER + HOME)).toBe(false);
  });
});
