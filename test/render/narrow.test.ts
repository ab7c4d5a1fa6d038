// The characters whose width render/text.ts knows without string-width are one column to
// string-width too, so the first paint measures exactly as the rest of the program.
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {NARROW} from '../../src/render/narrow.js';
import {width} from '../../src/render/text.js';

describe('known widths', () => {
  it('every NARROW character is one column to string-width', () => {
    for (const char of NARROW) expect(stringWidth(char), `U+${char.codePointAt(0)!.toString(16)}`).toBe(1);
  });

  it('agrees with string-width on mixed text, wide characters included', () => {
    for (const text of ['Continue: The TCP handshake (part 1, frame 2) · done', '› [✓] TLS 1.3 — what is encrypted', 'CJK 漢字 and emoji 🎉', 'e\u0301', '↑ 3 more']) expect(width(text), text).toBe(stringWidth(text));
  });
});
