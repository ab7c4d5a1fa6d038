// The lesson player's keys, and those of its overlays: the knobs panel, compare and the bytes.
import {GLOBAL_BINDINGS, type Binding} from '../common/keys.js';

export const PLAYER_BINDINGS: readonly Binding[] = [
  {keys: ['up', 'k'], action: 'up', label: 'move up', modes: ['options']},
  {keys: ['down', 'j'], action: 'down', label: 'move down', modes: ['options']},
  {keys: ['up', 'k'], action: 'up', label: 'previous field', modes: ['inspect']},
  {keys: ['down', 'j'], action: 'down', label: 'next field', modes: ['inspect']},
  {keys: ['1', '2', '3', '4', '5', '6'], action: 'pick', label: 'answer a checkpoint, or make a prediction, with that choice', modes: ['player'], barHidden: true},
  {keys: ['s'], action: 'show', label: "see a checkpoint's answer without answering (it counts as not answered)", modes: ['player'], barHidden: true},
  {keys: ['right', 'l', 'space'], action: 'next', label: 'next frame', modes: ['player', 'compare', 'inspect']},
  {keys: ['left', 'h'], action: 'previous', label: 'previous frame', modes: ['player', 'compare', 'inspect']},
  {keys: ['n', 'enter'], action: 'nextLesson', label: 'next lesson', modes: ['complete']},
  {keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'pick', label: 'go to the frame of that missed checkpoint', modes: ['complete'], barHidden: true},
  {keys: ['left', 'h'], action: 'previous', label: 'last frame', modes: ['complete']},
  {keys: ['g', 'home'], action: 'first', label: 'first frame', modes: ['player'], barHidden: true},
  {keys: ['G', 'end'], action: 'last', label: 'last frame', modes: ['player'], barHidden: true},
  {keys: [']'], action: 'nextPart', label: 'next part', modes: ['player'], barHidden: true},
  {keys: ['['], action: 'previousPart', label: 'previous part', modes: ['player'], barHidden: true},
  {keys: ['p'], action: 'autoplay', label: 'play/pause', modes: ['player']},
  {keys: ['w'], action: 'predict', label: 'predict mode: say what comes next before each frame (on/off)', modes: ['player'], barHidden: true},
  {keys: ['t'], action: 'timeScale', label: 'ladder to scale (distance ∝ time) or a row per moment', modes: ['player'], barHidden: true},
  {keys: ['+', '='], action: 'faster', label: 'faster', modes: ['player'], barHidden: true},
  {keys: ['-'], action: 'slower', label: 'slower', modes: ['player'], barHidden: true},
  {keys: ['left', 'h'], action: 'left', label: 'previous value', modes: ['options']},
  {keys: ['right', 'l', 'space'], action: 'right', label: 'next value', modes: ['options']},
  {keys: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], action: 'digit', label: 'type a round-trip time (on the rtt row)', modes: ['options'], barHidden: true},
  {keys: ['backspace'], action: 'erase', label: 'erase a typed digit', modes: ['options'], barHidden: true},
  {keys: ['enter'], action: 'apply', label: 'use the typed round-trip time', modes: ['options'], barHidden: true},
  {keys: ['o'], action: 'options', label: 'knobs', modes: ['player', 'options']},
  {keys: ['c'], action: 'compare', label: 'compare', modes: ['player', 'compare']},
  {keys: ['tab'], action: 'cycle', label: 'other comparison', modes: ['compare']},
  {keys: ['i'], action: 'inspect', label: 'bytes', modes: ['player', 'inspect']},
  {keys: ['r'], action: 'lab', label: "the lab: this part's scenario for real (Node's TCP and TLS on loopback) beside the simulation", modes: ['player'], barHidden: true},
  {keys: ['r'], action: 'lab', label: 'close the lab', modes: ['lab']},
  {keys: ['down', 'j'], action: 'scrollDown', label: 'scroll the text down', modes: ['player', 'help', 'complete', 'lab'], barHidden: true},
  {keys: ['up', 'k'], action: 'scrollUp', label: 'scroll the text up', modes: ['player', 'help', 'complete', 'lab'], barHidden: true},
  {keys: ['pagedown'], action: 'pageDown', label: 'a page down', modes: ['player', 'help', 'options', 'complete', 'lab'], barHidden: true},
  {keys: ['pageup'], action: 'pageUp', label: 'a page up', modes: ['player', 'help', 'options', 'complete', 'lab'], barHidden: true},
];

/** What the player's help bar and `?` overlay show when no wider table is given (class mode). */
export const PLAYER_SCREEN_BINDINGS: readonly Binding[] = [...PLAYER_BINDINGS, ...GLOBAL_BINDINGS];
