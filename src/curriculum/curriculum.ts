// Many lesson files → one curriculum: compile each, keep the ones that load, and refuse a second
// lesson with an id already taken (a folder's lesson never silently replaces a built-in one).
import {compileLesson, type CompiledLesson, type LessonFile} from './compile.js';
import {makeLesson} from './play.js';
import {safeText} from './sanitize.js';
import type {Curriculum, Lesson, Problem} from './types.js';

/**
 * `files` in the default order (built-in first); `problems` found while reading folders come
 * first. `compiled` are lessons compiled already (the built-in ones, at build time): they come
 * before the files.
 */
export function buildCurriculum(files: readonly LessonFile[], problems: readonly Problem[] = [], compiled: readonly CompiledLesson[] = []): Curriculum {
  const lessons: Lesson[] = [];
  const all: Problem[] = [...problems];
  const owner = new Map<string, Lesson>();
  for (const lesson of compiled) {
    const made = makeLesson(lesson);
    owner.set(made.id, made);
    lessons.push(made);
  }
  for (const file of files) {
    let result: ReturnType<typeof compileLesson>;
    try {
      result = compileLesson(file);
    } catch (error) {
      // A bug must not take the other lessons down with this one.
      const why = error instanceof Error ? error.message : String(error);
      all.push({file: file.file, line: 0, severity: 'error', source: file.source, message: safeText(`hs-tutor failed on this file (${why}); this is a bug, please report it with the file.`)});
      continue;
    }
    all.push(...result.problems);
    const compiled = result.lesson;
    if (compiled === null) continue;
    const taken = owner.get(compiled.id);
    if (taken) {
      const by = taken.source === 'built-in' ? `the built-in lesson '${taken.title}'` : `${taken.file}`;
      all.push({
        file: file.file,
        line: compiled.idLine,
        severity: 'error',
        lessonId: compiled.id,
        source: file.source,
        message: `the id '${compiled.id}' is already used by ${by}; give this lesson another id (it is not loaded, and a folder's lesson never replaces another).`,
      });
      continue;
    }
    const lesson = makeLesson(compiled);
    owner.set(lesson.id, lesson);
    lessons.push(lesson);
  }
  return {
    lessons,
    problems: all,
    find: (id) => owner.get(id),
    next: (id) => {
      const index = lessons.findIndex((l) => l.id === id);
      return index < 0 ? undefined : lessons[index + 1];
    },
  };
}

/** A problem as one line: `file:line: message` (the line left out when it is about the whole file). */
export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.message}`;
}
