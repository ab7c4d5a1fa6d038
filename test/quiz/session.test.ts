import {describe, expect, it} from 'vitest';
import {
  answerQuestion,
  currentQuestion,
  remainingMs,
  type Session,
  sessionRecord,
  sessionResult,
  startInterview,
  startQuiz,
  startReview,
  stopSession,
  tick,
} from '../../src/quiz/index.js';
import {inChoiceOrder} from './well-formed.js';

const t0 = new Date('2026-11-27T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const wrongChoice = (s: Session) => (currentQuestion(s)!.answer + 1) % currentQuestion(s)!.choices.length;

describe('interview drill', () => {
  it('runs N questions against the clock, then scores them by topic', () => {
    let s = startInterview({seed: 2, count: 10, now: t0});
    expect(s.questions).toHaveLength(10);
    expect(s.deadline).toBe(at(600).toISOString());
    expect(remainingMs(s, at(30))).toBe(570_000);
    for (let i = 0; i < 10; i++) {
      const q = currentQuestion(s)!;
      const {session, feedback} = answerQuestion(s, i < 7 ? q.answer : wrongChoice(s), at(10 * (i + 1)));
      expect(feedback.correct).toBe(i < 7);
      expect(feedback.explanation).toBe(q.explanation);
      expect(feedback.link).toBe(q.link);
      if (i >= 7) expect(feedback.mistake).toBe(q.mistakes[feedback.chosen!]);
      s = session;
    }
    expect(s.ended).toBe('completed');
    expect(currentQuestion(s)).toBeUndefined();
    const result = sessionResult(s);
    expect(result).toMatchObject({mode: 'interview', asked: 10, answered: 10, correct: 7, score: 0.7, durationMs: 100_000});
    const topics = Object.values(result.byTopic);
    expect(topics.reduce((sum, [, asked]) => sum + asked, 0)).toBe(10);
    expect(topics.reduce((sum, [correct]) => sum + correct, 0)).toBe(7);
    expect(result.missed.map((q) => q.id)).toEqual(s.questions.slice(7).map((q) => q.id));
    const record = sessionRecord(s);
    expect(record.entry).toEqual({at: at(100).toISOString(), mode: 'interview', asked: 10, correct: 7, topics: result.byTopic});
    expect(record.outcomes.filter((o) => !o.correct)).toHaveLength(3);
  });

  it('when time is up, the rest counts as wrong and enters review with the misses', () => {
    let s = startInterview({seed: 2, count: 4, now: t0, msPerQuestion: 10_000});
    s = answerQuestion(s, currentQuestion(s)!.answer, at(5)).session;
    expect(tick(s, at(39))).toBe(s);
    const late = answerQuestion(s, currentQuestion(s)!.answer, at(41));
    expect(late.feedback).toMatchObject({timeUp: true, correct: false});
    expect(late.session.ended).toBe('time-up');
    expect(late.session.finishedAt).toBe(at(40).toISOString());
    expect(() => answerQuestion(late.session, 0, at(42))).toThrow(/finished/);
    const result = sessionResult(late.session);
    expect(result).toMatchObject({asked: 4, answered: 1, correct: 1, score: 0.25});
    expect(result.unanswered).toHaveLength(3);
    const outcomes = sessionRecord(late.session).outcomes;
    expect(outcomes).toHaveLength(4);
    expect(outcomes.slice(1)).toEqual(result.unanswered.map((q) => ({key: q.id, correct: false})));
  });

  it('typed answers are checked by meaning', () => {
    const s = startQuiz({seed: 9, count: 3, now: t0, topic: 'tcp-close'});
    const q = currentQuestion(s)!;
    const value = q.values[q.answer]!;
    const typed = typeof value === 'object' && !Array.isArray(value) ? `${value.from}: ${value.what}` : Array.isArray(value) ? value.join(', ') : String(value).toLowerCase();
    const {feedback} = answerQuestion(s, q.source.kind === 'engine' && q.source.measure === 'timeWaitMs' ? '60 s' : typed, at(1));
    expect(feedback.correct).toBe(true);
    expect(feedback.chosen).toBe(q.answer);
  });

  it('a quiz stopped early counts only what was answered', () => {
    let s = startQuiz({seed: 4, count: 10, now: t0});
    s = answerQuestion(s, wrongChoice(s), at(3)).session;
    s = stopSession(s, at(4));
    expect(sessionResult(s)).toMatchObject({asked: 1, answered: 1, correct: 0});
    expect(sessionRecord(s).entry.asked).toBe(1);
  });
});

describe('review session', () => {
  it('asks the due questions again, from their keys', () => {
    const quiz = startQuiz({seed: 4, count: 3, now: t0});
    const keys = quiz.questions.map((q) => q.id);
    const deck = {
      [keys[0]!]: {box: 1, due: at(-60).toISOString()},
      [keys[1]!]: {box: 1, due: at(3600 * 30).toISOString()},
      'lesson:tls13:gone': {box: 1, due: at(-60).toISOString()},
    };
    const s = startReview({review: deck}, t0);
    expect(s.mode).toBe('review');
    expect(s.questions.map((q) => q.id)).toEqual([keys[0]]);
    expect(inChoiceOrder(s.questions[0]!)).toEqual(inChoiceOrder(quiz.questions[0]!));
    // Each review asks in its own order, repeatable with a seed.
    expect(startReview({review: deck}, t0, {seed: 7}).questions).toEqual(startReview({review: deck}, t0, {seed: 7}).questions);
    expect(startReview({review: {}}, t0).ended).toBe('completed');
  });
});
