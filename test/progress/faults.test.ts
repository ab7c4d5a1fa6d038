// Every input and every fault: progress files and imports with prototype keys, escape sequences,
// huge numbers; files that are not files (FIFOs, folders, devices, links) where the store, its
// lock, an import or an export should be; a reset that must be confirmed. Each gets one sentence
// and the documented exit code, returns at once, loses nothing and lets nothing raw reach the
// terminal.
import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {beforeEach, describe, expect, it} from 'vitest';
import {progress} from '../../src/cli/progress.js';
import {openProgress} from '../../src/progress/index.js';
import {readRegularFile, writeFilesSafely} from '../../src/progress/safe-files.js';
import {hsTutor, hsTutorProcess, isOneSentence} from '../cli/run-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hs-tutor-faults-'));
});

const T = '2026-12-01T10:00:00.000Z';
const lesson = {status: 'in-progress', part: 0, frame: 1, frameId: 'syn-ack', updatedAt: T, checkpoints: []};
const doc = (over: Record<string, unknown> = {}) => ({schemaVersion: 4, lessons: {}, quiz: {history: []}, review: {}, misconceptions: {}, predictions: [], settings: {counting: 'client'}, ...over});
const run = (args: string[]) => hsTutor(['progress', ...args], {HS_TUTOR_HOME: home});
/** Nothing that can move the cursor, retitle the window or write the clipboard. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function importFile(content: unknown): string {
  const file = join(home, `import-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('prototype keys and other ids from outside', () => {
  it('lessons named constructor or toString are plain lessons: imported, shown, kept, never taken for corruption', async () => {
    const file = importFile(doc({lessons: {constructor: lesson, tostring: lesson, 'to-string': lesson}}));
    expect((await run(['--import', file])).status).toBe(0);
    const text = await run([]);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('constructor');
    expect(readdirSync(home).filter((n) => n.includes('corrupt'))).toEqual([]);
    expect(Object.keys(openProgress({home}).read().lessons).sort()).toEqual(['constructor', 'to-string', 'tostring']);
    // A lesson the store has no place for gives no place, whatever its name.
    expect(openProgress({home}).lesson('toString')).toBeUndefined();
    expect(openProgress({home}).lesson('hasOwnProperty')).toBeUndefined();
  });

  it('an import with __proto__, an escape sequence or an over-long id is refused whole, in one sentence, and nothing changes', async () => {
    const before = await run(['--json']);
    for (const bad of [
      '{"schemaVersion":3,"lessons":{"__proto__":' + JSON.stringify(lesson) + '},"quiz":{"history":[]},"review":{},"misconceptions":{},"predictions":[]}',
      doc({lessons: {'a\u001b]0;pwned\u0007': lesson}}),
      doc({lessons: {['x'.repeat(65)]: lesson}}),
      doc({misconceptions: {'\u001b[2J': 1}}),
      doc({review: {'key\u0007': {box: 1, due: T}}}),
    ]) {
      const result = await run(['--import', importFile(bad)]);
      expect(result.status).toBe(1);
      expect(isOneSentence(result.stderr)).toBe(true);
      expect(result.stderr).toMatch(/is not a progress file that can be imported/);
      expect(result.stderr).not.toMatch(RAW);
    }
    expect((await run(['--json'])).stdout).toBe(before.stdout);
  });

  it('numbers beyond any real count are refused (no "Infinity%")', async () => {
    const result = await run(['--import', importFile(doc({quiz: {history: [{at: T, mode: 'quiz', asked: 1e308, correct: 1e308, topics: {}}]}}))]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is more than 1000000');
    const more = await run(['--import', importFile(doc({quiz: {history: [{at: T, mode: 'quiz', asked: 2, correct: 3, topics: {}}]}}))]);
    expect(more.stderr).toContain('quiz.history[0].correct" is more than were asked');
  });

  it('a progress file that already holds escape sequences (written by hand) shows them neutralized', async () => {
    writeFileSync(join(home, 'progress.json'), JSON.stringify(doc({lessons: {'evil\u001b]52;c;cHduZWQ=\u0007\u001b[2J': {...lesson, frameId: 'x\u001b[1A'}}})));
    const text = await run([]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('evil');
    expect(text.stdout).not.toMatch(RAW);
  });

  it('generated documents, prototype keys and control characters included: import then export loses nothing, and nothing raw reaches the terminal', async () => {
    const id = fc.oneof(fc.constantFrom('constructor', 'tostring', 'valueof', 'a', 'tls13', 'x-1'), fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/));
    const anyKey = fc.oneof(id, fc.constantFrom('__proto__', 'toString', 'a\u001b[2J', 'b\u0007', 'é', ''));
    const entry = fc.record({status: fc.constantFrom('in-progress', 'skimmed', 'completed'), part: fc.nat(3), frame: fc.nat(20), frameId: fc.oneof(fc.constant(null), fc.constantFrom('syn', 'ack#2', 'x\u001b[A')), updatedAt: fc.constant(T)});
    await fc.assert(
      fc.asyncProperty(fc.dictionary(anyKey, entry, {maxKeys: 5}), fc.dictionary(anyKey, fc.integer({min: 0, max: 2_000_000}), {maxKeys: 3}), async (lessons, misconceptions) => {
        home = mkdtempSync(join(tmpdir(), 'hs-tutor-faults-'));
        const file = importFile(JSON.stringify(doc({lessons, misconceptions})));
        const result = await run(['--import', file]);
        expect(result.stderr).not.toMatch(RAW);
        expect(result.stdout).not.toMatch(RAW);
        const valid =
          Object.keys(lessons).every((k) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(k) && k.length <= 64) &&
          Object.values(lessons).every((l) => l.frameId === null || !RAW.test(l.frameId)) &&
          Object.keys(misconceptions).every((k) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(k)) &&
          Object.values(misconceptions).every((n) => n <= 1_000_000);
        expect(result.status).toBe(valid ? 0 : 1);
        if (!valid) return;
        const exported = join(home, 'out.json');
        expect((await run(['--export', exported])).status).toBe(0);
        const other = mkdtempSync(join(tmpdir(), 'hs-tutor-faults-'));
        expect((await hsTutor(['progress', '--import', exported], {HS_TUTOR_HOME: other})).status).toBe(0);
        expect(openProgress({home: other}).read().lessons).toEqual(openProgress({home}).read().lessons);
        expect(openProgress({home: other}).read().misconceptions).toEqual(openProgress({home}).read().misconceptions);
        const summary = await hsTutor(['progress'], {HS_TUTOR_HOME: other});
        expect(summary.stdout).not.toMatch(RAW);
      }),
      {numRuns: 40, seed: 20261204},
    );
  });

  it('--set __proto__=x and --set constructor=x are unknown knobs, not silently dropped', async () => {
    for (const knob of ['__proto__', 'constructor']) {
      const result = await hsTutor(['show', 'tls13', '--set', `${knob}=x`]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^hs-tutor: Unknown knob '${knob}'`));
    }
  });

  it('an argument with escape sequences is echoed neutralized', async () => {
    const result = await hsTutor(['show', 'tls\u001b]0;pwned\u0007\u001b[2J13']);
    expect(result.status).toBe(2);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).not.toMatch(RAW);
  });
});

describe('files that are not files', () => {
  const fifo = (path: string) => execFileSync('mkfifo', [path]);

  it('a folder or a FIFO in the lock\'s place: one sentence at once, no spinning', async () => {
    mkdirSync(join(home, 'progress.json.lock'));
    const started = Date.now();
    const result = await run(['--reset', '--yes']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/progress\.json\.lock is not a regular file, so it cannot be a lock; remove it and try again\.\n$/);
    execFileSync('rmdir', [join(home, 'progress.json.lock')]);
    fifo(join(home, 'progress.json.lock'));
    const again = await run(['--reset', '--yes']);
    expect(again.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000); // not the 5 s lock timeout, nor forever
  });

  it('an import that is a FIFO, a folder or too big is refused without reading it', async () => {
    fifo(join(home, 'in.fifo'));
    const fromFifo = await run(['--import', join(home, 'in.fifo')]);
    expect(fromFifo.status).toBe(1);
    expect(fromFifo.stderr).toMatch(/is a named pipe \(FIFO\), not a file; nothing was imported\.\n$/);
    expect((await run(['--import', home])).stderr).toMatch(/is a folder, not a file/);
    const big = join(home, 'big.json');
    writeFileSync(big, `{"pad": "${'x'.repeat(4 * 1_048_576)}"}`);
    const tooBig = await run(['--import', big]);
    expect(tooBig.status).toBe(1);
    expect(tooBig.stderr).toMatch(/is 4 MB, more than the 4 MB allowed; nothing was imported/);
  });

  it('--export: never over a file without --force, never through a link, never into a FIFO or a device; 0600, and a replaced file keeps its mode', async () => {
    openProgress({home}).saveLessonPosition('tls13', {part: 0, frame: 2, frameId: 'ack'});
    const out = join(home, 'out.json');
    expect((await run(['--export', out])).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const again = await run(['--export', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists; add --force to replace it/);
    chmodSync(out, 0o640);
    expect((await run(['--export', out, '--force'])).status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o640);

    const target = join(home, 'elsewhere.json');
    symlinkSync(target, join(home, 'link.json'));
    const link = await run(['--export', join(home, 'link.json'), '--force']);
    expect(link.status).toBe(1);
    expect(link.stderr).toMatch(/is a symbolic link; hs-tutor does not write through links/);
    expect(existsSync(target)).toBe(false);
    expect(lstatSync(join(home, 'link.json')).isSymbolicLink()).toBe(true);

    fifo(join(home, 'out.fifo'));
    const intoFifo = await run(['--export', join(home, 'out.fifo'), '--force']);
    expect(intoFifo.status).toBe(1);
    expect(intoFifo.stderr).toMatch(/is a named pipe \(FIFO\), not a file/);
    const device = await run(['--export', '/dev/full', '--force']);
    expect(device.status).toBe(1);
    expect(device.stderr).toMatch(/'\/dev\/full' is a device, not a file/);
    expect(readdirSync(home).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('several files are written all or none: one that fails leaves no other behind, and no temporary file', () => {
    const ok = join(home, 'trace.pcap');
    expect(() => writeFilesSafely([{path: ok, data: 'pcap'}, {path: join(home, 'missing', 'keys.log'), data: 'keys'}], false)).toThrow(/ENOENT/);
    expect(readdirSync(home)).toEqual([]);
    writeFileSync(ok, 'old');
    expect(() => writeFilesSafely([{path: ok, data: 'new'}, {path: join(home, 'missing', 'keys.log'), data: 'keys'}], true)).toThrow();
    expect(readFileSync(ok, 'utf8')).toBe('old');
    expect(readdirSync(home)).toEqual(['trace.pcap']);
  });

  it('export --pcap onto a link or a FIFO is refused and nothing is written', async () => {
    symlinkSync(join(home, 'real.pcap'), join(home, 'l.pcap'));
    const result = await hsTutor(['export', 'tls13', '--pcap', join(home, 'l.pcap'), '--force']);
    expect(result.status).toBe(1);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(existsSync(join(home, 'real.pcap'))).toBe(false);
  });

  it('reading a FIFO returns at once instead of waiting for a writer', () => {
    fifo(join(home, 'p'));
    expect(() => readRegularFile(join(home, 'p'), 1000)).toThrow(/named pipe/);
  });

  it('a full standard output is one sentence and exit 1, not a stack trace', () => {
    const result = hsTutorProcess(['list', '--json'], {}, '/dev/full');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('hs-tutor: Could not write the output: the disk is full.\n');
  });
});

describe('reset', () => {
  it('an unknown lesson is a usage error; in a terminal, forgetting asks first (--yes does not)', async () => {
    openProgress({home}).saveLessonPosition('tls13', {part: 0, frame: 2, frameId: 'ack'});
    expect((await run(['--reset', 'tls31'])).status).toBe(2);
    const asked: string[] = [];
    const out = {write: (s: string) => void asked.push(s), color: false, width: 80};
    const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', {value: true, configurable: true});
    const env = process.env.HS_TUTOR_HOME;
    process.env.HS_TUTOR_HOME = home;
    try {
      const questions: string[] = [];
      expect(await progress(['progress', '--reset'], out, async (q) => (questions.push(q), false))).toBe(0);
      expect(questions[0]).toMatch(/^Forget all progress .*\? \[y\/N\] $/);
      expect(asked.join('')).toBe('Nothing was forgotten.\n');
      expect(openProgress({home}).lesson('tls13')).toBeDefined();
      expect(await progress(['progress', '--reset', 'tls13'], out, async () => true)).toBe(0);
      expect(openProgress({home}).lesson('tls13')).toBeUndefined();
      openProgress({home}).saveLessonPosition('tls13', {part: 0, frame: 2, frameId: 'ack'});
      expect(await progress(['progress', '--reset', '--yes'], out, async () => {
        throw new Error('--yes must not ask');
      })).toBe(0);
      expect(openProgress({home}).lesson('tls13')).toBeUndefined();
    } finally {
      if (tty) Object.defineProperty(process.stdin, 'isTTY', tty);
      else delete (process.stdin as {isTTY?: boolean}).isTTY;
      if (env === undefined) delete process.env.HS_TUTOR_HOME;
      else process.env.HS_TUTOR_HOME = env;
    }
  });
});
