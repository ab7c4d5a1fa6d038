// Question keys: a question's id, and the key of its review-deck entry. A key says everything
// needed to generate the question again (measure, knobs that differ from the defaults, RTT, the
// side, frame or message asked about), so a deck survives new versions, seeds and choice orders.
//
//   requestSentRtt?tls=1.3&tfo=cookie
//   requestSentMs?tls=1.2&rtt=80
//   tcpStateAfter?close=three-way&side=client&frame=fin#2
//   lesson:tls13:why-encrypted            (a question a lesson wrote)
import {UsageError} from '../engine/errors.js';
import {KNOB_NAMES, nonDefaultKnobs, resolveKnobs} from '../engine/knobs.js';
import type {KnobName, Knobs, Side} from '../engine/types.js';
import type {Measure} from './types.js';
import {isRttMs, RTT_MS} from '../engine/run-options.js';

export const MEASURES: readonly Measure[] = [
  'requestSentRtt',
  'responseReceivedRtt',
  'requestSentMs',
  'responseReceivedMs',
  'tlsAddedRtt',
  'tcpStateAfter',
  'tlsStateAfter',
  'quicStateAfter',
  'nextFrame',
  'messageOrder',
  'encryptedMessage',
  'clearMessage',
  'closeSegments',
  'closeOrder',
  'timeWaitSide',
  'timeWaitMs',
  'handshakeDoneRtt',
  'pageLoadRtt',
  'pageLoadMs',
];

/**
 * How a course counts "the handshake takes N RTT": to when the client's side is done and it may
 * send its request ("the TCP handshake takes 1 RTT"), or to when the server's is ("1.5 RTT").
 */
export type Counting = 'client' | 'server';
export const COUNTINGS: readonly Counting[] = ['client', 'server'];

/** One engine question before it is built: what is asked, about which run. */
export interface QuestionSpec {
  measure: Measure;
  knobs: Knobs;
  rttMs: number;
  side?: Side;
  frameId?: string;
  message?: string;
}

/** RTT-unit questions are always asked at this RTT, so their key does not name it. */
export const BASE_RTT_MS = RTT_MS.default;

export function specKey(spec: QuestionSpec): string {
  const params = Object.entries(nonDefaultKnobs(spec.knobs)).map(([name, value]) => `${name}=${value}`);
  if (spec.rttMs !== BASE_RTT_MS) params.push(`rtt=${spec.rttMs}`);
  if (spec.side !== undefined) params.push(`side=${spec.side}`);
  if (spec.frameId !== undefined) params.push(`frame=${spec.frameId}`);
  if (spec.message !== undefined) params.push(`message=${spec.message}`);
  return params.length === 0 ? spec.measure : `${spec.measure}?${params.join('&')}`;
}

/** The spec a key names; throws a UsageError when the key is not one this version understands. */
export function parseSpecKey(key: string): QuestionSpec {
  const [measure, query = ''] = splitOnce(key, '?');
  if (!(MEASURES as readonly string[]).includes(measure)) throw new UsageError(`Unknown question '${key}': no measure '${measure}'.`);
  const spec: Partial<QuestionSpec> = {measure: measure as Measure, rttMs: BASE_RTT_MS};
  const overrides: Record<string, string> = {};
  for (const param of query === '' ? [] : query.split('&')) {
    const [name, value = ''] = splitOnce(param, '=');
    if (name === 'rtt') spec.rttMs = Number(value);
    else if (name === 'side' && (value === 'client' || value === 'server')) spec.side = value;
    else if (name === 'frame') spec.frameId = value;
    else if (name === 'message') spec.message = value;
    else if ((KNOB_NAMES as readonly string[]).includes(name)) overrides[name as KnobName] = value;
    else throw new UsageError(`Unknown question '${key}': '${param}' is not a knob or parameter.`);
  }
  if (!isRttMs(spec.rttMs)) throw new UsageError(`Unknown question '${key}': bad rtt.`);
  spec.knobs = resolveKnobs({}, overrides);
  return spec as QuestionSpec;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

export function lessonQuestionKey(lesson: string, id: string): string {
  return `lesson:${lesson}:${id}`;
}

/** The lesson and question id of a lesson question's key, or undefined for an engine key. */
export function parseLessonKey(key: string): {lesson: string; id: string} | undefined {
  const match = /^lesson:([^:]+):(.+)$/.exec(key);
  return match ? {lesson: match[1]!, id: match[2]!} : undefined;
}

/** FNV-1a: a small stable hash of a key, to seed the order of its choices. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
