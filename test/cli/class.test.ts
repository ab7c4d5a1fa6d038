// `hs-tutor class …` arguments: every mistake is one sentence and exit 2 before any network or
// terminal is touched; an existing results file is exit 1; without a terminal, exit 2.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {exportHostKey, newHostKey} from '../../src/class/handshake.js';
import {JournalWriter} from '../../src/class/journal.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {addressesToShow, defaultCsvPath, parseAddress} from '../../src/cli/class.js';
import {hsTutor, isOneSentence} from './run-cli.js';

describe('hs-tutor class: arguments', () => {
  it.each([
    [['class'], "'hs-tutor class' needs host, join or report"],
    [['class', 'hots'], "did you mean 'host'?"],
    [['class', 'report'], "'hs-tutor class report' needs a class's journal"],
    [['class', 'report', 'a.journal', '--json', '--csv', 'r.csv'], '--json and --csv are two forms of the report; choose one.'],
    [['class', 'report', 'a.journal', '--port', '1'], "--port is not an option of 'class report'"],
    [['class', 'host', '--json'], "--json is for 'class report', not 'class host'"],
    [['class', 'host', 'extra'], 'takes no arguments'],
    [['class', 'host', '--port', '70000'], 'The port must be a whole number from 1 to 65535 (0 lets the system pick one)'],
    [['class', 'host', '--host', 'my-laptop'], '--host must be an IP address of this machine'],
    [['class', 'host', '--lesson', 'tls14'], "Unknown lesson 'tls14'"],
    [['class', 'host', '--code', '482109375512'], "--code is for 'class join', not 'class host'"],
    [['class', 'host', '--csv='], '--csv needs a file name'],
    [['class', 'host', '--resume='], "--resume needs the class's journal"],
    [['class', 'host', '--resume', 'x.journal', '--lesson', 'tls13'], '--lesson does not go with --resume: a resumed class keeps its lesson, code and results file from the journal'],
    [['class', 'join', '10.0.0.1:7443', '--code', '482109375512', '--resume', 'x.journal'], "--resume is for 'class host', not 'class join'"],
    [['class', 'join'], "needs the address the instructor's screen shows"],
    [['class', 'join', '10.0.0.1:7443'], 'needs the join code with --code'],
    [['class', 'join', '10.0.0.1:http', '--code', '482109375512'], "The port must be a whole number from 1 to 65535, not 'http'"],
    [['class', 'join', '10.0.0.1:7443', '--code', '1234'], 'The join code is 12 digits'],
    [['class', 'join', '10.0.0.1:7443', '--code', '482109375512', '--port', '1'], "--port is for 'class host', not 'class join'"],
    [['class', 'join', '10.0.0.1:7443', '--code', '482109375512', '--name', '\u001b[2J'], 'Your name has no letters or digits left'],
  ])('%j exits 2 with one sentence', async (args, sentence) => {
    const result = await hsTutor(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(sentence);
    expect(isOneSentence(result.stderr), result.stderr).toBe(true);
    expect(result.stdout).toBe('');
  });

  it('an existing --csv file is not overwritten without --force (exit 1)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hs-tutor-csv-')), 'results.csv');
    writeFileSync(file, 'keep me');
    const result = await hsTutor(['class', 'host', '--csv', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`'${file}' already exists; add --force to overwrite it`);
    // With --force the file is accepted; then the missing terminal stops it (exit 2).
    expect((await hsTutor(['class', 'host', '--csv', file, '--force'])).status).toBe(2);
  });

  it('a journal that is missing, not a journal, or an earlier class\'s is one sentence and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-journal-'));
    const missing = await hsTutor(['class', 'host', '--resume', join(dir, 'none.journal')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`There is no journal at '${join(dir, 'none.journal')}'`);
    const csv = join(dir, 'results.csv');
    writeFileSync(csv, 'question,source\n');
    const notOne = await hsTutor(['class', 'host', '--resume', csv]);
    expect(notOne.status).toBe(1);
    expect(notOne.stderr).toContain("is not a class journal hs-tutor can resume: its first line is not a class journal's header");
    expect(isOneSentence(notOne.stderr), notOne.stderr).toBe(true);
    // A fresh class never starts over the journal of an earlier one with the same results file.
    writeFileSync(join(dir, 'old.journal'), 'keep');
    const earlier = await hsTutor(['class', 'host', '--csv', join(dir, 'old.csv')]);
    expect(earlier.status).toBe(1);
    expect(earlier.stderr).toContain(`resume that class with --resume ${join(dir, 'old.journal')}, add --force to start again`);
  });

  it('class report prints a class\'s report from its journal, as text, JSON or a CSV file, without a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-report-'));
    const path = join(dir, 'class.journal');
    const writer = new JournalWriter(path, {journal: 'hs-tutor class', v: 1, hostKey: exportHostKey(newHostKey()), host: '127.0.0.1', port: 7443, lessonId: 'tls13', csv: 'class.csv', startedAt: '2026-12-04T09:00:00.000Z'});
    const position = {lesson: {id: 'tls13', title: 'TLS 1.3', parts: [{title: 'One round trip', scenario: 'tls13', knobs: resolveKnobs({tls: '1.3'}, {})}]}, part: 0, knobs: resolveKnobs({tls: '1.3'}, {}), rttMs: 100, frame: 2, frameId: 'client-hello', narration: null};
    writer.event({type: 'position', position});
    writer.event({type: 'joined', id: 'a'.repeat(32), name: 'Ana', address: '127.0.0.1', following: true, now: 1});
    writer.event({type: 'push', question: {prompt: 'How many round trips?', choices: ['1', '2'], answer: 0, explanation: '', source: 'quiz', label: 'quiz'}, now: 2});
    writer.event({type: 'answer', id: 'a'.repeat(32), question: 1, choice: 1, now: 3});
    writer.close();
    const text = await hsTutor(['class', 'report', path]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Class report: TLS 1.3 (tls13), started 2026-12-04T09:00:00.000Z, 1 student.');
    expect(text.stdout).toContain('Ana: 0 of 1 right; missed 1');
    const json = await hsTutor(['class', 'report', path, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({schemaVersion: 1, students: 1, questions: [{number: 1, right: 0, where: {frameId: 'client-hello'}}], needsHelp: [{name: 'Ana'}]});
    const csv = join(dir, 'report.csv');
    const written = await hsTutor(['class', 'report', path, '--csv', csv]);
    expect(written.stdout).toBe(`Wrote the report of 1 question to ${csv}.\n`);
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toBe('1,quiz,1,3,How many round trips?,1,1,,0,,');
    expect((await hsTutor(['class', 'report', path, '--csv', csv])).status).toBe(1);
    expect((await hsTutor(['class', 'report', join(dir, 'none.journal')])).stderr).toContain('There is no journal at');
  });

  it.each([[['class', 'host']], [['class', 'join', '127.0.0.1:7443', '--code', '482109375512']]])('%j without a terminal exits 2 naming the plain commands', async (args) => {
    const result = await hsTutor(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/needs an interactive terminal, but .*; the plain commands 'hs-tutor list' and 'hs-tutor show <scenario>' work anywhere\.$/m);
  });

  it('--help shows both forms and the default port', async () => {
    const {stdout} = await hsTutor(['--help']);
    expect(stdout).toContain('hs-tutor class host [--port <p>]');
    expect(stdout.replace(/\s+/g, ' ')).toContain('class join <address>:<port> --code <code>');
    expect(stdout).toContain('[--max-students <n>]');
    expect(stdout).toMatch(/default\s+port\s+7443/);
  });

  it('reads addresses, names a fresh results file, and shows LAN addresses for 0.0.0.0', async () => {
    expect(parseAddress('192.168.1.20:7443')).toEqual({host: '192.168.1.20', port: 7443});
    expect(parseAddress('[::1]:80')).toEqual({host: '::1', port: 80});
    expect(parseAddress('lab-pc')).toEqual({host: 'lab-pc', port: 7443});
    const taken = new Set(['hs-tutor-class-2026-11-27-0905.csv', 'hs-tutor-class-2026-11-27-0905-2.csv']);
    expect(defaultCsvPath(new Date(2026, 10, 27, 9, 5), (p) => taken.has(p))).toBe('hs-tutor-class-2026-11-27-0905-3.csv');
    expect(addressesToShow('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(addressesToShow('::1')).toEqual(['[::1]']);
    for (const address of addressesToShow('0.0.0.0')) expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe('class host --max-students', () => {
  it('takes 1 to 1000, default 200; anything else is one sentence', async () => {
    const {maxStudents} = await import('../../src/cli/class.js');
    expect(maxStudents(undefined)).toBe(200);
    expect(maxStudents('30')).toBe(30);
    for (const bad of ['0', '1001', 'ten', '-5', '2.5']) expect(() => maxStudents(bad)).toThrow(/^--max-students must be a whole number from 1 to 1000/);
  });
});
