// `hs-tutor lessons validate <dir>`: the strict check of an instructor's lesson folder, and the
// lesson loading the plain commands share (`list` reports a broken folder but goes on).
import {basename} from 'node:path';
import {UsageError} from '../engine/errors.js';
import {didYouMean} from '../engine/suggest.js';
import {formatProblem, loadCurriculum, safeText, validateLessonFolder, type Curriculum, type Lesson, type Problem} from '../curriculum/index.js';
import type {Knobs} from '../engine/types.js';
import {openProgress, ProgressError, type LessonStatus} from '../progress/index.js';
import {parseCommandArgs} from './args.js';
import type {Terminal} from './terminal.js';

export const LESSONS_OPTIONS = {json: {type: 'boolean'}} as const;

const SUBCOMMANDS = ['validate'];

export function lessons(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('lessons', argv, LESSONS_OPTIONS);
  const [, sub, ...dirs] = positionals;
  if (sub === undefined) throw new UsageError("'hs-tutor lessons' needs a subcommand: 'hs-tutor lessons validate <dir>' checks a lesson folder.");
  if (!SUBCOMMANDS.includes(sub)) {
    throw new UsageError(`Unknown subcommand 'lessons ${sub}'; ${didYouMean(sub, SUBCOMMANDS, "the only one is 'hs-tutor lessons validate <dir>'.")}`);
  }
  if (dirs.length === 0) throw new UsageError("'hs-tutor lessons validate' needs a folder, as in 'hs-tutor lessons validate my-pack'.");

  const reports = dirs.map((dir) => ({dir, curriculum: validateLessonFolder(dir)}));
  const failed = reports.some((r) => r.curriculum.problems.length > 0);
  if (values.json) {
    const folders = reports.map(({dir, curriculum}) => ({
      folder: safeText(dir),
      lessons: curriculum.lessons.map((l) => l.id),
      problems: curriculum.problems.map(({file, line, severity, message, lessonId}) => ({file, line, severity, message, ...(lessonId === undefined ? {} : {lessonId})})),
    }));
    out.write(`${JSON.stringify({schemaVersion: 1, ok: !failed, folders}, null, 2)}\n`);
    return failed ? 1 : 0;
  }
  const lines: string[] = [];
  for (const {dir, curriculum} of reports) {
    lines.push(...curriculum.problems.map(formatProblem), summaryLine(safeText(dir), curriculum));
  }
  out.write(`${lines.join('\n')}\n`);
  return failed ? 1 : 0;
}

function summaryLine(dir: string, curriculum: Curriculum): string {
  const ids = curriculum.lessons.map((l) => l.id);
  const loaded = ids.length === 0 ? 'no lesson loads' : `${count(ids.length, 'lesson')} ${ids.length === 1 ? 'loads' : 'load'} (${ids.join(', ')})`;
  const problems = curriculum.problems;
  if (problems.length === 0) return `${dir}: ${loaded}; no problems.`;
  const notLoaded = new Set(problems.filter((p) => p.severity === 'error' && p.file !== dir).map((p) => p.file)).size;
  const files = notLoaded === 0 ? '' : `, ${count(notLoaded, 'file')} not loaded`;
  return `${dir}: ${count(problems.length, 'problem')}${files}; ${loaded}. Fix the lines above and run 'hs-tutor lessons validate ${dir}' again.`;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The curriculum for a plain command: built-in lessons plus --lessons and HS_TUTOR_LESSONS
 * folders. Problems never stop the command: each folder that has some gets one warning sentence.
 */
export function plainCurriculum(extraDirs: readonly string[] | undefined, warn: (sentence: string) => void, env: NodeJS.ProcessEnv = process.env): Curriculum {
  const curriculum = loadCurriculum({extraDirs: extraDirs ?? [], env});
  const bySource = new Map<string, Problem[]>();
  for (const problem of curriculum.problems) {
    const source = problem.source ?? problem.file;
    bySource.set(source, [...(bySource.get(source) ?? []), problem]);
  }
  for (const [source, problems] of bySource) {
    const only = problems.length === 1 ? problems[0] : undefined;
    if (only !== undefined && only.line === 0 && only.file === safeText(source)) {
      warn(`warning: lesson folder '${safeText(source)}': ${only.message}`);
      continue;
    }
    const skipped = [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.lessonId ?? basename(p.file)))];
    const what = skipped.length === 0 ? '' : ` (not loaded: ${skipped.join(', ')})`;
    warn(
      source === 'built-in'
        ? `warning: the built-in lessons have ${count(problems.length, 'problem')}${what}; this is a bug, please report it.`
        : `warning: the lesson folder '${safeText(source)}' has ${count(problems.length, 'problem')}${what}; 'hs-tutor lessons validate ${safeText(source)}' shows them.`,
    );
  }
  return curriculum;
}

/** A lesson as `list --json` shows it (CLI.md "list --json"). */
export interface ListedLesson {
  id: string;
  title: string;
  parts: {scenario: string; set: Partial<Knobs>}[];
  scenario: string;
  set: Partial<Knobs>;
  status: LessonStatus;
  source: string;
}

export function listedLesson(lesson: Lesson, status: ListedLesson['status']): ListedLesson {
  const parts = lesson.parts.map((p) => ({scenario: p.scenario, set: {...p.setKnobs}}));
  const first = parts[0] ?? {scenario: '', set: {}};
  return {id: lesson.id, title: lesson.title, parts, scenario: first.scenario, set: first.set, status, source: lesson.source};
}

/**
 * Each lesson's status from the progress file (through src/progress, the only code that reads
 * it). A corrupt file is moved aside by the store and the learner told; a file that cannot be
 * used at all only costs the statuses, never the listing.
 */
export function lessonStatuses(warn: (sentence: string) => void): (id: string) => ListedLesson['status'] {
  try {
    const doc = openProgress({onNotice: warn}).read();
    return (id) => doc.lessons[id]?.status ?? 'not-started';
  } catch (error) {
    if (!(error instanceof ProgressError)) throw error;
    warn(`warning: lesson statuses are unknown (${error.message.replace(/\.$/, '')}); every lesson shows as not-started.`);
    return () => 'not-started';
  }
}
