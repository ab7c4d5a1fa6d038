// Class mode's own keys, as data like src/ui/common/keys.ts: the roots look actions up here and the
// help bars print the same table. The lesson player's keys work underneath (on the host always,
// on a student's screen while exploring alone).
import {keyLabel} from '../common/keys.js';

export type HostAction = 'ask' | 'votes' | 'revote' | 'reveal' | 'clear' | 'lockStep' | 'closed' | 'remove' | 'rotate' | 'names' | 'lessons' | 'join' | 'save' | 'end';
export type StudentAction = 'follow' | 'answer' | 'leave';

export interface ClassBinding<A extends string> {
  keys: string[];
  action: A;
  label: string;
}

export const HOST_BINDINGS: ClassBinding<HostAction>[] = [
  {keys: ['a'], action: 'ask', label: 'ask a question'},
  {keys: ['v'], action: 'votes', label: 'show the class its votes, not the answer (then let them discuss)'},
  {keys: ['V'], action: 'revote', label: 'vote again after the discussion (the first vote is kept)'},
  {keys: ['r'], action: 'reveal', label: 'reveal the answer'},
  {keys: ['x'], action: 'clear', label: 'take it down'},
  {keys: ['K'], action: 'lockStep', label: 'lock-step on/off (students stay on the class frame while a question is open)'},
  {keys: ['C'], action: 'closed', label: 'close to newcomers/open'},
  {keys: ['X'], action: 'remove', label: 'remove a student'},
  {keys: ['R'], action: 'rotate', label: 'new code'},
  {keys: ['n'], action: 'names', label: 'names on/off'},
  {keys: ['L'], action: 'lessons', label: 'lessons'},
  {keys: ['J'], action: 'join', label: 'join screen'},
  {keys: ['s'], action: 'save', label: 'save CSV'},
  {keys: ['q', 'escape'], action: 'end', label: 'end the class'},
];

export const STUDENT_BINDINGS: ClassBinding<StudentAction>[] = [
  {keys: ['f'], action: 'follow', label: 'explore alone / back to the class'},
  {keys: ['1', '2', '3', '4', '5', '6', '7', '8'], action: 'answer', label: 'answer'},
  {keys: ['q', 'escape'], action: 'leave', label: 'leave'},
];

/** The class overlays' keys: lists (the question picker, the lessons) and yes/no questions. */
export type OverlayAction = 'up' | 'down' | 'choose' | 'close' | 'yes' | 'no';

export const LIST_BINDINGS: ClassBinding<OverlayAction>[] = [
  {keys: ['up', 'k'], action: 'up', label: 'move up'},
  {keys: ['down', 'j'], action: 'down', label: 'move down'},
  {keys: ['enter'], action: 'choose', label: 'choose'},
  {keys: ['escape', 'q'], action: 'close', label: 'close'},
];

export const CONFIRM_BINDINGS: ClassBinding<OverlayAction>[] = [
  {keys: ['y', 'enter'], action: 'yes', label: 'yes'},
  {keys: ['n', 'escape', 'q'], action: 'no', label: 'no'},
];

/** The join screen closes with any of these (and with the key that opened it). */
export const JOIN_SCREEN_BINDINGS: ClassBinding<OverlayAction>[] = [{keys: ['enter', 'escape', 'q', 'space'], action: 'close', label: 'close'}];

export function classAction<A extends string>(bindings: ClassBinding<A>[], name: string): A | undefined {
  return bindings.find((b) => b.keys.includes(name))?.action;
}

export function classHelpText<A extends string>(bindings: ClassBinding<A>[]): string {
  return bindings.map((b) => `${b.keys.length > 2 ? `${b.keys[0]}–${b.keys[b.keys.length - 1]}` : b.keys.map(keyLabel).join('/')} ${b.label}`).join(' • ');
}
