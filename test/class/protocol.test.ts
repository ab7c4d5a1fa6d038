// The class protocol's pieces on their own: line splitting with a cap, the two schemas, text
// cleaning, the join code and the two limiters.
import {describe, expect, it} from 'vitest';
import {codesMatch, newJoinCode, normalizeCode, showCode} from '../../src/class/code.js';
import {GuessBudget, MessageBudget} from '../../src/class/limits.js';
import {encode, LineSplitter, MAX_STUDENT_LINE, parseHostMessage, parseStudentMessage, type ClassPosition, type HostMessage} from '../../src/class/protocol.js';
import {cleanLine, cleanName} from '../../src/class/sanitize.js';
import {resolveKnobs} from '../../src/engine/knobs.js';

const ID = '0123456789abcdef0123456789abcdef';
const join = (extra: Record<string, unknown> = {}) => JSON.stringify({type: 'join', v: 1, code: '12345678', name: 'Ana', id: ID, following: true, ...extra});
const knobs = resolveKnobs({tls: '1.3'}, {});
const position: ClassPosition = {
  lesson: {id: 'tls13', title: 'TLS 1.3', parts: [{title: 'One round trip', scenario: 'tls13', knobs}]},
  part: 0,
  knobs,
  rttMs: 100,
  frame: 3,
  frameId: 'client-hello',
  narration: 'The client offers its key share.',
};

describe('LineSplitter', () => {
  it('cuts lines across chunks and keeps the rest for later', () => {
    const s = new LineSplitter(100);
    expect(s.push(Buffer.from('{"a":1}\n{"b"'))).toEqual({lines: ['{"a":1}'], overflow: false});
    expect(s.push(Buffer.from(':2}\r\n\n'))).toEqual({lines: ['{"b":2}', ''], overflow: false});
  });

  it('refuses a line over the cap, finished or not, without buffering it', () => {
    expect(new LineSplitter(10).push(Buffer.from(`${'x'.repeat(11)}\n`)).overflow).toBe(true);
    const s = new LineSplitter(10);
    expect(s.push(Buffer.from('x'.repeat(8))).overflow).toBe(false);
    expect(s.push(Buffer.from('xxx')).overflow).toBe(true);
    expect(new LineSplitter(10).push(Buffer.from(`${'x'.repeat(10)}\n`))).toEqual({lines: ['x'.repeat(10)], overflow: false});
  });

  it('counts bytes, not characters', () => {
    expect(new LineSplitter(10).push(Buffer.from(`${'é'.repeat(6)}\n`)).overflow).toBe(true);
  });
});

describe('student messages', () => {
  it('accepts the five a student may send', () => {
    expect(parseStudentMessage(join())).toEqual({ok: true, message: JSON.parse(join())});
    for (const m of [{type: 'answer', question: 3, choice: 1}, {type: 'follow'}, {type: 'detach', part: 0, frame: 4}, {type: 'pong', t: 5}]) {
      expect(parseStudentMessage(JSON.stringify(m))).toEqual({ok: true, message: m});
    }
  });

  it.each([
    ['not JSON', '{"type":'],
    ['a list', '[1,2]'],
    ['no type', '{}'],
    ['a host message', '{"type":"frame","seq":1,"at":{}}'],
    ['an unknown field', join({admin: true})],
    ['a missing field', JSON.stringify({type: 'join', v: 1, code: '1', name: 'a', id: ID})],
    ['a name too long', join({name: 'x'.repeat(65)})],
    ['an id that is not hex', join({id: 'ZZZZZZZZZZZZZZZZ'})],
    ['a number as text', JSON.stringify({type: 'answer', question: '3', choice: 1})],
    ['a fraction', JSON.stringify({type: 'answer', question: 3, choice: 1.5})],
    ['a choice out of range', JSON.stringify({type: 'answer', question: 3, choice: 8})],
    ['a negative frame', JSON.stringify({type: 'detach', part: 0, frame: -1})],
    ['a prototype key', '{"type":"follow","__proto__":{"x":1}}'],
  ])('refuses %s with a reason', (_what, line) => {
    const parsed = parseStudentMessage(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(3);
  });
});

describe('host messages', () => {
  it('accepts every host message, and encode writes one line', () => {
    const messages: HostMessage[] = [
      {type: 'welcome', v: 1, id: ID, name: 'Ana'},
      {type: 'frame', seq: 2, at: position},
      {type: 'question', question: {id: 1, prompt: 'Which?', choices: ['a', 'b'], source: 'quiz'}, chosen: null},
      {type: 'question', question: null, chosen: null},
      {type: 'reveal', question: 1, answer: 0, explanation: 'Because.', counts: [3, 1]},
      // Peer instruction: the votes without the answer, a second vote, the reveal with both votes.
      {type: 'votes', question: 1, counts: [3, 1]},
      {type: 'question', question: {id: 1, prompt: 'Which?', choices: ['a', 'b'], source: 'quiz', round: 2}, chosen: null},
      {type: 'question', question: {id: 2, prompt: 'Which?', choices: ['a', 'b'], source: 'quiz', lockStep: true}, chosen: 1},
      {type: 'reveal', question: 1, answer: 0, explanation: 'Because.', counts: [4, 0], firstCounts: [3, 1]},
      {type: 'ping', t: 1},
      {type: 'bye', reason: 'the instructor ended the class', retry: false},
    ];
    for (const m of messages) {
      const line = encode(m);
      expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
      expect(parseHostMessage(line.trim())).toEqual({ok: true, message: m});
    }
  });

  it('refuses knobs that are not a valid combination, and positions that point nowhere', () => {
    const bad = (at: unknown) => parseHostMessage(JSON.stringify({type: 'frame', seq: 1, at})).ok;
    expect(bad({...position, knobs: {...knobs, tls: '2.0'}})).toBe(false);
    expect(bad({...position, knobs: {...knobs, earlyData: 'accepted'}})).toBe(false);
    expect(bad({...position, part: 1})).toBe(false);
    expect(bad({...position, rttMs: 0})).toBe(false);
    expect(bad({...position, narration: 'x'.repeat(9000)})).toBe(false);
    expect(parseHostMessage(JSON.stringify({type: 'reveal', question: 1, answer: 2, explanation: '', counts: [1, 1]})).ok).toBe(false);
    expect(parseHostMessage(JSON.stringify({type: 'question', question: {id: 1, prompt: 'p', choices: ['a'], source: 'quiz'}, chosen: null})).ok).toBe(false);
    expect(parseHostMessage(JSON.stringify({type: 'question', question: {id: 1, prompt: 'p', choices: ['a', 'b'], source: 'quiz', round: 3}, chosen: null})).ok).toBe(false);
    expect(parseHostMessage(JSON.stringify({type: 'reveal', question: 1, answer: 0, explanation: '', counts: [1, 1], firstCounts: [1]})).ok).toBe(false);
  });
});

describe('text from the network', () => {
  it('loses escape sequences, controls, bidi and zero-width marks, and gets cut to length', () => {
    expect(cleanName('\x1b[2J\x1b]0;pwned\x07Ana\x1b[31m')).toBe('Ana');
    expect(cleanName('A\u202eB\u200bC\x00D\x9b31mE')).toBe('ABCDE');
    expect(cleanName('  Ana\n\tMaria  ')).toBe('Ana Maria');
    expect(cleanName('x'.repeat(40))).toHaveLength(24);
    expect(cleanLine('one\r\ntwo', 100)).toBe('one two');
    // Nothing left that a terminal would act on.
    expect(cleanLine('\x1bP+q\x1b\\\x1b[?1049h\x1bc\x07', 100)).toMatch(/^[^\x00-\x1f\x7f-\x9f]*$/);
  });
});

describe('the join code', () => {
  it('is eight random digits, shown in two groups, matched however it is typed', () => {
    const codes = new Set(Array.from({length: 50}, newJoinCode));
    for (const code of codes) expect(code).toMatch(/^\d{8}$/);
    expect(codes.size).toBeGreaterThan(45);
    expect(showCode('12345678')).toBe('1234 5678');
    expect(normalizeCode(' 1234-5678 ')).toBe('12345678');
    expect(codesMatch('12345678', '1234 5678')).toBe(true);
    expect(codesMatch('12345678', '12345679')).toBe(false);
    expect(codesMatch('12345678', '')).toBe(false);
    expect(codesMatch('12345678', '123456789012345678901234567890')).toBe(false);
  });
});

describe('limits', () => {
  it('wrong codes spend one budget for the whole class, refilled each second; the right code spends none', () => {
    const guesses = new GuessBudget({burst: 3, perSecond: 1}, 0);
    for (let i = 0; i < 3; i++) {
      expect(guesses.waitMs(0)).toBe(0);
      guesses.spend(0);
    }
    expect(guesses.waitMs(0)).toBe(1000);
    expect(guesses.waitMs(400)).toBe(600);
    expect(guesses.waitMs(1000)).toBe(0);
    guesses.spend(1000);
    expect(guesses.waitMs(1000)).toBe(1000);
    // Long quiet refills up to the burst, not beyond.
    expect(guesses.waitMs(100_000)).toBe(0);
    for (let i = 0; i < 3; i++) guesses.spend(100_000);
    expect(guesses.waitMs(100_000)).toBeGreaterThan(0);
  });

  it('a message budget allows a burst, then the refill rate', () => {
    const budget = new MessageBudget(10, 3, 0);
    expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
    expect(budget.take(100)).toBe(true);
    expect(budget.take(100)).toBe(false);
  });

  it('the student line cap leaves room for a join with a long name', () => {
    expect(Buffer.byteLength(join({name: 'é'.repeat(64), code: 'x'.repeat(32), id: 'a'.repeat(64)}))).toBeLessThan(MAX_STUDENT_LINE);
  });
});
