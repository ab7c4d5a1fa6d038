// Key bindings as data: each screen family has a table (home/keys.ts, player/keys.ts,
// quiz/keys.ts, and the shared one below); the root's single input handler looks keys up in them,
// and the help bar and the `?` overlay render the same tables, so help can never disagree with
// behaviour. Keys arrive already named by the terminal's key filter (src/ui/terminal/key-filter.ts).

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
