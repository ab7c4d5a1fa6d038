import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {MEASURES, TOPICS} from '../../src/quiz/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README quiz and progress sections', () => {
  it('document every quiz topic and every measure', () => {
    for (const topic of TOPICS) expect(readme).toContain(`| \`${topic.id}\` |`);
    for (const measure of MEASURES) expect(readme).toContain(`| \`${measure}\` |`);
  });

  it('say how tests move the clock and what happens to a corrupt progress file', () => {
    expect(readme).toContain('HS_TUTOR_NOW');
    expect(readme).toContain('progress.json.corrupt-');
  });
});
