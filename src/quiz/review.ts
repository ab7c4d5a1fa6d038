// Spaced review with Leitner boxes, as pure functions of the review deck and a clock.
//
// This module is a leaf (it imports nothing): progress/ applies `scheduleAnswer` inside its file
// lock, so that two processes answering at once both land, and the TUI asks `dueQuestions` what
// to review. The clock is always a parameter; nothing here reads the system time.

/** One question in the deck, as stored in the progress file (CLI.md `progress --json` `review`). */
export interface ReviewEntry {
  /** 1 (just missed) to REVIEW_BOXES (well known). */
  box: number;
  /** ISO time from which the question is due again. */
  due: string;
  /** ISO time of the last answer; import keeps the entry answered last. */
  at?: string;
}

/** Question key → entry. Keys are question ids (see quiz/keys.ts), stable across seeds and versions. */
export type ReviewDeck = Record<string, ReviewEntry>;

/** What a learner did with one question: the input to scheduling. */
export interface ReviewOutcome {
  key: string;
  correct: boolean;
}

export const REVIEW_BOXES = 5;
/** Days until a question in box n (index n-1) is due again. */
export const BOX_INTERVAL_DAYS: readonly number[] = [1, 2, 4, 8, 16];
/**
 * Due times are moved this much earlier, so that "tomorrow" means the next session rather than
 * 24 hours to the minute: a question missed at 10:00 is due the next day from 04:00.
 */
export const REVIEW_SLACK_MS = 6 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a question that has just reached `box` is due again. */
export function dueAfter(box: number, answeredAt: Date): Date {
  const days = BOX_INTERVAL_DAYS[Math.min(Math.max(box, 1), REVIEW_BOXES) - 1] ?? 1;
  return new Date(answeredAt.getTime() + days * DAY_MS - REVIEW_SLACK_MS);
}

/**
 * The deck entry after one answer: a miss puts the question in box 1 (entering the deck if it was
 * not there); a right answer moves a question already in the deck up one box (it stays in the top
 * box once there); a right answer to a question outside the deck leaves it out (undefined).
 */
export function scheduleAnswer(entry: ReviewEntry | undefined, correct: boolean, now: Date): ReviewEntry | undefined {
  if (!correct) return {box: 1, due: dueAfter(1, now).toISOString(), at: now.toISOString()};
  if (entry === undefined) return undefined;
  const box = Math.min(entry.box + 1, REVIEW_BOXES);
  return {box, due: dueAfter(box, now).toISOString(), at: now.toISOString()};
}

/** The deck after a list of answers, in order (a new object; `deck` is not changed). */
export function applyOutcomes(deck: ReviewDeck, outcomes: readonly ReviewOutcome[], now: Date): ReviewDeck {
  // Null-prototype: a key is only ever a key, never a property of Object.prototype.
  const next: ReviewDeck = Object.assign(Object.create(null) as ReviewDeck, deck);
  for (const {key, correct} of outcomes) {
    const entry = scheduleAnswer(next[key], correct, now);
    if (entry !== undefined) next[key] = entry;
  }
  return next;
}

/** Keys of the questions due at `now`, the longest overdue first (ties by key, so the order is stable). */
export function dueQuestions(progress: {review: ReviewDeck}, now: Date): string[] {
  const t = now.getTime();
  return Object.entries(progress.review)
    .filter(([, entry]) => Date.parse(entry.due) <= t)
    .sort(([ka, a], [kb, b]) => Date.parse(a.due) - Date.parse(b.due) || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([key]) => key);
}

/** When the next question not yet due will be, or null when nothing is waiting. */
export function nextDue(progress: {review: ReviewDeck}, now: Date): Date | null {
  const t = now.getTime();
  const later = Object.values(progress.review)
    .map((entry) => Date.parse(entry.due))
    .filter((due) => due > t);
  return later.length === 0 ? null : new Date(Math.min(...later));
}
