// Key bindings as data: each screen family has a table (home/keys.ts, player/keys.ts,
// quiz/keys.ts, and the shared one below); the root's single input handler looks keys up in them,
// and the help bar and the `?` overlay render the same tables, so help can never disagree with
// behaviour. This module also turns Ink's key events into the names the tables use.

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
  modes: readonly Mode[];
  /** Kept out of the one-line help bar (still in the `?` overlay). */
  barHidden?: boolean;
}

export const ALL_MODES: readonly Mode[] = ['home', 'player', 'options', 'compare', 'inspect', 'help', 'quiz', 'feedback', 'results'];

/** The bindings every screen shares: help, going back, quitting. Each screen family has its own table too. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  {keys: ['?'], action: 'help', label: 'help', modes: ALL_MODES},
  {keys: ['escape', 'q'], action: 'back', label: 'back', modes: ['player', 'options', 'compare', 'inspect', 'help']},
  {keys: ['escape', 'q'], action: 'quit', label: 'quit', modes: ['home']},
  {keys: ['ctrl+c'], action: 'quit', label: 'quit from anywhere', modes: ALL_MODES, barHidden: true},
];

/** Whether `name` quits from every screen (ctrl+c), by the shared table. */
export function quitsFromAnywhere(name: string): boolean {
  return GLOBAL_BINDINGS.some((b) => b.action === 'quit' && b.modes === ALL_MODES && b.keys.includes(name));
}

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

/** One name per key press, the names the binding tables use. */
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

/** The action `name` triggers in `mode`: the first binding in `bindings` that has both. */
export function actionFor(bindings: readonly Binding[], mode: Mode, name: string): Action | undefined {
  return bindings.find((b) => b.modes.includes(mode) && b.keys.includes(name))?.action;
}

const KEY_LABELS: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'enter', escape: 'esc', space: 'space', tab: 'tab', 'ctrl+c': 'ctrl+c'};

export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

export function bindingsFor(bindings: readonly Binding[], mode: Mode): Binding[] {
  return bindings.filter((b) => b.modes.includes(mode));
}

/** One line of key hints for a mode (Bubble Tea's help-bar convention); the caller fits it to the width. */
export function helpBarText(bindings: readonly Binding[], mode: Mode): string {
  return bindingsFor(bindings, mode)
    .filter((b) => !b.barHidden)
    .map((b) => `${keyLabel(b.keys[0]!)} ${b.label}`)
    .join(' • ');
}
