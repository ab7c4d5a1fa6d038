import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {KNOB_NAMES} from '../../src/engine/knobs.js';
import {MEASURES, type Question, TOPIC_IDS} from '../../src/quiz/index.js';
import {hsTutor, isOneSentence} from './run-cli.js';

interface Worksheet {
  schemaVersion: number;
  seed: number;
  questions: Question[];
}

const worksheet = async (...args: string[]) => {
  const result = await hsTutor(['quiz', '--json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Worksheet;
};

describe('quiz --json', () => {
  it('prints the CLI.md worksheet: questions with choices, answer, explanation and engine source', async () => {
    const sheet = await worksheet('--seed', '3');
    expect(sheet.schemaVersion).toBe(1);
    expect(sheet.seed).toBe(3);
    expect(sheet.questions).toHaveLength(10);
    for (const q of sheet.questions) {
      expect(Object.keys(q).slice(0, 7)).toEqual(['id', 'topic', 'prompt', 'choices', 'answer', 'explanation', 'source']);
      expect(TOPIC_IDS).toContain(q.topic);
      expect(q.choices[q.answer]).toBeDefined();
      if (q.source.kind !== 'engine') throw new Error('engine source expected');
      expect(Object.keys(q.source.knobs)).toEqual(KNOB_NAMES);
      expect(MEASURES).toContain(q.source.measure);
      expect(q.source.rttMs).toBeGreaterThan(0);
      expect(q.source.value).toEqual(q.values[q.answer]);
    }
  });

  it('is the same for the same seed', async () => {
    expect((await hsTutor(['quiz', '--json', '--seed', '42'])).stdout).toBe((await hsTutor(['quiz', '--seed', '42', '--json'])).stdout);
  });

  it('without --seed prints the seed it drew, which repeats the worksheet', async () => {
    const sheet = await worksheet('--count', '3');
    expect(await worksheet('--count', '3', '--seed', String(sheet.seed))).toEqual(sheet);
  });

  it('--topic and --count choose the questions', async () => {
    const sheet = await worksheet('--topic', 'tcp-close', '--count', '5', '--seed', '1');
    expect(sheet.questions).toHaveLength(5);
    expect(sheet.questions.every((q) => q.topic === 'tcp-close')).toBe(true);
  });

  it.each([
    [['--topic', 'tls14'], "did you mean 'tls13'?"],
    [['--topic', 'frobnicate'], 'the topics are tcp-handshake'],
    [['--count', '0'], '--count must be a whole number from 1 to 100'],
    [['--count', 'ten'], '--count must be a whole number'],
    [['--seed', '-1'], 'needs a value'],
    [['--interview'], 'use one or the other'],
    [['extra'], 'quiz takes no arguments'],
  ])('%j is a usage error that prints nothing on stdout', async (args, message) => {
    const result = await hsTutor(['quiz', '--json', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(isOneSentence(result.stderr)).toBe(true);
  });

  it('a bad HS_TUTOR_NOW is a usage error', async () => {
    const result = await hsTutor(['quiz', '--json'], {HS_TUTOR_NOW: 'tomorrow'});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('HS_TUTOR_NOW must be a date and time');
  });
});

describe('quiz and lesson folders', () => {
  it('--lessons adds the folder\'s checkpoints to the worksheet first, each linked to its lesson frame', async () => {
    const pack = fileURLToPath(new URL('../../examples/lesson-pack', import.meta.url));
    const result = await hsTutor(['quiz', '--json', '--seed', '3', '--count', '30', '--lessons', pack], {HS_TUTOR_LESSONS: ''});
    expect(result.status).toBe(0);
    const sheet = JSON.parse(result.stdout) as {questions: {id: string; source: {kind: string; lesson?: string}; choices: string[]; answer: number}[]};
    const own = sheet.questions.filter((q) => q.source.kind === 'lesson');
    expect(own.length).toBeGreaterThan(0);
    expect(sheet.questions.slice(0, own.length)).toEqual(own);
    for (const q of own) {
      expect(['seq-drill', 'tls-versions']).toContain(q.source.lesson);
      expect(q.answer).toBeLessThan(q.choices.length);
    }
    expect(sheet.questions).toHaveLength(30);
  });

  it('every topic links to a built-in lesson that exists', async () => {
    const {TOPICS} = await import('../../src/quiz/index.js');
    const {loadCurriculum} = await import('../../src/curriculum/index.js');
    const ids = loadCurriculum({env: {}}).lessons.map((l) => l.id);
    for (const topic of TOPICS) expect(ids, topic.id).toContain(topic.lesson);
  });
});
