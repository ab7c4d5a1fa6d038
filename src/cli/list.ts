// `hs-tutor list`: what there is to open: lessons, scenario presets and quiz topics.
import {UsageError} from '../engine/errors.js';
import {resolveKnobs} from '../engine/knobs.js';
import {PRESETS} from '../engine/presets.js';
import {TOPICS} from '../quiz/index.js';
import {parseCommandArgs} from './args.js';
import type {Terminal} from './terminal.js';
import {padEnd, truncate} from '../render/text.js';

export const LIST_OPTIONS = {json: {type: 'boolean'}} as const;

export function list(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('list', argv, LIST_OPTIONS);
  if (positionals.length > 1) {
    throw new UsageError(`list takes no arguments, but got '${positionals.slice(1).join(' ')}'; try 'hs-tutor list'.`);
  }
  if (values.json) {
    const scenarios = PRESETS.map((p) => ({id: p.id, title: p.title, knobs: resolveKnobs(p.knobs, {})}));
    const topics = TOPICS.map((t) => ({id: t.id, title: t.title}));
    // Lessons do not exist yet; the array is there so scripts can rely on the shape.
    out.write(`${JSON.stringify({schemaVersion: 1, lessons: [], scenarios, topics}, null, 2)}\n`);
    return 0;
  }
  const idCol = Math.max(...PRESETS.map((p) => p.id.length)) + 2;
  const lines = [
    "Scenarios (open one with 'hs-tutor show <scenario>'):",
    ...PRESETS.map((p) => truncate(`  ${padEnd(p.id, idCol)}${p.title}`, out.width)),
    '',
    "Quiz topics (a worksheet: 'hs-tutor quiz --json --topic <topic>'):",
    ...TOPICS.map((t) => truncate(`  ${padEnd(t.id, idCol)}${t.title}`, out.width)),
    '',
    'Lessons are coming in a later version.',
  ];
  out.write(`${lines.join('\n')}\n`);
  return 0;
}
