import {describe, expect, it} from 'vitest';
import {colorEnabled, outputWidth} from '../../src/cli/terminal.js';

describe('terminal', () => {
  const tty = {isTTY: true, columns: 120};
  const pipe = {isTTY: false, columns: undefined};

  it('colours only a terminal, and not with --no-color or a non-empty NO_COLOR', () => {
    expect(colorEnabled(tty, false, {})).toBe(true);
    expect(colorEnabled(tty, false, {NO_COLOR: ''})).toBe(true);
    expect(colorEnabled(tty, false, {NO_COLOR: '1'})).toBe(false);
    expect(colorEnabled(tty, true, {})).toBe(false);
    expect(colorEnabled(pipe, false, {})).toBe(false);
  });

  it('uses the terminal width, at least 80, and 100 for pipes and files', () => {
    expect(outputWidth(tty)).toBe(120);
    expect(outputWidth({isTTY: true, columns: 40})).toBe(80);
    expect(outputWidth(pipe)).toBe(100);
  });
});
