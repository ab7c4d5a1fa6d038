// The keyboard, read by the tutor itself: every byte sequence a terminal can send is split into
// keys, and each key the screens can use is named ('up', 'enter', 'escape', 'ctrl+c', 'q', …, the
// names the binding tables use); everything else is dropped. Ink's own key parsing is never used:
// Ink 6.8 crashes on a Ctrl-modified key it does not know (`ESC [29;5~`, Ctrl+F1 `ESC [1;5P`:
// parse-keypress gives no name and use-input calls name.startsWith; vadimdemedes/ink#901, fixed
// only in Ink 7, which needs Node 22), it merges an Escape with the key after it into one "meta"
// key, and it acts on pastes, mouse and focus reports as if they were typed. The tutor binds no
// modified keys, so a modifier is dropped (Ctrl+← is ←).
//
// Sequences follow ECMA-48 §5.4 (CSI: ESC [ parameters intermediates final; SS3: ESC O final;
// strings: OSC ESC ], DCS ESC P, SOS ESC X, PM ESC ^, APC ESC _, ended by ST = ESC \ or BEL) and
// xterm's ctlseqs (X10 mouse: ESC [ M and three bytes; bracketed paste: ESC [200~ … ESC [201~).

const ESC = '\x1b';

/** CSI and SS3 finals of keys: the arrows, home, end and shift+tab. */
const CSI_FINALS: Readonly<Record<string, string>> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift+tab'};
/** `CSI n ~` keys by their first parameter (and rxvt's home and end). */
const TILDE_KEYS: Readonly<Record<string, string>> = {'1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end'};
/** Control characters that are keys of their own. */
const CONTROL_KEYS: Readonly<Record<number, string>> = {0x0d: 'enter', 0x0a: 'enter', 0x09: 'tab', 0x08: 'backspace', 0x7f: 'backspace', 0x1b: 'escape'};

/** A printable key's name: the character itself, but a blank is 'space'. */
function printable(text: string): string {
  return text === ' ' ? 'space' : text;
}

export interface Filtered {
  /** The keys pressed, by name, in order. */
  keys: string[];
  /** Ctrl+Z was pressed: the terminal's owner suspends the program (raw mode has no SIGTSTP). */
  suspend: boolean;
}

type Parsed = {kind: 'key'; text: string; next: number} | {kind: 'drop'; next: number} | {kind: 'pending'} | {kind: 'suspend'; next: number};

function isFinal(code: number): boolean {
  return code >= 0x40 && code <= 0x7e;
}

/** ESC [ … at `at`: the whole sequence, canonical or dropped. */
function csi(input: string, at: number): Parsed {
  let i = at + 2;
  // X10 mouse: ESC [ M and three raw bytes.
  if (input[i] === 'M') return i + 3 < input.length ? {kind: 'drop', next: i + 4} : {kind: 'pending'};
  // Legacy ESC [ [ A (Linux console F-keys) is one more byte.
  if (input[i] === '[') return i + 1 < input.length ? {kind: 'drop', next: i + 2} : {kind: 'pending'};
  const start = i;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code >= 0x20 && code <= 0x3f) {
      i++;
      continue;
    }
    if (!isFinal(code)) return {kind: 'drop', next: i};
    const params = input.slice(start, i);
    const final = input[i]!;
    const next = i + 1;
    if (final === '~') {
      const key = TILDE_KEYS[params.split(';')[0] ?? ''];
      return key !== undefined && /^\d+(;\d+)?$/.test(params) ? {kind: 'key', text: key, next} : {kind: 'drop', next};
    }
    const key = CSI_FINALS[final];
    // Plain (ESC [ A) or with a modifier (ESC [ 1 ; 5 A): anything else with these finals is a report.
    return key !== undefined && (params === '' || /^1;\d+$/.test(params)) ? {kind: 'key', text: key, next} : {kind: 'drop', next};
  }
  return {kind: 'pending'};
}

/** A control string (OSC, DCS, …) from `at`, up to and including its terminator. */
function controlString(input: string, at: number): Parsed {
  for (let i = at + 2; i < input.length; i++) {
    if (input[i] === '\x07') return {kind: 'drop', next: i + 1};
    if (input[i] === ESC) return i + 1 < input.length ? {kind: 'drop', next: input[i + 1] === '\\' ? i + 2 : i + 1} : {kind: 'pending'};
  }
  return {kind: 'pending'};
}

function escape(input: string, at: number): Parsed {
  if (at + 1 >= input.length) return {kind: 'pending'};
  const next = input[at + 1]!;
  if (next === '[') return at + 2 < input.length ? csi(input, at) : {kind: 'pending'};
  if (next === 'O') {
    if (at + 2 >= input.length) return {kind: 'pending'};
    const key = CSI_FINALS[input[at + 2]!];
    return key !== undefined && key !== 'shift+tab' ? {kind: 'key', text: key, next: at + 3} : {kind: 'drop', next: at + 3};
  }
  if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') return controlString(input, at);
  // ESC ESC: an Escape pressed twice (the second starts its own key).
  if (next === ESC) return {kind: 'key', text: 'escape', next: at + 1};
  const code = input.codePointAt(at + 1)!;
  const width = code > 0xffff ? 2 : 1;
  // Alt + a printable key is that key (the tutor binds no Alt keys).
  if (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code <= 0x9f)) return {kind: 'key', text: printable(input.slice(at + 1, at + 1 + width)), next: at + 1 + width};
  return {kind: 'key', text: 'escape', next: at + 1};
}

function control(code: number, at: number): Parsed {
  if (code === 0x1a) return {kind: 'suspend', next: at + 1};
  const named = CONTROL_KEYS[code];
  if (named !== undefined) return {kind: 'key', text: named, next: at + 1};
  // Ctrl+A … Ctrl+Y; NUL and Ctrl+\ ] ^ _ name no key.
  if (code >= 0x01 && code <= 0x19) return {kind: 'key', text: `ctrl+${String.fromCharCode(code + 0x60)}`, next: at + 1};
  return {kind: 'drop', next: at + 1};
}

/**
 * Splits terminal input into safe keys. Keeps state across chunks: a sequence cut at the end of
 * one read is completed by the next, and a bracketed paste is dropped until it ends.
 */
export class KeyFilter {
  private carry = '';
  private inPaste = false;

  push(chunk: string): Filtered {
    let input = this.carry + chunk;
    this.carry = '';
    const keys: string[] = [];
    let suspend = false;
    let i = 0;
    while (i < input.length) {
      if (this.inPaste) {
        const end = input.indexOf(`${ESC}[201~`, i);
        if (end < 0) {
          // Keep what could be the start of the closing marker.
          const tail = input.lastIndexOf(ESC);
          this.carry = tail >= i && input.length - tail < 6 ? input.slice(tail) : '';
          return {keys, suspend};
        }
        this.inPaste = false;
        i = end + 6;
        continue;
      }
      const code = input.codePointAt(i)!;
      let parsed: Parsed;
      if (code === 0x1b) {
        if (input.startsWith(`${ESC}[200~`, i)) {
          this.inPaste = true;
          i += 6;
          continue;
        }
        parsed = escape(input, i);
      } else if (code < 0x20 || code === 0x7f) parsed = control(code, i);
      else if (code >= 0x80 && code <= 0x9f) parsed = {kind: 'drop', next: i + 1};
      else {
        const width = code > 0xffff ? 2 : 1;
        parsed = {kind: 'key', text: printable(input.slice(i, i + width)), next: i + width};
      }
      if (parsed.kind === 'pending') {
        this.carry = input.slice(i);
        break;
      }
      if (parsed.kind === 'key') keys.push(parsed.text);
      else if (parsed.kind === 'suspend') suspend = true;
      i = parsed.next;
    }
    input = '';
    return {keys, suspend};
  }

  /** Whether a sequence is waiting for its end (the owner flushes it after a short pause). */
  get pending(): boolean {
    return this.carry !== '';
  }

  /** After a pause: a lone ESC was the Escape key; any other unfinished sequence is dropped. */
  flush(): Filtered {
    const keys = this.carry === ESC && !this.inPaste ? ['escape'] : [];
    this.carry = '';
    return {keys, suspend: false};
  }
}
