// Column arithmetic for text on a terminal. Widths are terminal columns (string-width: CJK and
// emoji take two, combining marks none, ANSI codes nothing), never code points.
//
// string-width is not imported here: loading it compiles Unicode-property regular expressions
// (RGI_Emoji with the v flag), some 25 ms that the first paint cannot spend. Printable ASCII and
// the program's own symbols have known widths (narrow.ts, checked against string-width by a test);
// anything else needs string-width, which the program's entry loads (./string-width.ts).
import {NARROW} from './narrow.js';

const ASCII = /^[\x20-\x7e]*$/;
// Widths of the same words and lines are asked for on every redraw; string-width is exact but slow.
const widths = new Map<string, number>();
let exact: ((text: string) => number) | undefined;

/** Gives `width` string-width, for text beyond ASCII and the program's own symbols. */
export function useExactWidth(measure: (text: string) => number): void {
  exact = measure;
}

/** The width of text made of printable ASCII and NARROW characters; undefined for anything else. */
export function knownWidth(text: string): number | undefined {
  let columns = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || NARROW.has(char)) columns++;
    else return undefined;
  }
  return columns;
}

export function width(text: string): number {
  if (ASCII.test(text)) return text.length;
  let known = widths.get(text);
  if (known === undefined) {
    known = knownWidth(text);
    if (known === undefined) {
      if (!exact) throw new Error('text beyond the known characters before string-width was loaded');
      known = exact(text);
    }
    if (widths.size >= 4096) widths.clear();
    widths.set(text, known);
  }
  return known;
}

// Made when first needed: creating one loads ICU's segmentation data, which the first paint
// (whose text never needs cutting) should not wait for.
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `text` (what a terminal draws as one character). */
function graphemes(text: string): string[] {
  return Array.from((segmenter ??= new Intl.Segmenter()).segment(text), (s) => s.segment);
}

/** The longest start of `text` that fits in `columns`. */
function head(text: string, columns: number): string {
  if (width(text) <= columns) return text;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = width(g);
    if (used + w > columns) break;
    out += g;
    used += w;
  }
  return out;
}

/** `text` cut to at most `columns`, ending in … when something was cut. */
export function truncate(text: string, columns: number): string {
  if (width(text) <= columns) return text;
  if (columns <= 0) return '';
  return `${head(text, columns - 1)}…`;
}

export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

export function padStart(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - width(text))) + text;
}

/**
 * Word-wraps `text` to `columns`, keeping its leading spaces; continuation lines start with
 * `indent` spaces. Nothing is cut: a word longer than a line is broken across lines.
 */
export function wrap(text: string, columns: number, indent = 0): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  if (width(text) <= columns) return [text];
  const lines: string[] = [];
  let line = lead;
  // The line's width, kept as words are added (measuring the whole line each time is quadratic).
  let used = lead.length;
  let blank = true;
  // Continuation lines start with the indent, which counts in their width.
  const room = () => Math.max(1, columns - used);
  const flush = () => {
    lines.push(blank && lines.length > 0 ? line : line.replace(/ +$/, ''));
    line = ' '.repeat(indent);
    used = indent;
    blank = true;
  };
  for (const word of text.slice(lead.length).split(' ')) {
    const wordWidth = width(word);
    const pieceWidth = blank ? wordWidth : wordWidth + 1;
    if (pieceWidth <= room()) {
      line += blank ? word : ` ${word}`;
      used += pieceWidth;
      if (word !== '') blank = false;
      continue;
    }
    if (!blank) flush();
    // A word longer than a whole line is broken after a bracket, comma, slash or dash when one
    // falls on the line, else where the line ends.
    let rest = word;
    while (width(rest) > room()) {
      const fits = head(rest, room());
      const soft = Math.max(...['(', ',', '/', '-', '_', '='].map((c) => fits.lastIndexOf(c)));
      const part = soft > 0 ? fits.slice(0, soft + 1) : fits;
      if (part === '') break;
      line += part;
      used += width(part);
      blank = false;
      rest = rest.slice(part.length);
      flush();
    }
    line += rest;
    used += width(rest);
    if (rest !== '') blank = false;
  }
  lines.push(line);
  return lines;
}
