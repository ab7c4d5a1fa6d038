// The built-in lessons as the build saw them (scripts/build.mjs): their ids and titles, for the
// first paint, which must stay small (their compiled form is in built-in-compiled.ts). Used only
// while lessons/ still holds the very files the build read (same names and sizes). Running from
// source (tests) there is no build, and every lesson is compiled from its file.
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export interface BuiltInIndex {
  /** The lesson files the build read: name and size in bytes. */
  files: [name: string, bytes: number][];
  /** Each lesson's id, title and summary, as the tutor lists them. */
  lessons: {id: string; title: string; summary: string | null}[];
}

/** Null when the built-in lessons had problems at build time; absent when running from source. */
declare const __HS_TUTOR_LESSON_INDEX__: BuiltInIndex | null | undefined;

/** The lessons shipped with hs-tutor: `lessons/` two folders above every built file and source. */
export function builtInLessonsDir(): string {
  return fileURLToPath(new URL('../../lessons/', import.meta.url));
}

/** The lesson files of a folder as the loader reads them: `*.md` except README.md. */
export function isLessonFileName(name: string): boolean {
  return /\.md$/i.test(name) && name.toLowerCase() !== 'readme.md';
}

/** lessons/ still holds exactly these files (same names and sizes). */
export function unchanged(files: BuiltInIndex['files']): boolean {
  try {
    const dir = builtInLessonsDir();
    const names = readdirSync(dir).filter(isLessonFileName).sort();
    const expected = files.map(([name]) => name).sort();
    if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) return false;
    return files.every(([name, bytes]) => statSync(join(dir, name)).size === bytes);
  } catch {
    return false;
  }
}

/** Ids and titles of the built-in lessons, when the build's index still describes lessons/. */
export function builtInIndex(): BuiltInIndex | undefined {
  const index = typeof __HS_TUTOR_LESSON_INDEX__ === 'undefined' ? undefined : __HS_TUTOR_LESSON_INDEX__;
  return index && unchanged(index.files) ? index : undefined;
}
