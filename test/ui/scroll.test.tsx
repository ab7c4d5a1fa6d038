// The scrolled window onto text (common/scroll.tsx) never takes more rows than it has: a line and
// its "more below" mark in one row drew over each other on the instructor's 80×24 screen.
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ScrollView, scrollWindow} from '../../src/ui/common/scroll.js';

describe('the scroll window', () => {
  it('keeps a row for the mark, and with one row shows only the mark, with none nothing', () => {
    expect(scrollWindow(10, 4, 0)).toEqual({start: 0, shown: 3, above: 0, below: 7});
    expect(scrollWindow(10, 1, 0)).toEqual({start: 0, shown: 0, above: 0, below: 10});
    expect(scrollWindow(10, 0, 0).shown).toBe(0);
    expect(scrollWindow(3, 3, 5)).toEqual({start: 0, shown: 3, above: 0, below: 0});
  });

  it.each([0, 1, 2, 5])('draws at most %i rows, never a line under its mark', (rows) => {
    const lines = Array.from({length: 9}, (_, i) => ({text: `line ${i + 1} of the narration`}));
    const {lastFrame, unmount} = render(<ScrollView lines={lines} rows={rows} offset={0} />);
    const out = (lastFrame() ?? '').split('\n').filter((l) => l.trim() !== '');
    expect(out.length).toBeLessThanOrEqual(rows);
    for (const line of out) expect(line).toMatch(/^(line \d of the narration|↓ \d+ more below \(↑↓ PgUp PgDn\))$/);
    unmount();
  });
});
