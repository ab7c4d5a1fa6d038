// A quiz, interview drill or review session as plain data and pure functions: the TUI keeps a
// Session in its state, calls answerQuestion on each answer and remainingMs on each tick, and
// hands sessionRecord to the progress store at the end. The clock is always a parameter.
import type {Counting} from './keys.js';
import {matchChoice} from './grade.js';
import {questionFromKey, shuffleChoices, type FromKeyOptions} from './question.js';
import {dueQuestions, type ReviewDeck, type ReviewOutcome} from './review.js';
import {DEFAULT_COUNT, generateQuiz, practiceQuiz} from './worksheet.js';
import type {Question, QuestionLink, QuizHistoryEntry, QuizMode} from './types.js';

export interface SessionAnswer {
  questionId: string;
  topic: string;
  /** The choice picked (index), or null when a typed answer matched no choice. */
  choice: number | null;
  correct: boolean;
  /** Milliseconds since the session started. */
  atMs: number;
}

export interface Session {
  mode: QuizMode;
  questions: readonly Question[];
  /** One per question answered, in order; the current question is questions[answers.length]. */
  answers: readonly SessionAnswer[];
  startedAt: string;
  /** When a timed drill's time is up, or null. */
  deadline: string | null;
  /** Set when the last question is answered, time runs out, or the learner stops. */
  finishedAt: string | null;
  /** Why it finished. */
  ended: 'completed' | 'time-up' | 'stopped' | null;
}

export interface Feedback {
  correct: boolean;
  question: Question;
  /** The choice picked, or null (time was up, or a typed answer matched no choice). */
  chosen: number | null;
  /** The classic mistake the chosen wrong answer stands for, when there is one. */
  mistake: string | null;
  explanation: string;
  /** Where the answer can be seen (open the lesson or scenario at that frame). */
  link: QuestionLink | null;
  /** True when the answer came after the drill's time was up: it was not counted. */
  timeUp: boolean;
}

export interface StartOptions {
  mode: QuizMode;
  questions: readonly Question[];
  now: Date;
  /** For a timed drill: the time for the whole session. */
  timeLimitMs?: number;
}

export function startSession(options: StartOptions): Session {
  const deadline = options.timeLimitMs === undefined ? null : new Date(options.now.getTime() + options.timeLimitMs).toISOString();
  return {
    mode: options.mode,
    questions: options.questions,
    answers: [],
    startedAt: options.now.toISOString(),
    deadline,
    finishedAt: options.questions.length === 0 ? options.now.toISOString() : null,
    ended: options.questions.length === 0 ? 'completed' : null,
  };
}

/** Default time per question in the interview drill. */
export const INTERVIEW_MS_PER_QUESTION = 60_000;

export interface InterviewOptions {
  seed: number;
  now: Date;
  count?: number;
  topic?: string;
  msPerQuestion?: number;
  counting?: Counting;
}

/** `hs-tutor quiz --interview`: N questions across topics (or one), against the clock. */
export function startInterview(options: InterviewOptions): Session {
  const count = options.count ?? DEFAULT_COUNT;
  const questions = generateQuiz({seed: options.seed, count, ...(options.topic === undefined ? {} : {topic: options.topic}), ...(options.counting === undefined ? {} : {counting: options.counting})});
  return startSession({mode: 'interview', questions, now: options.now, timeLimitMs: questions.length * (options.msPerQuestion ?? INTERVIEW_MS_PER_QUESTION)});
}

/** `hs-tutor quiz`: N questions, untimed. */
export function startQuiz(options: {seed: number; now: Date; count?: number; topic?: string; counting?: Counting}): Session {
  const questions = generateQuiz({
    seed: options.seed,
    count: options.count ?? DEFAULT_COUNT,
    ...(options.topic === undefined ? {} : {topic: options.topic}),
    ...(options.counting === undefined ? {} : {counting: options.counting}),
  });
  return startSession({mode: 'quiz', questions, now: options.now});
}

/** "Practise this": a short quiz on one misconception (worksheet.ts practiceQuiz). */
export function startPractice(options: {misconception: string; seed: number; now: Date; count?: number; lessonQuestions?: readonly Question[]}): Session {
  return startSession({mode: 'quiz', questions: practiceQuiz(options), now: options.now});
}

/**
 * `hs-tutor review`: the questions due at `now`, the longest overdue first (at most `limit`).
 * A finished session with no questions when nothing is due (see nextDue for when to come back).
 */
export function startReview(progress: {review: ReviewDeck}, now: Date, options: FromKeyOptions & {limit?: number; seed?: number} = {}): Session {
  // Each review asks in a new order (seeded by the clock unless a seed is given), so a question
  // seen before is answered by its meaning, not by where its answer stood.
  const seed = options.seed ?? now.getTime() % 2_147_483_647;
  const questions = dueQuestions(progress, now)
    .map((key) => questionFromKey(key, options))
    .filter((q): q is Question => q !== undefined)
    .slice(0, options.limit ?? 20)
    .map((q) => shuffleChoices(q, seed));
  return startSession({mode: 'review', questions, now});
}

export function currentQuestion(session: Session): Question | undefined {
  return session.finishedAt === null ? session.questions[session.answers.length] : undefined;
}

/** Time left in a timed drill (never below 0), or null when untimed. */
export function remainingMs(session: Session, now: Date): number | null {
  return session.deadline === null ? null : Math.max(0, Date.parse(session.deadline) - now.getTime());
}

/** The session with its time run out, if it has (call on each tick). */
export function tick(session: Session, now: Date): Session {
  if (session.finishedAt !== null || remainingMs(session, now) !== 0) return session;
  return {...session, finishedAt: session.deadline, ended: 'time-up'};
}

/** The learner stops early. */
export function stopSession(session: Session, now: Date): Session {
  return session.finishedAt !== null ? session : {...session, finishedAt: now.toISOString(), ended: 'stopped'};
}

/**
 * Answers the current question with a choice index, or with typed text checked by meaning.
 * After the drill's time is up the answer is not counted and the session ends.
 */
export function answerQuestion(session: Session, response: number | string, now: Date): {session: Session; feedback: Feedback} {
  const question = currentQuestion(session);
  if (question === undefined) throw new Error('The session is finished: there is no question to answer.');
  const base = {question, explanation: question.explanation, link: question.link};
  const ticked = tick(session, now);
  if (ticked.finishedAt !== null) return {session: ticked, feedback: {...base, correct: false, chosen: null, mistake: null, timeUp: true}};
  if (typeof response === 'number' && !(Number.isInteger(response) && response >= 0 && response < question.choices.length)) {
    throw new RangeError(`No choice ${response}: the question has ${question.choices.length}.`);
  }
  const chosen = typeof response === 'number' ? response : matchChoice(question, response);
  const correct = chosen === question.answer;
  const answers = [...session.answers, {questionId: question.id, topic: question.topic, choice: chosen, correct, atMs: now.getTime() - Date.parse(session.startedAt)}];
  const done = answers.length === session.questions.length;
  return {
    session: {...session, answers, ...(done ? {finishedAt: now.toISOString(), ended: 'completed' as const} : {})},
    feedback: {...base, correct, chosen, mistake: correct || chosen === null ? null : (question.mistakes[chosen] ?? null), timeUp: false},
  };
}

export interface SessionResult {
  mode: QuizMode;
  /** Questions that count: all of a drill's (unanswered ones count as wrong); those answered otherwise. */
  asked: number;
  answered: number;
  correct: number;
  /** correct / asked, 0 when nothing was asked. */
  score: number;
  /** Topic id → [correct, asked]. */
  byTopic: Record<string, [number, number]>;
  /** Questions answered wrongly (they enter review box 1). */
  missed: Question[];
  /** A drill's questions never answered before time ran out (they count as wrong and enter review). */
  unanswered: Question[];
  /** The misconceptions the wrong answers showed, one per wrong answer that showed one. */
  misconceptions: string[];
  durationMs: number;
}

export function sessionResult(session: Session): SessionResult {
  const answered = session.answers.length;
  const counted = session.mode === 'interview' ? session.questions : session.questions.slice(0, answered);
  const byTopic: Record<string, [number, number]> = {};
  counted.forEach((question, i) => {
    const pair = (byTopic[question.topic] ??= [0, 0]);
    pair[1] += 1;
    if (session.answers[i]?.correct) pair[0] += 1;
  });
  const correct = session.answers.filter((a) => a.correct).length;
  const end = session.finishedAt ?? session.startedAt;
  return {
    mode: session.mode,
    asked: counted.length,
    answered,
    correct,
    score: counted.length === 0 ? 0 : correct / counted.length,
    byTopic,
    missed: session.answers.flatMap((a, i) => (a.correct ? [] : [session.questions[i]!])),
    unanswered: session.mode === 'interview' ? session.questions.slice(answered) : [],
    misconceptions: session.answers.flatMap((a, i) => {
      const id = a.correct || a.choice === null ? null : session.questions[i]!.misconceptions[a.choice];
      return id ? [id] : [];
    }),
    durationMs: Date.parse(end) - Date.parse(session.startedAt),
  };
}

/**
 * What the progress store keeps of a finished session: its history entry, each answer for review
 * (a drill's questions left unanswered when time ran out are misses too), and the misconceptions
 * the wrong answers showed.
 */
export function sessionRecord(session: Session): {entry: QuizHistoryEntry; outcomes: ReviewOutcome[]; misconceptions: string[]} {
  const result = sessionResult(session);
  return {
    entry: {at: session.finishedAt ?? session.startedAt, mode: session.mode, asked: result.asked, correct: result.correct, topics: result.byTopic},
    outcomes: [...session.answers.map((a) => ({key: a.questionId, correct: a.correct})), ...result.unanswered.map((q) => ({key: q.id, correct: false}))],
    misconceptions: result.misconceptions,
  };
}
