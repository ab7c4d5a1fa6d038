import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {KNOB_NAMES} from '../../src/engine/knobs.js';
import {PRESET_IDS} from '../../src/engine/presets.js';

const root = new URL('../..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README', () => {
  it('opens with the two newcomer command lines, and CI runs the test one', () => {
    expect(readme).toContain('```sh\nnpm ci && npm start\nnpm ci && npm test\n```');
    expect(readFileSync(new URL('.ci/run', root), 'utf8')).toMatch(/^npm ci && npm test$/m);
  });

  it('documents every knob and every scenario', () => {
    for (const knob of KNOB_NAMES) expect(readme).toContain(`| \`${knob}\` |`);
    for (const id of PRESET_IDS) expect(readme).toContain(`| \`${id}\` |`);
  });
});

describe('README and the TUI', () => {
  it('the key table names every key the tutor binds', async () => {
    const {keyLabel} = await import('../../src/ui/common/keys.js');
    const {BINDINGS} = await import('../../src/ui/app/bindings.js');
    const table = readme.slice(readme.indexOf('| keys | what they do |'), readme.indexOf('The interactive commands run only'));
    for (const binding of BINDINGS) for (const key of binding.keys) expect(table, `${key} (${binding.label})`).toContain(keyLabel(key));
  });
});
