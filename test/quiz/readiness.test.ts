// The readiness report after a drill: per topic right and the median answer time, the
// misconceptions the wrong answers show, and what to study next.
import {describe, expect, it} from 'vitest';
import {readiness} from '../../src/quiz/readiness.js';
import {answerQuestion, currentQuestion, startInterview} from '../../src/quiz/session.js';

const t0 = new Date('2026-12-01T10:00:00Z');

describe('readiness report', () => {
  it('gives per topic the right answers and the median time, the misconceptions shown, and the lesson to study next', () => {
    // The first seed whose drill has a choice tagged with a misconception (seeded, so always the same one).
    const hasTagged = (seed: number) => {
      let s = startInterview({seed, count: 6, now: t0});
      for (let i = 0; i < 6; i++) {
        const q = currentQuestion(s)!;
        if (q.misconceptions.some((m) => m !== null)) return true;
        s = answerQuestion(s, q.answer, t0).session;
      }
      return false;
    };
    const seed = [7, 8, 9, 10, 11, 12, 13].find(hasTagged)!;
    let session = startInterview({seed, count: 6, now: t0});
    const delays = [4000, 10_000, 30_000, 6000, 8000, 12_000];
    let at = t0.getTime();
    let wrongWithMisconception: string | undefined;
    for (let i = 0; i < 6; i++) {
      const q = currentQuestion(session)!;
      at += delays[i]!;
      // Answer wrongly with a choice that shows a misconception when there is one, else rightly.
      const tagged = q.misconceptions.findIndex((m) => m !== null);
      const choice = tagged >= 0 && wrongWithMisconception === undefined ? tagged : q.answer;
      if (choice !== q.answer) wrongWithMisconception = q.misconceptions[choice]!;
      session = answerQuestion(session, choice, new Date(at)).session;
    }
    const report = readiness(session);
    expect(report.topics.reduce((n, t) => n + t.asked, 0)).toBe(6);
    for (const t of report.topics) expect(t.medianMs).not.toBeNull();
    // Times are per answer, from the one before: the 30 s pause belongs to one topic only.
    expect(Math.max(...report.topics.map((t) => t.medianMs!))).toBeLessThanOrEqual(30_000);
    expect(wrongWithMisconception).toBeDefined(); // the seed's drill has a tagged wrong choice
    expect(report.misconceptions.map((m) => m.id)).toEqual([wrongWithMisconception]);
    expect(report.next).toMatchObject({lesson: expect.any(String), frameId: expect.any(String)});
    expect(report.next!.reason).toMatch(/^your answers show it most: /);
  });

  it('with everything right there is nothing to study next', () => {
    let session = startInterview({seed: 3, count: 3, now: t0});
    for (let i = 0; i < 3; i++) session = answerQuestion(session, currentQuestion(session)!.answer, new Date(t0.getTime() + (i + 1) * 5000)).session;
    const report = readiness(session);
    expect(report.next).toBeNull();
    expect(report.misconceptions).toEqual([]);
    expect(report.topics.every((t) => t.right === t.asked && t.medianMs === 5000)).toBe(true);
  });
});
