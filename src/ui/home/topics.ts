// The interview drill's topic list on the home screen: every topic mixed, then each quiz topic
// (src/quiz/topics.ts), so a candidate can drill what they are weakest at.
import {TOPICS} from '../../quiz/topics.js';
import type {HomeItem} from './model.js';

/** What the home screen says above the topic list. */
export const TOPICS_SUBTITLE = 'Interview drill: which topic? 10 questions against the clock.';

export function topicItems(): HomeItem[] {
  return [{kind: 'interview', label: 'Every topic, mixed'}, ...TOPICS.map((t) => ({kind: 'interview' as const, topic: t.id, label: t.title}))];
}
