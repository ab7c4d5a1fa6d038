// `hs-tutor lessons validate` and the lessons of `hs-tutor list`, through the real executable.
import {mkdtempSync, readdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {hsTutor, isOneSentence} from './run-cli.js';

const BROKEN = 'test/fixtures/lessons/broken';
const GOOD = 'test/fixtures/lessons/good';
const ARTICLE_PATH = ['tcp-handshake', 'tcp-close', 'tcp-modern', 'tls12', 'tls13', 'tfo', 'tls13-resumption', 'fastest-connection'];

/** A fresh progress home, so statuses do not depend on the machine. */
const home = () => mkdtempSync(join(tmpdir(), 'hs-tutor-lessons-'));
const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => await hsTutor(args, {HS_TUTOR_HOME: home(), HS_TUTOR_LESSONS: '', ...env});

interface ListedLesson {
  id: string;
  title: string;
  parts: {scenario: string; set: Record<string, unknown>}[];
  scenario: string;
  set: Record<string, unknown>;
  status: string;
  source: string;
}

describe('lessons validate', () => {
  it('passes a good folder: exit 0 and a one-line report', async () => {
    const result = await run(['lessons', 'validate', GOOD]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${GOOD}: 1 lesson loads (fixture-good); no problems.\n`);
    expect(result.stderr).toBe('');
  });

  it('passes the example pack of the README', async () => {
    const result = await run(['lessons', 'validate', 'examples/lesson-pack']);
    expect(result.stdout).toContain('no problems');
    expect(result.status).toBe(0);
  });

  it('passes the built-in lessons folder itself', async () => {
    const result = await run(['lessons', 'validate', 'lessons']);
    const count = readdirSync(new URL('../../lessons/', import.meta.url)).filter((f) => f.endsWith('.md')).length;
    expect(result.stdout).toMatch(new RegExp(`${count} lessons load .*; no problems\\.\\n$`));
    expect(result.status).toBe(0);
  });

  it('reports every problem of a broken folder with file and line, and exits 1', async () => {
    const result = await run(['lessons', 'validate', BROKEN]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const expected: [string, RegExp][] = [
      [`${BROKEN}/01-bad-yaml.md:4: `, /bad YAML/],
      [`${BROKEN}/02-missing-title.md:2: `, /no 'title'/],
      [`${BROKEN}/03-unknown-scenario.md:4: `, /unknown scenario 'tcp-handshak'; did you mean 'tcp-handshake'\?/],
      [`${BROKEN}/04-warnings.md:7: `, /unknown frame id 'syn-ak'.*did you mean 'syn-ack'\?/],
      [`${BROKEN}/04-warnings.md:11: `, /placeholder '\{\{frame tcp.ak\}\}'.*did you mean 'tcp.ack'\?/],
      [`${BROKEN}/04-warnings.md:16: `, /'ESTABLISHED' disagrees with the engine, which gives 'SYN-RECEIVED'/],
      [`${BROKEN}/05-unknown-knob.md:5: `, /unknown knob 'tlss'; did you mean 'tls'\?/],
      [`${BROKEN}/06-clash.md:2: `, /'tcp-handshake' is already used by the built-in lesson/],
      [`${BROKEN}/07-escapes.md:3: `, /YAML escape/],
      [`${BROKEN}/07-escapes.md:8: `, /terminal escape sequence/],
    ];
    expect(lines).toHaveLength(expected.length + 1);
    expected.forEach(([prefix, message], i) => {
      expect(lines[i]?.startsWith(prefix), `${lines[i]}`).toBe(true);
      expect(lines[i]).toMatch(message);
    });
    expect(lines.at(-1)).toMatch(/10 problems, 5 files not loaded; 3 lessons load \(fixture-still-good, fixture-warnings, fixture-escapes\)/);
  });

  it('never lets a lesson file write escape sequences to the terminal', async () => {
    const result = await run(['lessons', 'validate', BROKEN]);
    expect(result.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it('--json gives the same report for scripts', async () => {
    const result = await run(['lessons', 'validate', BROKEN, '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as {ok: boolean; folders: {folder: string; lessons: string[]; problems: {file: string; line: number; severity: string}[]}[]};
    expect(report.ok).toBe(false);
    expect(report.folders[0]?.lessons).toEqual(['fixture-still-good', 'fixture-warnings', 'fixture-escapes']);
    expect(report.folders[0]?.problems).toHaveLength(10);
    expect(report.folders[0]?.problems[0]).toMatchObject({file: `${BROKEN}/01-bad-yaml.md`, line: 4, severity: 'error'});
  });

  it('reports a folder that does not exist and exits 1', async () => {
    const result = await run(['lessons', 'validate', 'no/such/folder']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('no/such/folder: the folder does not exist; check the path.');
  });

  it.each([
    [['lessons'], /needs a subcommand/],
    [['lessons', 'valdate', GOOD], /did you mean 'validate'\?/],
    [['lessons', 'validate'], /needs a folder/],
  ])('%j is a usage error: exit 2, one sentence', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('list and lessons', () => {
  it('--json lists the built-in lessons in order with the CLI.md fields', async () => {
    const result = await run(['list', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lessons = (JSON.parse(result.stdout) as {lessons: ListedLesson[]}).lessons;
    expect(lessons.slice(0, ARTICLE_PATH.length).map((l) => l.id)).toEqual(ARTICLE_PATH);
    for (const lesson of lessons) {
      expect(Object.keys(lesson)).toEqual(['id', 'title', 'parts', 'scenario', 'set', 'status', 'source']);
      expect(lesson.scenario).toBe(lesson.parts[0]?.scenario);
      expect(lesson.set).toEqual(lesson.parts[0]?.set);
      expect(lesson.status).toBe('not-started');
      expect(lesson.source).toBe('built-in');
    }
    const close = lessons.find((l) => l.id === 'tcp-close');
    expect(close?.parts).toEqual([
      {scenario: 'tcp-close', set: {}},
      {scenario: 'tcp-close', set: {closer: 'server'}},
      {scenario: 'tcp-close', set: {closeDelayMs: 100, timeWait: 'rfc'}},
    ]);
  });

  it('reads each lesson\'s status from the progress file', async () => {
    const dir = home();
    const lesson = (status: string) => ({status, part: 0, frame: 3, frameId: 'client-hello', updatedAt: '2026-11-27T10:00:00.000Z'});
    const doc = {schemaVersion: 1, lessons: {tls13: lesson('completed'), tfo: lesson('in-progress')}, quiz: {history: []}, review: {}};
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(doc));
    const result = await hsTutor(['list', '--json'], {HS_TUTOR_HOME: dir, HS_TUTOR_LESSONS: ''});
    const lessons = (JSON.parse(result.stdout) as {lessons: ListedLesson[]}).lessons;
    expect(Object.fromEntries(lessons.map((l) => [l.id, l.status]))).toMatchObject({tls13: 'completed', tfo: 'in-progress', 'tcp-handshake': 'not-started'});
    const plain = await hsTutor(['list'], {HS_TUTOR_HOME: dir, HS_TUTOR_LESSONS: ''});
    expect(plain.stdout).toMatch(/^ {2}tls13 +The TLS 1\.3 full handshake \(completed\)$/m);
  });

  it('lists a broken --lessons folder\'s valid lessons, warns once on stderr, and exits 0', async () => {
    const result = await run(['list', '--json', '--lessons', BROKEN]);
    expect(result.status).toBe(0);
    const lessons = (JSON.parse(result.stdout) as {lessons: ListedLesson[]}).lessons;
    const added = lessons.filter((l) => l.source !== 'built-in');
    expect(added.map((l) => [l.id, l.source])).toEqual([
      ['fixture-still-good', BROKEN],
      ['fixture-warnings', BROKEN],
      ['fixture-escapes', BROKEN],
    ]);
    expect(lessons.filter((l) => l.id === 'tcp-handshake').map((l) => l.source)).toEqual(['built-in']);
    const warnings = result.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^hs-tutor: warning: the lesson folder '${BROKEN}' has 10 problems \\(not loaded: 01-bad-yaml.md, fixture-missing-title, fixture-unknown-scenario, fixture-unknown-knob, tcp-handshake\\); 'hs-tutor lessons validate ${BROKEN}' shows them\\.$`));
  });

  it('accepts --lessons anywhere and warns about a folder that does not exist', async () => {
    const result = await run(['--lessons', GOOD, 'list', '--lessons', 'nowhere']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}fixture-good +A good lesson \(from test\/fixtures\/lessons\/good\)$/m);
    expect(result.stderr).toBe("hs-tutor: warning: lesson folder 'nowhere': the folder does not exist; check the path.\n");
  });

  it('adds the folders of HS_TUTOR_LESSONS (path-delimited), after those of --lessons', async () => {
    const result = await run(['list', '--json', '--lessons', GOOD], {HS_TUTOR_LESSONS: ['examples/lesson-pack', '', GOOD].join(delimiter)});
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const added = (JSON.parse(result.stdout) as {lessons: ListedLesson[]}).lessons.filter((l) => l.source !== 'built-in');
    expect(added.map((l) => [l.id, l.source])).toEqual([
      ['fixture-good', GOOD],
      ['seq-drill', 'examples/lesson-pack'],
      ['tls-versions', 'examples/lesson-pack'],
    ]);
  });

  it('prints the lessons first in plain form, in the default order', async () => {
    const result = await run(['list'], {COLUMNS: '200'});
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe("Lessons, in order (open one with 'hs-tutor lesson <lesson>'):");
    expect(lines.slice(1, 1 + ARTICLE_PATH.length).map((l) => l.trim().split(/\s+/)[0])).toEqual(ARTICLE_PATH);
  });
});
