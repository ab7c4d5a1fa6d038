// The ladder to scale: vertical distance proportional to time, arrows that cross in flight drawn
// crossing, long quiet stretches folded with their length, every label whole.
import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset, PRESETS} from '../../src/engine/presets.js';
import {run} from '../../src/engine/runs.js';
import type {Trace} from '../../src/engine/types.js';
import {width as columns} from '../../src/render/text.js';
import {LINES_PER_RTT, timeScaledLadder} from '../../src/render/time-scaled.js';

const trace = (id: string, rttMs = 100): Trace => run({knobs: resolveKnobs(findPreset(id)!.knobs, {}), scenario: id, rttMs});
/** The line a frame's label starts on (the line it leaves, or the next free one). */
const lineOf = (lines: {text: string}[], label: RegExp) => lines.findIndex((l) => label.test(l.text));

describe('the ladder to scale', () => {
  it('puts frames as far apart as their times: half a round trip is half the lines of one', () => {
    const t = trace('tcp-handshake');
    const {lines} = timeScaledLadder(t, 2, 100);
    expect(lineOf(lines, /→ SYN$/)).toBe(0);
    expect(lineOf(lines, /← SYN-ACK$/)).toBe(LINES_PER_RTT / 2);
    expect(lineOf(lines, /→ ACK$/)).toBe(LINES_PER_RTT);
    expect(lines[LINES_PER_RTT / 2]!.text).toMatch(/^ +50 ms/);
  });

  it('draws the two SYNs of a simultaneous open leaving together and crossing to the other side', () => {
    const t = trace('tcp-simultaneous-open');
    expect(t.frames[0]!.sendMs).toBe(t.frames[1]!.sendMs);
    const {lines} = timeScaledLadder(t, 1, 100);
    const {notesAt} = timeScaledLadder(t, 1, 100);
    const diagram = lines.map((l) => l.text.slice(8, notesAt - 1));
    // Both leave on the first line, one from each axis…
    expect(diagram[0]).toMatch(/^│─+╮ +╭─+│$/);
    // …and arrive on the same line at the other one, having crossed in between.
    const arrivals = diagram.findIndex((l) => l.includes('◀') && l.includes('▶'));
    expect(arrivals).toBe(LINES_PER_RTT / 2 - 1);
  });

  it('folds a long quiet stretch into one line that says how long it was', () => {
    const t = trace('tcp-syn-lost');
    const {lines} = timeScaledLadder(t, t.frames.length - 1, 100);
    const fold = lines.find((l) => l.text.includes('⋮'));
    expect(fold?.text).toMatch(/⋮ .*\d+ ms with nothing sent/);
    expect(lines.length).toBeLessThan(60);
    expect(lines.some((l) => l.text.includes('✕'))).toBe(true);
  });

  it('writes every frame\'s label whole, marks the current one, and keeps to the width', () => {
    for (const preset of PRESETS) {
      const t = trace(preset.id, 80);
      for (const width of [80, 100, 200]) {
        const last = t.frames.length - 1;
        const {lines, heads, notesAt} = timeScaledLadder(t, last, width);
        expect(columns(heads)).toBeLessThanOrEqual(width);
        for (const line of lines) expect(columns(line.text), `${preset.id} ${width}: ${line.text}`).toBeLessThanOrEqual(width);
        const notes = lines.map((l) => l.text.slice(notesAt)).join('\n').replace(/\n+ */g, ' ').replace(/ +/g, ' ');
        for (const f of t.frames) expect(notes, `${preset.id} ${f.id}`).toContain(f.label.replace(/ +/g, ' '));
        expect(lines.filter((l) => l.current).length).toBeGreaterThan(0);
        expect(lines.find((l) => l.current)!.text).toContain('▸');
      }
    }
  });
});
