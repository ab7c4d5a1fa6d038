// Quizzes in the TUI: answer by number or cursor, see the verdict and where it shows, get the
// score, and find the misses due for review the next day.
import {afterEach, describe, expect, it} from 'vitest';
import {currentQuestion, startInterview} from '../../src/quiz/session.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
import {quizTick, startQuizState} from '../../src/ui/quiz/model.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const T0 = new Date('2026-11-27T10:00:00Z');

describe('quiz screens', () => {
  it('answers with a number, shows right or wrong with the explanation, and scores at the end', async () => {
    const progress = memoryProgress(() => T0);
    const ui = await renderTui(<App lessons={[]} progress={progress} quiz={{kind: 'quiz', count: 2, seed: 3}} now={() => T0} />);
    expect(ui.screen()).toContain('Quiz · question 1/2');
    await ui.press('1');
    expect(ui.screen()).toMatch(/Right\.|Not quite\./);
    expect(ui.screen()).toContain('✓');
    await ui.press(KEYS.enter);
    expect(ui.screen()).toContain('question 2/2');
    await ui.press(KEYS.down, KEYS.enter, KEYS.enter);
    expect(ui.screen()).toMatch(/Score: \d of 2/);
    expect(ui.screen()).toContain('Saved to your progress.');
  });

  it('o opens the scenario at the frame that shows the answer; back returns to the quiz', async () => {
    const ui = await renderTui(<App lessons={[]} progress={memoryProgress()} quiz={{kind: 'quiz', count: 1, seed: 3}} now={() => T0} />);
    await ui.press('1');
    expect(ui.screen()).toContain('Press o to show me');
    await ui.press('o');
    expect(ui.screen()).toContain('Where the answer shows');
    expect(ui.screen()).toContain('▸');
    await ui.press('q');
    expect(ui.screen()).toContain('Press o to show me');
  });

  it('missed questions are due for review the next day', async () => {
    let now = T0;
    const progress = memoryProgress(() => now);
    const ui = await renderTui(<App lessons={[]} progress={progress} quiz={{kind: 'interview', count: 3, seed: 5}} now={() => now} />);
    // The same seed gives the same questions: answer each one wrongly on purpose.
    for (const question of startInterview({seed: 5, now: T0, count: 3}).questions) {
      const wrong = question.answer === 0 ? 2 : 1;
      await ui.press(String(wrong), KEYS.enter);
    }
    expect(ui.screen()).toContain('Score:');
    ui.unmount();
    now = new Date(T0.getTime() + 24 * 3600_000);
    const again = await renderTui(<App lessons={[]} progress={progress} now={() => now} />);
    expect(again.screen()).toContain('Review: 3 questions due');
  });

  it('a drill ends when its time is up, even without a key', () => {
    const session = startInterview({seed: 1, now: T0, count: 2, msPerQuestion: 1000});
    const quiz = quizTick(startQuizState(session, T0), new Date(T0.getTime() + 2500));
    expect(quiz.session.ended).toBe('time-up');
    expect(currentQuestion(quiz.session)).toBeUndefined();
  });

  it('home offers the quiz, the drill and the review', async () => {
    const ui = await renderTui(<App lessons={[]} progress={memoryProgress()} now={() => T0} />);
    expect(ui.screen()).toContain('Quiz: 10 questions');
    expect(ui.screen()).toContain('Interview drill');
    expect(ui.screen()).toContain('Review: nothing due yet');
    await ui.press(KEYS.enter);
    expect(ui.screen()).toContain('Quiz · question 1/10');
  });
});
