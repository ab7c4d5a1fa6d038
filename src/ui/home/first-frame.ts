// The home screen's first frame exactly as Ink 6.8 writes it, computed without Ink, React or yoga,
// so the CLI can paint it the moment Node has started (src/cli/first-paint.ts) and let Ink take
// over when it has loaded. It mirrors App (a column rows - 1 high: Home, then the help bar) and
// home/Home.tsx with no notices and the cursor where the first paint has moved it, and Ink's output for that
// tree: each Text styled as Ink's Text does it (dim, then bold, then inverse, each wrapped like
// chalk), trailing blanks dropped, lines joined with \n plus one \n after the last (a frame
// shorter than the terminal), inside Ink's synchronized-update markers after its cursor hide.
// If it ever differs from what Ink writes, Ink's frame replaces it (src/ui/app/run.tsx), and
// test/cli/first-paint.test.ts compares the two byte for byte.
import type {Counting} from '../../quiz/keys.js';
import type {StyledLine} from '../common/scroll.js';
import {homeHelpBar, homeScreenLines} from './home-text.js';
import type {Position} from '../app/ports.js';
import {tooSmall} from '../common/screen-size.js';
import {homeItems, type ContinueTarget, type Practice} from './model.js';

export const BEGIN_SYNCHRONIZED_UPDATE = '\x1b[?2026h';
export const END_SYNCHRONIZED_UPDATE = '\x1b[?2026l';
const HIDE_CURSOR = '\x1b[?25l';

export interface HomeFrameInput {
  columns: number;
  rows: number;
  /** Whether Ink's chalk styles text at all (colour level above 0). */
  colour: boolean;
  lessons: readonly {id: string; title: string; summary?: string | null}[];
  position(lessonId: string): Position | undefined;
  /** Where Continue goes (home/model.ts continueTarget). */
  target: ContinueTarget | undefined;
  /** The misconceptions offered for practice (home/model.ts practiceOf). */
  practice?: readonly Practice[];
  /** The counting setting, as the home menu names it. */
  counting?: Counting;
  due: number;
  /** The menu item under the cursor (0 when Ink starts; the first paint moves it with ↑ ↓). */
  cursor?: number;
}

/** The first frame's bytes, or undefined where Ink would show something else (a window too small). */
export function homeFirstFrame(input: HomeFrameInput): string | undefined {
  const {columns, rows, colour} = input;
  if (tooSmall(columns, rows)) return undefined;
  // Ink's Text applies dim, then colour, then bold, then inverse, each wrapped as chalk does.
  const styled = (line: StyledLine): string => {
    if (!colour) return line.text;
    let out = line.text;
    if (line.dim) out = `\x1b[2m${out}\x1b[22m`;
    if (line.color === 'yellow') out = `\x1b[33m${out}\x1b[39m`;
    if (line.bold) out = `\x1b[1m${out}\x1b[22m`;
    if (line.inverse) out = `\x1b[7m${out}\x1b[27m`;
    return out;
  };
  const height = rows - 1; // App keeps the last row free
  const homeHeight = height - 1; // the help bar takes one line
  const items = homeItems(input.lessons, input.target, input.practice);
  // As the home screen draws it, with no notices; Ink drops a line's trailing blanks.
  const lines = homeScreenLines({...input, items, cursor: input.cursor ?? 0, notices: [], width: columns, height: homeHeight}).map((line) => (line.text.trim() === '' ? '' : styled(line)));
  while (lines.length < homeHeight) lines.push('');
  lines.push(styled({text: homeHelpBar(columns), dim: true}));
  return `${BEGIN_SYNCHRONIZED_UPDATE}${HIDE_CURSOR}${lines.join('\n')}\n${END_SYNCHRONIZED_UPDATE}`;
}
