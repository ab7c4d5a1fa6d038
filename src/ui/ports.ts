// What the TUI needs from the curriculum and from progress, as small interfaces: the root gets
// real implementations from the CLI and fakes in tests, and no screen touches files.

import type {Knobs} from '../engine/types.js';

export interface TutorPart {
  title: string;
  scenario: string;
  knobs: Knobs;
}

export interface TutorLesson {
  id: string;
  title: string;
  parts: TutorPart[];
  /** Lesson text for a frame of a part, already made safe for a terminal. */
  narration(part: number, frameId: string): string | undefined;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'completed';

export interface Position {
  part: number;
  frame: number;
  frameId: string;
  status: LessonStatus;
}

export interface ProgressPort {
  position(lessonId: string): Position | undefined;
  /** The lesson seen most recently, for "Continue". */
  latest(): {lessonId: string; position: Position} | undefined;
  save(lessonId: string, position: Position): void;
}

/** Progress kept in memory only: for tests, and when the progress file cannot be used. */
export function memoryProgress(): ProgressPort {
  const positions = new Map<string, Position>();
  let last: string | undefined;
  return {
    position: (id) => positions.get(id),
    latest: () => (last === undefined ? undefined : {lessonId: last, position: positions.get(last)!}),
    save: (id, position) => {
      positions.set(id, position);
      last = id;
    },
  };
}
