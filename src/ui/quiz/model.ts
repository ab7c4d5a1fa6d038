// A quiz, interview drill or review on screen: the session (quiz/ owns its rules), the choice
// under the cursor, the feedback on the last answer, and whether the result is saved.

import {resolveKnobs} from '../../engine/knobs.js';
import {findPreset} from '../../engine/presets.js';
import {answerQuestion, currentQuestion, stopSession, tick, type Feedback, type Session} from '../../quiz/session.js';
import {describeSetup, type QuestionLink} from '../../quiz/index.js';
import type {TutorLesson} from '../app/ports.js';

export interface QuizState {
  session: Session;
  cursor: number;
  feedback: Feedback | null;
  /** The result went to the progress store (once, when the session ends). */
  saved: boolean;
  /** The clock at the last event, to show a drill's time left. */
  now: Date;
  /** The first line of the question, verdict or score in view, when they do not fit. */
  scroll: number;
}

/** How far the screen can scroll and a page's length, as the view lays it out at this size. */
export interface QuizViewport {
  max: number;
  page: number;
}

export type QuizMode = 'quiz' | 'feedback' | 'results';

export function quizMode(quiz: QuizState): QuizMode {
  if (quiz.feedback) return 'feedback';
  return quiz.session.finishedAt === null ? 'quiz' : 'results';
}

export function startQuizState(session: Session, now: Date): QuizState {
  return {session, cursor: 0, feedback: null, saved: false, now, scroll: 0};
}

function answer(quiz: QuizState, choice: number, now: Date): QuizState {
  const question = currentQuestion(quiz.session);
  if (!question || choice < 0 || choice >= question.choices.length) return quiz;
  const {session, feedback} = answerQuestion(quiz.session, choice, now);
  return {...quiz, session, feedback, cursor: 0, now, scroll: 0};
}

function scrolled(quiz: QuizState, action: string, viewport: QuizViewport | undefined): QuizState | undefined {
  if (action !== 'scrollUp' && action !== 'scrollDown' && action !== 'pageUp' && action !== 'pageDown') return undefined;
  if (!viewport) return quiz;
  const by = action === 'scrollUp' ? -1 : action === 'scrollDown' ? 1 : Math.max(1, viewport.page - 1) * (action === 'pageUp' ? -1 : 1);
  return {...quiz, scroll: Math.min(Math.max(0, quiz.scroll + by), viewport.max)};
}

export function quizKey(quiz: QuizState, action: string, key: string | undefined, now: Date, viewport?: QuizViewport): QuizState {
  const scroll = scrolled(quiz, action, viewport);
  if (scroll) return scroll;
  const mode = quizMode(quiz);
  const question = currentQuestion(quiz.session);
  const choices = question?.choices.length ?? 0;
  if (mode === 'quiz') {
    switch (action) {
      case 'up':
        return {...quiz, cursor: (quiz.cursor - 1 + choices) % Math.max(1, choices), now};
      case 'down':
        return {...quiz, cursor: (quiz.cursor + 1) % Math.max(1, choices), now};
      case 'select':
        return answer(quiz, quiz.cursor, now);
      case 'pick':
        return answer(quiz, Number(key) - 1, now);
      case 'stop':
        return {...quiz, session: stopSession(quiz.session, now), now, scroll: 0};
      default:
        return quiz;
    }
  }
  if (mode === 'feedback') {
    if (action === 'continue') return {...quiz, feedback: null, now, scroll: 0};
    if (action === 'stop') return {...quiz, feedback: null, session: stopSession(quiz.session, now), now, scroll: 0};
  }
  return quiz;
}

export function quizTick(quiz: QuizState, now: Date): QuizState {
  return {...quiz, session: tick(quiz.session, now), now};
}

/** The scenario that shows an answer, as a one-part lesson the player can open at the frame. */
export function linkLesson(link: QuestionLink): TutorLesson {
  const preset = findPreset(link.scenario)!;
  const knobs = resolveKnobs(preset.knobs, link.set);
  // The nearest preset with knobs changed is not what its title says: the question's setup is.
  const title = Object.keys(link.set).length === 0 ? preset.title : describeSetup(knobs).replace(/^./, (c) => c.toUpperCase());
  return {
    id: `quiz:${link.scenario}`,
    title: `Where the answer shows: ${title}`,
    parts: [{title, scenario: link.scenario, knobs}],
    narration: () => undefined,
    transient: true,
  };
}
