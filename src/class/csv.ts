// The class's results as CSV (RFC 4180): one row per question and student, blank answers for
// students who did not answer. Text that a spreadsheet would run as a formula is defused.
import {writeFileSync} from 'node:fs';
import type {HostState} from './host-state.js';

// `answer`, `correct` and `seconds` are the last vote's; `first_answer` (added) the first vote's
// when the class voted twice (peer instruction), else blank.
export const CSV_COLUMNS = ['question', 'source', 'prompt', 'right_answer', 'student', 'answer', 'correct', 'seconds', 'first_answer'] as const;

export function CSV_FIELD(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // =, +, -, @ (and tab, CR) start a formula in spreadsheets: a name like "=HYPERLINK(…)" stays text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function resultsCsv(state: HostState): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const q of state.questions) {
    for (const student of state.roster) {
      const answer = q.answers[student.id];
      const first = q.firstAnswers?.[student.id];
      rows.push([
        q.id,
        q.source,
        q.prompt,
        q.choices[q.answer] ?? '',
        student.name,
        answer ? (q.choices[answer.choice] ?? '') : '',
        answer ? (answer.choice === q.answer ? 'yes' : 'no') : '',
        answer ? Math.round((answer.at - q.pushedAt) / 100) / 10 : '',
        first ? (q.choices[first.choice] ?? '') : '',
      ]);
    }
  }
  return rows.map((row) => `${row.map(CSV_FIELD).join(',')}\r\n`).join('');
}

/**
 * Writes the results; the first write of a session refuses to replace an existing file unless
 * `overwrite` (--force), later writes replace the session's own file. Returns the error code, or null.
 */
export function writeResults(path: string, state: HostState, overwrite: boolean, write: CsvWriter = plainWrite): string | null {
  try {
    write(path, resultsCsv(state), overwrite);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException & {code?: string}).code ?? 'EIO';
  }
}

/** How the CSV reaches the disk; the CLI gives its safe writer (temporary file, rename, no links). */
export type CsvWriter = (path: string, text: string, overwrite: boolean) => void;

const plainWrite: CsvWriter = (path, text, overwrite) => writeFileSync(path, text, {flag: overwrite ? 'w' : 'wx'});
