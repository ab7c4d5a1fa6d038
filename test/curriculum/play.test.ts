// The player's API: simulate a lesson's parts with the learner's RTT and knob changes, and get
// narration, checkpoints and corrections for each frame, filled from that very trace.
import {describe, expect, it} from 'vitest';
import {buildCurriculum, type Lesson} from '../../src/curriculum/index.js';
import {UsageError} from '../../src/engine/errors.js';

const TEXT = `---
id: play-sample
title: Play sample
parts:
  - id: open
    title: Open
    scenario: tcp-handshake
  - scenario: tcp-close-3way
objectives:
  - The request leaves at {{summary.requestSentRtt}} RTT.
takeaways:
  - "Part 2 closes in {{part 2 count fin..}} segments."
references:
  - RFC 9293 §3.5 (Establishing a connection)
  - RFC 8446 §D.4 (Middlebox compatibility mode)
  - Stevens, TCP/IP Illustrated
---

Intro at {{rtt}} ms.

\`\`\`checkpoint
ask: Predict the request time.
expect: summary.requestSentRtt
\`\`\`

# @part 1

Part one starts.

## @syn-ack
Ack {{frame tcp.ack}}, arriving at {{frame arriveMs}} ms.

\`\`\`checkpoint
ask: What state is the server in now?
expect: after server.tcp
explain: It waits for the ACK of its SYN.
\`\`\`

\`\`\`checkpoint
ask: Why three segments?
choices: [Both ISNs need an ACK, Tradition]
answer: Both ISNs need an ACK
\`\`\`

## @request
The request, seq {{frame tcp.seq}}.

## @end
Done at {{summary.responseReceivedRtt}} RTT.

# @part 2

## @fin#2 when close=three-way
FIN and ACK together.

## @fin#2
A FIN on its own.

\`\`\`correction
claim: It takes 2 RTT.
actually: It took {{elapsed fin fin#2 rtt}} RTT.
why: The exchanges overlap.
\`\`\`
`;

function sample(): Lesson {
  const curriculum = buildCurriculum([{file: 'sample.md', text: TEXT, source: 'pack'}]);
  expect(curriculum.problems).toEqual([]);
  return curriculum.find('play-sample')!;
}

describe('Lesson', () => {
  it('has its parts with resolved knobs, and text filled at the default settings', () => {
    const lesson = sample();
    expect(lesson.parts.map((p) => [p.id, p.title, p.scenario])).toEqual([
      ['open', 'Open', 'tcp-handshake'],
      [null, null, 'tcp-close-3way'],
    ]);
    expect(lesson.parts[1]?.knobs.close).toBe('three-way');
    expect(lesson.objectives).toEqual(['The request leaves at 1 RTT.']);
    expect(lesson.takeaways).toEqual(['Part 2 closes in 3 segments.']);
  });

  it('picks the RFC and section out of references and links them', () => {
    expect(sample().references).toEqual([
      {text: 'RFC 9293 §3.5 (Establishing a connection)', rfc: 9293, section: '3.5', url: 'https://www.rfc-editor.org/rfc/rfc9293#section-3.5'},
      {text: 'RFC 8446 §D.4 (Middlebox compatibility mode)', rfc: 8446, section: 'D.4', url: 'https://www.rfc-editor.org/rfc/rfc8446#appendix-D.4'},
      {text: 'Stevens, TCP/IP Illustrated', rfc: null, section: null, url: null},
    ]);
  });
});

describe('LessonPlay', () => {
  it('gives the intro, each part, and narration by frame id', () => {
    const play = sample().play();
    expect(play.rttMs).toBe(100);
    expect(play.intro.text).toBe('Intro at 100 ms.');
    expect(play.intro.checkpoints.map((c) => c.ask)).toEqual(['Predict the request time.']);
    const [open] = play.parts;
    expect(open?.intro.text).toBe('Part one starts.');
    expect(open?.frame('syn-ack')?.text).toBe('Ack 1001, arriving at 100 ms.');
    expect(open?.frame('syn')).toBeUndefined();
    expect(open?.end.text).toBe('Done at 2 RTT.');
    expect(open?.narratedFrames()).toEqual(['syn-ack', 'request']);
    expect(play.narration(0, 'syn-ack')).toBe('Ack 1001, arriving at 100 ms.');
    expect(play.narration(0, 'syn')).toBeUndefined();
    expect(play.narration(5, 'syn')).toBeUndefined();
  });

  it('fills figures from the play\'s own RTT', () => {
    const play = sample().play({rttMs: 40});
    expect(play.intro.text).toBe('Intro at 40 ms.');
    expect(play.parts[0]?.frame('syn-ack')?.text).toBe('Ack 1001, arriving at 40 ms.');
    expect(play.parts[0]?.end.text).toBe('Done at 2 RTT.');
  });

  it('keeps narration on its frame when the learner changes an unrelated knob', () => {
    const play = sample().play({overrides: {0: {close: 'four-way'}}});
    expect(play.parts[0]?.knobs.close).toBe('four-way');
    expect(play.parts[0]?.frame('syn-ack')?.text).toBe('Ack 1001, arriving at 100 ms.');
  });

  it('drops narration whose frame no longer exists under the new knobs', () => {
    const play = sample().play({overrides: {0: {tfo: 'cookie'}}});
    const part = play.parts[0]!;
    expect(part.trace.frames.some((f) => f.id === 'request')).toBe(false);
    expect(part.frame('request')).toBeUndefined();
    expect(part.narratedFrames()).toEqual(['syn-ack']);
  });

  it('chooses the section whose when condition holds', () => {
    const lesson = sample();
    expect(lesson.play().parts[1]?.frame('fin#2')?.text).toBe('FIN and ACK together.');
    const fourWay = lesson.play({overrides: {1: {close: 'four-way'}}}).parts[1]!;
    expect(fourWay.frame('fin#2')?.text).toBe('A FIN on its own.');
    expect(fourWay.frame('fin#2')?.corrections).toEqual([{source: 'the source article', claim: 'It takes 2 RTT.', actually: 'It took 1 RTT.', why: 'The exchanges overlap.'}]);
  });

  it('refuses an invalid change with the engine\'s sentence', () => {
    const lesson = sample();
    expect(() => lesson.play({overrides: {0: {earlyData: 'accepted'}}})).toThrow(UsageError);
    expect(() => lesson.play({overrides: {0: {tls: '1.4'}}})).toThrow(/Unknown value '1.4' for tls/);
    expect(() => lesson.play({rttMs: 0})).toThrow(UsageError);
  });
});

describe('Checkpoint', () => {
  it('offers choices with the engine\'s answer among them and checks typed answers by meaning', () => {
    const [state, why] = sample().play().parts[0]!.frame('syn-ack')!.checkpoints;
    expect(state?.source).toBe('engine');
    expect(state?.expect).toBe('after server.tcp');
    expect(state?.choices[state.answer]).toBe('SYN-RECEIVED');
    expect(state?.choices.length).toBeGreaterThanOrEqual(3);
    expect(state?.explain).toBe('It waits for the ACK of its SYN.');
    for (const typed of ['SYN-RECEIVED', 'syn_rcvd', 'SYN-RECV', 'syn received']) expect(state?.check(typed)).toBe(true);
    for (const typed of ['LISTEN', 'ESTABLISHED', 'SYN']) expect(state?.check(typed)).toBe(false);

    expect(why?.source).toBe('author');
    expect(why?.choices[why.answer]).toBe('Both ISNs need an ACK');
    expect(why?.check('both isns need an ack')).toBe(true);
  });

  it('recomputes the answer when the learner changes knobs', () => {
    const play = sample().play({overrides: {0: {open: 'syn-cookies'}}});
    const state = play.parts[0]!.frame('syn-ack')!.checkpoints[0]!;
    expect(state.choices[state.answer]).toBe('LISTEN');
    expect(state.check('LISTEN')).toBe(true);
  });

  it('reads numbers with units ("1 RTT", "one") for numeric answers', () => {
    const predict = sample().play().intro.checkpoints[0]!;
    expect(predict.choices[predict.answer]).toBe('1 RTT');
    for (const typed of ['1', '1 RTT', '1.0', 'one']) expect(predict.check(typed)).toBe(true);
    expect(predict.check('1.5')).toBe(false);
  });
});
