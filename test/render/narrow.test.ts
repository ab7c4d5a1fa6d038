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

describe('the first paint measures without string-width', () => {
  it('every built-in lesson title and summary, and every home menu line, has a known width (else the first paint would give up)', async () => {
    const {knownWidth} = await import('../../src/render/text.js');
    const {loadCurriculum} = await import('../../src/curriculum/index.js');
    const {homeItemText, homeHelpBar, HOME_TITLE, HOME_SUBTITLE} = await import('../../src/ui/home/home-text.js');
    const {homeItems, practiceOf} = await import('../../src/ui/home/model.js');
    const {MISCONCEPTIONS} = await import('../../src/quiz/misconceptions.js');
    const lessons = loadCurriculum({env: {}}).lessons;
    const counts = Object.fromEntries(MISCONCEPTIONS.map((m) => [m.id, 1]));
    const source = {lessons, position: () => undefined, due: 3};
    const texts = [
      HOME_TITLE,
      HOME_SUBTITLE,
      homeHelpBar(80),
      ...lessons.flatMap((l) => [l.title, l.summary ?? '']),
      ...homeItems(lessons, {lessonId: lessons[0]!.id}, practiceOf(counts)).map((item) => homeItemText(item, source)),
      ...MISCONCEPTIONS.map((m) => homeItemText({kind: 'practise', practice: {id: m.id, short: m.short, count: 2}}, source)),
    ];
    for (const text of texts) expect(knownWidth(text), text).toBeDefined();
  });
});
