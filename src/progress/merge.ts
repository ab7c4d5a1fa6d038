// Merging two progress documents (import, CLI.md: "import merges, never drops"). Pure.
import {type CheckpointRecord, LESSON_STATUSES, type LessonProgress, type PredictionRun, type ProgressDoc, type QuizHistoryEntry, type ReviewEntry, SCHEMA_VERSION} from './doc.js';

/**
 * `ours` and `theirs` combined: every lesson, history entry and review question of either.
 * A lesson's status is the furthest of the two (a completed lesson stays completed); its position
 * is the one updated last. History is the union (an entry present in both is kept once), in time
 * order. A review question keeps the entry answered last. On a tie, `ours` wins.
 */
export function mergeProgress(ours: ProgressDoc, theirs: ProgressDoc): ProgressDoc {
  const lessons: Record<string, LessonProgress> = dict(ours.lessons);
  for (const [id, their] of Object.entries(theirs.lessons)) {
    const our = lessons[id];
    lessons[id] = our === undefined ? {...their} : mergeLesson(our, their);
  }
  const review: Record<string, ReviewEntry> = dict(ours.review);
  for (const [key, their] of Object.entries(theirs.review)) {
    const our = review[key];
    review[key] = our === undefined || answeredAt(their) > answeredAt(our) ? {...their} : our;
  }
  // A misconception's count is the larger of the two: importing the same file twice counts nothing twice.
  const misconceptions: Record<string, number> = dict(ours.misconceptions);
  for (const [id, n] of Object.entries(theirs.misconceptions)) misconceptions[id] = Math.max(misconceptions[id] ?? 0, n);
  // Prediction runs: the union, each run once (a run is known by when it ended and what it walked).
  const runKey = (r: PredictionRun) => `${r.at}|${r.lesson ?? ''}|${r.scenario}`;
  const seen = new Set(ours.predictions.map(runKey));
  const predictions = [...ours.predictions, ...theirs.predictions.filter((r) => !seen.has(runKey(r)))].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // Settings are this machine's: an import (or another process's save) does not change them.
  return {schemaVersion: SCHEMA_VERSION, lessons, quiz: {history: mergeHistory(ours.quiz.history, theirs.quiz.history)}, review, misconceptions, predictions, settings: {...ours.settings}};
}

/** A null-prototype copy: keys from files stay keys (doc.ts record). */
function dict<T>(from: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

function mergeLesson(our: LessonProgress, their: LessonProgress): LessonProgress {
  const later = Date.parse(their.updatedAt) > Date.parse(our.updatedAt) ? their : our;
  const status = LESSON_STATUSES.indexOf(their.status) > LESSON_STATUSES.indexOf(our.status) ? their.status : our.status;
  return {...later, status, checkpoints: mergeCheckpoints(our.checkpoints, their.checkpoints)};
}

/** Every checkpoint of either; one attempted on both keeps ours (its first try came first here, as far as we know). */
function mergeCheckpoints(ours: CheckpointRecord[], theirs: CheckpointRecord[]): CheckpointRecord[] {
  const seen = new Set(ours.map((c) => c.id));
  return [...ours, ...theirs.filter((c) => !seen.has(c.id))];
}

function answeredAt(entry: ReviewEntry): number {
  return Date.parse(entry.at ?? entry.due);
}

/** Identity of a history entry: the same session imported twice is kept once. */
export function historyKey(entry: QuizHistoryEntry): string {
  const topics = Object.keys(entry.topics)
    .sort()
    .map((topic) => `${topic}=${entry.topics[topic]!.join('/')}`);
  return [entry.at, entry.mode, entry.asked, entry.correct, ...topics].join('|');
}

function mergeHistory(ours: QuizHistoryEntry[], theirs: QuizHistoryEntry[]): QuizHistoryEntry[] {
  const seen = new Set(ours.map(historyKey));
  const merged = [...ours];
  for (const entry of theirs) {
    const key = historyKey(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(entry);
  }
  // A stable sort keeps entries of the same instant in the order they came.
  return merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
