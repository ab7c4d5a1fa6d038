// The knobs panel: the ladder stays in view above it, every knob's whole description can be read,
// what ← and → would change is said before the key is pressed (the engine's rules), and the RTT
// can be typed anywhere in the engine's range.
import {afterEach, describe, expect, it} from 'vitest';
import {KNOBS} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {RTT_MS} from '../../src/engine/run-options.js';
import {App} from '../../src/ui/app/App.js';
import {initialState, reduce, type State} from '../../src/ui/app/model.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import type {Action} from '../../src/ui/common/keys.js';
import {knobDetail, layoutKnobs} from '../../src/ui/player/knobs-layout.js';
import {bodyRows} from '../../src/ui/player/layout.js';
import {OPTION_ROWS, type PlayerState} from '../../src/ui/player/model.js';
import {width as columns} from '../../src/render/text.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const part = (scenario: string) => ({title: scenario, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [{id: 'tls13', title: 'TLS 1.3', parts: [part('tls13')], narration: () => undefined}];

const key = (state: State, action: Action, k?: string) => reduce(state, {type: 'key', action, ...(k === undefined ? {} : {key: k})});
const press = (state: State, ...actions: Action[]) => actions.reduce((s, a) => key(s, a), state);
const type = (state: State, text: string) => [...text].reduce((s, d) => key(s, 'digit', d), state);
const onRow = (row: (typeof OPTION_ROWS)[number]) => {
  let s = press(initialState(LESSONS, {lessonId: 'tls13'}), 'next', 'next', 'options');
  while (OPTION_ROWS[s.player!.options.cursor] !== row) s = press(s, 'down');
  return s;
};
const text = (player: PlayerState, width = 80) => knobDetail(player, width).map((l) => l.text).join('\n');

describe('the knobs panel', () => {
  it('types a round-trip time: digits, erase, enter re-simulates at that RTT', () => {
    let s = type(onRow('rttMs'), '3507');
    s = key(s, 'erase');
    expect(s.player!.options.typed).toBe('350');
    s = key(s, 'apply');
    expect(s.player!.rttMs).toBe(350);
    expect(s.player!.trace.rttMs).toBe(350);
    expect(s.player!.options.typed).toBe('');
  });

  it('an RTT out of the engine\'s range is refused with its sentence, and the run stays', () => {
    let s = type(onRow('rttMs'), String(RTT_MS.max + 1));
    s = key(s, 'apply');
    expect(s.player!.rttMs).toBe(100);
    expect(s.player!.options.error).toMatch(new RegExp(`${RTT_MS.min}.*${RTT_MS.max}`));
    s = key(type(key(key(key(key(s, 'erase'), 'erase'), 'erase'), 'erase'), '0'), 'apply');
    expect(s.player!.rttMs).toBe(100);
    expect(s.player!.options.error).not.toBeNull();
  });

  it('digits mean nothing on a knob\'s row', () => {
    const s = type(onRow('tfo'), '12');
    expect(s.player!.options.typed).toBe('');
    expect(s.player!.knobs).toEqual(onRow('tfo').player!.knobs);
  });

  it('←/→ from a typed RTT step to its neighbours on the list', () => {
    const s = key(type(onRow('rttMs'), '120'), 'apply');
    expect(key(s, 'right').player!.rttMs).toBe(150);
    expect(key(s, 'left').player!.rttMs).toBe(100);
  });

  it('says what a value would change with it before the key is pressed, by the engine\'s rules', () => {
    const s = onRow('earlyData');
    expect(text(s.player!)).toMatch(/→ accepted: also sets resume=on \(/);
    // Two values: both arrows lead to the same one, said once.
    expect(text(onRow('transport').player!)).toMatch(/^←\/→ quic$/m);
    expect(text(onRow('rttMs').player!)).toMatch(/from 1 to 999 ms/);
  });

  it('every knob\'s whole description, values and where it applies can be read at 80 columns', () => {
    for (const row of OPTION_ROWS) {
      if (row === 'rttMs') continue;
      const detail = text(onRow(row).player!).replace(/\n */g, ' ');
      expect(detail).toContain(KNOBS[row].description);
      if (KNOBS[row].appliesTo) expect(detail).toContain(KNOBS[row].appliesTo);
      for (const line of knobDetail(onRow(row).player!, 80)) expect(columns(line.text)).toBeLessThanOrEqual(80);
    }
  });

  it('keeps the ladder in view and the chosen knob in the list at every size', () => {
    for (const [width, height] of [[80, 24], [100, 30], [120, 40], [200, 60]] as const) {
      for (const row of OPTION_ROWS) {
        const p = onRow(row).player!;
        const body = bodyRows(p, width, height - 1);
        const layout = layoutKnobs(p, width, body);
        expect(layout.ladderRows).toBeGreaterThanOrEqual(3);
        expect(layout.ladderRows + 1 + layout.list.length + layout.detailRows).toBeLessThanOrEqual(body);
        expect(layout.list.some((l) => l.inverse && l.text.includes(row === 'rttMs' ? 'rtt' : row))).toBe(true);
        for (const line of [...layout.list, ...layout.detail]) {
          expect(columns(line.text)).toBeLessThanOrEqual(width);
          expect(line.text).not.toContain('…');
        }
      }
    }
  });

  it('at 80×24 the ladder shows above the panel, and PgDn reaches the end of a long story', async () => {
    const ui = await renderTui(<App lessons={LESSONS} progress={memoryProgress()} lessonId="tls13" />);
    await ui.resize(80, 24);
    await ui.press('l', 'l', 'o');
    expect(ui.screen()).toMatch(/SYN-ACK/);
    expect(ui.screen()).toMatch(/^▸ /m);
    expect(ui.screen()).toContain('Knobs of this part');
    for (let i = 0; i < OPTION_ROWS.indexOf('vectors'); i++) await ui.press(KEYS.down);
    expect(ui.screen()).toMatch(/› vectors/);
    for (let i = 0; i < 6; i++) await ui.press(KEYS.pageDown);
    const last = knobDetail(onRow('vectors').player!, 80).at(-1)!.text;
    expect(ui.screen()).toContain(last.trim());
    expect(ui.screen().split('\n').length).toBeLessThan(24);
  });
});
