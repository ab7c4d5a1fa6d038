// The curriculum without the disk: compile lesson text, build a curriculum from files already
// read, play lessons. Layers that must not touch the filesystem (quiz/) import from here.
export type {
  Checkpoint,
  Correction,
  Curriculum,
  Lesson,
  LessonPart,
  LessonPlay,
  LessonSource,
  PartPlay,
  PlayOptions,
  Problem,
  Reference,
  Section,
} from './types.js';
export {buildCurriculum, formatProblem} from './curriculum.js';
export {compileLesson, MAX_LESSON_BYTES, type LessonFile} from './compile.js';
export {neutralize, safeText} from './sanitize.js';
export {evaluate, formatValue, parseQuery} from './query.js';
export {fill, UNRESOLVED} from './template.js';
