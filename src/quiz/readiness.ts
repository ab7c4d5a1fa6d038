// The readiness report after a quiz or a drill: per topic, how many were right and how long an
// answer took (the median, which one long pause does not skew); the misconceptions the wrong
// answers showed; and what to study next: the lesson of the weakest topic, or the frame that
// corrects the most frequent misconception.
import {findMisconception} from './misconceptions.js';
import {sessionResult, type Session} from './session.js';
import {findTopic} from './topics.js';

export interface TopicReadiness {
  topic: string;
  title: string;
  right: number;
  asked: number;
  /** Median time to answer, in ms; null when none of its questions was answered. */
  medianMs: number | null;
}

export interface StudyNext {
  /** Why this: the weakest topic, or a misconception. */
  reason: string;
  lesson: string;
  /** The frame to open, when a misconception names one. */
  frameId?: string;
}

export interface Readiness {
  topics: TopicReadiness[];
  misconceptions: {id: string; text: string; count: number}[];
  next: StudyNext | null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function readiness(session: Session): Readiness {
  const result = sessionResult(session);
  // How long each answer took: from the answer before it (or the start) to this one.
  const took = new Map<string, number[]>();
  session.answers.forEach((a, i) => {
    const ms = a.atMs - (i === 0 ? 0 : session.answers[i - 1]!.atMs);
    took.set(a.topic, [...(took.get(a.topic) ?? []), ms]);
  });
  const topics = Object.entries(result.byTopic).map(([topic, [right, asked]]) => ({topic, title: findTopic(topic)?.title ?? topic, right, asked, medianMs: median(took.get(topic) ?? [])}));
  const counts = new Map<string, number>();
  for (const id of result.misconceptions) counts.set(id, (counts.get(id) ?? 0) + 1);
  const misconceptions = [...counts.entries()]
    .map(([id, count]) => ({id, count, text: findMisconception(id)?.text ?? id}))
    .sort((a, b) => b.count - a.count);
  return {topics, misconceptions, next: studyNext(topics, misconceptions)};
}

function studyNext(topics: readonly TopicReadiness[], misconceptions: Readiness['misconceptions']): StudyNext | null {
  const top = misconceptions[0] && findMisconception(misconceptions[0].id);
  if (top) return {reason: `your answers show it most: ${top.short}`, lesson: top.lesson, frameId: top.frameId};
  // Else the topic with the lowest share right (ties: the one asked most), if any was missed.
  const weakest = [...topics].filter((t) => t.right < t.asked).sort((a, b) => a.right / a.asked - b.right / b.asked || b.asked - a.asked)[0];
  const lesson = weakest && findTopic(weakest.topic)?.lesson;
  return weakest && lesson ? {reason: `your weakest topic: ${weakest.title} (${weakest.right}/${weakest.asked})`, lesson} : null;
}
