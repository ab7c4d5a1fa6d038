// Lesson text is untrusted: no escape sequence or control character may reach a terminal.
import {describe, expect, it} from 'vitest';
import {buildCurriculum, compileLesson, neutralize, safeText} from '../../src/curriculum/index.js';
import {findControls} from '../../src/curriculum/sanitize.js';

/** Anything a terminal would act on: ESC, C1 controls, C0 controls but \n and \t, DEL, bidi controls. */
const DANGEROUS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('neutralize', () => {
  it.each([
    ['CSI colour', 'a\x1b[31mred\x1b[0m b', 'ared b'],
    ['CSI clear screen and cursor moves', '\x1b[2J\x1b[H\x1b[10;20Hx', 'x'],
    ['OSC window title ended by BEL', '\x1b]0;pwned\x07title', 'title'],
    ['OSC 8 hyperlink ended by ST', '\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['DCS', '\x1bPq#0;2;0;0;0\x1b\\after', 'after'],
    ['8-bit CSI', 'a\x9b31mb', 'ab'],
    ['8-bit OSC', 'a\x9d0;t\x07b', 'ab'],
    ['a lone ESC', 'end\x1b', 'end'],
    ['two-character escapes (RIS)', 'a\x1bcb', 'ab'],
  ])('removes %s', (_what, input, expected) => {
    expect(neutralize(input)).toBe(expected);
  });

  it.each([
    ['BEL', 'ding\x07'],
    ['backspace', 'rm\x08\x08'],
    ['a lone carriage return (overwrites the line)', 'safe\rEVIL'],
    ['DEL', 'x\x7f'],
    ['C1 NEL', 'x\x85y'],
    ['a bidi override (reorders what is shown)', 'abc\u202Edcb'],
    ['a bidi isolate', 'a\u2066b\u2069'],
  ])('shows %s as U+FFFD', (_what, input) => {
    const out = neutralize(input);
    expect(out).not.toMatch(DANGEROUS);
    expect(out).toContain('\uFFFD');
  });

  it('keeps newlines (so line numbers survive), tabs, and ordinary Unicode', () => {
    expect(neutralize('a\nb\r\nc\td — ✓ §3.5 ×2')).toBe('a\nb\nc\td — ✓ §3.5 ×2');
    expect(safeText('a\tb')).toBe('a  b');
  });

  it('never lets a sequence swallow a newline', () => {
    expect(neutralize('\x1b]0;title\nnext line').split('\n')).toHaveLength(2);
  });

  it('finds each line that had something removed', () => {
    expect(findControls('ok\nbad \x1b[31m\nbell \x07\nok')).toEqual([
      {line: 2, what: 'a terminal escape sequence'},
      {line: 3, what: 'the control character U+0007'},
    ]);
  });
});

describe('lesson text never carries escapes to the player', () => {
  const text = [
    '---',
    'id: hostile',
    'title: "Title \\e]0;pwned\\a with a YAML escape"',
    'scenario: tcp-handshake',
    'objectives:',
    '  - "Objective \\x1b[2J clears the screen"',
    '---',
    '',
    'Intro \x1b[31mred\x1b[0m.',
    '',
    '## @syn',
    'Narration with a bell \x07 and \x1b]8;;http://x\x1b\\a link\x1b]8;;\x1b\\.',
    '',
    '```checkpoint',
    'ask: "Really \\u001b[5mblinking?"',
    'expect: after server.tcp',
    'explain: "\\e[1mbold"',
    '```',
    '',
    '```correction',
    'claim: "\\e]52;c;Y29weQ==\\a clipboard"',
    'actually: fine',
    'why: fine',
    '```',
  ].join('\n');

  it('reports every line that had escapes or control characters', () => {
    const {problems} = compileLesson({file: 'hostile.md', text, source: 'pack'});
    expect(problems.map((p) => p.line).sort((a, b) => a - b)).toEqual([3, 6, 9, 12, 15, 17, 21]);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('plays with every string clean', () => {
    const curriculum = buildCurriculum([{file: 'hostile.md', text, source: 'pack'}]);
    const lesson = curriculum.find('hostile')!;
    const play = lesson.play();
    const part = play.parts[0]!;
    const shown = {
      title: lesson.title,
      objectives: play.objectives,
      intro: play.intro,
      frames: part.trace.frames.map((f) => part.frame(f.id)).filter(Boolean),
      problems: curriculum.problems,
    };
    const strings = collect(shown);
    expect(strings.some((s) => s.includes('blinking'))).toBe(true);
    expect(strings.some((s) => s.includes('a link'))).toBe(true);
    for (const s of strings) expect(s).not.toMatch(DANGEROUS);
  });
});

function collect(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) collect(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) collect(v, out);
  return out;
}
