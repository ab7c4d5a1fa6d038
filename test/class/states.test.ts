// The host's and the student's states, reduced in isolation: no sockets, no clock.
import {describe, expect, it} from 'vitest';
import {resultsCsv} from '../../src/class/csv.js';
import {
  answersByChoice,
  currentQuestion,
  firstHistogram,
  histogram,
  initialHostState,
  reduceHost,
  revealOf,
  rosterCounts,
  votesOf,
  wireQuestion,
  type HostEvent,
  type HostQuestion,
  type HostState,
} from '../../src/class/host-state.js';
import type {ClassPosition} from '../../src/class/protocol.js';
import {canAnswer, initialStudentState, reduceStudent, type StudentEvent} from '../../src/class/student-state.js';
import {resolveKnobs} from '../../src/engine/knobs.js';

const knobs = resolveKnobs({}, {});
const at = (frame: number): ClassPosition => ({
  lesson: {id: 'tcp-handshake', title: 'Handshake', parts: [{title: 'p', scenario: 'tcp-handshake', knobs}]},
  part: 0,
  knobs,
  rttMs: 100,
  frame,
  frameId: `f${frame}`,
  narration: null,
});
const question: HostQuestion = {prompt: 'Which state?', choices: ['SYN-SENT', 'LISTEN', 'CLOSED'], answer: 0, explanation: 'It sent a SYN.', source: 'quiz', label: 'quiz'};
const run = (events: HostEvent[], state: HostState = initialHostState(at(0))) => events.reduce(reduceHost, state);
const joined = (id: string, name: string, following = true): HostEvent => ({type: 'joined', id, name, address: '127.0.0.1', following, now: 0});

describe('host state', () => {
  it('keeps a roster: joins, duplicate names made unique, follow and detach with a position, leaving and coming back', () => {
    let s = run([joined('a', 'Ana'), joined('b', 'Ana'), joined('c', 'Ana'), joined('d', '')]);
    expect(s.roster.map((r) => r.name)).toEqual(['Ana', 'Ana (2)', 'Ana (3)', 'student']);
    s = run([{type: 'detach', id: 'b', part: 0, frame: 5}, {type: 'left', id: 'c'}], s);
    expect(s.roster[1]).toMatchObject({following: false, at: {part: 0, frame: 5}});
    expect(rosterCounts(s)).toEqual({connected: 3, following: 2, exploring: 1, offline: 1, answered: 0});
    s = run([joined('c', 'someone else'), {type: 'follow', id: 'b'}], s);
    expect(s.roster[2]).toMatchObject({name: 'Ana (3)', connected: true});
    expect(s.roster[1]).toMatchObject({following: true, at: null});
    expect(run([{type: 'follow', id: 'nobody'}], s)).toBe(s);
  });

  it('moves the class and bumps seq on every move', () => {
    const s = run([{type: 'position', position: at(3)}, {type: 'position', position: at(4)}]);
    expect(s.seq).toBe(3);
    expect(s.position.frame).toBe(4);
  });

  it('counts answers per choice; a student may change theirs until the reveal; stale and stray answers are ignored', () => {
    let s = run([joined('a', 'Ana'), joined('b', 'Bo'), joined('c', 'Cy'), {type: 'push', question, now: 1000}]);
    const id = currentQuestion(s)!.id;
    s = run(
      [
        {type: 'answer', id: 'a', question: id, choice: 1, now: 2000},
        {type: 'answer', id: 'a', question: id, choice: 0, now: 2500},
        {type: 'answer', id: 'b', question: id, choice: 0, now: 3000},
        {type: 'answer', id: 'c', question: id + 1, choice: 2, now: 3000},
        {type: 'answer', id: 'c', question: id, choice: 7, now: 3000},
        {type: 'answer', id: 'ghost', question: id, choice: 2, now: 3000},
      ],
      s,
    );
    expect(histogram(s)).toEqual([2, 0, 0]);
    expect(answersByChoice(s)).toEqual([['Ana', 'Bo'], [], []]);
    expect(wireQuestion(s, 'a')).toEqual({question: {id, prompt: question.prompt, choices: question.choices, source: 'quiz'}, chosen: 0});
    expect(wireQuestion(s, 'c').chosen).toBeNull();
    expect(revealOf(s)).toBeNull();
    s = run([{type: 'reveal'}, {type: 'answer', id: 'c', question: id, choice: 2, now: 4000}], s);
    expect(histogram(s)).toEqual([2, 0, 0]);
    expect(revealOf(s)).toEqual({question: id, answer: 0, explanation: 'It sent a SYN.', counts: [2, 0, 0]});
    s = run([{type: 'clear'}], s);
    expect(histogram(s)).toBeNull();
    expect(s.questions).toHaveLength(1);
  });

  it('counts what it turned away', () => {
    const s = run([{type: 'refused', why: 'wrong-code'}, {type: 'refused', why: 'wrong-code'}, {type: 'refused', why: 'slow'}]);
    expect(s.refused).toEqual({'wrong-code': 2, slow: 1});
  });

  it('writes results as CSV: one row per question and student, quoted, with formulas defused', () => {
    let s = run([joined('a', '=HYPERLINK("x")'), joined('b', 'Bo, Jr.'), {type: 'push', question: {...question, prompt: 'Say "hi"'}, now: 1000}]);
    s = run([{type: 'answer', id: 'a', question: 1, choice: 0, now: 3500}], s);
    expect(resultsCsv(s).split('\r\n')).toEqual([
      'question,source,prompt,right_answer,student,answer,correct,seconds,first_answer',
      `1,quiz,"Say ""hi""",SYN-SENT,"'=HYPERLINK(""x"")",SYN-SENT,yes,2.5,`,
      `1,quiz,"Say ""hi""",SYN-SENT,"Bo, Jr.",,,,`,
      '',
    ]);
  });
});

describe('peer instruction in the host state', () => {
  it('shows the votes without the answer, keeps the first vote when the class votes again, and reveals both', () => {
    let s = run([joined('a', 'Ana'), joined('b', 'Bo'), {type: 'push', question, now: 0}]);
    s = run([{type: 'answer', id: 'a', question: 1, choice: 0, now: 1}, {type: 'answer', id: 'b', question: 1, choice: 1, now: 2}], s);
    expect(votesOf(s)).toBeNull(); // not shown yet
    s = run([{type: 'show'}], s);
    expect(votesOf(s)).toEqual({question: 1, counts: [1, 1, 0]});
    s = run([{type: 'revote', now: 10}], s);
    expect(histogram(s)).toEqual([0, 0, 0]);
    expect(firstHistogram(s)).toEqual([1, 1, 0]);
    expect(wireQuestion(s, 'a')).toMatchObject({question: {id: 1, round: 2}, chosen: null});
    // A second revote, or one after the reveal, changes nothing.
    expect(run([{type: 'revote', now: 11}], s)).toEqual(s);
    s = run([{type: 'answer', id: 'a', question: 1, choice: 0, now: 12}, {type: 'answer', id: 'b', question: 1, choice: 0, now: 13}, {type: 'reveal'}], s);
    expect(revealOf(s)).toMatchObject({counts: [2, 0, 0], firstCounts: [1, 1, 0]});
    expect(votesOf(s)).toBeNull(); // revealed: the answer is out
  });
});

describe('lock-step in the host state', () => {
  it('holds every student on the class frame while a question is open, and says so in the question', () => {
    let s = run([joined('a', 'Ana'), {type: 'lockStep', on: true}]);
    // No question open: exploring is free.
    s = run([{type: 'detach', id: 'a', part: 0, frame: 2}], s);
    expect(s.roster[0]).toMatchObject({following: false});
    s = run([{type: 'follow', id: 'a'}, {type: 'push', question, now: 0}], s);
    expect(wireQuestion(s, 'a').question).toMatchObject({lockStep: true});
    expect(run([{type: 'detach', id: 'a', part: 0, frame: 5}], s)).toBe(s);
    s = run([{type: 'reveal'}], s);
    expect(wireQuestion(s, 'a').question?.lockStep).toBeUndefined();
    expect(run([{type: 'detach', id: 'a', part: 0, frame: 5}], s).roster[0]).toMatchObject({following: false, at: {part: 0, frame: 5}});
  });
});

describe('student state', () => {
  const go = (events: StudentEvent[]) => events.reduce(reduceStudent, initialStudentState());
  const q = {id: 4, prompt: 'Which?', choices: ['a', 'b', 'c'], source: 'quiz' as const};

  it('goes from connecting to joined, keeps the class position through a drop, and reconnects', () => {
    let s = go([{type: 'connecting', attempt: 0}, {type: 'welcome', name: 'Ana'}, {type: 'frame', seq: 5, at: at(2)}]);
    expect(s).toMatchObject({link: 'joined', name: 'Ana', seq: 5});
    s = reduceStudent(s, {type: 'lost', reason: 'the connection was reset', attempt: 1});
    expect(s).toMatchObject({link: 'reconnecting', reason: 'the connection was reset', attempt: 1});
    expect(s.classAt?.frame).toBe(2);
    s = [{type: 'connecting', attempt: 1} as const, {type: 'welcome', name: 'Ana'} as const].reduce(reduceStudent, s);
    expect(s).toMatchObject({link: 'joined', attempt: 0, reason: null});
    s = reduceStudent(s, {type: 'ended', reason: 'the instructor ended the class'});
    expect(reduceStudent(s, {type: 'lost', reason: 'x', attempt: 2}).link).toBe('ended');
  });

  it("a second vote of the same question starts with no answer; the class's votes show until then", () => {
    let s = go([{type: 'welcome', name: 'Ana'}, {type: 'question', question: q, chosen: null}, {type: 'answered', choice: 2}, {type: 'votes', question: 4, counts: [0, 3, 1]}]);
    expect(s).toMatchObject({chosen: 2, votes: [0, 3, 1]});
    expect(reduceStudent(s, {type: 'votes', question: 5, counts: [1, 1, 1]})).toBe(s); // another question's
    s = reduceStudent(s, {type: 'question', question: {...q, round: 2}, chosen: null});
    expect(s).toMatchObject({chosen: null, votes: null});
  });

  it('answers a question until the reveal, keeps the answer when the same question comes again, and follows or detaches', () => {
    let s = go([{type: 'question', question: q, chosen: null}]);
    expect(canAnswer(s)).toBe(true);
    s = reduceStudent(s, {type: 'answered', choice: 2});
    s = reduceStudent(s, {type: 'answered', choice: 9});
    expect(s.chosen).toBe(2);
    s = reduceStudent(s, {type: 'question', question: q, chosen: null});
    expect(s.chosen).toBe(2);
    s = reduceStudent(s, {type: 'reveal', question: 4, answer: 1, explanation: '', counts: [0, 1, 1]});
    expect(canAnswer(s)).toBe(false);
    expect(reduceStudent(s, {type: 'answered', choice: 1}).chosen).toBe(2);
    expect(reduceStudent(s, {type: 'reveal', question: 3, answer: 0, explanation: '', counts: [1, 0]}).reveal?.question).toBe(4);
    s = reduceStudent(s, {type: 'question', question: {...q, id: 5}, chosen: null});
    expect(s).toMatchObject({chosen: null, reveal: null});
    expect(reduceStudent(reduceStudent(s, {type: 'detach'}), {type: 'follow'}).following).toBe(true);
    expect(reduceStudent(s, {type: 'question', question: null, chosen: null}).question).toBeNull();
  });
});

describe('what the instructor can push carries its review key', () => {
  it("generated questions by their own key, a lesson's checkpoints by the lesson's", async () => {
    const {quizQuestions, fromCheckpoints} = await import('../../src/class/questions.js');
    const {questionFromKey} = await import('../../src/quiz/index.js');
    const {resolveKnobs} = await import('../../src/engine/knobs.js');
    const quiz = quizQuestions(resolveKnobs({tls: '1.3'}, {}), 100, 'client-hello', 4);
    expect(quiz.length).toBeGreaterThan(0);
    // The key asks the same question again, so a student's review can.
    for (const q of quiz) expect(questionFromKey(q.key!)?.prompt).toBe(q.prompt);
    const [c] = fromCheckpoints([{ask: 'Which?', choices: ['a', 'b'], answer: 0, explain: 'A.', where: 'syn', key: 'lesson:tls13:0:syn:0'}]);
    expect(c!.key).toBe('lesson:tls13:0:syn:0');
  });
});

describe('the live heat-map', () => {
  it('puts the frames with wrong answers and with students stopped alone first, and the panel says it in a line', async () => {
    const {heatMap, initialHostState: start, reduceHost: reduce} = await import('../../src/class/host-state.js');
    const {heatLine} = await import('../../src/ui/class/ClassPanel.js');
    const {at} = await import('./net-helpers.js');
    const q = {prompt: 'p', choices: ['a', 'b', 'c'], answer: 0, explanation: '', source: 'quiz' as const, label: 'quiz'};
    const events: HostEvent[] = [
      ...['a', 'b', 'c'].map((id) => ({type: 'joined', id, name: id, address: 'x', following: true, now: 0}) as HostEvent),
      {type: 'position', position: at(3)},
      {type: 'push', question: q, now: 1},
      {type: 'answer', id: 'a', question: 1, choice: 1, now: 2},
      {type: 'answer', id: 'b', question: 1, choice: 2, now: 2},
      {type: 'answer', id: 'c', question: 1, choice: 0, now: 2},
      {type: 'position', position: at(6)},
      {type: 'push', question: q, now: 3},
      {type: 'answer', id: 'a', question: 2, choice: 1, now: 4},
      {type: 'detach', id: 'c', part: 0, frame: 9},
    ];
    const state = events.reduce(reduce, start(at(0)));
    expect(heatMap(state)).toEqual([
      {part: 0, frame: 3, wrong: 2, alone: 0},
      {part: 0, frame: 6, wrong: 1, alone: 0},
      {part: 0, frame: 9, wrong: 0, alone: 1},
    ]);
    expect(heatLine(state)).toBe('Struggling: frame 4 (2 wrong) · frame 7 (1 wrong) · frame 10 (1 alone)');
    expect(heatLine(start(at(0)))).toBeNull();
  });
});
