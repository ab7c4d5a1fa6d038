// The home screen's keys (its help, back and quit are the shared ones in common/keys.ts).
import type {Binding} from '../common/keys.js';

export const HOME_BINDINGS: readonly Binding[] = [
  {keys: ['up', 'k'], action: 'up', label: 'move up', modes: ['home', 'topics']},
  {keys: ['down', 'j'], action: 'down', label: 'move down', modes: ['home', 'topics']},
  {keys: ['enter'], action: 'select', label: 'open', modes: ['home']},
  {keys: ['enter'], action: 'select', label: 'start the drill', modes: ['topics']},
];
