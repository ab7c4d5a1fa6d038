// Quiz, drill and review screens at every size: every question, choice, verdict and explanation
// wraps whole (nothing cut), the choice under the cursor stays in view, and scrolling reaches the
// last line.
import {describe, expect, it} from 'vitest';
import {answerQuestion, currentQuestion, startInterview, startQuiz, stopSession} from '../../src/quiz/session.js';
import {width as columns} from '../../src/render/text.js';
import {maxScroll, scrollWindow} from '../../src/ui/common/scroll.js';
import {quizKey, startQuizState, type QuizState} from '../../src/ui/quiz/model.js';
import {layoutQuiz, quizOffset} from '../../src/ui/quiz/quiz-layout.js';

const T0 = new Date('2026-11-27T10:00:00Z');
const SIZES = [[80, 22], [100, 28], [120, 38], [200, 58], [80, 10]] as const;

/** Every screen of a whole session: each question with the cursor on each choice, each verdict, the score. */
function screens(quiz: QuizState): QuizState[] {
  const out: QuizState[] = [];
  let state = quiz;
  for (let guard = 0; guard < 100 && currentQuestion(state.session); guard++) {
    const q = currentQuestion(state.session)!;
    for (let c = 0; c < q.choices.length; c++) out.push({...state, cursor: c});
    const {session, feedback} = answerQuestion(state.session, guard % q.choices.length, T0);
    state = {...state, session, feedback};
    out.push(state);
    state = {...state, feedback: null};
  }
  out.push({...state, session: stopSession(state.session, T0)});
  return out;
}

const all = [
  ...screens(startQuizState(startQuiz({seed: 7, now: T0, count: 12}), T0)),
  ...screens(startQuizState(startInterview({seed: 11, now: T0, count: 10}), T0)),
];

describe('quiz screens at every size', () => {
  it('wrap whole: no line wider than the terminal, nothing cut with …', () => {
    expect(all.length).toBeGreaterThan(60);
    for (const [width] of SIZES) {
      for (const quiz of all) {
        const layout = layoutQuiz(quiz, width);
        for (const line of [...layout.header, ...layout.body.map((l) => l.text)]) {
          expect(columns(line), line).toBeLessThanOrEqual(width);
          expect(line).not.toMatch(/…$/);
        }
        // The words all arrive: the prompt, every choice and the explanation, rewrapped.
        const text = layout.body.map((l) => l.text.trim()).join(' ');
        const question = quiz.feedback?.question ?? currentQuestion(quiz.session);
        if (question) for (const choice of question.choices) expect(text.replace(/ +/g, ' ')).toContain(choice.replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' '));
      }
    }
  });

  it('keep the choice under the cursor in view, however small the window', () => {
    for (const [width, height] of SIZES) {
      for (const quiz of all) {
        const layout = layoutQuiz(quiz, width);
        if (!layout.focus) continue;
        const room = height - layout.header.length;
        const offset = quizOffset(layout, height, 0);
        const window = scrollWindow(layout.body.length, room, offset);
        expect(layout.focus.start).toBeGreaterThanOrEqual(window.start);
        expect(layout.focus.end).toBeLessThan(window.start + window.shown);
      }
    }
  });

  it('scroll to the last line of a long verdict with PgDn, and back with PgUp', () => {
    const long = all.filter((q) => q.feedback).map((q) => ({q, layout: layoutQuiz(q, 80)})).sort((a, b) => b.layout.body.length - a.layout.body.length)[0]!;
    const height = 10;
    const room = height - long.layout.header.length;
    expect(long.layout.body.length).toBeGreaterThan(room);
    const viewport = {max: maxScroll(long.layout.body.length, room), page: room};
    let q = long.q;
    for (let i = 0; i < 20; i++) q = quizKey(q, 'pageDown', undefined, T0, viewport);
    const window = scrollWindow(long.layout.body.length, room, quizOffset(long.layout, height, q.scroll));
    expect(window.below).toBe(0);
    for (let i = 0; i < 20; i++) q = quizKey(q, 'pageUp', undefined, T0, viewport);
    expect(q.scroll).toBe(0);
    // A new question starts at the top.
    expect(quizKey({...long.q, scroll: 3}, 'continue', undefined, T0).scroll).toBe(0);
  });
});
