// The screen-reader mode's keys: the tutor's own tables, less what draws (knobs, bytes, autoplay,
// the ladder's scale, scrolling, the lab's table, which 'hs-tutor lab' prints), plus r to hear the
// current screen again. The same table routes keys and answers '?', so they cannot disagree.
import {BINDINGS} from '../app/bindings.js';
import {ALL_MODES, type Action, type Binding} from '../common/keys.js';

const DRAWING: ReadonlySet<Action> = new Set(['options', 'inspect', 'lab', 'autoplay', 'faster', 'slower', 'timeScale', 'scrollUp', 'scrollDown', 'pageUp', 'pageDown', 'cycle']);

export const READER_BINDINGS: readonly Binding[] = [
  {keys: ['r'], action: 'repeat', label: 'say this again', modes: ALL_MODES},
  ...BINDINGS.filter((b) => !DRAWING.has(b.action)).map((b) =>
    b.action === 'compare' ? {...b, label: 'say how this part compares with its contrasts (request and response times)', modes: ['player' as const]} : b,
  ),
];
