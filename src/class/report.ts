// The end-of-class report, from the session journal (`hs-tutor class report <journal>`, and the
// summary printed when a class ends): for each question the first and the last vote, right and
// per choice, and the shift after a discussion; the misconceptions behind the wrong answers; who
// needs help; and the frames where the class struggled (wrong answers, and students who stopped
// there to explore alone). Plain data first; text, CSV and JSON are views of it.
import {findMisconception} from '../quiz/index.js';
import {CSV_FIELD} from './csv.js';
import type {AskedQuestion, HostEvent} from './host-state.js';
import type {ReadJournal} from './journal.js';
import {cleanLine} from './sanitize.js';

export interface ReportChoice {
  text: string;
  right: boolean;
  /** Votes in the first vote when the class voted twice, else null. */
  first: number | null;
  /** Votes in the last vote. */
  votes: number;
  misconception: string | null;
}

export interface ReportQuestion {
  number: number;
  prompt: string;
  source: string;
  /** Where the class was when it was asked. */
  where: {part: number; frame: number; frameId: string};
  choices: ReportChoice[];
  answered: number;
  /** Percent right of those who voted: in the first vote (only when there were two), and in the last. */
  firstRight: number | null;
  right: number | null;
  /** Percentage points gained after the discussion (second vote − first), when there were two votes. */
  shift: number | null;
}

export interface ReportStudent {
  name: string;
  answered: number;
  right: number;
  /** The numbers of the questions answered wrong (last vote). */
  missed: number[];
}

export interface ClassReport {
  schemaVersion: 1;
  lesson: {id: string; title: string};
  startedAt: string;
  students: number;
  questions: ReportQuestion[];
  /** The misconceptions behind wrong last votes, most frequent first. */
  misconceptions: {id: string; text: string; count: number; questions: number[]}[];
  /** Students with a wrong last vote, or who answered none of the questions, the weakest first. */
  needsHelp: ReportStudent[];
  /** Frames where the class struggled, the hardest first: wrong last votes there and students who stopped there alone. */
  frames: {part: number; frame: number; frameId: string; wrong: number; explorers: number}[];
}

const percent = (n: number, of: number): number | null => (of === 0 ? null : Math.round((100 * n) / of));

function tally(q: AskedQuestion, answers: Record<string, {choice: number}> | undefined): number[] {
  const counts = q.choices.map(() => 0);
  for (const a of Object.values(answers ?? {})) if (a.choice < counts.length) counts[a.choice]! += 1;
  return counts;
}

/** Where each question was asked, and which frames students exploring alone stopped at. */
function replay(log: readonly HostEvent[]): {askedAt: {part: number; frame: number; frameId: string}[]; stops: Map<string, Set<string>>} {
  const askedAt: {part: number; frame: number; frameId: string}[] = [];
  const stops = new Map<string, Set<string>>();
  let where = {part: 0, frame: 0, frameId: ''};
  for (const e of log) {
    if (e.type === 'position') where = {part: e.position.part, frame: e.position.frame, frameId: e.position.frameId};
    else if (e.type === 'push') askedAt.push(where);
    else if (e.type === 'detach') {
      const key = `${e.part}:${e.frame}`;
      if (!stops.has(key)) stops.set(key, new Set());
      stops.get(key)!.add(e.id);
    }
  }
  return {askedAt, stops};
}

export function classReport(journal: ReadJournal): ClassReport {
  const {state, header, log} = journal;
  const {askedAt, stops} = replay(log);
  const questions: ReportQuestion[] = state.questions.map((q, i) => {
    const last = tally(q, q.answers);
    const first = q.firstAnswers ? tally(q, q.firstAnswers) : null;
    const answered = Object.keys(q.answers).length;
    const firstAnswered = q.firstAnswers ? Object.keys(q.firstAnswers).length : 0;
    const firstRight = first ? percent(first[q.answer]!, firstAnswered) : null;
    const right = percent(last[q.answer]!, answered);
    return {
      number: q.id,
      prompt: cleanLine(q.prompt, 2000),
      source: q.source,
      where: q.where ?? askedAt[i] ?? {part: state.position.part, frame: state.position.frame, frameId: state.position.frameId},
      choices: q.choices.map((text, c) => ({text: cleanLine(text, 300), right: c === q.answer, first: first ? first[c]! : null, votes: last[c]!, misconception: q.misconceptions?.[c] ?? null})),
      answered,
      firstRight,
      right,
      shift: firstRight !== null && right !== null ? right - firstRight : null,
    };
  });

  const tags = new Map<string, {count: number; questions: Set<number>}>();
  for (const q of questions) {
    for (const c of q.choices) {
      if (c.right || c.misconception === null || c.votes === 0) continue;
      const entry = tags.get(c.misconception) ?? {count: 0, questions: new Set<number>()};
      entry.count += c.votes;
      entry.questions.add(q.number);
      tags.set(c.misconception, entry);
    }
  }
  const misconceptions = [...tags]
    .map(([id, {count, questions: qs}]) => ({id, text: findMisconception(id)?.text ?? id, count, questions: [...qs].sort((a, b) => a - b)}))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));

  const students: ReportStudent[] = state.roster.map((s) => {
    const mine = state.questions.map((q) => ({q, a: q.answers[s.id]}));
    const answered = mine.filter((m) => m.a !== undefined);
    return {
      name: cleanLine(s.name, 64),
      answered: answered.length,
      right: answered.filter((m) => m.a!.choice === m.q.answer).length,
      missed: answered.filter((m) => m.a!.choice !== m.q.answer).map((m) => m.q.id),
    };
  });
  const share = (s: ReportStudent) => (s.answered === 0 ? -1 : s.right / s.answered);
  const needsHelp = state.questions.length === 0 ? [] : students.filter((s) => s.missed.length > 0 || s.answered === 0).sort((a, b) => share(a) - share(b) || b.missed.length - a.missed.length || a.name.localeCompare(b.name));

  const frames = new Map<string, {part: number; frame: number; frameId: string; wrong: number; explorers: number}>();
  const frameOf = (part: number, frame: number, frameId: string) => {
    const key = `${part}:${frame}`;
    if (!frames.has(key)) frames.set(key, {part, frame, frameId, wrong: 0, explorers: 0});
    return frames.get(key)!;
  };
  for (const q of questions) frameOf(q.where.part, q.where.frame, q.where.frameId).wrong += q.answered - (q.choices.find((c) => c.right)?.votes ?? 0);
  for (const [key, who] of stops) {
    const [part, frame] = key.split(':').map(Number) as [number, number];
    frameOf(part, frame, frames.get(key)?.frameId ?? '').explorers += who.size;
  }

  return {
    schemaVersion: 1,
    lesson: {id: cleanLine(header.lessonId, 64), title: cleanLine(state.position.lesson.title, 200)},
    startedAt: cleanLine(header.startedAt, 40),
    students: state.roster.length,
    questions,
    misconceptions,
    needsHelp,
    frames: [...frames.values()].filter((f) => f.wrong + f.explorers > 0).sort((a, b) => b.wrong + b.explorers - (a.wrong + a.explorers) || a.part - b.part || a.frame - b.frame),
  };
}

const pct = (n: number | null) => (n === null ? '–' : `${n}%`);

/** A few lines for the end of a class. */
export function reportSummary(report: ClassReport): string[] {
  if (report.questions.length === 0) return [];
  const votes = report.questions.filter((q) => q.right !== null);
  const mean = (xs: number[]) => (xs.length === 0 ? null : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));
  const lines = [`${report.questions.length} question${report.questions.length === 1 ? '' : 's'}, ${report.students} student${report.students === 1 ? '' : 's'}: ${pct(mean(votes.map((q) => q.right!)))} right on average.`];
  const shifted = report.questions.filter((q) => q.shift !== null);
  if (shifted.length > 0) lines.push(`After discussion: ${shifted.map((q) => `question ${q.number} ${pct(q.firstRight)} → ${pct(q.right)}`).join(', ')}.`);
  if (report.needsHelp.length > 0) {
    const names = report.needsHelp.slice(0, 5).map((s) => s.name);
    lines.push(`May need help: ${names.join(', ')}${report.needsHelp.length > 5 ? ` and ${report.needsHelp.length - 5} more` : ''}.`);
  }
  return lines;
}

/** The report as text for a terminal; long lines wrap at the caller. */
export function reportText(report: ClassReport): string[] {
  const out = [`Class report: ${report.lesson.title} (${report.lesson.id}), started ${report.startedAt}, ${report.students} student${report.students === 1 ? '' : 's'}.`];
  if (report.questions.length === 0) return [...out, 'No question was asked.'];
  for (const q of report.questions) {
    out.push('', `Question ${q.number} (${q.source}, part ${q.where.part + 1}, frame ${q.where.frame + 1}${q.where.frameId ? ` ${q.where.frameId}` : ''}): ${q.prompt}`);
    const twice = q.firstRight !== null;
    out.push(twice ? `  ${q.answered} voted; right: first vote ${pct(q.firstRight)}, after discussion ${pct(q.right)} (${q.shift! >= 0 ? '+' : ''}${q.shift} points)` : `  ${q.answered} answered; ${pct(q.right)} right`);
    q.choices.forEach((c, i) => {
      const votes = twice ? `${c.first} → ${c.votes}` : String(c.votes);
      out.push(`  ${c.right ? '✓' : ' '}${i + 1} ${c.text}: ${votes}${c.misconception && !c.right ? ` (${c.misconception})` : ''}`);
    });
  }
  if (report.misconceptions.length > 0) {
    out.push('', 'Misconceptions behind the wrong answers:');
    for (const m of report.misconceptions) out.push(`  ${m.count} × ${m.text} (question${m.questions.length === 1 ? '' : 's'} ${m.questions.join(', ')})`);
  }
  if (report.needsHelp.length > 0) {
    out.push('', 'Who may need help (wrong answers in the last vote, or none given):');
    for (const s of report.needsHelp) out.push(`  ${s.name}: ${s.right} of ${s.answered} right${s.missed.length > 0 ? `; missed ${s.missed.join(', ')}` : ''}`);
  }
  if (report.frames.length > 0) {
    out.push('', 'Where the class struggled (wrong answers asked there · students who stopped there alone):');
    for (const f of report.frames) out.push(`  part ${f.part + 1}, frame ${f.frame + 1}${f.frameId ? ` ${f.frameId}` : ''}: ${f.wrong} wrong · ${f.explorers} stopped`);
  }
  return out;
}

export const REPORT_CSV_COLUMNS = ['question', 'source', 'part', 'frame', 'prompt', 'right_answer', 'answered', 'first_right_pct', 'right_pct', 'shift_points', 'misconceptions'] as const;

/** One row per question (RFC 4180, formulas defused as in the results file). */
export function reportCsv(report: ClassReport): string {
  const rows: (string | number)[][] = [[...REPORT_CSV_COLUMNS]];
  for (const q of report.questions) {
    const tags = [...new Set(q.choices.filter((c) => !c.right && c.votes > 0 && c.misconception).map((c) => c.misconception!))];
    rows.push([q.number, q.source, q.where.part + 1, q.where.frame + 1, q.prompt, q.choices.find((c) => c.right)?.text ?? '', q.answered, q.firstRight ?? '', q.right ?? '', q.shift ?? '', tags.join(' ')]);
  }
  return rows.map((row) => `${row.map(CSV_FIELD).join(',')}\r\n`).join('');
}
