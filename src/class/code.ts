// The join code as people read and type it: the 12 digits of the host key's fingerprint
// (v2-keys.ts joinCode), shown in three groups of four, typed with or without spaces and dashes.
// It is never compared here: only CPace (handshake.ts) can tell a right code from a wrong one.
export {parseCode, showCode} from './v2-keys.js';

export const CODE_DIGITS = 12;

/** The code as typed, without the spaces and dashes people add when they copy it. */
export function normalizeCode(text: string): string {
  return text.replace(/[\s-]/g, '');
}
