// The built-in lessons compiled at build time (scripts/build.mjs), so a run neither parses their
// YAML nor simulates their parts to check them again. Used only while lessons/ still holds the
// very files the build read: an edited lesson is compiled from its file as usual.
import {basename, join} from 'node:path';
import compiled from './built-in-compiled-data.js';
import {builtInLessonsDir, unchanged} from './built-in.js';
import type {CompiledLesson} from './compile.js';

/** The built-in lessons compiled at build time, when they still are what lessons/ holds. */
export function builtInCompiled(): CompiledLesson[] | undefined {
  if (!compiled || !unchanged(compiled.files)) return undefined;
  // The build names each file by itself; here it is where this copy of lessons/ is.
  const dir = builtInLessonsDir();
  return compiled.lessons.map((lesson) => ({...lesson, file: join(dir, basename(lesson.file))}));
}
