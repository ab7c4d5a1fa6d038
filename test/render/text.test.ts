// Column arithmetic: terminal columns, and wrapping that never cuts and never overflows.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {truncate, width, wrap} from '../../src/render/text.js';

describe('text in terminal columns', () => {
  it('counts columns, not code points: CJK and emoji take two, combining marks none', () => {
    expect(width('abc')).toBe(3);
    expect(width('日本')).toBe(4);
    expect(width('😀')).toBe(2);
    expect(width('é')).toBe(1);
    expect(width('·→✓…')).toBe(4);
    expect(truncate('日本語です', 5)).toBe('日本…');
  });

  it('wraps any words to the width, keeping every word and cutting none', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'q', '日', '本', '😀', '·', '(', ')', ',', '=', '-'), {minLength: 1, maxLength: 12}).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(word, {minLength: 1, maxLength: 30}), fc.integer({min: 8, max: 60}), fc.integer({min: 0, max: 4}), (words, columns, indent) => {
        const text = words.join(' ');
        const lines = wrap(text, columns, indent);
        for (const line of lines) expect(width(line)).toBeLessThanOrEqual(columns);
        // Words broken across lines join again; nothing is lost or added.
        expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
      {numRuns: 300},
    );
  });

  it('breaks a word longer than the line after a bracket or comma when it can', () => {
    expect(wrap('Initial(ClientHello)', 12)).toEqual(['Initial(', 'ClientHello)']);
  });
});
