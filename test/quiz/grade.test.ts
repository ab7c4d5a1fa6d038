import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {buildQuestion, checkAnswer, matchChoice, type QuestionSpec} from '../../src/quiz/index.js';

const q = (preset: string, spec: Omit<QuestionSpec, 'knobs' | 'rttMs'> & {rttMs?: number}) =>
  buildQuestion({rttMs: 100, ...spec, knobs: resolveKnobs(findPreset(preset)!.knobs, {})})!;

describe('answers are checked by meaning', () => {
  it.each(['TIME-WAIT', 'time_wait', 'TIME WAIT', 'time-wait', ' Time Wait '])('state %j', (typed) => {
    expect(checkAnswer(q('tcp-close-3way', {measure: 'tcpStateAfter', side: 'client', frameId: 'fin#2'}), typed)).toBe(true);
  });

  it("accepts Linux's ss spellings of states", () => {
    const question = q('tcp-handshake', {measure: 'tcpStateAfter', side: 'server', frameId: 'syn'});
    expect(checkAnswer(question, 'SYN-RECV')).toBe(true);
    expect(checkAnswer(question, 'syn_received')).toBe(true);
    expect(checkAnswer(question, 'ESTAB')).toBe(false);
  });

  it.each([
    ['2', true],
    ['2 RTT', true],
    ['2.0 rtt', true],
    ['2 round trips', true],
    ['200 ms', true],
    ['200ms', true],
    ['0.2 s', true],
    ['1.5 RTT', false],
    ['150 ms', false],
    ['two', false],
  ])('TLS 1.3 request time %j → %s', (typed, expected) => {
    expect(checkAnswer(q('tls13', {measure: 'requestSentRtt'}), typed)).toBe(expected);
  });

  it('milliseconds questions read a bare number as milliseconds, and RTTs through the RTT', () => {
    const question = q('tls12', {measure: 'requestSentMs', rttMs: 80});
    expect(checkAnswer(question, '240')).toBe(true);
    expect(checkAnswer(question, '3 RTT')).toBe(true);
    expect(checkAnswer(question, '0.24 s')).toBe(true);
  });

  it('TIME-WAIT durations read a bare number as seconds', () => {
    const question = q('tcp-close', {measure: 'timeWaitMs', side: 'client'});
    expect(checkAnswer(question, '60')).toBe(true);
    expect(checkAnswer(question, '1 min')).toBe(true);
    expect(checkAnswer(question, '60000 ms')).toBe(true);
    expect(checkAnswer(question, '240 s')).toBe(false);
  });

  it('sides, with or without "the"', () => {
    const question = q('tcp-close', {measure: 'timeWaitSide'});
    expect(checkAnswer(question, 'client')).toBe(true);
    expect(checkAnswer(question, 'The Client')).toBe(true);
    expect(checkAnswer(question, 'both')).toBe(false);
  });

  it('matchChoice finds the choice a typed answer means, or null', () => {
    const question = q('tcp-handshake', {measure: 'requestSentRtt'});
    expect(matchChoice(question, '1')).toBe(question.answer);
    expect(matchChoice(question, '1.5')).toBe(question.choices.indexOf('1.5 RTT'));
    expect(matchChoice(question, '17 RTT')).toBeNull();
    expect(matchChoice(question, 'no idea')).toBeNull();
  });
});
