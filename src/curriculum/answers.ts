// Answers compared by meaning, and choices offered for engine-computed answers. A learner who
// types SYN-RCVD, syn_received or "the server" means the same as SYN-RECEIVED or server; an
// author's "1 RTT" means the engine's 1.
import {KNOBS} from '../engine/knobs.js';
import type {Trace} from '../engine/types.js';
import {formatNumber, type Value} from './query.js';
import {STATES, stateKey} from './vocabulary.js';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

/** The first number in `text` ("1.5 RTT", "≈ 2", "two"), or null. */
export function readNumber(text: string): number | null {
  const match = /-?\d+(?:[.,]\d+)?/.exec(text);
  if (match) return Number(match[0].replace(',', '.'));
  const word = text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  const index = NUMBER_WORDS.indexOf(word);
  if (index >= 0) return index;
  if (word === 'half') return 0.5;
  return null;
}

const words = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
const listItems = (text: string) =>
  text
    .split(/\s*(?:,|\+|;|→|->|\bthen\b|\band\b)\s*/i)
    .map(words)
    .filter((w) => w !== '');

/** Whether `input` means `value`. */
export function sameAnswer(value: Value, input: string, trace?: Trace): boolean {
  const v = value.value;
  switch (value.kind) {
    case 'state':
      return typeof v === 'string' && stateKey(input) === stateKey(v);
    case 'side':
      return words(input).replace(/^the /, '') === v;
    case 'number': {
      const n = readNumber(input);
      return typeof v === 'number' && n !== null && (Math.abs(n - v) < 1e-9 || formatNumber(n) === formatNumber(v));
    }
    case 'list': {
      const expected = (Array.isArray(v) ? v : [String(v)]).map(words);
      const given = listItems(input);
      return given.length === expected.length && given.every((g, i) => g === expected[i]);
    }
    case 'frame':
    case 'label': {
      const frame = trace?.frames.find((f) => (value.kind === 'frame' ? f.id === v : f.label === v));
      const accepted = [String(v), ...(frame ? [frame.id, frame.label] : [])].map(words);
      return accepted.includes(words(input));
    }
    case 'knob':
      return words(input) === words(String(v));
  }
}

/** A value as a choice reads: numbers with their unit ("1.5 RTT", "60 s"). */
export function choiceText(value: Value): string {
  const v = value.value;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v !== 'number') return v;
  const n = formatNumber(v);
  switch (value.unit) {
    case 'rtt':
      return `${n} RTT`;
    case 'ms':
      return `${n} ms`;
    case 's':
      return `${n} s`;
    case 'bytes':
      return `${n} bytes`;
    default:
      return n;
  }
}

/**
 * Up to four choices for an engine answer, the right one among them, in a natural order
 * (states in protocol order, numbers ascending); null when the kind needs the author's choices.
 */
export function autoChoices(value: Value, trace: Trace): string[] | null {
  const v = value.value;
  switch (value.kind) {
    case 'side':
      return ['client', 'server'];
    case 'state':
      return stateChoices(value, trace);
    case 'number': {
      if (typeof v !== 'number') return null;
      const step = value.unit === 'rtt' ? 0.5 : value.unit === 'ms' ? trace.rttMs / 2 : 1;
      let candidates: number[];
      if (value.unit === 's' || value.unit === 'bytes') candidates = [v / 2, v * 2, v * 4];
      else if (value.unit === 'seq') {
        const others = trace.frames.flatMap((f) => (f.tcp ? [f.tcp.seq, f.tcp.ack ?? f.tcp.seq] : [])).filter((n) => Math.abs(n - v) > 1);
        const nearest = others.sort((a, b) => Math.abs(a - v) - Math.abs(b - v))[0];
        candidates = [v - 1, v + 1, nearest ?? v + 2];
      } else candidates = [v - step, v + step, v + 2 * step, v - 2 * step];
      const numbers = [v, ...candidates.filter((n) => n >= 0 && n !== v)].filter((n, i, all) => all.indexOf(n) === i).slice(0, 4);
      return numbers.sort((a, b) => a - b).map((n) => choiceText({...value, value: n}));
    }
    case 'knob': {
      const allowed: unknown = value.knob ? KNOBS[value.knob].values : [];
      return Array.isArray(allowed) ? allowed.map(String) : null;
    }
    case 'frame':
    case 'label': {
      const target = trace.frames.find((f) => (value.kind === 'frame' ? f.id === v : f.label === v));
      if (!target) return null;
      const show = (f: Trace['frames'][number]) => (value.kind === 'frame' ? f.id : f.label);
      const others = trace.frames
        .filter((f) => show(f) !== show(target))
        .sort((a, b) => Math.abs(a.index - target.index) - Math.abs(b.index - target.index));
      const picks = [target, ...others].filter((f, i, all) => all.findIndex((g) => show(g) === show(f)) === i).slice(0, 4);
      return picks.sort((a, b) => a.index - b.index).map(show);
    }
    case 'list':
      return null;
  }
}

/**
 * Distractors a learner could plausibly confuse with the answer: the side's state just before,
 * the other side's state now, then the states either side passes through nearest in time, then
 * the states next to the answer in protocol order.
 */
function stateChoices(value: Value, trace: Trace): string[] {
  const layer = value.layer ?? 'tcp';
  const vocabulary = STATES[layer];
  const right = String(value.value);
  const at = value.frameIndex ?? 0;
  const side = value.side ?? 'client';
  const peer = side === 'client' ? 'server' : 'client';
  const byDistance = [...trace.frames].sort((a, b) => Math.abs(a.index - at) - Math.abs(b.index - at));
  const before = [...trace.frames].reverse().find((f) => f.index < at && f.after[side][layer] !== right)?.after[side][layer];
  const order = (s: string) => vocabulary.indexOf(s);
  const candidates = [
    before,
    trace.frames[at]?.after[peer][layer],
    ...byDistance.map((f) => f.after[side][layer]),
    ...byDistance.map((f) => f.after[peer][layer]),
    ...[...vocabulary].sort((a, b) => Math.abs(order(a) - order(right)) - Math.abs(order(b) - order(right))),
  ].filter((s): s is string => typeof s === 'string' && s !== right);
  const picks = [right, ...candidates.filter((s, i) => candidates.indexOf(s) === i)].slice(0, 4);
  return [...vocabulary.filter((s) => picks.includes(s)), ...picks.filter((s) => !vocabulary.includes(s))];
}
