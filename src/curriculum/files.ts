// The only curriculum code that touches the disk: find the lesson folders (built-in, --lessons,
// HS_TUTOR_LESSONS) and read their files, with a size cap checked before reading.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {basename, delimiter, join, resolve} from 'node:path';
import {builtInCompiled} from './built-in-compiled.js';
import {builtInLessonsDir, isLessonFileName} from './built-in.js';
import {MAX_LESSON_BYTES, type LessonFile} from './compile.js';
import {buildCurriculum} from './curriculum.js';
import {safeText} from './sanitize.js';
import type {Curriculum, LessonSource, Problem} from './types.js';

/**
 * A lesson pack's limits (README "Limits"), checked before anything is read or simulated: a pack
 * at all of them validates and opens in well under a second (bench/lesson-packs.mjs).
 */
export const MAX_FILES_PER_FOLDER = 200;
export const MAX_FOLDER_BYTES = 1024 * 1024;

export {builtInLessonsDir};

/** HS_TUTOR_LESSONS: folders separated by the platform's path delimiter (':' or ';'); empty entries are skipped. */
export function lessonDirsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.HS_TUTOR_LESSONS ?? '').split(delimiter).filter((dir) => dir.trim() !== '');
}

export interface FolderRead {
  files: LessonFile[];
  problems: Problem[];
}

/**
 * The lesson files of one folder: every `*.md` in it (not in subfolders), by file name, except
 * README.md, which a pack may have for people. A path to one `.md` file reads just that file.
 */
export function readLessonFolder(dir: string, source: LessonSource): FolderRead {
  const shown = safeText(dir);
  const problems: Problem[] = [];
  const folderProblem = (message: string): FolderRead => ({files: [], problems: [{file: shown, line: 0, severity: 'error', message, source}]});
  let names: string[];
  let base = dir;
  try {
    const stat = statSync(dir);
    if (stat.isFile()) {
      if (!/\.md$/i.test(dir)) return folderProblem(`this is not a folder or a .md lesson file; give a folder of .md lesson files.`);
      names = [basename(dir)];
      base = resolve(dir, '..');
    } else if (stat.isDirectory()) {
      names = readdirSync(dir)
        .filter(isLessonFileName)
        .sort((a, b) => a.localeCompare(b, 'en', {numeric: true}));
    } else return folderProblem(`this is not a folder; give a folder of .md lesson files.`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return folderProblem(code === 'ENOENT' ? `the folder does not exist; check the path.` : `the folder cannot be read (${code ?? 'error'}); check its permissions.`);
  }
  if (names.length === 0) return folderProblem(`the folder has no lesson files (*.md); add one, or check the path.`);
  if (names.length > MAX_FILES_PER_FOLDER) {
    problems.push({file: shown, line: 0, severity: 'error', message: `the folder has ${names.length} .md files; only the first ${MAX_FILES_PER_FOLDER} are read.`, source});
    names = names.slice(0, MAX_FILES_PER_FOLDER);
  }
  const files: LessonFile[] = [];
  let total = 0;
  for (const [i, name] of names.entries()) {
    const path = base === dir ? join(dir, name) : dir;
    const file = safeText(path);
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_LESSON_BYTES) {
        problems.push({file, line: 0, severity: 'error', message: `the file is ${Math.ceil(stat.size / 1024)} KiB, more than the ${MAX_LESSON_BYTES / 1024} KiB a lesson file may have; split it into several lessons.`, source});
        continue;
      }
      if (total + stat.size > MAX_FOLDER_BYTES) {
        problems.push({file: shown, line: 0, severity: 'error', message: `the folder's lesson files add up to more than ${MAX_FOLDER_BYTES / 1048576} MiB; only the first ${i} are read (split the pack into several folders).`, source});
        break;
      }
      total += stat.size;
      files.push({file, text: readFileSync(path, 'utf8'), source});
    } catch (error) {
      problems.push({file, line: 0, severity: 'error', message: `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`, source});
    }
  }
  return {files, problems};
}

export interface LoadOptions {
  /** Instructor folders (`--lessons`), in order; they come after the built-in lessons. */
  extraDirs?: readonly string[];
  /** Where to read HS_TUTOR_LESSONS from (default process.env); its folders come after extraDirs. */
  env?: NodeJS.ProcessEnv;
  /** Leave out the built-in lessons (default false). */
  skipBuiltIn?: boolean;
}

/** Every lesson folder in order, each once (the same folder given twice is read once). */
export function lessonFolders(options: LoadOptions = {}): {dir: string; source: LessonSource}[] {
  const folders: {dir: string; source: LessonSource}[] = [];
  const seen = new Set<string>();
  const add = (dir: string, source: LessonSource) => {
    const key = resolve(dir);
    if (seen.has(key)) return;
    seen.add(key);
    folders.push({dir, source});
  };
  if (!options.skipBuiltIn) add(builtInLessonsDir(), 'built-in');
  // The folder names lessons by (`source`) is shown in terminals, so it is made safe too.
  for (const dir of [...(options.extraDirs ?? []), ...lessonDirsFromEnv(options.env ?? process.env)]) add(dir, safeText(dir));
  return folders;
}

/** The curriculum: built-in lessons, then each instructor folder. Never throws for bad lesson files. */
export function loadCurriculum(options: LoadOptions = {}): Curriculum {
  const files: LessonFile[] = [];
  const problems: Problem[] = [];
  // The build compiled the built-in lessons already; they are read again only when edited since.
  const compiled = options.skipBuiltIn ? undefined : builtInCompiled();
  for (const {dir, source} of lessonFolders(options)) {
    if (compiled && source === 'built-in') continue;
    const read = readLessonFolder(dir, source);
    files.push(...read.files);
    problems.push(...read.problems);
  }
  return buildCurriculum(files, problems, compiled);
}

/**
 * What `lessons validate <dir>` checks: the folder's lessons on their own and against the
 * built-in ids. Only the folder's problems and lessons are returned.
 */
export function validateLessonFolder(dir: string): Curriculum {
  // The built-in folder itself is checked on its own, not against itself.
  const isBuiltIn = resolve(dir) === resolve(builtInLessonsDir());
  // The built-in lessons only lend their ids (a pack may not reuse one): the build's compiled
  // copies do that without compiling them again, unless they were edited since.
  const compiled = isBuiltIn ? undefined : builtInCompiled();
  const builtIn = isBuiltIn || compiled ? {files: [], problems: []} : readLessonFolder(builtInLessonsDir(), 'built-in');
  const folder = readLessonFolder(dir, safeText(dir));
  const all = buildCurriculum([...builtIn.files, ...folder.files], folder.problems, compiled);
  const lessons = all.lessons.filter((l) => l.source !== 'built-in');
  return {
    lessons,
    problems: all.problems.filter((p) => p.source !== 'built-in'),
    find: (id) => lessons.find((l) => l.id === id),
    next: (id) => lessons[lessons.findIndex((l) => l.id === id) + 1],
  };
}
