// Practice on one misconception ("practise this" on the home screen, `quiz --practise`).
import {describe, expect, it} from 'vitest';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {checkpointQuestions} from '../../src/quiz/lesson-questions.js';
import {MISCONCEPTIONS, misconceptionProfile} from '../../src/quiz/misconceptions.js';
import {practiceQuiz} from '../../src/quiz/worksheet.js';

const lessonQuestions = loadCurriculum({env: {}}).lessons.flatMap(checkpointQuestions);

describe('practice quiz', () => {
  it('for every misconception, opens with questions that test it, all of its topic, the same for the same seed', () => {
    for (const m of MISCONCEPTIONS) {
      const questions = practiceQuiz({misconception: m.id, seed: 1, lessonQuestions});
      expect(questions.length, m.id).toBe(5);
      expect(questions[0]!.misconceptions, m.id).toContain(m.id);
      const testing = questions.filter((q) => q.misconceptions.includes(m.id)).length;
      // Those that test it come first.
      expect(questions.slice(0, testing).every((q) => q.misconceptions.includes(m.id)), m.id).toBe(true);
    }
    const again = (seed: number) => practiceQuiz({misconception: 'psk-is-0rtt', seed, lessonQuestions});
    expect(again(7)).toEqual(again(7));
    // Each practice quiz simulates its topic's curated runs: seconds in all on a loaded machine.
  }, 60_000);

  it('an unknown id gives no questions; the profile sorts by count, ties in table order', () => {
    expect(practiceQuiz({misconception: 'nope', seed: 1})).toEqual([]);
    const profile = misconceptionProfile({'time-wait-on-server': 1, 'psk-is-0rtt': 3, 'handshake-is-request-time': 1, unknown: 9});
    expect(profile.map((p) => [p.id, p.count])).toEqual([
      ['psk-is-0rtt', 3],
      ['handshake-is-request-time', 1],
      ['time-wait-on-server', 1],
    ]);
  });
});
