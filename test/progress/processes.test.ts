// Real processes against one progress file: concurrent writers must not lose each other's
// updates, and a writer killed with SIGKILL at any moment must leave a whole, valid file.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import * as esbuild from 'esbuild';
import {parseProgressText} from '../../src/progress/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let worker: string;

beforeAll(() => {
  // The worker, bundled with the progress store from the current sources (milliseconds).
  const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-worker-'));
  worker = join(dir, 'worker.mjs');
  // argv: home, name, count (0 = forever). Prints "ready" after its first save.
  const source = `import {openProgress} from './src/progress/index.ts';
const [home, name, countText] = process.argv.slice(2);
const count = Number(countText);
const store = openProgress({home});
for (let i = 0; count === 0 || i < count; i++) {
  store.saveLessonPosition(name + '-lesson-' + (count === 0 ? 0 : i), {part: 0, frame: i, frameId: 'f' + i});
  store.recordQuizSession({
    entry: {at: new Date(Date.UTC(2026, 10, 27, 0, 0, 0, i)).toISOString(), mode: 'quiz', asked: 1, correct: 0, topics: {[name]: [0, 1]}},
    outcomes: [{key: name + '-q' + i, correct: false}],
  });
  if (i === 0) process.stdout.write('ready\\n');
  // Writing forever, a worker breathes between saves, as a real program does between keys: two
  // hot loops on a loaded machine only measure which one the scheduler starves.
  if (count === 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
`;
  esbuild.buildSync({stdin: {contents: source, resolveDir: root, loader: 'ts'}, bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'error'});
});

function start(home: string, name: string, count: number): ChildProcess {
  return spawn(process.execPath, [worker, home, name, String(count)], {stdio: ['ignore', 'pipe', 'pipe']});
}

function finished(child: ChildProcess): Promise<{code: number | null; stderr: string}> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({code, stderr})));
}

function ready(child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('close', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before its first save: ${stderr}`)));
  });
}

describe('progress file shared by real processes', () => {
  it('4 processes × 50 lesson saves and 50 quiz sessions each: nothing is lost', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hs-tutor-concurrent-'));
    const names = ['p1', 'p2', 'p3', 'p4'];
    const results = await Promise.all(names.map((name) => finished(start(home, name, 50))));
    for (const result of results) expect(result).toEqual({code: 0, stderr: ''});
    const doc = parseProgressText(readFileSync(join(home, 'progress.json'), 'utf8'));
    expect(Object.keys(doc.lessons)).toHaveLength(200);
    expect(doc.quiz.history).toHaveLength(200);
    expect(Object.keys(doc.review)).toHaveLength(200);
    for (const name of names) {
      for (let i = 0; i < 50; i++) {
        expect(doc.lessons[`${name}-lesson-${i}`]?.frame).toBe(i);
        expect(doc.review[`${name}-q${i}`]?.box).toBe(1);
      }
      expect(doc.quiz.history.filter((e) => e.topics[name] !== undefined)).toHaveLength(50);
    }
    expect(readdirSync(home).sort()).toEqual(['progress.json']);
  }, 60_000);

  it('a writer killed with SIGKILL at any moment always leaves a whole file, and the next one goes on', async () => {
    const home = mkdtempSync(join(tmpdir(), 'hs-tutor-kill-'));
    const file = join(home, 'progress.json');
    let sessions = 0;
    for (let round = 0; round < 16; round++) {
      // Two writers at once, so that kills land inside and outside the lock.
      const children = [start(home, 'a', 0), start(home, 'b', 0)];
      const done = children.map(finished);
      try {
        await Promise.all(children.map(ready));
        // Kills spread over the first 30 ms of writing, the same spread every run (no randomness).
        await new Promise((resolve) => setTimeout(resolve, (round * 2) % 31));
      } finally {
        // Writers that run forever are never left behind, whatever failed.
        for (const child of children) child.kill('SIGKILL');
        await Promise.all(done);
      }
      const doc = parseProgressText(readFileSync(file, 'utf8')); // throws if truncated or invalid
      // Every round adds at least the two sessions each writer saved before saying "ready".
      expect(doc.quiz.history.length).toBeGreaterThanOrEqual(sessions + 2);
      sessions = doc.quiz.history.length;
    }
    expect(readdirSync(home).filter((name) => name.endsWith('.corrupt'))).toEqual([]);
  }, 120_000);
});
