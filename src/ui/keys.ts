// Key bindings as data: the root's single input handler looks keys up here, and the help bar
// and the `?` overlay render the same table, so help can never disagree with behaviour.

export type Action =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'autoplay'
  | 'faster'
  | 'slower'
  | 'options'
  | 'compare'
  | 'inspect'
  | 'help'
  | 'back'
  | 'quit'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'select'
  | 'nextPart'
  | 'previousPart'
  | 'cycle'
  | 'pick'
  | 'open'
  | 'stop'
  | 'continue';

export type Mode = 'home' | 'player' | 'options' | 'compare' | 'inspect' | 'help' | 'quiz' | 'feedback' | 'results';

export interface Binding {
  keys: string[];
  action: Action;
  /** Shown in the help bar and overlay. */
  label: string;
  modes: Mode[];
  /** Kept out of the one-line help bar (still in the `?` overlay). */
  barHidden?: boolean;
}

const ALL: Mode[] = ['home', 'player', 'options', 'compare', 'inspect', 'help', 'quiz', 'feedback', 'results'];

export const BINDINGS: Binding[] = [
  {keys: ['up', 'k'], action: 'up', label: 'move up', modes: ['home', 'options', 'quiz']},
  {keys: ['down', 'j'], action: 'down', label: 'move down', modes: ['home', 'options', 'quiz']},
  {keys: ['up', 'k'], action: 'up', label: 'previous field', modes: ['inspect']},
  {keys: ['down', 'j'], action: 'down', label: 'next field', modes: ['inspect']},
  {keys: ['enter'], action: 'select', label: 'open', modes: ['home']},
  {keys: ['enter'], action: 'select', label: 'answer', modes: ['quiz']},
  {keys: ['1', '2', '3', '4', '5', '6'], action: 'pick', label: 'answer with that choice (quizzes and checkpoints)', modes: ['quiz', 'player'], barHidden: true},
  {keys: ['enter', 'space', 'right'], action: 'continue', label: 'next question', modes: ['feedback']},
  {keys: ['o'], action: 'open', label: 'open where it shows', modes: ['feedback']},
  {keys: ['escape', 'q'], action: 'stop', label: 'stop and see the score', modes: ['quiz', 'feedback']},
  {keys: ['enter', 'escape', 'q'], action: 'back', label: 'back home', modes: ['results']},
  {keys: ['right', 'l', 'space'], action: 'next', label: 'next frame', modes: ['player', 'compare', 'inspect']},
  {keys: ['left', 'h'], action: 'previous', label: 'previous frame', modes: ['player', 'compare', 'inspect']},
  {keys: ['g', 'home'], action: 'first', label: 'first frame', modes: ['player'], barHidden: true},
  {keys: ['G', 'end'], action: 'last', label: 'last frame', modes: ['player'], barHidden: true},
  {keys: [']'], action: 'nextPart', label: 'next part', modes: ['player'], barHidden: true},
  {keys: ['['], action: 'previousPart', label: 'previous part', modes: ['player'], barHidden: true},
  {keys: ['p'], action: 'autoplay', label: 'play/pause', modes: ['player']},
  {keys: ['+', '='], action: 'faster', label: 'faster', modes: ['player'], barHidden: true},
  {keys: ['-'], action: 'slower', label: 'slower', modes: ['player'], barHidden: true},
  {keys: ['left', 'h'], action: 'left', label: 'previous value', modes: ['options']},
  {keys: ['right', 'l', 'space'], action: 'right', label: 'next value', modes: ['options']},
  {keys: ['o'], action: 'options', label: 'knobs', modes: ['player', 'options']},
  {keys: ['c'], action: 'compare', label: 'compare', modes: ['player', 'compare']},
  {keys: ['tab'], action: 'cycle', label: 'other comparison', modes: ['compare']},
  {keys: ['i'], action: 'inspect', label: 'bytes', modes: ['player', 'inspect']},
  {keys: ['?'], action: 'help', label: 'help', modes: ALL},
  {keys: ['escape', 'q'], action: 'back', label: 'back', modes: ['player', 'options', 'compare', 'inspect', 'help']},
  {keys: ['escape', 'q'], action: 'quit', label: 'quit', modes: ['home']},
  {keys: ['ctrl+c'], action: 'quit', label: 'quit from anywhere', modes: ALL, barHidden: true},
];

/** Ink's key object, reduced to what we read. */
export interface InkKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  home?: boolean;
  end?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
}

/** One name per key press, the names BINDINGS uses. */
export function keyName(input: string, key: InkKey): string {
  if (key.ctrl && input === 'c') return 'ctrl+c';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.return) return 'enter';
  if (key.tab) return 'tab';
  if (key.home) return 'home';
  if (key.end) return 'end';
  // Ink 6 reports a bare Escape with meta set too (ink-notes §2.2).
  if (key.escape) return 'escape';
  if (input === ' ') return 'space';
  return input;
}

/** Control characters inside a burst ('jjj\r') are keys too. */
const BURST_CONTROLS: Record<string, InkKey> = {'\r': {return: true}, '\n': {return: true}, '\t': {tab: true}, '\u001b': {escape: true}};

/**
 * The key names in one input event. Ink hands a burst of printable keys (fast typing, a paste,
 * a terminal that batches writes) over as one string: each character is its own press.
 */
export function keyNames(input: string, key: InkKey): string[] {
  const special = key.ctrl || key.meta || key.escape || key.return || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.home || key.end;
  if (special || input.length <= 1) return [keyName(input, key)];
  return [...input].map((ch) => keyName(ch, BURST_CONTROLS[ch] ?? {}));
}

export function actionFor(mode: Mode, name: string): Action | undefined {
  return BINDINGS.find((b) => b.modes.includes(mode) && b.keys.includes(name))?.action;
}

const KEY_LABELS: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'enter', escape: 'esc', space: 'space', tab: 'tab', 'ctrl+c': 'ctrl+c'};

export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

export function bindingsFor(mode: Mode): Binding[] {
  return BINDINGS.filter((b) => b.modes.includes(mode));
}
