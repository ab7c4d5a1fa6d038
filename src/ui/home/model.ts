// The home screen's model and update: the menu (Continue, every lesson, the quizzes, help, quit)
// and the cursor. Choosing an item is an intent the root carries out (open a lesson, start a
// session, quit), since those leave the home screen.
import type {Action} from '../common/keys.js';

export type SessionKind = 'quiz' | 'interview' | 'review';

export interface HomeItem {
  kind: 'continue' | 'lesson' | SessionKind | 'help' | 'quit';
  lessonId?: string;
}

export interface HomeState {
  cursor: number;
  help: boolean;
}

export const HOME_START: HomeState = {cursor: 0, help: false};

/** The menu, in order: Continue (when the latest lesson still exists), the lessons, the sessions, help, quit. */
export function homeItems(lessons: readonly {id: string}[], latest?: string): HomeItem[] {
  return [
    ...(latest !== undefined && lessons.some((l) => l.id === latest) ? [{kind: 'continue' as const, lessonId: latest}] : []),
    ...lessons.map((l) => ({kind: 'lesson' as const, lessonId: l.id})),
    {kind: 'quiz'},
    {kind: 'interview'},
    {kind: 'review'},
    {kind: 'help'},
    {kind: 'quit'},
  ];
}

export interface HomeUpdate {
  home: HomeState;
  /** The item chosen with this key, for the root to open. */
  chosen?: HomeItem;
}

export function updateHome(home: HomeState, items: readonly HomeItem[], action: Action): HomeUpdate {
  const {cursor, help} = home;
  if (help) return {home: action === 'help' || action === 'back' || action === 'select' ? {cursor, help: false} : home};
  switch (action) {
    case 'up':
      return {home: {cursor: (cursor - 1 + items.length) % items.length, help}};
    case 'down':
      return {home: {cursor: (cursor + 1) % items.length, help}};
    case 'help':
      return {home: {cursor, help: true}};
    case 'select': {
      const item = items[cursor];
      if (!item) return {home};
      if (item.kind === 'help') return {home: {cursor, help: true}};
      return {home, chosen: item};
    }
    default:
      return {home};
  }
}
