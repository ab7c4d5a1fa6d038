import {execFileSync} from 'node:child_process';
import {existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {openProgress, parseProgressText, ProgressError, type ProgressStore} from '../../src/progress/index.js';
import {acquireLock, LockTimeoutError} from '../../src/progress/lock.js';

let home: string;
let clock: Date;
const now = () => clock;
const open = (extra: Parameters<typeof openProgress>[0] = {}): ProgressStore => openProgress({home, now, ...extra});
const file = () => join(home, 'progress.json');
const onDisk = () => parseProgressText(readFileSync(file(), 'utf8'));

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hs-tutor-progress-'));
  clock = new Date('2026-11-27T10:00:00.000Z');
});

describe('progress store: location', () => {
  it('lives in HS_TUTOR_HOME, or in the home option', () => {
    expect(openProgress({env: {HS_TUTOR_HOME: home}}).path).toBe(join(home, 'progress.json'));
    expect(openProgress({home, env: {HS_TUTOR_HOME: '/elsewhere'}}).path).toBe(join(home, 'progress.json'));
  });

  it('creates nothing until something is saved', () => {
    const store = open({home: join(home, 'not-yet')});
    expect(store.read()).toEqual({schemaVersion: 4, lessons: {}, quiz: {history: []}, review: {}, misconceptions: {}, predictions: [], settings: {counting: 'client'}});
    expect(existsSync(join(home, 'not-yet'))).toBe(false);
    store.saveLessonPosition('tls13', {part: 0, frame: 1, frameId: 'syn-ack'});
    expect(existsSync(join(home, 'not-yet', 'progress.json'))).toBe(true);
  });
});

describe('progress store: lessons', () => {
  it('saves the position with the time from the injected clock', () => {
    const store = open();
    const saved = store.saveLessonPosition('tls13', {part: 0, frame: 3, frameId: 'client-hello'});
    expect(saved).toEqual({status: 'in-progress', part: 0, frame: 3, frameId: 'client-hello', updatedAt: '2026-11-27T10:00:00.000Z', checkpoints: []});
    expect(onDisk().lessons.tls13).toEqual(saved);
    expect(open().lesson('tls13')).toEqual(saved);
  });

  it('knows the lesson saved last, for Continue', () => {
    const store = open();
    expect(store.latestLesson()).toBeUndefined();
    store.saveLessonPosition('tls13', {part: 0, frame: 3, frameId: 'client-hello'});
    clock = new Date('2026-11-27T11:00:00.000Z');
    store.saveLessonPosition('tcp-close', {part: 0, frame: 1, frameId: 'syn-ack'});
    expect(store.latestLesson()?.id).toBe('tcp-close');
    clock = new Date('2026-11-27T12:00:00.000Z');
    store.saveLessonPosition('tls13', {part: 0, frame: 4, frameId: 'server-flight'});
    expect(store.latestLesson()).toMatchObject({id: 'tls13', progress: {frame: 4}});
  });

  it('never moves a lesson back from completed, except by reset', () => {
    const store = open();
    store.saveLessonPosition('tcp-close', {part: 0, frame: 9, frameId: 'ack#2', status: 'completed'});
    expect(store.saveLessonPosition('tcp-close', {part: 0, frame: 2, frameId: 'ack'}).status).toBe('completed');
    expect(store.resetLesson('tcp-close')).toBe(true);
    expect(store.resetLesson('tcp-close')).toBe(false);
    expect(store.lesson('tcp-close')).toBeUndefined();
  });

  it('resetAll forgets everything', () => {
    const store = open();
    store.saveLessonPosition('a', {part: 0, frame: 1, frameId: null});
    store.recordQuizSession({entry: {at: clock.toISOString(), mode: 'quiz', asked: 1, correct: 0, topics: {}}, outcomes: [{key: 'k', correct: false}]});
    store.resetAll();
    expect(onDisk()).toEqual({schemaVersion: 4, lessons: {}, quiz: {history: []}, review: {}, misconceptions: {}, predictions: [], settings: {counting: 'client'}});
  });
});

describe('progress store: quiz and review', () => {
  it('records a session and puts missed questions in box 1, due the next day', () => {
    const store = open();
    const doc = store.recordQuizSession({
      entry: {at: clock.toISOString(), mode: 'interview', asked: 2, correct: 1, topics: {tls13: [1, 2]}},
      outcomes: [{key: 'missed', correct: false}, {key: 'known', correct: true}],
    });
    expect(doc.quiz.history).toHaveLength(1);
    expect(doc.review).toEqual({missed: {box: 1, due: '2026-11-28T04:00:00.000Z', at: '2026-11-27T10:00:00.000Z'}});
    clock = new Date('2026-11-28T09:00:00.000Z');
    const after = store.recordAnswers([{key: 'missed', correct: true}]);
    expect(after.review.missed).toEqual({box: 2, due: '2026-11-30T03:00:00.000Z', at: '2026-11-28T09:00:00.000Z'});
  });
});

describe('progress store: a corrupt or unreadable file', () => {
  it.each([
    ['truncated JSON', '{"schemaVersion": 1, "lessons": {"tls13": {"status": "in-pro'],
    ['an empty file', ''],
    ['JSON that is not a progress document', '{"lessons": "all of them"}'],
  ])('%s is moved aside with a timestamped name, the learner told in one sentence, and a fresh store goes on', (_, content) => {
    writeFileSync(file(), content);
    const heard: string[] = [];
    const store = open({onNotice: (s) => heard.push(s)});
    const aside = join(home, 'progress.json.corrupt-2026-11-27T10-00-00-000Z');
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(store.notices).toHaveLength(1);
    expect(heard).toEqual(store.notices);
    const sentence = store.notices[0]!;
    expect(sentence).toContain(aside);
    expect(sentence.split('\n')).toHaveLength(1);
    expect(sentence).toMatch(/^The progress file .* was moved to .* and a fresh one was started\.$/);
    expect(existsSync(file())).toBe(false);
    store.saveLessonPosition('tls13', {part: 0, frame: 1, frameId: 'syn-ack'});
    expect(onDisk().lessons.tls13?.frame).toBe(1);
  });

  it('a second corrupt file in the same millisecond gets its own name', () => {
    writeFileSync(file(), 'x');
    open();
    writeFileSync(file(), 'y');
    const store = open();
    expect(store.notices[0]).toContain('corrupt-2026-11-27T10-00-00-000Z-1');
    expect(readdirSync(home).filter((n) => n.includes('corrupt')).sort()).toHaveLength(2);
  });

  it('something that is not a file where the file should be (a folder, a FIFO) is refused in one sentence, not touched', () => {
    mkdirSync(file());
    expect(() => open()).toThrow(ProgressError);
    expect(() => open()).toThrow(/is a folder, not a file, so progress cannot be kept there; move it away, or set HS_TUTOR_HOME/);
    rmSync(file(), {recursive: true});
    execFileSync('mkfifo', [file()]);
    // Opening a FIFO for reading would wait for a writer forever; it is refused at once.
    expect(() => open()).toThrow(/is a named pipe \(FIFO\), not a file/);
    expect(lstatSync(file()).isFIFO()).toBe(true);
  });

  it('a file from a newer hs-tutor is left alone and reported as an error', () => {
    const newer = JSON.stringify({schemaVersion: 99, lessons: {}});
    writeFileSync(file(), newer);
    expect(() => open()).toThrow(ProgressError);
    expect(() => open()).toThrow(/newer hs-tutor/);
    expect(readFileSync(file(), 'utf8')).toBe(newer);
  });
});

describe('progress store: export and import', () => {
  it('exports the document and imports it elsewhere by merging', () => {
    const a = open();
    a.saveLessonPosition('tls13', {part: 0, frame: 5, frameId: 'server-flight', status: 'completed'});
    a.recordQuizSession({entry: {at: clock.toISOString(), mode: 'quiz', asked: 3, correct: 2, topics: {tls13: [2, 3]}}, outcomes: [{key: 'q', correct: false}]});
    const exported = join(home, 'exported.json');
    a.exportTo(exported);
    expect(parseProgressText(readFileSync(exported, 'utf8'))).toEqual(a.read());

    const otherHome = mkdtempSync(join(tmpdir(), 'hs-tutor-progress-'));
    clock = new Date('2026-11-27T12:00:00.000Z');
    const b = openProgress({home: otherHome, now});
    b.saveLessonPosition('tls13', {part: 0, frame: 1, frameId: 'syn-ack'});
    b.saveLessonPosition('tcp-close', {part: 0, frame: 2, frameId: 'fin'});
    expect(b.importFrom(exported)).toEqual({lessons: 1, sessions: 1, reviews: 1});
    const merged = b.read();
    expect(merged.lessons.tls13).toMatchObject({status: 'completed', frame: 1});
    expect(merged.lessons['tcp-close']?.frame).toBe(2);
    expect(merged.quiz.history).toHaveLength(1);
    expect(b.importFrom(exported)).toEqual({lessons: 0, sessions: 0, reviews: 0});
  });

  it('refuses a file that is not a progress document, changing nothing', () => {
    const bad = join(home, 'bad.json');
    writeFileSync(bad, '{"hello": [');
    const store = open();
    expect(() => store.importFrom(bad)).toThrow(/not a progress file/);
    expect(() => store.importFrom(join(home, 'missing.json'))).toThrow(ProgressError);
    expect(existsSync(file())).toBe(false);
  });
});

describe('progress store: locks and leftovers', () => {
  it('breaks a lock left by a process that is gone', () => {
    writeFileSync(`${file()}.lock`, `999999 ${hostname()} 0 dead`);
    const started = Date.now();
    open().saveLessonPosition('a', {part: 0, frame: 1, frameId: null});
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(`${file()}.lock`)).toBe(false);
  });

  it('breaks an empty lock once it is old (its owner died between create and write)', () => {
    writeFileSync(`${file()}.lock`, '');
    const old = new Date(Date.now() - 5000);
    utimesSync(`${file()}.lock`, old, old);
    open().saveLessonPosition('a', {part: 0, frame: 1, frameId: null});
    expect(onDisk().lessons.a?.frame).toBe(1);
  });

  it('waits for a live owner, then gives up with an error naming it', () => {
    const lock = acquireLock(`${file()}.lock`);
    try {
      expect(() => acquireLock(`${file()}.lock`, {timeoutMs: 100})).toThrow(LockTimeoutError);
      expect(() => acquireLock(`${file()}.lock`, {timeoutMs: 100})).toThrow(`process ${process.pid}`);
    } finally {
      lock.release();
    }
  });

  it('removes temporary files that killed writers left behind', () => {
    const orphan = `${file()}.999999.abcd.tmp`;
    writeFileSync(orphan, '{"half');
    const old = new Date(Date.now() - 5000);
    utimesSync(orphan, old, old);
    open();
    expect(existsSync(orphan)).toBe(false);
  });

  it('saves again and again into a realistically full file and keeps every record (its time is a bench figure, not a test)', () => {
    const store = open();
    for (let i = 0; i < 30; i++) store.saveLessonPosition(`lesson-${i}`, {part: 0, frame: i, frameId: `f${i}`});
    store.recordQuizSession({
      entry: {at: clock.toISOString(), mode: 'quiz', asked: 300, correct: 0, topics: {tls13: [0, 300]}},
      outcomes: Array.from({length: 300}, (_, i) => ({key: `requestSentRtt?tls=1.3&q=${i}`, correct: false})),
    });
    for (let i = 0; i < 200; i++) store.recordQuizSession({entry: {at: clock.toISOString(), mode: 'quiz', asked: 10, correct: i % 10, topics: {tls13: [i % 10, 10]}}, outcomes: []});
    for (let i = 0; i < 100; i++) store.saveLessonPosition('tls13', {part: 0, frame: i, frameId: `f${i}`});
    const doc = store.read();
    expect(doc.lessons.tls13).toMatchObject({frame: 99, frameId: 'f99'});
    expect(Object.keys(doc.lessons)).toHaveLength(31);
    expect(doc.quiz.history).toHaveLength(201);
    expect(Object.keys(doc.review)).toHaveLength(300);
  });
});
