// Lesson files are untrusted: packs are passed around a class. Nothing from them may reach a
// terminal able to move the cursor, clear the screen, retitle the window, hide or reorder text.
// These functions take out terminal escape sequences (ANSI CSI, OSC, DCS and the rest, in
// their 7-bit and 8-bit forms), C0 and C1 control characters and Unicode bidi controls.

/**
 * An escape sequence, bounded so it never spans a line (a line count must survive cleaning)
 * and never backtracks: each alternative consumes a fixed shape.
 * - ESC [ … final   (CSI)          - ESC ] … BEL or ESC \   (OSC)
 * - ESC P/X/^/_ … ESC \  (DCS, SOS, PM, APC)              - ESC + intermediates + final
 * - the 8-bit forms: CSI 0x9B, OSC 0x9D, DCS 0x90, SOS 0x98, PM 0x9E, APC 0x9F
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '\\x1b\\[[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    '\\x1b\\][^\\x07\\x1b\\x9c\\n]*(?:\\x07|\\x1b\\\\|\\x9c)?',
    '\\x1b[PX^_][^\\x1b\\x9c\\n]*(?:\\x1b\\\\|\\x9c)?',
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
    '\\x9b[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    '[\\x9d\\x90\\x98\\x9e\\x9f][^\\x07\\x1b\\x9c\\n]*(?:\\x07|\\x1b\\\\|\\x9c)?',
  ].join('|'),
  'g',
);

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text with escape sequences removed and other control characters shown as U+FFFD; keeps `\n` and `\t`. */
export function neutralize(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '\uFFFD');
}

/** `neutralize`, with tabs as two spaces: for one line of display text (titles, answers, messages). */
export function safeText(text: string): string {
  return neutralize(text).replace(/\t/g, '  ');
}

export interface ControlFinding {
  /** 1-based line. */
  line: number;
  /** What was found, for a message: 'a terminal escape sequence', 'a control character U+0007', … */
  what: string;
}

/** Where `text` has something `neutralize` takes out, one finding per line. */
export function findControls(text: string): ControlFinding[] {
  const findings: ControlFinding[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  lines.forEach((line, i) => {
    if (new RegExp(ESCAPE_SEQUENCE.source).test(line)) {
      findings.push({line: i + 1, what: 'a terminal escape sequence'});
      return;
    }
    const control = new RegExp(CONTROL.source).exec(line.replace(/\r$/, ''));
    if (control) {
      const code = control[0].codePointAt(0) ?? 0;
      findings.push({line: i + 1, what: `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`});
    }
  });
  return findings;
}

/** Every string inside a parsed YAML value, neutralised (YAML's "\e" and "\x1b" escapes make ESC too). */
export function neutralizeDeep(value: unknown): unknown {
  if (typeof value === 'string') return neutralize(value);
  if (Array.isArray(value)) return value.map(neutralizeDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [neutralize(k), neutralizeDeep(v)]));
  }
  return value;
}
