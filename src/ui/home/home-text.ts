// The home screen's words, without Ink: the screen (home/Home.tsx), the help bar and the first
// paint before Ink has loaded (first-frame.ts) all take them from here, so they cannot drift apart.
import {DEFAULT_COUNT} from '../../quiz/defaults.js';
import type {LessonStatus, Position} from '../app/ports.js';
import {GLOBAL_BINDINGS, helpBarText} from '../common/keys.js';
import {HOME_BINDINGS} from './keys.js';
import type {HomeItem} from './model.js';

export const STATUS_MARK: Record<LessonStatus, string> = {'not-started': '[ ]', 'in-progress': '[~]', completed: '[✓]'};
export const STATUS_WORD: Record<LessonStatus, string> = {'not-started': '', 'in-progress': 'in progress', completed: 'done'};

export interface HomeTextSource {
  lessons: readonly {id: string; title: string}[];
  position(lessonId: string): Position | undefined;
  /** Review questions due now. */
  due: number;
}

/** One line of the home menu, without the cursor mark. */
export function homeItemText(item: HomeItem, source: HomeTextSource): string {
  const lesson = source.lessons.find((l) => l.id === item.lessonId);
  switch (item.kind) {
    case 'continue': {
      const at = source.position(item.lessonId!);
      return `Continue: ${lesson?.title ?? item.lessonId}${at ? ` (part ${at.part + 1}, frame ${at.frame + 1})` : ''}`;
    }
    case 'lesson': {
      const status = source.position(item.lessonId!)?.status ?? 'not-started';
      const word = STATUS_WORD[status];
      return `${STATUS_MARK[status]} ${lesson?.title ?? item.lessonId}${word ? ` · ${word}` : ''}`;
    }
    case 'quiz':
      return `Quiz: ${DEFAULT_COUNT} questions on round trips, states and message order`;
    case 'interview':
      return `Interview drill: ${DEFAULT_COUNT} questions against the clock`;
    case 'review':
      return source.due > 0 ? `Review: ${source.due} question${source.due === 1 ? '' : 's'} due` : 'Review: nothing due yet';
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

/** How many menu items fit under the title, the subtitle, the notices and the blank line. */
export function homeRoom(height: number, notices: number): number {
  return Math.max(1, height - 3 - notices);
}

/** The first menu item in view: the list scrolls just enough to keep the cursor on screen. */
export function homeFirstVisible(items: number, cursor: number, room: number): number {
  return Math.min(Math.max(0, cursor - room + 1), Math.max(0, items - room));
}
