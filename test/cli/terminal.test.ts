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

  it('uses the terminal width; for pipes and files COLUMNS, else 80; never under 40', () => {
    expect(outputWidth(tty, {})).toBe(120);
    expect(outputWidth({isTTY: true, columns: 60}, {})).toBe(60);
    expect(outputWidth({isTTY: true, columns: 20}, {})).toBe(40);
    expect(outputWidth(pipe, {})).toBe(80);
    expect(outputWidth(pipe, {COLUMNS: '132'})).toBe(132);
    expect(outputWidth(pipe, {COLUMNS: 'wide'})).toBe(80);
  });
});
