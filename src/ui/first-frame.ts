// The home screen's first frame exactly as Ink 6.8 writes it, computed without Ink, React or yoga,
// so the CLI can paint it the moment Node has started (src/cli/first-paint.ts) and let Ink take
// over when it has loaded. It mirrors App (a column rows - 1 high: Home, then the help bar) and
// screens/Home.tsx with the cursor on the first item and no notices, and Ink's output for that
// tree: each Text styled as Ink's Text does it (dim, then bold, then inverse, each wrapped like
// chalk), trailing blanks dropped, lines joined with \n plus one \n after the last (a frame
// shorter than the terminal), inside Ink's synchronized-update markers after its cursor hide.
// If it ever differs from what Ink writes, Ink's frame replaces it (src/ui/run.tsx), and
// test/ui/first-frame.test.ts compares the two byte for byte.
import {truncate} from '../render/text.js';
import {HOME_SUBTITLE, HOME_TITLE, helpBarText, homeItemText, homeRoom} from './home-text.js';
import type {Position} from './ports.js';
import {tooSmall} from './screen-size.js';
import type {HomeItem} from './state.js';

export const BEGIN_SYNCHRONIZED_UPDATE = '\x1b[?2026h';
export const END_SYNCHRONIZED_UPDATE = '\x1b[?2026l';
const HIDE_CURSOR = '\x1b[?25l';

export interface HomeFrameInput {
  columns: number;
  rows: number;
  /** Whether Ink's chalk styles text at all (colour level above 0). */
  colour: boolean;
  lessons: readonly {id: string; title: string}[];
  position(lessonId: string): Position | undefined;
  /** The lesson seen most recently (progress "latest"), for Continue. */
  latest: string | undefined;
  due: number;
}

interface Style {
  dim?: boolean;
  bold?: boolean;
  inverse?: boolean;
}

/** The first frame's bytes, or undefined where Ink would show something else (a window too small). */
export function homeFirstFrame(input: HomeFrameInput): string | undefined {
  const {columns, rows, colour} = input;
  if (tooSmall(columns, rows)) return undefined;
  const styled = (text: string, style: Style): string => {
    if (!colour) return text;
    let out = text;
    if (style.dim) out = `\x1b[2m${out}\x1b[22m`;
    if (style.bold) out = `\x1b[1m${out}\x1b[22m`;
    if (style.inverse) out = `\x1b[7m${out}\x1b[27m`;
    return out;
  };
  // As in homeItems (state.ts), with no notices and the cursor on the first item.
  const items: HomeItem[] = [
    ...(input.latest !== undefined && input.lessons.some((l) => l.id === input.latest) ? [{kind: 'continue' as const, lessonId: input.latest}] : []),
    ...input.lessons.map((l) => ({kind: 'lesson' as const, lessonId: l.id})),
    {kind: 'quiz'},
    {kind: 'interview'},
    {kind: 'review'},
    {kind: 'help'},
    {kind: 'quit'},
  ];
  const height = rows - 1; // App keeps the last row free
  const homeHeight = height - 1; // the help bar takes one line
  const lines = [styled(HOME_TITLE, {bold: true}), styled(HOME_SUBTITLE, {dim: true}), ''];
  items.slice(0, homeRoom(homeHeight, 0)).forEach((item, i) => {
    const text = truncate(`${i === 0 ? '› ' : '  '}${homeItemText(item, input)}`, columns);
    lines.push(styled(text, {bold: item.kind === 'continue', inverse: i === 0}));
  });
  while (lines.length < homeHeight) lines.push('');
  lines.push(styled(truncate(helpBarText('home'), columns), {dim: true}));
  return `${BEGIN_SYNCHRONIZED_UPDATE}${HIDE_CURSOR}${lines.join('\n')}\n${END_SYNCHRONIZED_UPDATE}`;
}
