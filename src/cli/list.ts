// `hs-tutor list`: what there is to open: lessons, scenario presets and quiz topics.
import {tell} from './tell.js';
import {UsageError} from '../engine/errors.js';
import {resolveKnobs} from '../engine/knobs.js';
import {PRESETS} from '../engine/presets.js';
import {TOPICS} from '../quiz/index.js';
import {parseCommandArgs} from './args.js';
import {lessonStatuses, listedLesson, plainCurriculum} from './lessons.js';
import type {Terminal} from './terminal.js';
import {padEnd, wrap} from '../render/text.js';

export const LIST_OPTIONS = {json: {type: 'boolean'}} as const;

export function list(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('list', argv, LIST_OPTIONS);
  if (positionals.length > 1) {
    throw new UsageError(`list takes no arguments, but got '${positionals.slice(1).join(' ')}'; try 'hs-tutor list'.`);
  }
  // Lessons: built-in plus --lessons and HS_TUTOR_LESSONS folders; a broken folder only warns.
  const warn = tell;
  const statusOf = lessonStatuses(warn);
  const lessons = plainCurriculum(values.lessons, warn).lessons.map((l) => listedLesson(l, statusOf(l.id)));
  if (values.json) {
    const scenarios = PRESETS.map((p) => ({id: p.id, title: p.title, knobs: resolveKnobs(p.knobs, {})}));
    const topics = TOPICS.map((t) => ({id: t.id, title: t.title}));
    out.write(`${JSON.stringify({schemaVersion: 1, lessons, scenarios, topics}, null, 2)}\n`);
    return 0;
  }
  const idCol = Math.max(...PRESETS.map((p) => p.id.length)) + 2;
  const lessonCol = Math.max(0, ...lessons.map((l) => l.id.length)) + 2;
  // A title too long for the line goes on under itself: nothing is cut.
  const entry = (id: string, column: number, text: string) => wrap(`  ${padEnd(id, column)}${text}`, out.width, 2 + column);
  const lines = [
    ...wrap("Lessons, in order (open one with 'hs-tutor lesson <lesson>'):", out.width, 2),
    ...lessons.map((l) => {
      const notes = [...(l.status === 'not-started' ? [] : [l.status]), ...(l.source === 'built-in' ? [] : [`from ${l.source}`])];
      return entry(l.id, lessonCol, `${l.title}${notes.length === 0 ? '' : ` (${notes.join(', ')})`}`);
    }).flat(),
    '',
    ...wrap("Scenarios (open one with 'hs-tutor show <scenario>'):", out.width, 2),
    ...PRESETS.flatMap((p) => entry(p.id, idCol, p.title)),
    '',
    ...wrap("Quiz topics (a worksheet: 'hs-tutor quiz --json --topic <topic>'):", out.width, 2),
    ...TOPICS.flatMap((t) => entry(t.id, idCol, t.title)),
  ];
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
