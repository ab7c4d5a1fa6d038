// Answers are checked by meaning, never by exact strings: "time_wait", "TIME WAIT" and
// "TIME-WAIT" are one state; "2", "2 RTT" and "200 ms" (at 100 ms) one time; "SYN,ACK" and
// "ACK+SYN" one set of flags; "1.5" and "1.50" one number.
import type {AnswerValue, FrameValue, Measure, Question} from './types.js';
import {RTT_MS} from '../engine/run-options.js';

/** Linux `ss` spellings and other common ways to write a TCP state, by their RFC 9293 name. */
const STATE_ALIASES: Record<string, string> = {SYNRECV: 'SYNRECEIVED', ESTAB: 'ESTABLISHED', TIMEDWAIT: 'TIMEWAIT'};
const FLAGS = new Set(['SYN', 'ACK', 'FIN', 'RST', 'PSH']);

function word(text: string): string {
  const bare = text.trim().replace(/^the\s+/i, '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return STATE_ALIASES[bare] ?? bare;
}

function what(text: string): string {
  const tokens = text.toUpperCase().split(/[^A-Z0-9_]+/).filter((t) => t !== '' && t !== 'ON' && t !== 'A');
  if (tokens.every((t) => FLAGS.has(t))) return [...new Set(tokens.filter((t) => t !== 'PSH'))].sort().join('+');
  return tokens.join('+');
}

function isFrame(value: AnswerValue): value is FrameValue {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A canonical form of what a value means: two values mean the same exactly when these are equal. */
export function meaningOf(value: AnswerValue): string {
  if (typeof value === 'number') return `n:${Math.round(value * 1e6) / 1e6}`;
  if (typeof value === 'string') return `s:${word(value)}`;
  if (Array.isArray(value)) return `l:${value.map(word).join(',')}`;
  return `f:${value.from}:${what(value.what)}`;
}

export function sameMeaning(a: AnswerValue, b: AnswerValue): boolean {
  return meaningOf(a) === meaningOf(b);
}

/** Whether choosing `index` answers `question` correctly. */
export function checkChoice(question: Question, index: number): boolean {
  return index === question.answer;
}

/**
 * The choice `response` means: text typed by a learner ("2 RTT", "200ms", "time wait",
 * "server: SYN+ACK", "ServerHello, Certificate, …"), the text of a choice, or a value of the
 * question's kind. Numbers without a unit are read in the unit the choices use. Null when it
 * means none of them.
 */
export function matchChoice(question: Question, response: string | AnswerValue): number | null {
  let meaning: AnswerValue | undefined = response;
  if (typeof response === 'string') {
    const exact = question.choices.findIndex((choice) => choice.trim().toLowerCase() === response.trim().toLowerCase());
    if (exact >= 0) return exact;
    meaning = parseResponse(question, response);
  }
  if (meaning === undefined) return null;
  const index = question.values.findIndex((value) => sameMeaning(value, meaning));
  return index >= 0 ? index : null;
}

/** Whether `response` (see matchChoice) means the right answer. */
export function checkAnswer(question: Question, response: string | AnswerValue): boolean {
  return matchChoice(question, response) === question.answer;
}

function unitOf(measure: Measure | undefined): 'rtt' | 'ms' | 's' | 'count' {
  if (measure === 'requestSentMs' || measure === 'responseReceivedMs') return 'ms';
  if (measure === 'timeWaitMs') return 's';
  if (measure === 'closeSegments') return 'count';
  return 'rtt';
}

/** Reads typed text as a value of the same kind as the question's answer; undefined when it cannot. */
export function parseResponse(question: Question, text: string): AnswerValue | undefined {
  const answer = question.values[question.answer];
  if (typeof answer === 'number') {
    const source = question.source;
    const measure = source.kind === 'engine' ? source.measure : undefined;
    const rttMs = source.kind === 'engine' ? source.rttMs : RTT_MS.default;
    return parseQuantity(text, unitOf(measure), rttMs);
  }
  if (typeof answer === 'string') return text;
  if (Array.isArray(answer)) return text.split(/→|->|>|,|;|\bthen\b/i).map((s) => s.trim()).filter((s) => s !== '');
  const match = /^\s*(?:the\s+)?(client|server)(?:'s)?\s*(?:sends)?\s*[:\-–]?\s*(.+)$/i.exec(text);
  return match ? {from: match[1]!.toLowerCase() as FrameValue['from'], what: match[2]!} : undefined;
}

/** A count or time in the question's unit: "1.5", "1.5 RTT", "150 ms", "60 s", "1 min". */
function parseQuantity(text: string, unit: 'rtt' | 'ms' | 's' | 'count', rttMs: number): number | undefined {
  const match = /(-?\d+(?:[.,]\d+)?)\s*(ms|msec|milliseconds?|s|secs?|seconds?|min|minutes?|rtts?|round[- ]?trips?)?\b/i.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]!.replace(',', '.'));
  const given = (match[2] ?? '').toLowerCase();
  const ms = given.startsWith('m') && !given.startsWith('min') ? n : given.startsWith('s') ? n * 1000 : given.startsWith('min') ? n * 60_000 : undefined;
  const rtt = given.startsWith('r') ? n : undefined;
  switch (unit) {
    case 'count':
      return n;
    case 'rtt':
      return rtt ?? (ms !== undefined ? ms / rttMs : n);
    case 'ms':
      return ms ?? (rtt !== undefined ? rtt * rttMs : n);
    case 's':
      return ms ?? n * 1000;
  }
}
