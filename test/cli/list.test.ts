import {describe, expect, it} from 'vitest';
import {width} from '../../src/render/text.js';
import {KNOB_NAMES, resolveKnobs} from '../../src/engine/knobs.js';
import {PRESETS} from '../../src/engine/presets.js';
import {TOPICS} from '../../src/quiz/index.js';
import {hsTutor} from './run-cli.js';

interface ListJson {
  schemaVersion: number;
  lessons: unknown[];
  scenarios: {id: string; title: string; knobs: Record<string, unknown>}[];
  topics: unknown[];
}

describe('list', () => {
  it('--json has the CLI.md shape with every preset and its full knob set', async () => {
    const result = await hsTutor(['list', '--json']);
    expect(result.status).toBe(0);
    const list = JSON.parse(result.stdout) as ListJson;
    expect(Object.keys(list)).toEqual(['schemaVersion', 'lessons', 'scenarios', 'topics']);
    expect(list.schemaVersion).toBe(1);
    expect(list.lessons.length).toBeGreaterThan(0); // their shape: test/cli/lessons.test.ts
    expect(list.topics).toEqual(TOPICS.map((t) => ({id: t.id, title: t.title})));
    expect(list.scenarios.map((s) => s.id)).toEqual(PRESETS.map((p) => p.id));
    for (const [i, scenario] of list.scenarios.entries()) {
      const preset = PRESETS[i];
      expect(scenario.title).toBe(preset?.title);
      expect(Object.keys(scenario.knobs)).toEqual(KNOB_NAMES);
      expect(scenario.knobs).toEqual(resolveKnobs(preset?.knobs ?? {}, {}));
    }
  });

  it('prints every scenario id and title in plain form', async () => {
    const result = await hsTutor(['list'], {COLUMNS: '200'});
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    for (const preset of PRESETS) {
      expect(lines.some((line) => line.startsWith(`  ${preset.id} `) && line.endsWith(` ${preset.title}`))).toBe(true);
    }
    for (const topic of TOPICS) {
      expect(lines.some((line) => line.startsWith(`  ${topic.id} `) && line.endsWith(` ${topic.title}`))).toBe(true);
    }
  });

  it('wraps at the width (COLUMNS, else 80) and cuts nothing', async () => {
    for (const columns of ['80', '60']) {
      const result = await hsTutor(['list'], {COLUMNS: columns});
      const lines = result.stdout.trimEnd().split('\n');
      for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(Number(columns));
      expect(result.stdout).not.toContain('…');
      const text = result.stdout.replace(/\s+/g, ' ');
      for (const preset of PRESETS) expect(text).toContain(preset.title);
    }
  });
});
