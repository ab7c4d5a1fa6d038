// Every screen family's key table in one list, in the order the router looks keys up (a family's
// own keys before the shared ones) and the `?` overlay lists them.
import {GLOBAL_BINDINGS, type Binding} from '../common/keys.js';
import {HOME_BINDINGS} from '../home/keys.js';
import {PLAYER_BINDINGS} from '../player/keys.js';
import {QUIZ_BINDINGS} from '../quiz/keys.js';

export const BINDINGS: readonly Binding[] = [...HOME_BINDINGS, ...QUIZ_BINDINGS, ...PLAYER_BINDINGS, ...GLOBAL_BINDINGS];
