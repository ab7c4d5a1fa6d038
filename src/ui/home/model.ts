// The home screen's model and update: the menu (Continue, every lesson, the quizzes, help, quit)
// and the cursor. Choosing an item is an intent the root carries out (open a lesson, start a
// session, quit), since those leave the home screen.
import type {Action} from '../common/keys.js';
import {misconceptionProfile} from '../../quiz/misconceptions.js';

export type SessionKind = 'quiz' | 'interview' | 'review';

export interface HomeItem {
  kind: 'continue' | 'lesson' | SessionKind | 'practise' | 'counting' | 'help' | 'quit';
  /** The lesson to open; a Continue without one goes to review. */
  lessonId?: string;
  /** A misconception to practise: one of the learner's most frequent. */
  practice?: Practice;
  /** In the drill's topic list: the topic (absent: every topic), and how the list names it. */
  topic?: string;
  label?: string;
}

/** One of the learner's most frequent misconceptions, as the menu offers it. */
export interface Practice {
  id: string;
  short: string;
  count: number;
}

/** How many of the learner's misconceptions the home screen offers to practise. */
export const PRACTICE_OFFERED = 3;

/** The misconceptions to offer for practice, from their counts in progress. */
export function practiceOf(counts: Readonly<Record<string, number>>): Practice[] {
  return misconceptionProfile(counts)
    .slice(0, PRACTICE_OFFERED)
    .map(({id, short, count}) => ({id, short, count}));
}

/** Where Continue goes: a lesson, or review once every lesson is done. */
export type ContinueTarget = {lessonId: string} | {review: true};

/**
 * Continue goes to the lesson seen last while it is unfinished; else to the first lesson (in
 * curriculum order) not yet completed; once all are, to review when questions are due. Nothing
 * before anything was started.
 */
export function continueTarget(
  lessons: readonly {id: string}[],
  status: (lessonId: string) => string | undefined,
  latest: string | undefined,
  due: number,
): ContinueTarget | undefined {
  if (latest === undefined || !lessons.some((l) => l.id === latest)) return undefined;
  if (status(latest) !== 'completed') return {lessonId: latest};
  const next = lessons.find((l) => status(l.id) !== 'completed');
  if (next) return {lessonId: next.id};
  return due > 0 ? {review: true} : undefined;
}

export interface HomeState {
  cursor: number;
  help: boolean;
  /** The interview drill's topic list, open over the menu, with its own cursor. */
  topics?: {cursor: number};
  /** How far the `?` overlay is scrolled, in lines. */
  scroll?: number;
}

export const HOME_START: HomeState = {cursor: 0, help: false};

const SCROLLS: Partial<Record<Action, number>> = {scrollUp: -1, scrollDown: 1, pageUp: -10, pageDown: 10};

/**
 * The menu, in order: Continue (see continueTarget), the lessons, the sessions, "practise this"
 * for the learner's most frequent misconceptions (most frequent first), help, quit.
 */
export function homeItems(lessons: readonly {id: string}[], target?: ContinueTarget, practice: readonly Practice[] = []): HomeItem[] {
  const resume: HomeItem[] = target === undefined ? [] : 'review' in target ? [{kind: 'continue'}] : lessons.some((l) => l.id === target.lessonId) ? [{kind: 'continue', lessonId: target.lessonId}] : [];
  return [
    ...resume,
    ...lessons.map((l) => ({kind: 'lesson' as const, lessonId: l.id})),
    {kind: 'quiz'},
    {kind: 'interview'},
    {kind: 'review'},
    ...practice.slice(0, PRACTICE_OFFERED).map((p) => ({kind: 'practise' as const, practice: p})),
    {kind: 'counting'},
    {kind: 'help'},
    {kind: 'quit'},
  ];
}

export interface HomeUpdate {
  home: HomeState;
  /** The item chosen with this key, for the root to open. */
  chosen?: HomeItem;
}

export function updateHome(home: HomeState, items: readonly HomeItem[], action: Action, viewport?: {max: number; page: number}): HomeUpdate {
  const {cursor, help} = home;
  // The drill's topic list: `items` are its entries (topicItems); back returns to the menu.
  if (home.topics) {
    const at = home.topics.cursor;
    if (action === 'up' || action === 'down') return {home: {...home, topics: {cursor: (at + (action === 'up' ? -1 : 1) + items.length) % items.length}}};
    if (action === 'back') return {home: {cursor, help}};
    if (action === 'select' && items[at]) return {home: {cursor, help}, chosen: items[at]};
    return {home};
  }
  if (help) {
    const by = SCROLLS[action];
    if (by !== undefined && viewport) {
      const step = Math.abs(by) > 1 ? Math.sign(by) * Math.max(1, viewport.page - 1) : by;
      return {home: {...home, scroll: Math.min(Math.max(0, (home.scroll ?? 0) + step), viewport.max)}};
    }
    return {home: action === 'help' || action === 'back' || action === 'select' ? {cursor, help: false} : home};
  }
  switch (action) {
    case 'up':
      return {home: {cursor: (cursor - 1 + items.length) % items.length, help}};
    case 'down':
      return {home: {cursor: (cursor + 1) % items.length, help}};
    case 'help':
      return {home: {cursor, help: true, scroll: 0}};
    case 'select': {
      const item = items[cursor];
      if (!item) return {home};
      if (item.kind === 'help') return {home: {cursor, help: true, scroll: 0}};
      // The drill asks which topic first (every topic is the first entry, so enter, enter starts as before).
      if (item.kind === 'interview' && item.label === undefined) return {home: {cursor, help, topics: {cursor: 0}}};
      return {home, chosen: item};
    }
    default:
      return {home};
  }
}
