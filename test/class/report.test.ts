// The end-of-class report from a session journal (report.ts): both votes and the shift, the
// misconceptions behind wrong answers, who needs help, where the class struggled; as text, CSV
// and JSON, and the few lines printed when a class ends.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportHostKey} from '../../src/class/handshake.js';
import type {HostEvent, HostQuestion} from '../../src/class/host-state.js';
import {JournalWriter, readJournal} from '../../src/class/journal.js';
import {classReport, reportCsv, reportSummary, reportText} from '../../src/class/report.js';
import {findMisconception} from '../../src/quiz/index.js';
import {at, TEST_KEY} from './net-helpers.js';

const ana = 'a'.repeat(32);
const bo = 'b'.repeat(32);
const cy = 'c'.repeat(32);
const rtt: HostQuestion = {
  prompt: 'When may the client send its request over TCP?',
  choices: ['after 1 RTT', 'after 1.5 RTT', '=after 2 RTT'],
  answer: 0,
  explanation: 'With the third segment.',
  source: 'quiz',
  label: 'quiz',
  key: 'quiz:tcp:request',
  misconceptions: [null, 'handshake-is-request-time', null],
};
const state: HostQuestion = {prompt: 'Who is in TIME-WAIT?', choices: ['the client', 'the server'], answer: 0, explanation: 'The side that closed first.', source: 'checkpoint', label: 'checkpoint', misconceptions: [null, 'time-wait-on-server']};

const events: HostEvent[] = [
  {type: 'position', position: at(0)},
  ...[ana, bo, cy].map((id, i) => ({type: 'joined', id, name: ['Ana', 'Bo', 'Cy'][i]!, address: '127.0.0.1', following: true, now: i}) as HostEvent),
  {type: 'position', position: at(3)},
  {type: 'push', question: rtt, now: 10},
  {type: 'answer', id: ana, question: 1, choice: 0, now: 12},
  {type: 'answer', id: bo, question: 1, choice: 1, now: 13},
  {type: 'answer', id: cy, question: 1, choice: 1, now: 14},
  {type: 'show'},
  {type: 'revote', now: 20},
  {type: 'answer', id: ana, question: 1, choice: 0, now: 21},
  {type: 'answer', id: bo, question: 1, choice: 0, now: 22},
  {type: 'answer', id: cy, question: 1, choice: 1, now: 23},
  {type: 'reveal'},
  {type: 'detach', id: cy, part: 0, frame: 7},
  {type: 'follow', id: cy},
  {type: 'position', position: at(9)},
  {type: 'push', question: state, now: 30},
  {type: 'answer', id: ana, question: 2, choice: 0, now: 31},
  {type: 'answer', id: bo, question: 2, choice: 0, now: 32},
  {type: 'reveal'},
];

function journal() {
  const path = join(mkdtempSync(join(tmpdir(), 'hs-tutor-report-')), 'class.journal');
  const writer = new JournalWriter(path, {journal: 'hs-tutor class', v: 1, hostKey: exportHostKey(TEST_KEY), host: '127.0.0.1', port: 7443, lessonId: 'tls13', csv: 'class.csv', startedAt: '2026-12-04T09:00:00.000Z'});
  for (const e of events) writer.event(e);
  writer.close();
  return readJournal(readFileSync(path, 'utf8'));
}

describe('the class report', () => {
  const report = classReport(journal());

  it('counts both votes, the shift, and where each question was asked', () => {
    expect(report.students).toBe(3);
    const [q1, q2] = report.questions;
    expect(q1).toMatchObject({number: 1, answered: 3, firstRight: 33, right: 67, shift: 34, where: {part: 0, frame: 3, frameId: 'frame-3'}});
    expect(q1!.choices.map((c) => [c.first, c.votes])).toEqual([[1, 2], [2, 1], [0, 0]]);
    expect(q2).toMatchObject({number: 2, answered: 2, firstRight: null, right: 100, shift: null, where: {frame: 9}});
  });

  it('names the misconceptions behind the wrong last votes, in the table\'s words', () => {
    expect(report.misconceptions).toEqual([{id: 'handshake-is-request-time', text: findMisconception('handshake-is-request-time')!.text, count: 1, questions: [1]}]);
  });

  it('lists who may need help, the weakest first, with those who answered nothing', () => {
    expect(report.needsHelp.map((s) => [s.name, s.right, s.answered, s.missed])).toEqual([['Cy', 0, 1, [1]]]);
  });

  it('shows where the class struggled: wrong answers there and students who stopped there alone', () => {
    expect(report.frames).toEqual([
      {part: 0, frame: 3, frameId: 'frame-3', wrong: 1, explorers: 0},
      {part: 0, frame: 7, frameId: '', wrong: 0, explorers: 1},
    ]);
  });

  it('reads as text, as CSV and as a summary', () => {
    const text = reportText(report).join('\n');
    expect(text).toContain('Question 1 (quiz, part 1, frame 4 frame-3): When may the client send its request over TCP?');
    expect(text).toContain('right: first vote 33%, after discussion 67% (+34 points)');
    expect(text).toContain(' 2 after 1.5 RTT: 2 → 1 (handshake-is-request-time)');
    expect(text).toContain('  Cy: 0 of 1 right; missed 1');
    const csv = reportCsv(report).split('\r\n');
    expect(csv[0]).toBe('question,source,part,frame,prompt,right_answer,answered,first_right_pct,right_pct,shift_points,misconceptions');
    expect(csv[1]).toBe('1,quiz,1,4,When may the client send its request over TCP?,after 1 RTT,3,33,67,34,handshake-is-request-time');
    expect(csv[2]).toBe('2,checkpoint,1,10,Who is in TIME-WAIT?,the client,2,,100,,');
    expect(reportSummary(report)).toEqual(['2 questions, 3 students: 84% right on average.', 'After discussion: question 1 33% → 67%.', 'May need help: Cy.']);
  });
});
