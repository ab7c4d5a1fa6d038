// A student's screen state and what each key does, pure. While following, the player shows the
// class position and only the keys that do not move it work (help, bytes, compare); `f` detaches
// to explore alone with every player key, and `f` again lands back on the class position.
// Digits answer a pushed question. Network actions come back as effects for the root.
import type {ClassPosition, StudentState} from '../../class/index.js';
import {canAnswer} from '../../class/index.js';
import {BINDINGS} from '../app/bindings.js';
import {actionFor, quitsFromAnywhere, type Action, type Mode} from '../common/keys.js';
import type {TutorLesson} from '../app/ports.js';
import {reduce, type State} from '../app/model.js';
import {type PlayerState} from '../player/model.js';
import {classAction, CONFIRM_BINDINGS, STUDENT_BINDINGS} from './keys.js';
import {playerAt} from './position.js';

export interface StudentUi {
  view: PlayerState | null;
  following: boolean;
  /** "Leave the class?" is on screen. */
  leaving: boolean;
  /** One line saying why a key did nothing. */
  hint: string | null;
}

export type StudentEffect = {type: 'follow'} | {type: 'detach'; part: number; frame: number} | {type: 'answer'; choice: number} | {type: 'leave'};

export interface StudentKeyContext {
  net: StudentState;
  /** The lesson to play at a class position. */
  lessonFor(at: ClassPosition): TutorLesson;
}

/** What a follower may do: look closer at the class's frame, never move away from it. */
const WHILE_FOLLOWING: ReadonlySet<Action> = new Set<Action>(['help', 'back', 'inspect', 'compare', 'cycle', 'up', 'down', 'pick']);

export function initialStudentUi(following = true): StudentUi {
  return {view: null, following, leaving: false, hint: null};
}

export function viewMode(view: PlayerState | null): Mode {
  const overlay = view?.overlay ?? 'none';
  return overlay === 'none' ? 'player' : overlay;
}

/** Whether a lock-step question holds this student on the class frame. */
export function lockedFor(net: StudentKeyContext['net']): boolean {
  return net.question?.lockStep === true && (net.reveal === null || net.reveal.question !== net.question.id);
}

/** The class moved: a follower's screen moves with it. */
export function classMoved(ui: StudentUi, at: ClassPosition, lesson: TutorLesson): StudentUi {
  if (!ui.following && ui.view) return ui;
  return {...ui, view: playerAt(at, lesson, ui.view)};
}

export function studentTick(ui: StudentUi): StudentUi {
  if (!ui.view || ui.following) return ui;
  return {...ui, view: reducePlayer(ui.view, {type: 'tick'})};
}

function reducePlayer(view: PlayerState, event: Parameters<typeof reduce>[1]): PlayerState {
  const state: State = {screen: 'player', lessons: [view.lesson], home: {cursor: 0, help: false}, player: view, quiz: null, quit: false, presenter: false};
  return reduce(state, event).player ?? view;
}

const none = (ui: StudentUi, ...effects: StudentEffect[]) => ({ui, effects});

export function studentKey(ui: StudentUi, name: string, context: StudentKeyContext): {ui: StudentUi; effects: StudentEffect[]} {
  const {net} = context;
  if (quitsFromAnywhere(name)) return none(ui, {type: 'leave'});
  if (ui.leaving) {
    const answer = classAction(CONFIRM_BINDINGS, name);
    if (answer === 'yes') return none(ui, {type: 'leave'});
    return answer === 'no' ? none({...ui, leaving: false}) : none(ui);
  }
  const cleared = ui.hint === null ? ui : {...ui, hint: null};
  const mode = viewMode(ui.view);
  const classKey = classAction(STUDENT_BINDINGS, name);
  if (classKey === 'answer' && net.question && canAnswer(net)) {
    const choice = Number(name) - 1;
    if (choice < net.question.choices.length) return none(cleared, {type: 'answer', choice});
    return none({...cleared, hint: `This question has ${net.question.choices.length} choices.`});
  }
  if (classKey === 'follow' && (mode === 'player' || ui.following)) {
    // Lock-step: the instructor keeps the class on one frame until the answer is revealed.
    if (ui.following && lockedFor(net)) return none({...cleared, hint: 'The instructor keeps the class together on this frame until the answer is revealed.'});
    if (ui.following) {
      const view = ui.view;
      return none({...cleared, following: false}, {type: 'detach', part: view?.part ?? 0, frame: view?.frame ?? 0});
    }
    const back = net.classAt ? {...cleared, following: true, view: playerAt(net.classAt, context.lessonFor(net.classAt), ui.view && {...ui.view, overlay: 'none'})} : {...cleared, following: true};
    return none(back, {type: 'follow'});
  }
  if (classKey === 'leave' && mode === 'player') return net.link === 'ended' ? none(cleared, {type: 'leave'}) : none({...cleared, leaving: true});
  if (!ui.view) return none(cleared);
  const action = actionFor(BINDINGS, mode, name);
  if (!action || action === 'quit' || (action === 'back' && mode === 'player')) return none(cleared);
  // Inside the bytes view ← → step frames: moving, so not while following.
  const moves = !WHILE_FOLLOWING.has(action);
  if (ui.following && moves) return none({...cleared, hint: 'You are following the class: press f to explore on your own.'});
  const view = reducePlayer(ui.view, {type: 'key', action, key: name});
  const next = {...cleared, view};
  if (!ui.following && (view.part !== ui.view.part || view.frame !== ui.view.frame)) return none(next, {type: 'detach', part: view.part, frame: view.frame});
  return none(next);
}
