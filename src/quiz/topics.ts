// Quiz topics (`list --json` topics, `quiz --topic`), the runs each topic's questions come from,
// and the rule that files any question under exactly one topic (so a question's topic follows
// from its key, and a review deck needs nothing else).
import {resolveKnobs} from '../engine/knobs.js';
import type {Knobs} from '../engine/types.js';
import {frameMessages} from './describe.js';
import type {QuestionSpec} from './keys.js';
import {inPhase, type Phase, type Run} from './measures.js';
import type {Measure, Topic} from './types.js';

export const TOPICS: readonly Topic[] = [
  {id: 'tcp-handshake', title: 'TCP: the three-way handshake and its variants', lesson: 'tcp-handshake'},
  {id: 'tcp-close', title: 'TCP: closing, FIN and ACK, TIME-WAIT', lesson: 'tcp-close'},
  {id: 'tls12', title: 'TLS 1.2: the full handshake, RSA or ECDHE, False Start, client certificates', lesson: 'tls12'},
  {id: 'tls13', title: 'TLS 1.3: one round trip, HelloRetryRequest, what is encrypted', lesson: 'tls13'},
  {id: 'resumption', title: 'Resumption: session tickets, PSK and 0-RTT early data', lesson: 'tls13-resumption'},
  {id: 'tfo', title: 'TCP Fast Open: cookies, data in the SYN, fallbacks', lesson: 'tfo'},
  {id: 'quic', title: 'QUIC: handshake, 0-RTT, Retry', lesson: 'quic'},
  {id: 'page-load', title: 'A whole page: DNS, the handshakes, the base page and its objects, persistent or not, pipelined or in parallel', lesson: 'page-load'},
];

export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

export function findTopic(id: string): Topic | undefined {
  return TOPICS.find((t) => t.id === id);
}

const CLOSE_MEASURES: readonly Measure[] = ['closeSegments', 'closeOrder', 'timeWaitSide', 'timeWaitMs'];
const TLS_MEASURES: readonly Measure[] = ['messageOrder', 'encryptedMessage', 'clearMessage', 'tlsStateAfter', 'tlsAddedRtt'];
const TIME_MEASURES: readonly Measure[] = ['requestSentRtt', 'responseReceivedRtt', 'requestSentMs', 'responseReceivedMs', 'handshakeDoneRtt'];

/** The one topic a question belongs to, from what it asks and its knobs. */
export function topicFor(spec: QuestionSpec, run: Run): string {
  const k = spec.knobs;
  const frame = spec.frameId === undefined ? undefined : run.trace.frames.find((f) => f.id === spec.frameId);
  // A next-frame question is about the frame after the one it names.
  const asked = frame !== undefined && spec.measure === 'nextFrame' ? run.trace.frames[frame.index + 1] : frame;
  // A page with objects, or a name to look up first: the whole-page topic.
  if (spec.measure === 'pageLoadRtt' || spec.measure === 'pageLoadMs' || k.objects > 0 || k.dnsLookups > 0) return 'page-load';
  if (CLOSE_MEASURES.includes(spec.measure)) return 'tcp-close';
  if (asked !== undefined && inPhase(run.trace, asked.index, 'close')) return 'tcp-close';
  if (k.transport === 'quic') return 'quic';
  const tls = k.resume === 'on' ? 'resumption' : k.tls === '1.3' ? 'tls13' : 'tls12';
  if (TLS_MEASURES.includes(spec.measure)) return tls;
  if (k.tfo !== 'off') return 'tfo';
  if (k.tls !== 'none' && TIME_MEASURES.includes(spec.measure)) return tls;
  if (k.tls !== 'none' && spec.measure === 'nextFrame' && asked !== undefined && frameMessages(asked).length > 0) return tls;
  return 'tcp-handshake';
}

/** A run the worksheets draw from: knobs, what to ask about it, and which frames. */
export interface CuratedRun {
  knobs: Knobs;
  measures: readonly Measure[];
  phase: Phase;
}

const TIMES: Measure[] = ['requestSentRtt', 'responseReceivedRtt', 'requestSentMs', 'responseReceivedMs', 'handshakeDoneRtt'];
const TLS: Measure[] = [...TIMES, 'tlsAddedRtt', 'messageOrder', 'encryptedMessage', 'clearMessage', 'tlsStateAfter', 'nextFrame'];
const CLOSE: Measure[] = ['closeSegments', 'closeOrder', 'timeWaitSide', 'timeWaitMs', 'tcpStateAfter', 'nextFrame'];

function curated(measures: Measure[], phase: Phase, ...sets: Partial<Knobs>[]): CuratedRun[] {
  return sets.map((set) => ({knobs: resolveKnobs(set, {}), measures, phase}));
}

/**
 * The knob sets worksheets use: the source article's flows and the variants that teach
 * something. Any other valid knob set works too (questionsForKnobs); these keep a worksheet on
 * what the topics promise.
 */
export function curatedRuns(): readonly CuratedRun[] {
  // Built on first use, not at import: every command start imports this module.
  cached ??= [
  ...curated([...TIMES, 'tcpStateAfter', 'nextFrame'], 'open', {}, {piggyback: 'on'}, {open: 'simultaneous'}, {open: 'syn-cookies'}),
  // A whole page: DNS chains, objects one after another or pipelined, with and without TLS.
  ...curated(
    ['pageLoadRtt', 'requestSentRtt', 'responseReceivedRtt', 'requestSentMs', 'nextFrame'],
    'open',
    ...[1, 3, 5, 8].flatMap((objects) =>
      [0, 1, 2].flatMap((dnsLookups) => (['off', 'on'] as const).map((pipelining) => ({objects, dnsLookups, pipelining}))),
    ),
    {objects: 2, dnsLookups: 1, tls: '1.3'},
    {objects: 4, dnsLookups: 2, tls: '1.3', pipelining: 'on'},
    {objects: 4, dnsLookups: 2, tls: '1.2', pipelining: 'on'},
  ),
  // The textbook's other strategies: non-persistent HTTP, one connection after another or n in
  // parallel, and the browser's way, several persistent connections.
  ...curated(
    ['pageLoadRtt', 'nextFrame'],
    'open',
    ...[2, 5, 8].flatMap((objects) =>
      [0, 1, 2].flatMap((dnsLookups) =>
        [1, 3, 5].map((parallel) => ({objects, dnsLookups, persistent: 'off' as const, parallel, close: 'four-way' as const, closer: 'server' as const})),
      ),
    ),
    {objects: 4, dnsLookups: 1, persistent: 'off', close: 'four-way', tls: '1.3'},
    {objects: 6, dnsLookups: 1, parallel: 3, close: 'four-way'},
    {objects: 6, parallel: 2, close: 'four-way', tls: '1.3'},
  ),
  // Transmission times: bigger objects on slower links, the textbook's L/R, in ms.
  ...curated(
    ['pageLoadMs', 'nextFrame'],
    'open',
    {objects: 3, dnsLookups: 2, objectBytes: 10000, bandwidth: '1Mbit'},
    {objects: 8, dnsLookups: 1, objectBytes: 12500, bandwidth: '10Mbit'},
    {objects: 2, objectBytes: 5000, bandwidth: '100kbit', pipelining: 'on'},
  ),
  ...curated(['requestSentMs', 'responseReceivedMs', 'tcpStateAfter', 'nextFrame'], 'open', {open: 'syn-lost'}),
  ...curated(['tcpStateAfter', 'nextFrame'], 'open', {open: 'refused', data: 'none'}),
  // A half-open connection: the server's host crashed; the client's keepalive probe draws a reset.
  ...curated(['tcpStateAfter', 'nextFrame'], 'open', {crash: 'server'}),
  // Loss in the handshake: who sends again, after how long, in which state each side waits.
  ...curated(['requestSentMs', 'responseReceivedMs', 'tcpStateAfter', 'nextFrame'], 'open', {lose: 'syn-ack'}, {lose: 'handshake-ack'}, {lose: 'handshake-ack', data: 'none'}),
  ...curated(
    CLOSE,
    'close',
    {close: 'four-way'},
    {close: 'four-way', closer: 'server'},
    {close: 'three-way'},
    {close: 'three-way', closer: 'server'},
    {close: 'simultaneous'},
    {close: 'abort'},
    {close: 'four-way', timeWait: 'rfc'},
    {close: 'three-way', closeDelayMs: 200},
    {piggyback: 'on', close: 'three-way'},
    // Loss in the close: the FIN, its ACK, the last ACK (TIME-WAIT answers the FIN again).
    {close: 'four-way', lose: 'fin'},
    {close: 'four-way', lose: 'fin-ack'},
    {close: 'four-way', lose: 'last-ack'},
    {close: 'three-way', lose: 'fin-ack'},
  ),
  ...curated(TLS, 'handshake', {tls: '1.2'}, {tls: '1.2', falseStart: 'on'}, {tls: '1.2', clientAuth: 'on'}, {tls: '1.2', keyExchange: 'rsa'}),
  ...curated(TLS, 'handshake', {tls: '1.3'}, {tls: '1.3', hrr: 'on'}, {tls: '1.3', clientAuth: 'on'}, {tls: '1.3', compat: 'off'}),
  ...curated(
    TLS,
    'handshake',
    {tls: '1.2', resume: 'on'},
    {tls: '1.2', resume: 'on', resumeWith: 'session-id'},
    {tls: '1.3', resume: 'on'},
    {tls: '1.3', resume: 'on', earlyData: 'accepted'},
    {tls: '1.3', resume: 'on', earlyData: 'rejected'},
  ),
  ...curated(
    [...TIMES, 'tcpStateAfter', 'nextFrame'],
    'open',
    {tfo: 'request'},
    {tfo: 'cookie'},
    {tfo: 'cookie-rejected'},
    {tfo: 'syn-dropped'},
    {tfo: 'cookie', tls: '1.3'},
    {tfo: 'request', tls: '1.3'},
    {tfo: 'cookie', tls: '1.2'},
    {tfo: 'cookie', tls: '1.3', resume: 'on', earlyData: 'accepted'},
  ),
  ...curated(
    [...TIMES, 'quicStateAfter', 'messageOrder', 'nextFrame'],
    'all',
    {transport: 'quic'},
    {transport: 'quic', resume: 'on'},
    {transport: 'quic', resume: 'on', earlyData: 'accepted'},
    {transport: 'quic', resume: 'on', earlyData: 'rejected'},
    {transport: 'quic', retry: 'on'},
    {transport: 'quic', hrr: 'on'},
  ),
];
  return cached;
}

let cached: CuratedRun[] | undefined;


/** Round-trip times the millisecond questions use. */
export const QUIZ_RTTS_MS: readonly number[] = [20, 30, 40, 50, 60, 80, 120, 150, 200, 250];
