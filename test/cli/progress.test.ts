import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {openProgress, type ProgressDoc} from '../../src/progress/index.js';
import {answerQuestion, currentQuestion, sessionRecord, startInterview} from '../../src/quiz/index.js';
import {hsTutor, isOneSentence} from './run-cli.js';

let home: string;
const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => await hsTutor(['progress', ...args], {HS_TUTOR_HOME: home, ...env});
const json = async (env: NodeJS.ProcessEnv = {}) => {
  const result = await run(['--json'], env);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as ProgressDoc;
};
const EMPTY = {schemaVersion: 4, lessons: {}, quiz: {history: []}, review: {}, misconceptions: [], predictions: [], settings: {counting: 'client'}};
const day1 = new Date('2026-11-27T10:00:00.000Z');

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hs-tutor-cli-progress-'));
});

/** An interview drill of 10 questions on day 1: 7 right, 3 missed, saved as the TUI will. */
function takeDrill(): string[] {
  let session = startInterview({seed: 5, count: 10, now: day1});
  const missed: string[] = [];
  for (let i = 0; i < 10; i++) {
    const q = currentQuestion(session)!;
    if (i % 3 === 1) missed.push(q.id);
    session = answerQuestion(session, i % 3 === 1 ? (q.answer + 1) % q.choices.length : q.answer, new Date(day1.getTime() + i * 20_000)).session;
  }
  openProgress({home, now: () => day1}).recordQuizSession(sessionRecord(session));
  return missed;
}

describe('progress', () => {
  it('--path prints where the file is, creating nothing', async () => {
    const result = await run(['--path']);
    expect(result).toMatchObject({status: 0, stdout: `${join(home, 'progress.json')}\n`, stderr: ''});
    expect(readdirSync(home)).toEqual([]);
  });

  it('--json prints an empty document when nothing was done yet', async () => {
    expect(await json()).toEqual(EMPTY);
    expect((await run([])).stdout).toContain('none yet');
  });

  it('lists the misconceptions most frequent first, with the lesson frame that corrects them; export and import keep them', async () => {
    const store = openProgress({home, now: () => day1});
    store.recordMisconceptions(['time-wait-on-server', 'time-wait-on-server', 'ack-names-last-byte']);
    const doc = (await json()) as unknown as {misconceptions: unknown[]};
    expect(doc.misconceptions).toEqual([
      {id: 'time-wait-on-server', text: expect.stringContaining('TIME-WAIT is on the server'), count: 2, lesson: 'tcp-close', frame: expect.any(Number), frameId: 'ack-fin-2'},
      {id: 'ack-names-last-byte', text: expect.stringContaining('acknowledgment number'), count: 1, lesson: 'tcp-handshake', frame: 1, frameId: 'syn-ack'},
    ]);
    const text = (await run([])).stdout;
    expect(text).toContain('What your wrong answers show most');
    expect(text).toContain("practise this: 'hs-tutor quiz --practise time-wait-on-server'");
    const file = join(home, 'export.json');
    expect((await run(['--export', file])).status).toBe(0);
    const other = mkdtempSync(join(tmpdir(), 'hs-tutor-cli-progress-'));
    expect((await hsTutor(['progress', '--import', file], {HS_TUTOR_HOME: other})).status).toBe(0);
    expect(openProgress({home: other}).read().misconceptions).toEqual({'time-wait-on-server': 2, 'ack-names-last-byte': 1});
  });

  it('shows a drill and, the next day, the missed questions due for review', async () => {
    const missed = takeDrill();
    openProgress({home, now: () => day1}).saveLessonPosition('tls13', {part: 0, frame: 3, frameId: 'client-hello'});
    const doc = await json();
    expect(doc.quiz.history).toEqual([expect.objectContaining({mode: 'interview', asked: 10, correct: 7})]);
    expect(Object.keys(doc.review).sort()).toEqual([...missed].sort());
    expect(doc.lessons.tls13).toMatchObject({status: 'in-progress', frame: 3, frameId: 'client-hello'});

    const sameDay = await run([], {HS_TUTOR_NOW: '2026-11-27T18:00:00Z'});
    expect(sameDay.stdout).toContain('0 questions due now; 3 later, the next on 2026-11-28 04:00 UTC.');
    const nextDay = await run([], {HS_TUTOR_NOW: '2026-11-28T09:00:00Z'});
    expect(nextDay.status).toBe(0);
    expect(nextDay.stdout).toContain("3 questions due now ('hs-tutor review')");
    expect(nextDay.stdout).toContain('1 session, 7 of 10 answers right (70%); the last: interview, 7 of 10, 2026-11-27 10:03 UTC.');
    expect(nextDay.stdout).toMatch(/tls13 +in progress +part 1, frame 4 \(client-hello\)/);
  });

  it('a corrupt file is moved aside, the learner told in one sentence, and the command succeeds', async () => {
    writeFileSync(join(home, 'progress.json'), '{"schemaVersion": 1, "lessons": {"tls13": {"sta');
    const result = await run(['--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(EMPTY);
    expect(isOneSentence(result.stderr)).toBe(true);
    const aside = readdirSync(home).find((name) => name.startsWith('progress.json.corrupt-'))!;
    expect(result.stderr).toContain(join(home, aside));
    expect(readFileSync(join(home, aside), 'utf8')).toContain('"sta');
    expect((await run([])).stderr).toBe(''); // told once: the next run finds no corrupt file
  });

  it('--reset forgets one lesson, or everything', async () => {
    const store = openProgress({home});
    store.saveLessonPosition('tls13', {part: 0, frame: 3, frameId: 'client-hello'});
    store.saveLessonPosition('tcp-close', {part: 0, frame: 1, frameId: 'syn-ack'});
    expect((await run(['--reset', 'tls13'])).stdout).toBe("Forgot your progress in lesson 'tls13'.\n");
    expect(Object.keys((await json()).lessons)).toEqual(['tcp-close']);
    const missing = await run(['--reset', 'tcp-clos']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("hs-tutor: No progress is kept for a lesson 'tcp-clos'; did you mean 'tcp-close'?\n");
    expect((await run(['--reset'])).stdout).toContain('Forgot all progress');
    expect(await json()).toEqual(EMPTY);
  });

  it('--export and --import move progress to another home, merging', async () => {
    takeDrill();
    openProgress({home}).saveLessonPosition('tls13', {part: 0, frame: 9, frameId: 'response', status: 'completed'});
    const file = join(home, 'moved.json');
    expect((await run(['--export', file])).status).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as ProgressDoc;
    expect(exported).toEqual(await json());

    const first = home;
    home = mkdtempSync(join(tmpdir(), 'hs-tutor-cli-progress-'));
    openProgress({home}).saveLessonPosition('tcp-close', {part: 0, frame: 2, frameId: 'fin'});
    const imported = await run(['--import', file]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('1 lesson, 1 quiz session and 3 review questions added or updated');
    const merged = await json();
    expect(Object.keys(merged.lessons).sort()).toEqual(['tcp-close', 'tls13']);
    expect(merged.lessons.tls13?.status).toBe('completed');
    expect(merged.quiz.history).toEqual(exported.quiz.history);
    expect((await run(['--import', file])).stdout).toContain('0 lessons, 0 quiz sessions and 0 review questions');
    expect(existsSync(join(first, 'progress.json'))).toBe(true);
  });

  it.each([
    [['--import', 'no-such-file.json'], 1, 'Could not read'],
    [['--json', '--path'], 2, 'does one thing at a time'],
    [['tls13'], 2, '--reset <lesson-id>'],
    [['--reset', 'a', 'b'], 2, 'give one lesson id or none'],
  ])('%j exits %d with one sentence and nothing on stdout', async (args, status, message) => {
    const result = await run(args);
    expect(result.status).toBe(status);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(isOneSentence(result.stderr)).toBe(true);
  });

  it('importing a file that is not progress fails with exit 1 and changes nothing', async () => {
    const bad = join(home, 'bad.json');
    writeFileSync(bad, '[1, 2, 3]');
    const result = await run(['--import', bad]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not a progress file that can be imported: it is not a JSON object');
    expect(existsSync(join(home, 'progress.json'))).toBe(false);
  });

  it('a file written by a newer hs-tutor is left alone: exit 1', async () => {
    writeFileSync(join(home, 'progress.json'), '{"schemaVersion": 7}');
    const result = await run(['--json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('newer hs-tutor');
    expect(readFileSync(join(home, 'progress.json'), 'utf8')).toBe('{"schemaVersion": 7}');
  });
});
