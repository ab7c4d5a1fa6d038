// The home screen's words, without Ink: the screen (screens/Home.tsx), the help bar and the first
// paint before Ink has loaded (first-frame.ts) all take them from here, so they cannot drift apart.
import {DEFAULT_COUNT} from '../quiz/defaults.js';
import {bindingsFor, keyLabel, type Mode} from './keys.js';
import type {LessonStatus, Position} from './ports.js';
import type {HomeItem} from './state.js';

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

/** One line of key hints for a mode (Bubble Tea's help-bar convention); the caller cuts it to the width. */
export function helpBarText(mode: Mode): string {
  return bindingsFor(mode)
    .filter((b) => !b.barHidden)
    .map((b) => `${keyLabel(b.keys[0]!)} ${b.label}`)
    .join(' • ');
}

export const HOME_TITLE = 'hs-tutor · how TCP, TLS and QUIC connections open and close';
export const HOME_SUBTITLE = 'Pick a lesson; each one steps a real simulation frame by frame.';

/** How many menu items fit under the title, the subtitle, the notices and the blank line. */
export function homeRoom(height: number, notices: number): number {
  return Math.max(1, height - 3 - notices);
}
