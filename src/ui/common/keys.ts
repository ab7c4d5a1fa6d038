// Key bindings as data: each screen family has a table (home/keys.ts, player/keys.ts,
// quiz/keys.ts, and the shared one below); the root's single input handler looks keys up in them,
// and the help bar and the `?` overlay render the same tables, so help can never disagree with
// behaviour. Keys arrive already named by the terminal's key filter (src/ui/terminal/key-filter.ts).
import {width} from '../../render/text.js';

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
  | 'continue'
  | 'scrollUp'
  | 'scrollDown'
  | 'pageUp'
  | 'pageDown'
  | 'timeScale'
  | 'digit'
  | 'erase'
  | 'apply'
  | 'repeat'
  | 'show'
  | 'nextLesson'
  | 'predict'
  | 'lab';

export type Mode = 'home' | 'topics' | 'player' | 'options' | 'compare' | 'inspect' | 'lab' | 'help' | 'complete' | 'quiz' | 'feedback' | 'results';

export interface Binding {
  keys: string[];
  action: Action;
  /** Shown in the help bar and overlay. */
  label: string;
  modes: readonly Mode[];
  /** Kept out of the one-line help bar (still in the `?` overlay). */
  barHidden?: boolean;
}

export const ALL_MODES: readonly Mode[] = ['home', 'topics', 'player', 'options', 'compare', 'inspect', 'lab', 'help', 'complete', 'quiz', 'feedback', 'results'];

/** The bindings every screen shares: help, going back, quitting. Each screen family has its own table too. */
export const GLOBAL_BINDINGS: readonly Binding[] = [
  {keys: ['?'], action: 'help', label: 'help', modes: ALL_MODES},
  {keys: ['escape', 'q'], action: 'back', label: 'back', modes: ['topics', 'player', 'options', 'compare', 'inspect', 'lab', 'help', 'complete']},
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

const KEY_LABELS: Record<string, string> = {up: '↑', down: '↓', left: '←', right: '→', enter: 'enter', escape: 'esc', space: 'space', tab: 'tab', 'ctrl+c': 'ctrl+c', pageup: 'PgUp', pagedown: 'PgDn'};

export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

export function bindingsFor(bindings: readonly Binding[], mode: Mode): Binding[] {
  return bindings.filter((b) => b.modes.includes(mode));
}

/**
 * One line of key hints for a mode (Bubble Tea's help-bar convention), as many as fit `columns`
 * whole, in table order; `?` lists the rest. Hints are never cut.
 */
export function helpBarText(bindings: readonly Binding[], mode: Mode, columns = Number.MAX_SAFE_INTEGER): string {
  const hints = bindingsFor(bindings, mode)
    .filter((b) => !b.barHidden)
    .map((b) => ({text: `${keyLabel(b.keys[0]!)} ${b.label}`, help: b.action === 'help'}));
  const all = hints.map((h) => h.text).join(' • ');
  if (width(all) <= columns) return all;
  // The help key goes last, so the rest is one key away.
  const help = hints.find((h) => h.help)?.text ?? '? help';
  const shown: string[] = [];
  for (const hint of hints.filter((h) => !h.help)) {
    if (width([...shown, hint.text, `${help}: all keys`].join(' • ')) > columns) break;
    shown.push(hint.text);
  }
  return [...shown, `${help}: all keys`].join(' • ');
}
