// Text from the network never reaches a terminal as it came: a student's name could carry an
// escape sequence that clears the instructor's screen or retitles the window, and a host could
// send one to every student. These take out escape sequences (7- and 8-bit), control
// characters, bidi and zero-width marks (the curriculum's neutralize, tested against lesson
// files), and cut the text to a length.
import {neutralize} from '../curriculum/sanitize.js';

/** Zero-width and line/paragraph separators, which hide or reflow text; U+FFFD is what neutralize left of a control. */
const INVISIBLE = /[\u200b-\u200d\u2028\u2029\u2060\ufeff\ufffd]/g;

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/** One line of display text: no controls, whitespace runs as one space, at most `max` characters. */
export function cleanLine(text: string, max: number): string {
  return cut(neutralize(text).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim(), max);
}

export const MAX_NAME = 24;

/** A student's name as it may be shown: one clean line of at most 24 characters. */
export function cleanName(text: string): string {
  return cleanLine(text, MAX_NAME);
}
