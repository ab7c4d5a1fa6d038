// The instructor's screen state and what each key does, pure: the lesson player's state (the
// tutor's own State and reduce, always on the player screen), plus the class overlays — the join
// screen, the question picker, the lesson list and "end the class?". Keys that act on the class
// come back as effects, which the root hands to the network host.
import type {ClassPosition, HostQuestion} from '../../class/index.js';
import {playerAt} from './position.js';
import {BINDINGS} from '../app/bindings.js';
import {actionFor, quitsFromAnywhere, type Mode} from '../common/keys.js';
import type {TutorLesson} from '../app/ports.js';
import {initialState, reduce, type State} from '../app/model.js';
import {classAction, CONFIRM_BINDINGS, HOST_BINDINGS, JOIN_SCREEN_BINDINGS, LIST_BINDINGS, type HostAction} from './keys.js';

export type HostOverlay = 'none' | 'join' | 'ask' | 'lessons' | 'remove' | 'end';

export interface HostUi {
  /** The tutor's state; its screen is always the player. */
  app: State;
  overlay: HostOverlay;
  /** The cursor in the question picker or the lesson list. */
  cursor: number;
  candidates: HostQuestion[];
  /** The students who can be removed (connected or offline, not yet removed), when the remove list opened. */
  removable: {id: string; name: string}[];
  /** Whether the histogram shows who chose what (anonymous by default). */
  named: boolean;
}

export type HostEffect =
  | {type: 'push'; question: HostQuestion}
  | {type: 'votes'}
  | {type: 'revote'}
  | {type: 'reveal'}
  | {type: 'clear'}
  | {type: 'lockStep'}
  | {type: 'closed'}
  | {type: 'remove'; id: string}
  | {type: 'rotate'}
  | {type: 'save'}
  | {type: 'end'};

export interface HostKeyContext {
  /** What can be pushed at the player's current position (computed when the picker opens). */
  candidates(ui: HostUi): HostQuestion[];
  /** The question on the students' screens, if any: revealed yet, and which vote (peer instruction). */
  question: {revealed: boolean; round?: 1 | 2} | null;
  /** The roster as the remove list shows it. */
  students(): {id: string; name: string}[];
}

export function initialHostUi(lessons: TutorLesson[], lessonId: string, at?: ClassPosition): HostUi {
  const app = initialState(lessons, {lessonId}, undefined, true);
  const lesson = lessons.find((l) => l.id === lessonId);
  // A resumed class: the player where the class was, with its knobs and RTT, so nobody is moved.
  const resumed = at && lesson && app.player ? {...app, player: {...playerAt(at, lesson, null), presenter: true}} : app;
  return {app: resumed, overlay: 'join', cursor: 0, candidates: [], removable: [], named: false};
}

export function playerMode(ui: HostUi): Mode {
  const overlay = ui.app.player?.overlay ?? 'none';
  return overlay === 'none' ? 'player' : overlay;
}

const none = (ui: HostUi, ...effects: HostEffect[]) => ({ui, effects});

function move(ui: HostUi, name: string, length: number): HostUi {
  if (length === 0) return ui;
  const action = classAction(LIST_BINDINGS, name);
  if (action === 'up') return {...ui, cursor: (ui.cursor - 1 + length) % length};
  if (action === 'down') return {...ui, cursor: (ui.cursor + 1) % length};
  return ui;
}

/** The key that opened an overlay closes it too. */
const opens = (name: string, action: HostAction) => classAction(HOST_BINDINGS, name) === action;

/** The autoplay clock ticking. */
export function hostTick(ui: HostUi): HostUi {
  return {...ui, app: reduce(ui.app, {type: 'tick'})};
}

export function hostKey(ui: HostUi, name: string, context: HostKeyContext): {ui: HostUi; effects: HostEffect[]} {
  if (quitsFromAnywhere(name)) return none(ui, {type: 'end'});
  switch (ui.overlay) {
    case 'end': {
      const answer = classAction(CONFIRM_BINDINGS, name);
      if (answer === 'yes') return none(ui, {type: 'end'});
      return answer === 'no' ? none({...ui, overlay: 'none'}) : none(ui);
    }
    case 'join':
      return classAction(JOIN_SCREEN_BINDINGS, name) === 'close' || opens(name, 'join') ? none({...ui, overlay: 'none'}) : none(ui);
    case 'ask': {
      const action = classAction(LIST_BINDINGS, name);
      if (action === 'choose') {
        const question = ui.candidates[ui.cursor];
        return question ? none({...ui, overlay: 'none'}, {type: 'push', question}) : none({...ui, overlay: 'none'});
      }
      if (action === 'close' || opens(name, 'ask')) return none({...ui, overlay: 'none'});
      return none(move(ui, name, ui.candidates.length));
    }
    case 'remove': {
      const action = classAction(LIST_BINDINGS, name);
      if (action === 'choose') {
        const student = ui.removable[ui.cursor];
        return student ? none({...ui, overlay: 'none'}, {type: 'remove', id: student.id}) : none({...ui, overlay: 'none'});
      }
      if (action === 'close' || opens(name, 'remove')) return none({...ui, overlay: 'none'});
      return none(move(ui, name, ui.removable.length));
    }
    case 'lessons': {
      const lessons = ui.app.lessons;
      const action = classAction(LIST_BINDINGS, name);
      if (action === 'choose') {
        const lesson = lessons[ui.cursor];
        if (!lesson) return none({...ui, overlay: 'none'});
        return none({...ui, overlay: 'none', app: reduce(ui.app, {type: 'open', lessonId: lesson.id})});
      }
      if (action === 'close' || opens(name, 'lessons')) return none({...ui, overlay: 'none'});
      return none(move(ui, name, lessons.length));
    }
    case 'none':
      break;
  }
  const mode = playerMode(ui);
  if (mode === 'player') {
    switch (classAction(HOST_BINDINGS, name)) {
      case 'ask': {
        const candidates = context.candidates(ui);
        return none({...ui, overlay: 'ask', cursor: 0, candidates});
      }
      case 'votes':
        return context.question && !context.question.revealed ? none(ui, {type: 'votes'}) : none(ui);
      case 'revote':
        return context.question && !context.question.revealed && context.question.round !== 2 ? none(ui, {type: 'revote'}) : none(ui);
      case 'reveal':
        return context.question && !context.question.revealed ? none(ui, {type: 'reveal'}) : none(ui);
      case 'clear':
        return context.question ? none(ui, {type: 'clear'}) : none(ui);
      case 'lockStep':
        return none(ui, {type: 'lockStep'});
      case 'closed':
        return none(ui, {type: 'closed'});
      case 'rotate':
        return none(ui, {type: 'rotate'});
      case 'remove':
        return none({...ui, overlay: 'remove', cursor: 0, removable: context.students()});
      case 'names':
        return none({...ui, named: !ui.named});
      case 'lessons': {
        const at = ui.app.lessons.findIndex((l) => l.id === ui.app.player?.lesson.id);
        return none({...ui, overlay: 'lessons', cursor: Math.max(0, at)});
      }
      case 'join':
        return none({...ui, overlay: 'join'});
      case 'save':
        return none(ui, {type: 'save'});
      case 'end':
        return none({...ui, overlay: 'end'});
      case undefined:
        break;
    }
  }
  const action = actionFor(BINDINGS, mode, name);
  // 'back' on the bare player would leave it for the tutor's home screen, which a class does not have.
  if (!action || action === 'quit' || (action === 'back' && mode === 'player')) return none(ui);
  return none({...ui, app: reduce(ui.app, {type: 'key', action, key: name})});
}
