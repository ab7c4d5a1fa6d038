// `hs-tutor class …` arguments: every mistake is one sentence and exit 2 before any network or
// terminal is touched; an existing results file is exit 1; without a terminal, exit 2.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {addressesToShow, defaultCsvPath, parseAddress} from '../../src/cli/class.js';
import {hsTutor, isOneSentence} from './run-cli.js';

describe('hs-tutor class: arguments', () => {
  it.each([
    [['class'], "'hs-tutor class' needs host or join"],
    [['class', 'hots'], "did you mean 'host'?"],
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
