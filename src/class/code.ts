// The join code: eight random digits (read aloud and typed easily; about 27 bits, and guesses
// spend a budget shared by the whole class, limits.ts), compared in constant time so the time a refusal takes says nothing
// about how much of a guess was right.
import {createHash, randomInt, timingSafeEqual} from 'node:crypto';

export const CODE_DIGITS = 8;

export function newJoinCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** The code as typed, without the spaces and dashes people add when they copy it. */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** Whether `given` is the code: both are hashed first, so inputs of any length compare in the same time. */
export function codesMatch(code: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(code), digest(normalizeCode(given)));
}

/** The code as the host shows it: two groups of four. */
export function showCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
