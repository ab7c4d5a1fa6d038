// A quiz, drill or review screen as lines (tests check them without Ink): the header, then the
// question and its choices, or the verdict with the trap, the explanation and where it shows, or
// the score. Everything wraps to the width; what does not fit the height scrolls (PgUp PgDn, and
// ↑ ↓ where they are not choosing), and the choice under the cursor always stays in view.
import {readiness} from '../../quiz/readiness.js';
import {currentQuestion, remainingMs, sessionResult} from '../../quiz/session.js';
import {wrap} from '../../render/text.js';
import {scrollWindow, type StyledLine} from '../common/scroll.js';
import {quizMode, type QuizState} from './model.js';

const TITLES = {quiz: 'Quiz', interview: 'Interview drill', review: 'Review'} as const;

function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function headerLine(quiz: QuizState): string {
  const {session} = quiz;
  if (quizMode(quiz) === 'results') return `${TITLES[session.mode]} · done`;
  const total = session.questions.length;
  const number = Math.min(session.answers.length + (quiz.feedback ? 0 : 1), total);
  const correct = session.answers.filter((a) => a.correct).length;
  const left = remainingMs(session, quiz.now);
  return `${TITLES[session.mode]} · question ${number}/${total} · ${correct} right so far${left === null ? '' : ` · time left ${clock(left)}`}`;
}

export interface QuizLayout {
  header: string[];
  body: StyledLine[];
  /** The lines of the choice under the cursor, kept in view while choosing. */
  focus?: {start: number; end: number};
}

/** "14 s", "1 min 5 s": how long an answer took. */
function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function resultLines(quiz: QuizState, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  const add = (text: string, style: Omit<StyledLine, 'text'> = {}, indent = 2) => {
    for (const line of wrap(text, width, indent)) lines.push({text: line, ...style});
  };
  const result = sessionResult(quiz.session);
  if (result.asked === 0 && quiz.session.mode === 'review') {
    add('Nothing is due for review now: questions you miss come back here, a day later and then less and less often.');
    return lines;
  }
  const pct = Math.round(result.score * 100);
  const why = quiz.session.ended === 'time-up' ? ' (time ran out)' : quiz.session.ended === 'stopped' ? ' (stopped early)' : '';
  add(`Score: ${result.correct} of ${result.asked} (${pct}%)${why}`, {bold: true});
  lines.push({text: ''});
  // The readiness report: per topic right and the median time to answer, what the wrong answers
  // show, and what to study next.
  const report = readiness(quiz.session);
  add('By topic (right, median time to answer)', {dim: true});
  for (const t of report.topics) add(`  ${t.title}: ${t.right}/${t.asked}${t.medianMs === null ? '' : ` · ${seconds(t.medianMs)}`}`, {}, 4);
  if (report.misconceptions.length > 0) {
    lines.push({text: ''});
    add('What the wrong answers show', {dim: true});
    for (const m of report.misconceptions) add(`  ${m.count > 1 ? `${m.count}× ` : ''}${m.text}`, {}, 4);
  }
  if (report.next) {
    lines.push({text: ''});
    add(`Study next: 'hs-tutor lesson ${report.next.lesson}' (${report.next.reason}).`, {bold: true});
  }
  if (result.missed.length > 0) {
    lines.push({text: ''});
    add(`${result.missed.length} missed question${result.missed.length === 1 ? '' : 's'} will come back in 'hs-tutor review'.`);
  }
  if (result.unanswered.length > 0) {
    add(`${result.unanswered.length} question${result.unanswered.length === 1 ? '' : 's'} left unanswered will come back in review too.`);
  }
  lines.push({text: ''});
  add(result.answered === 0 ? 'Nothing was answered, so nothing was saved.' : quiz.saved ? 'Saved to your progress.' : 'Saving your progress.', {dim: true});
  return lines;
}

export function layoutQuiz(quiz: QuizState, width: number): QuizLayout {
  const header = wrap(headerLine(quiz), width, 2);
  if (quizMode(quiz) === 'results') return {header, body: resultLines(quiz, width)};
  const feedback = quiz.feedback;
  const question = feedback?.question ?? currentQuestion(quiz.session)!;
  const body: StyledLine[] = [{text: ''}];
  const add = (text: string, style: Omit<StyledLine, 'text'> = {}, indent = 0) => {
    for (const line of wrap(text, width, indent)) body.push({text: line, ...style});
  };
  for (const line of question.prompt.split('\n')) add(line);
  body.push({text: ''});
  let focus: QuizLayout['focus'];
  question.choices.forEach((choice, i) => {
    const selected = !feedback && i === quiz.cursor;
    const mark = feedback ? (i === question.answer ? '✓' : i === feedback.chosen ? '✗' : ' ') : selected ? '›' : ' ';
    const color = feedback ? (i === question.answer ? 'green' : i === feedback.chosen ? 'red' : undefined) : undefined;
    const start = body.length;
    add(`${mark} ${i + 1}. ${choice}`, {inverse: selected, ...(color ? {color} : {})}, 5);
    if (selected) focus = {start, end: body.length - 1};
  });
  if (feedback) {
    body.push({text: ''});
    add(feedback.timeUp ? 'Time is up: that answer does not count.' : feedback.correct ? 'Right.' : 'Not quite.', {bold: true, color: feedback.correct ? 'green' : 'red'});
    if (feedback.mistake) add(`The trap: ${feedback.mistake}`);
    add(feedback.explanation);
    if (feedback.link) {
      const {link} = feedback;
      // A lesson's own checkpoint opens that lesson, where it was asked ("show me").
      add(link.part !== undefined && link.lesson ? `Press o to show me: the lesson ${link.lesson}, at the frame that asks it.` : `Press o to show me: ${link.scenario} at the frame that shows it.`, {dim: true});
    }
  }
  return {header, body, ...(focus ? {focus} : {})};
}

/** The first body line in view: the learner's scroll, moved as little as needed to show the focus. */
export function quizOffset(layout: QuizLayout, rows: number, scroll: number): number {
  const room = rows - layout.header.length;
  const fit = scrollWindow(layout.body.length, room, scroll);
  if (!layout.focus || fit.above + fit.below === 0) return fit.start;
  const {start, end} = layout.focus;
  let offset = fit.start;
  if (end >= offset + fit.shown) offset = end - fit.shown + 1;
  if (start < offset) offset = start;
  return scrollWindow(layout.body.length, room, offset).start;
}
