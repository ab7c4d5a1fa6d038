// The home screen's words, without Ink: the screen (home/Home.tsx), the help bar and the first
// paint before Ink has loaded (first-frame.ts) all take them from here, so they cannot drift apart.
import {DEFAULT_COUNT} from '../../quiz/defaults.js';
import type {Counting} from '../../quiz/keys.js';
import type {LessonStatus, Position} from '../app/ports.js';
import {GLOBAL_BINDINGS, helpBarText} from '../common/keys.js';
import {HOME_BINDINGS} from './keys.js';
import {wrap} from '../../render/text.js';
import type {StyledLine} from '../common/scroll.js';
import type {HomeItem} from './model.js';

export const STATUS_MARK: Record<LessonStatus, string> = {'not-started': '[ ]', 'in-progress': '[~]', skimmed: '[»]', completed: '[✓]'};
export const STATUS_WORD: Record<LessonStatus, string> = {'not-started': '', 'in-progress': 'in progress', skimmed: 'skimmed: some questions left', completed: 'done'};

export interface HomeTextSource {
  lessons: readonly {id: string; title: string; summary?: string | null}[];
  position(lessonId: string): Position | undefined;
  /** Review questions due now. */
  due: number;
  /** How the learner counts "the handshake takes" (the counting setting); the client's way when absent. */
  counting?: Counting;
}

/** One line of the home menu, without the cursor mark. */
export function homeItemText(item: HomeItem, source: HomeTextSource): string {
  const lesson = source.lessons.find((l) => l.id === item.lessonId);
  switch (item.kind) {
    case 'continue': {
      if (item.lessonId === undefined) return `Continue: every lesson is done; review ${source.due} question${source.due === 1 ? '' : 's'} due`;
      const at = source.position(item.lessonId);
      const where = at && at.status !== 'not-started' ? ` (part ${at.part + 1}, frame ${at.frame + 1})` : '';
      return `Continue: ${lesson?.title ?? item.lessonId}${where}`;
    }
    case 'lesson': {
      const status = source.position(item.lessonId!)?.status ?? 'not-started';
      const word = STATUS_WORD[status];
      return `${STATUS_MARK[status]} ${lesson?.title ?? item.lessonId}${word ? ` · ${word}` : ''}`;
    }
    case 'quiz':
      return `Quiz: ${DEFAULT_COUNT} questions on round trips, states and message order`;
    case 'interview':
      // In the drill's topic list, the topic; on the menu, the drill.
      return item.label ?? `Interview drill: ${DEFAULT_COUNT} questions against the clock (pick a topic)`;
    case 'review':
      return source.due > 0 ? `Review: ${source.due} question${source.due === 1 ? '' : 's'} due` : 'Review: nothing due yet';
    case 'practise': {
      const p = item.practice!;
      return `Practise: ${p.short} (${p.count === 1 ? 'once' : `${p.count} times`} in your answers)`;
    }
    case 'counting':
      return (source.counting ?? 'client') === 'client'
        ? 'Counting "the handshake takes": until the client may send (enter: until the server is done too)'
        : 'Counting "the handshake takes": until the server is done too (enter: until the client may send)';
    case 'help':
      return 'Keys and help';
    case 'quit':
      return 'Quit';
  }
}

/** The home screen's key hints that fit `columns`, from its table and the shared one. */
export function homeHelpBar(columns?: number): string {
  return helpBarText([...HOME_BINDINGS, ...GLOBAL_BINDINGS], 'home', columns);
}

export const HOME_TITLE = 'hs-tutor · how TCP, TLS and QUIC connections open and close';
export const HOME_SUBTITLE = 'Pick a lesson; each one steps a real simulation frame by frame.';

/** The first menu item in view: the list scrolls just enough to keep the cursor on screen. */
export function homeFirstVisible(items: number, cursor: number, room: number): number {
  return Math.min(Math.max(0, cursor - room + 1), Math.max(0, items - room));
}

export interface HomeScreenInput extends HomeTextSource {
  items: readonly HomeItem[];
  cursor: number;
  notices: readonly string[];
  width: number;
  /** Rows for the home screen above the help bar. */
  height: number;
  /** In place of the subtitle (the drill's topic list). */
  subtitle?: string;
}

/** Rows kept under the menu for the selected lesson's summary (a blank line and two of text). */
const SUMMARY_ROWS = 3;

/**
 * The home screen, line by line, as drawn (Home.tsx) and as painted before Ink loads
 * (first-frame.ts): the title, notices, the menu (scrolled to keep the cursor in view, with a mark
 * for what is above or below), and the selected lesson's summary. Nothing is cut: a line too long
 * for the width wraps.
 */
export function homeScreenLines(input: HomeScreenInput): StyledLine[] {
  const {items, cursor, width, height} = input;
  const lines: StyledLine[] = [{text: HOME_TITLE, bold: true}, {text: input.subtitle ?? HOME_SUBTITLE, dim: true}];
  for (const notice of input.notices) lines.push(...wrap(`! ${notice}`, width, 2).map((text) => ({text, color: 'yellow'})));
  lines.push({text: ''});
  const item = items[cursor];
  const lesson = item?.lessonId === undefined ? undefined : input.lessons.find((l) => l.id === item.lessonId);
  const summary = lesson?.summary ? wrap(lesson.summary, width - 2, 0).map((text) => `  ${text}`) : [];
  const summaryRows = summary.length === 0 ? 0 : Math.min(SUMMARY_ROWS, 1 + summary.length);
  let room = Math.max(1, height - lines.length - summaryRows);
  // Marks take a row of the menu's when it does not all fit.
  const scrolls = items.length > room;
  const rows = scrolls ? Math.max(1, room - 2) : room;
  const start = homeFirstVisible(items.length, cursor, rows);
  if (scrolls) lines.push({text: start > 0 ? `  ↑ ${start} more` : '', dim: true});
  items.slice(start, start + rows).forEach((shown, i) => {
    const selected = start + i === cursor;
    const [first = '', ...rest] = wrap(`${selected ? '› ' : '  '}${homeItemText(shown, input)}`, width, 4);
    lines.push({text: first, inverse: selected, bold: shown.kind === 'continue'});
    // A title too long for the line is finished on the next rather than cut.
    for (const more of rest) lines.push({text: more, bold: shown.kind === 'continue'});
  });
  const below = items.length - start - rows;
  if (scrolls) lines.push({text: below > 0 ? `  ↓ ${below} more` : '', dim: true});
  room = height - lines.length;
  if (summaryRows > 0 && room > 1) lines.push({text: ''}, ...summary.slice(0, room - 1).map((text) => ({text, dim: true})));
  return lines;
}
