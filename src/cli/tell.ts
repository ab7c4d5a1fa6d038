// The one way the CLI speaks on stderr: one sentence, prefixed with the program's name. What a
// sentence quotes may have come from outside (an argument, a file name, a file's contents), so it
// is made safe for a terminal first: no escape sequence or control character gets through.
import {safeText} from '../curriculum/sanitize.js';

/** Display-safe text on one line (curriculum/sanitize.ts safeText, line breaks as spaces). */
export function oneLine(text: string): string {
  return safeText(text).replace(/\s*\n\s*/g, ' ');
}

export function tell(sentence: string): void {
  process.stderr.write(`hs-tutor: ${oneLine(sentence)}\n`);
}
