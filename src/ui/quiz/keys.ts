// The keys of a quiz, drill or review: answering, after an answer, and the score.
import type {Binding} from '../common/keys.js';

export const QUIZ_BINDINGS: readonly Binding[] = [
  {keys: ['up', 'k'], action: 'up', label: 'move up', modes: ['quiz']},
  {keys: ['down', 'j'], action: 'down', label: 'move down', modes: ['quiz']},
  {keys: ['enter'], action: 'select', label: 'answer', modes: ['quiz']},
  {keys: ['1', '2', '3', '4', '5', '6'], action: 'pick', label: 'answer with that choice', modes: ['quiz'], barHidden: true},
  {keys: ['enter', 'space', 'right'], action: 'continue', label: 'next question', modes: ['feedback']},
  {keys: ['o'], action: 'open', label: 'show me: open the frame where it shows', modes: ['feedback']},
  {keys: ['escape', 'q'], action: 'stop', label: 'stop and see the score', modes: ['quiz', 'feedback']},
  {keys: ['enter', 'escape', 'q'], action: 'back', label: 'back home', modes: ['results']},
  {keys: ['down', 'j'], action: 'scrollDown', label: 'scroll down', modes: ['feedback', 'results'], barHidden: true},
  {keys: ['up', 'k'], action: 'scrollUp', label: 'scroll up', modes: ['feedback', 'results'], barHidden: true},
  {keys: ['pagedown'], action: 'pageDown', label: 'a page down', modes: ['quiz', 'feedback', 'results'], barHidden: true},
  {keys: ['pageup'], action: 'pageUp', label: 'a page up', modes: ['quiz', 'feedback', 'results'], barHidden: true},
];
