// The class protocol's pieces on their own: framing with a cap, the two schemas, text cleaning,
// the join code as typed and the two limiters.
import {describe, expect, it} from 'vitest';
import {normalizeCode, showCode} from '../../src/class/code.js';
import {FrameReader, framed} from '../../src/class/handshake.js';
import {GuessBudget, MessageBudget} from '../../src/class/limits.js';
import {encode, MAX_STUDENT_LINE, parseHostMessage, parseStudentMessage, type ClassPosition, type HostMessage} from '../../src/class/protocol.js';
import {cleanLine, cleanName} from '../../src/class/sanitize.js';
import {resolveKnobs} from '../../src/engine/knobs.js';

const ID = '0123456789abcdef0123456789abcdef';
const SECRET = 'ab'.repeat(32);
const join = (extra: Record<string, unknown> = {}) => JSON.stringify({type: 'join', name: 'Ana', following: true, ...extra});
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

describe('FrameReader', () => {
  it('cuts frames across chunks and keeps the rest for later', () => {
    const r = new FrameReader(100);
    const a = framed(Buffer.from('{"a":1}'));
    const b = framed(Buffer.from('{"b":2}'));
    const both = Buffer.concat([a, b]);
    expect(r.push(both.subarray(0, 13))).toEqual({frames: [a], tooLong: false, v1: false});
    expect(r.push(both.subarray(13))).toEqual({frames: [b], tooLong: false, v1: false});
  });

  it('refuses a length over the cap before the body arrives, and knows a v1 peer by its JSON line', () => {
    expect(new FrameReader(10).push(framed(Buffer.alloc(11))).tooLong).toBe(true);
    expect(new FrameReader(10).push(Buffer.from([0x7f, 0xff, 0xff, 0xff])).tooLong).toBe(true);
    expect(new FrameReader(10).push(framed(Buffer.alloc(10))).frames).toHaveLength(1);
    expect(new FrameReader(10).push(Buffer.from('{"type":"join","v":1}\n')).v1).toBe(true);
  });
});

describe('student messages', () => {
  it('accepts the five a student may send', () => {
    expect(parseStudentMessage(join())).toEqual({ok: true, message: JSON.parse(join())});
    expect(parseStudentMessage(join({resume: {id: ID, secret: SECRET}}))).toEqual({ok: true, message: JSON.parse(join({resume: {id: ID, secret: SECRET}}))});
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
    ['a missing field', JSON.stringify({type: 'join', name: 'a'})],
    ['a code (v1: the code never travels in v2)', join({code: '12345678'})],
    ['a secret that is not 64 hex digits', join({resume: {id: ID, secret: 'abc'}})],
    ['a name too long', join({name: 'x'.repeat(65)})],
    ['an id that is not hex', join({resume: {id: 'ZZZZZZZZZZZZZZZZ', secret: SECRET}})],
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
      {type: 'welcome', v: 2, id: ID, name: 'Ana', secret: SECRET},
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

describe('the join code as typed', () => {
  it('is shown in three groups of four, and typed with or without spaces and dashes', () => {
    expect(showCode('482109375512')).toBe('4821 0937 5512');
    expect(normalizeCode(' 4821-0937 5512 ')).toBe('482109375512');
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
    // v2 takes a guess before the curve math and gives it back to the right code, up to the burst.
    guesses.refund();
    expect(guesses.waitMs(100_000)).toBe(0);
    for (let i = 0; i < 10; i++) guesses.refund();
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
    expect(Buffer.byteLength(join({name: 'é'.repeat(64), resume: {id: 'a'.repeat(64), secret: SECRET}}))).toBeLessThan(MAX_STUDENT_LINE);
  });
});
