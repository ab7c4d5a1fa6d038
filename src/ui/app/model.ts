// The root model and update: which screen family is showing (home, player, quiz) and how a key or
// a clock tick moves between them. Each family updates its own part (home/model.ts,
// player/model.ts, quiz/model.ts); this routes to them and carries out what crosses families
// (opening a lesson from home or from a quiz answer, starting a session, quitting). Pure: the
// root component runs it once per key and owns the side effects.
import type {Counting} from '../../quiz/keys.js';
import type {Session} from '../../quiz/session.js';
import type {LabReport} from '../../lab/index.js';
import type {Action, Mode} from '../common/keys.js';
import {HOME_START, homeItems, updateHome, type ContinueTarget, type HomeItem, type HomeState, type Practice, type SessionKind} from '../home/model.js';
import type {CheckpointResult} from '../player/checkpoints.js';
import {openLesson, tick, updatePlayer, type LabState, type PlayerState, type Viewport} from '../player/model.js';
import {startPredicting} from '../player/predictions.js';
import {topicItems} from '../home/topics.js';
import {linkLesson, quizKey, quizMode, quizTick, startQuizState, type QuizState} from '../quiz/model.js';
import type {Position, TutorLesson} from './ports.js';

export type {HomeItem, SessionKind};

export interface State {
  screen: 'home' | 'player' | 'quiz';
  lessons: TutorLesson[];
  home: HomeState;
  player: PlayerState | null;
  quiz: QuizState | null;
  quit: boolean;
  /** For a projector (--presenter, the class host): lessons ask no checkpoints. */
  presenter: boolean;
  /** The counting setting the home screen switches (the root keeps it in progress). */
  counting?: Counting;
}

export type Event =
  | {type: 'key'; action: Action; key?: string; now?: Date}
  | {type: 'open'; lessonId: string; position?: Position; answers?: Record<string, CheckpointResult>; predict?: number; rttMs?: number}
  | {type: 'tick'}
  | {type: 'quiz-start'; session: Session; now: Date}
  | {type: 'quiz-tick'; now: Date}
  | {type: 'quiz-saved'}
  /** The lab the player asked for has finished (or cannot run: `message`). */
  | {type: 'lab-done'; key: string; report?: LabReport; message?: string};

/** What the update reads but does not own: progress (positions, Continue) and new sessions. */
export interface Context {
  /** Where Continue goes, as the home screen on show says. */
  target?: ContinueTarget;
  /** Where Continue goes once the lesson being left is saved (home is drawn after the save). */
  continueTarget?(left: PlayerState): ContinueTarget | undefined;
  position(lessonId: string): Position | undefined;
  /** How the lesson's checkpoints went so far (they are not asked again). */
  answers?(lessonId: string): Record<string, CheckpointResult>;
  /** The misconceptions the home screen offers to practise, most frequent first. */
  practice?: readonly Practice[];
  /** A new session of this kind, on one topic or practising one misconception (the root owns the clock, the seed and the review deck). */
  session?(kind: SessionKind, options?: {misconception?: string; topic?: string}): {session: Session; now: Date};
  /** The scrolled text on screen now, as the view lays it out (the model does not know the size). */
  viewport?(state: State): Viewport | undefined;
}

export function initialState(lessons: TutorLesson[], open?: Omit<Extract<Event, {type: 'open'}>, 'type'>, home: HomeState = HOME_START, presenter = false): State {
  const state: State = {screen: 'home', lessons, home, player: null, quiz: null, quit: false, presenter};
  return open ? reduce(state, {type: 'open', ...open}) : state;
}

/** The key-binding mode of the screen on show. */
export function modeOf(state: State): Mode {
  if (state.screen === 'home') return state.home.help ? 'help' : state.home.topics ? 'topics' : 'home';
  if (state.screen === 'quiz') return quizMode(state.quiz!);
  const overlay = state.player!.overlay;
  return overlay === 'none' ? 'player' : overlay;
}

export function reduce(state: State, event: Event, context?: Context): State {
  switch (event.type) {
    case 'open': {
      const lesson = state.lessons.find((l) => l.id === event.lessonId);
      if (!lesson) return state;
      const player: PlayerState = {...openLesson(lesson, event.position, event.rttMs), answers: event.answers ?? {}, presenter: state.presenter};
      return {...state, screen: 'player', player: event.predict === undefined || state.presenter ? player : {...player, predict: startPredicting(event.predict)}};
    }
    case 'tick':
      return state.player ? {...state, player: tick(state.player)} : state;
    case 'lab-done': {
      const p = state.player;
      if (p?.lab?.key !== event.key || p.lab.status !== 'running') return state;
      const lab: LabState = event.report ? {key: event.key, status: 'done', report: event.report} : {key: event.key, status: 'failed', message: event.message ?? 'The lab could not run.'};
      return {...state, player: {...p, lab}};
    }
    case 'quiz-start':
      return {...state, screen: 'quiz', player: null, quiz: startQuizState(event.session, event.now)};
    case 'quiz-tick':
      return state.quiz ? {...state, quiz: quizTick(state.quiz, event.now)} : state;
    case 'quiz-saved':
      return state.quiz ? {...state, quiz: {...state.quiz, saved: true}} : state;
    case 'key':
      break;
  }
  const {action} = event;
  if (action === 'quit') return {...state, quit: true};
  if (state.screen === 'home') return homeKey(state, action, context);
  if (state.screen === 'quiz') return quizScreenKey(state, action, event.key, event.now ?? new Date(), context);
  const player = state.player!;
  if (player.overlay === 'complete' && action === 'nextLesson') {
    const next = nextLesson(state.lessons, player);
    if (!next) return leavePlayer(state, player, context);
    return reduce(state, {type: 'open', lessonId: next.id, position: context?.position(next.id), answers: context?.answers?.(next.id) ?? {}});
  }
  if (action === 'back' && (player.overlay === 'none' || player.overlay === 'complete')) return leavePlayer(state, player, context);
  return {...state, player: updatePlayer(player, action, event.key, context?.viewport?.(state))};
}

/** The lesson after the one in the player, in curriculum order (the completion screen offers it). */
export function nextLesson(lessons: readonly TutorLesson[], player: PlayerState): TutorLesson | undefined {
  const at = lessons.findIndex((l) => l.id === player.lesson.id);
  return at < 0 ? undefined : lessons[at + 1];
}

/** Back to where the player was opened from: the quiz, or home with the cursor on the lesson just left. */
function leavePlayer(state: State, player: PlayerState, context: Context | undefined): State {
  if (player.fromQuiz) return {...state, screen: 'quiz', player: null};
  // A scenario walked on its own (`hs-tutor predict`) is the whole program: leaving it ends it.
  if (player.lesson.transient) return {...state, quit: true};
  // Home again with the cursor on the lesson just left (Continue now names it, above the list).
  const items = homeItems(state.lessons, context?.continueTarget ? context.continueTarget(player) : context?.target);
  const at = items.findIndex((item) => item.kind === 'lesson' && item.lessonId === player.lesson.id);
  return {...state, screen: 'home', player: null, home: {...state.home, cursor: at >= 0 ? at : state.home.cursor}};
}

function quizScreenKey(state: State, action: Action, key: string | undefined, now: Date, context?: Context): State {
  const quiz = state.quiz!;
  const mode = quizMode(quiz);
  if (mode === 'results' && action === 'back') return {...state, screen: 'home', quiz: null};
  if (mode === 'feedback' && action === 'open') {
    const link = quiz.feedback?.link;
    if (!link) return state;
    // "Show me": a lesson's own checkpoint opens that lesson at its frame, the learner's answers
    // kept; an engine question opens its scenario at the frame that shows the answer.
    const lesson = link.part === undefined ? undefined : state.lessons.find((l) => l.id === link.lesson);
    const position = {part: lesson ? link.part! : 0, frame: link.frame ?? 0, frameId: link.frameId ?? '', status: 'in-progress' as const};
    const player = lesson ? {...openLesson(lesson, position), answers: context?.answers?.(lesson.id) ?? {}} : openLesson(linkLesson(link), position, link.rttMs);
    return {...state, screen: 'player', player: {...player, fromQuiz: true}};
  }
  return {...state, quiz: quizKey(quiz, action, key, now, context?.viewport?.(state))};
}

function homeKey(state: State, action: Action, context?: Context): State {
  const items = state.home.topics ? topicItems() : homeItems(state.lessons, context?.target, context?.practice);
  const {home, chosen} = updateHome(state.home, items, action, context?.viewport?.(state));
  const next = {...state, home};
  if (!chosen) return next;
  switch (chosen.kind) {
    case 'quit':
      return {...next, quit: true};
    case 'counting':
      return {...next, counting: (next.counting ?? 'client') === 'client' ? 'server' : 'client'};
    case 'quiz':
    case 'interview':
    case 'review': {
      const started = context?.session?.(chosen.kind, chosen.topic === undefined ? {} : {topic: chosen.topic});
      return started ? reduce(next, {type: 'quiz-start', ...started}) : next;
    }
    case 'practise': {
      const started = context?.session?.('quiz', {misconception: chosen.practice!.id});
      return started ? reduce(next, {type: 'quiz-start', ...started}) : next;
    }
    case 'continue':
      if (chosen.lessonId === undefined) {
        const review = context?.session?.('review');
        return review ? reduce(next, {type: 'quiz-start', ...review}) : next;
      }
      return reduce(next, {type: 'open', lessonId: chosen.lessonId, position: context?.position(chosen.lessonId), answers: context?.answers?.(chosen.lessonId) ?? {}});
    default: {
      const lessonId = chosen.lessonId!;
      return reduce(next, {type: 'open', lessonId, position: context?.position(lessonId), answers: context?.answers?.(lessonId) ?? {}});
    }
  }
}
