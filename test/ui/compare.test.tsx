// Compare: corresponding frames share a row, every difference is marked, the current frame is
// marked on both sides, and the result says when each side's request and response arrive.
import {afterEach, describe, expect, it} from 'vitest';
import {contrastsFor} from '../../src/engine/contrasts.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset, PRESETS} from '../../src/engine/presets.js';
import {run} from '../../src/engine/runs.js';
import type {Trace} from '../../src/engine/types.js';
import {width as columns} from '../../src/render/text.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import {alignFrames, compareLines, layoutCompare, resultLines, rowDiffers} from '../../src/ui/player/compare-layout.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const trace = (id: string, overrides: Record<string, string> = {}): Trace => run({knobs: resolveKnobs(findPreset(id)!.knobs, overrides), scenario: id});
const pairs = PRESETS.flatMap((preset) => {
  const left = trace(preset.id);
  return contrastsFor(left.knobs).map((c) => ({id: preset.id, label: c.label, left, right: run({knobs: c.knobs, scenario: preset.id})}));
});

describe('compare', () => {
  it('pairs frames by id in order and shows every frame of both sides once', () => {
    expect(pairs.length).toBeGreaterThan(20);
    for (const {left, right} of pairs) {
      const rows = alignFrames(left, right);
      expect(rows.flatMap((r) => (r.left ? [r.left.index] : []))).toEqual(left.frames.map((f) => f.index));
      expect(rows.flatMap((r) => (r.right ? [r.right.index] : []))).toEqual(right.frames.map((f) => f.index));
      for (const r of rows) if (r.left && r.right) expect(r.left.id).toBe(r.right.id);
    }
  });

  it('a SYN against a SYN that carries a TFO cookie and the ClientHello is a difference', () => {
    const left = trace('tls13');
    const right = trace('tls13', {tfo: 'cookie'});
    const [first] = alignFrames(left, right);
    expect(first!.left!.label).toBe('SYN');
    expect(first!.right!.label).toMatch(/^SYN \+ TFO cookie \+ ClientHello/);
    expect(rowDiffers(first!)).toBe(true);
    // The same frames, same times, same contents: no mark.
    expect(alignFrames(left, left).some(rowDiffers)).toBe(false);
  });

  it('marks the current frame on both sides at every frame', () => {
    for (const {left, right} of pairs.slice(0, 12)) {
      for (let frame = 0; frame < left.frames.length; frame++) {
        const {lines, current} = compareLines(left, right, frame, 100);
        const half = Math.floor(99 / 2);
        expect(lines[current]!.text.startsWith('▸')).toBe(true);
        expect(lines.filter((l) => l.text.slice(half + 1).startsWith('▸')).length).toBe(1);
      }
    }
  });

  it('says when each side sends the request and gets the response, and by how much they differ', () => {
    const left = trace('tls12');
    const right = trace('tls13');
    const text = resultLines(left, right, 'TLS 1.3 instead of 1.2', 80).join(' ').replace(/ +/g, ' ');
    const d = left.summary.requestSentMs! - right.summary.requestSentMs!;
    expect(d).toBeGreaterThan(0);
    expect(text).toContain(`Request sent at ${left.summary.requestSentMs} ms`);
    expect(text).toContain(`${right.summary.requestSentMs} ms (${right.summary.requestSentRtt} RTT) TLS 1.3 instead of 1.2: ${d} ms (1 RTT) sooner`);
    expect(text).toContain(`Response received at ${left.summary.responseReceivedMs} ms`);
  });

  it('fits every size, keeps the current frame in view and cuts nothing', () => {
    for (const [width, height] of [[80, 16], [100, 22], [120, 32], [200, 52]] as const) {
      for (const {left, right, label} of pairs) {
        for (const frame of [0, Math.floor(left.frames.length / 2), left.frames.length - 1]) {
          const layout = layoutCompare(left, right, label, 0, 3, frame, width, height);
          expect(layout.title.length + layout.heads.length + layout.rows + layout.result.length).toBeLessThanOrEqual(height);
          for (const line of [...layout.title, ...layout.heads, ...layout.lines.map((l) => l.text), ...layout.result]) {
            expect(columns(line)).toBeLessThanOrEqual(width);
            expect(line).not.toContain('…');
          }
          const {current} = compareLines(left, right, frame, width);
          const shown = layout.lines.length <= layout.rows ? layout.lines.length : layout.rows - 1;
          expect(current).toBeGreaterThanOrEqual(layout.start);
          expect(current).toBeLessThan(layout.start + shown);
        }
      }
    }
  });

  it('at 80×24 in the tutor: both columns, the marks and the whole result', async () => {
    const part = (id: string) => ({title: id, scenario: id, knobs: resolveKnobs(findPreset(id)!.knobs, {})});
    const lessons: TutorLesson[] = [{id: 'tls13', title: 'TLS 1.3', parts: [part('tls13')], narration: () => undefined}];
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId="tls13" />);
    await ui.resize(80, 24);
    await ui.press('l', 'l', 'l', 'c');
    const screen = ui.screen();
    expect(screen).toMatch(/^As set +TLS 1\.2 instead of 1\.3$/m);
    expect(screen).toMatch(/^▸ .*ClientHello +▸ .*ClientHello$/m);
    expect(screen).toMatch(/Request sent at \d+ ms \(\d RTT\) as set/);
    expect(screen).toMatch(/Response received at [\s\S]*(sooner|later)\./);
    expect(screen.split('\n').length).toBeLessThan(24);
    await ui.press(KEYS.tab);
    expect(ui.screen()).toMatch(/another comparison \(2 of \d\)/);
  });
});
