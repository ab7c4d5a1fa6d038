// The question generators: for one engine run (any valid knobs), what each measure can ask,
// the answer the trace gives, and wrong answers built from the classic mistakes
// (protocol-facts.md §7), each computed by running the engine again with the mistake's knobs
// where the mistake is one about knobs. No figure here is typed in: every answer comes from a
// trace.
import {UsageError} from '../engine/errors.js';
import {run, runKey} from '../engine/runs.js';
import {QUIC_STATES, stateName, TLS12_STATES, TLS13_STATES} from '../engine/states.js';
import {hasSeveralConnections} from '../engine/connections.js';
import {BROWSER_CONNECTIONS_PER_SERVER} from '../engine/page.js';
import type {Frame, Knobs, Side, TcpFlag, Trace, TraceEvent} from '../engine/types.js';
import {contrastsFor} from '../engine/contrasts.js';
import {controlFlags, describeSetup, frameMessages, frameRef, frameWhat, linkRate, msText, other, rttText, secondsText} from './describe.js';
import type {QuestionSpec} from './keys.js';
import type {AnswerValue, FrameValue, Measure} from './types.js';

export interface Run {
  knobs: Knobs;
  rttMs: number;
  trace: Trace;
}

// While a whole quiz is made (withRuns), every run it asks for is kept until it is done: a quiz
// visits dozens of knob sets twice (to pick questions, then to build them), more than the engine's
// small shared cache holds, which the player needs to stay small.
let held: Map<string, Run> | null = null;

/** Runs `make` with every run it asks for kept until it returns. */
export function withRuns<T>(make: () => T): T {
  if (held) return make();
  held = new Map();
  try {
    return make();
  } finally {
    held = null;
  }
}

/** Questions use the default seed, as `show` does; the engine's shared runs cache the traces. */
export function runOf(knobs: Knobs, rttMs: number): Run {
  if (!held) return {knobs, rttMs, trace: run({knobs, rttMs})};
  const key = runKey({knobs, rttMs});
  let found = held.get(key);
  if (!found) held.set(key, (found = {knobs, rttMs, trace: run({knobs, rttMs})}));
  return found;
}

/** The same run with some knobs changed, or undefined when that combination is invalid. */
function variant(run: Run, changes: Partial<Knobs>): Run | undefined {
  const knobs = {...run.knobs, ...changes};
  if (JSON.stringify(knobs) === JSON.stringify(run.knobs)) return undefined;
  try {
    return runOf(knobs, run.rttMs);
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    throw error;
  }
}

/** A possible answer: what it means, how it reads, and the classic mistake it stands for. */
export interface Candidate {
  value: AnswerValue;
  text: string;
  mistake: string | null;
  /** The misconception (src/quiz/misconceptions.ts) the mistake is an instance of, when one is. */
  misconception?: string;
}

/** A question before its choices are picked and shuffled. */
export interface Built {
  prompt: string;
  answer: Candidate;
  /** Wrong answers, most telling first; the first three distinct ones become choices. */
  wrong: Candidate[];
  explanation: string;
  /** The frame that shows the answer, for the link. */
  frameId: string | null;
}

/** Which frames frame-level questions may be about. */
export type Phase = 'all' | 'open' | 'close' | 'handshake';

export interface MeasureDef {
  enumerate(run: Run, phase: Phase): Omit<QuestionSpec, 'measure' | 'knobs' | 'rttMs'>[];
  build(run: Run, spec: QuestionSpec): Built | undefined;
}

// ---------------------------------------------------------------------------------------------
// Shared facts about a trace.

const setupLine = (run: Run) => `Connection: ${describeSetup(run.knobs)}.`;

/** Index of the first FIN or RST of the close, or -1 without a close. */
export function closeStart(trace: Trace): number {
  if (trace.knobs.close === 'none') return -1;
  return trace.frames.findIndex((f) => f.tcp !== null && (f.tcp.flags.includes('FIN') || f.tcp.flags.includes('RST')));
}

export function inPhase(trace: Trace, index: number, phase: Phase): boolean {
  const start = closeStart(trace);
  const frame = trace.frames[index];
  if (frame === undefined) return false;
  switch (phase) {
    case 'all':
      return true;
    case 'open':
      return start < 0 || index < start;
    case 'close':
      return start >= 0 && index >= start;
    case 'handshake':
      return frameMessages(frame).length > 0 && (start < 0 || index < start);
  }
}

function frameById(trace: Trace, id: string | undefined): Frame | undefined {
  return id === undefined ? undefined : trace.frames.find((f) => f.id === id);
}

const atRtt = (run: Run, ms: number) => rttText(ms / run.rttMs);

function firstDelivered(trace: Trace, app: 'request' | 'response'): Frame | undefined {
  return trace.frames.find((f) => f.app === app && f.delivered);
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// When the request leaves and the response arrives (CLI.md summary fields), and what TLS adds.

type Figure = 'request' | 'response';
type Unit = 'rtt' | 'ms';

function figureOf(run: Run | undefined, figure: Figure, unit: Unit): number | undefined {
  if (run === undefined) return undefined;
  const ms = figure === 'request' ? run.trace.summary.requestSentMs : run.trace.summary.responseReceivedMs;
  if (ms === null) return undefined;
  return unit === 'ms' ? ms : ms / run.rttMs;
}

/** The same connection without TLS (and without the knobs that need it). */
function withoutTls(run: Run): Run | undefined {
  return variant(run, {tls: 'none', resume: 'off', earlyData: 'off', falseStart: 'off', hrr: 'off', clientAuth: 'off', compat: 'on'});
}

/** Wrong values for a time, most telling first, each computed from the engine where it can be. */
function timeMistakes(run: Run, figure: Figure, unit: Unit): Candidate[] {
  const k = run.knobs;
  const value = figureOf(run, figure, unit)!;
  const step = unit === 'rtt' ? 1 : run.rttMs;
  const text = (v: number) => (unit === 'rtt' ? rttText(v) : msText(v));
  const out: {value: number | undefined; mistake: string | null; misconception?: string}[] = [];
  const from = (changes: Partial<Knobs>, mistake: string, misconception?: string) =>
    out.push({value: figureOf(variant(run, changes), figure, unit), mistake, ...(misconception === undefined ? {} : {misconception})});

  if (k.tls === '1.3' && k.resume === 'on' && k.earlyData === 'off' && k.hrr === 'off') {
    from({earlyData: 'accepted'}, 'treats PSK resumption alone as 0-RTT; without early data, resuming saves no round trip', 'psk-is-0rtt');
  }
  if (k.earlyData === 'accepted' && k.transport === 'tcp' && k.tfo !== 'cookie') {
    out.push({value: figure === 'request' ? 0 : step, mistake: '0-RTT removes the TLS round trip, not the TCP handshake before it', misconception: '0rtt-skips-tcp'});
  }
  if (k.earlyData === 'rejected') from({earlyData: 'accepted'}, 'counts the early data, but the server rejects it and the client sends the request again after the handshake');
  if (k.hrr === 'on') from({hrr: 'off'}, 'forgets the round trip the HelloRetryRequest costs');
  if (k.retry === 'on') from({retry: 'off'}, 'forgets the round trip the Retry costs');
  if (k.open === 'syn-lost') from({open: 'normal'}, 'forgets the 1 s retransmission timeout before the lost SYN is sent again');
  if (k.tfo === 'syn-dropped') from({tfo: 'cookie'}, 'assumes the SYN with data gets through; a middlebox drops it and the client falls back after its timeout');
  if (k.tfo === 'cookie-rejected') from({tfo: 'cookie'}, 'assumes the cookie is accepted; the server rejects it, so the data waits for the handshake');
  if (k.tfo === 'request') from({tfo: 'cookie'}, 'a cookie request saves nothing: the first connection only obtains the cookie', 'tfo-first-connection');
  if (k.tfo === 'cookie') from({tfo: 'off'}, 'forgets that with a valid Fast Open cookie the first flight rides in the SYN');
  if (k.falseStart === 'on') from({falseStart: 'off'}, 'forgets False Start: the request leaves with the client Finished');
  if (k.transport === 'tcp' && k.tls !== 'none') {
    const tcpPart = figureOf(withoutTls(run), 'request', unit);
    if (tcpPart !== undefined && tcpPart > 0) out.push({value: value - tcpPart, mistake: 'counts only the TLS round trips and forgets the TCP handshake before them', misconception: 'forgets-tcp-under-tls'});
  }
  if (k.dnsLookups > 0) out.push({value: value - k.dnsLookups * step, mistake: 'counts from the first packet, leaving out the DNS round trips before it'});
  if (k.transport === 'tcp' && k.tfo === 'off') {
    out.push({
      value: value + step / 2,
      mistake:
        figure === 'request'
          ? 'gives the moment the request reaches the server, half a round trip later (the "handshake takes 1.5 RTT" mix-up)'
          : 'counts the TCP handshake as 1.5 RTT, but the client may send right after 1 RTT',
      misconception: 'handshake-is-request-time',
    });
  }
  if (k.transport === 'quic' && k.earlyData !== 'accepted') {
    out.push({value: value + step, mistake: 'counts a transport handshake before the TLS one, as over TCP; QUIC does both in the same round trip', misconception: 'quic-two-handshakes'});
  }
  if (k.transport === 'tcp' && k.tls === '1.2' && k.resume === 'off' && k.falseStart === 'off') {
    from({tls: '1.3'}, "gives TLS 1.3's count; a full TLS 1.2 handshake takes two round trips");
  }
  if (k.transport === 'tcp' && k.tls === '1.3' && k.resume === 'off' && k.hrr === 'off') {
    from({tls: '1.2', compat: 'on'}, "gives TLS 1.2's count; TLS 1.3 needs one round trip");
  }
  out.push(
    figure === 'request'
      ? {value: figureOf(run, 'response', unit), mistake: 'gives when the response arrives, not when the request leaves'}
      : {value: figureOf(run, 'request', unit), mistake: 'gives when the request leaves, not when the response arrives'},
  );
  for (const delta of [1, -0.5, 1.5, -1, 2, 0.5, 3]) out.push({value: value + delta * step, mistake: null});
  return out
    .filter((c): c is {value: number; mistake: string | null; misconception?: string} => c.value !== undefined && c.value >= 0 && c.value !== value)
    .map((c) => ({value: c.value, text: text(c.value), mistake: c.mistake, ...(c.misconception === undefined ? {} : {misconception: c.misconception})}));
}

/** Client frames up to the request, as "SYN at 0 RTT, ClientHello at 1 RTT, …". */
function clientTimeline(run: Run, until: Frame): string {
  const steps = run.trace.frames
    .filter((f) => f.from === 'client' && f.index <= until.index && frameWhat(f) !== undefined && frameWhat(f) !== 'ACK')
    .map((f) => `${frameWhat(f)} at ${atRtt(run, f.sendMs)}`);
  return unique(steps, (s) => s).join(', ');
}

/**
 * The other reading courses use: "the handshake takes 1.5 RTT" counts until the server is
 * ESTABLISHED, which the client does not wait for. Said whenever a TCP handshake is in the run,
 * so the answer reads right under either convention.
 */
function otherCounting(run: Run, show: (ms: number) => string): string {
  const established = run.trace.events.find((e) => e.side === 'server' && e.layer === 'tcp' && e.to === 'ESTABLISHED');
  if (run.knobs.transport !== 'tcp' || !established) return '';
  return ` Counted the other way, "the handshake takes ${show(established.atMs)}": that is when the server is ESTABLISHED, which the client does not wait for.`;
}

function timeMeasure(figure: Figure, unit: Unit): MeasureDef {
  return {
    enumerate: (run) => (figureOf(run, figure, unit) === undefined ? [] : [{}]),
    build(run) {
      const value = figureOf(run, figure, unit);
      const request = firstDelivered(run.trace, 'request');
      const response = firstDelivered(run.trace, 'response');
      if (value === undefined || request === undefined || response === undefined) return undefined;
      const what =
        figure === 'request'
          ? 'when does the client send the first byte of its request that the server accepts'
          : 'when does the first byte of the response reach the client';
      // With DNS lookups the first packet leaves only after them: times count from the click, as the run does.
      const origin = run.knobs.dnsLookups > 0 ? 'Counting from the click (t = 0), DNS lookups included' : "Counting from the client's first packet (t = 0)";
      const prompt =
        unit === 'rtt'
          ? `${setupLine(run)} ${origin}, with every packet taking half a round trip one way: ${what}? Answer in round trips (RTT).`
          : `${setupLine(run)} The round-trip time is ${run.rttMs} ms. ${origin}: ${what}? Answer in milliseconds.`;
      const show = (ms: number) => (unit === 'rtt' ? atRtt(run, ms) : `${msText(ms)} (${atRtt(run, ms)})`);
      const explanation =
        `The client sends its request at ${show(request.sendMs)} (frame ${request.index + 1}, ${request.id}) and the response reaches it at ` +
        `${show(response.arriveMs!)} (frame ${response.index + 1}), one round trip later. Before the request the client sends: ${clientTimeline(run, request)}.` +
        otherCounting(run, show);
      return {
        prompt,
        answer: {value, text: unit === 'rtt' ? rttText(value) : msText(value), mistake: null},
        wrong: timeMistakes(run, figure, unit),
        explanation,
        frameId: (figure === 'request' ? request : response).id,
      };
    },
  };
}

/**
 * When each side's handshake is done: its last layer's last step to ESTABLISHED or CONNECTED
 * (TCP, then TLS on top). Only for handshakes that carry no data early (no TFO data, no 0-RTT,
 * no False Start): there "the handshake takes" has no one answer.
 */
function handshakeDone(run: Run, side: Side): TraceEvent | undefined {
  const layer = run.knobs.transport === 'quic' ? 'quic' : run.knobs.tls === 'none' ? 'tcp' : 'tls';
  const done = layer === 'tcp' ? 'ESTABLISHED' : layer === 'tls' ? 'CONNECTED' : side === 'client' ? 'CONNECTED' : 'CONFIRMED';
  return run.trace.events.find((e) => e.side === side && e.layer === layer && e.to === done);
}

const handshakeDoneRtt: MeasureDef = {
  enumerate(run) {
    const k = run.knobs;
    const plain = k.transport === 'tcp' && k.open === 'normal' && k.tfo === 'off' && k.earlyData === 'off' && k.falseStart === 'off' && k.lose === 'none';
    return plain && handshakeDone(run, 'client') && handshakeDone(run, 'server') ? [{side: 'client'}, {side: 'server'}] : [];
  },
  build(run, spec) {
    const side = spec.side;
    if (side === undefined) return undefined;
    const client = handshakeDone(run, 'client');
    const server = handshakeDone(run, 'server');
    if (!client || !server) return undefined;
    const [mine, theirs] = side === 'client' ? [client, server] : [server, client];
    const value = mine.atMs / run.rttMs;
    const other = theirs.atMs / run.rttMs;
    const what = run.knobs.tls === 'none' ? 'TCP handshake' : `TCP + TLS ${run.knobs.tls} handshake`;
    const moment =
      side === 'client'
        ? "until the client's side is done and it may send its request"
        : "until the server's side is done too";
    const wrong = [other, value + 0.5, value - 0.5, value + 1, value - 1]
      .filter((v) => v >= 0 && v !== value)
      .map((v) => ({value: v, text: rttText(v), mistake: v === other ? `counts to the ${side === 'client' ? 'server' : 'client'}'s side, the other convention; this question counts ${moment}` : null}));
    return {
      prompt: `${setupLine(run)} How long does the ${what} take, counted from the client's first packet ${moment}? Answer in round trips (RTT).`,
      answer: {value, text: rttText(value), mistake: null},
      wrong,
      explanation:
        `The client's side is done at ${atRtt(run, client.atMs)} (${client.to}: ${client.cause}); the server's at ${atRtt(run, server.atMs)} (${server.to}: ${server.cause}). ` +
        'Courses that count to the client, which can send then, say the first; those that count until both sides are done say the second. Both are right about different moments (RFC 9293 §3.5).',
      frameId: run.trace.frames.findLast((f) => f.sendMs <= mine.atMs)?.id ?? null,
    };
  },
};

const tlsAdded: MeasureDef = {
  enumerate: (run) => (run.knobs.transport === 'tcp' && run.knobs.tls !== 'none' && run.trace.summary.requestSentMs !== null ? [{}] : []),
  build(run) {
    const plain = figureOf(withoutTls(run), 'request', 'rtt');
    const full = figureOf(run, 'request', 'rtt');
    const request = firstDelivered(run.trace, 'request');
    if (plain === undefined || full === undefined || request === undefined) return undefined;
    const value = full - plain;
    const k = run.knobs;
    const wrong: {value: number | undefined; mistake: string | null; misconception?: string}[] = [
      {value: full, mistake: 'gives the total from the SYN, the TCP handshake included, not what TLS adds'},
    ];
    const addedBy = (changes: Partial<Knobs>, mistake: string, misconception?: string) => {
      const changed = variant(run, changes);
      const base = changed && figureOf(withoutTls(changed), 'request', 'rtt');
      const total = figureOf(changed, 'request', 'rtt');
      wrong.push({value: base !== undefined && total !== undefined ? total - base : undefined, mistake, ...(misconception === undefined ? {} : {misconception})});
    };
    if (k.tls === '1.3' && k.resume === 'on' && k.earlyData === 'off' && k.hrr === 'off') {
      addedBy({earlyData: 'accepted'}, 'treats PSK resumption alone as 0-RTT; without early data, resuming saves no round trip', 'psk-is-0rtt');
    }
    if (k.earlyData === 'accepted') wrong.push({value: 1, mistake: 'counts the handshake round trip, but 0-RTT data does not wait for it'});
    if (k.tls === '1.2' && k.resume === 'off' && k.falseStart === 'off') addedBy({tls: '1.3'}, "gives TLS 1.3's count; a full TLS 1.2 handshake adds two round trips");
    if (k.tls === '1.3' && k.resume === 'off' && k.hrr === 'off') addedBy({tls: '1.2', compat: 'on'}, "gives TLS 1.2's count; TLS 1.3 adds one round trip");
    if (k.hrr === 'on') addedBy({hrr: 'off'}, 'forgets the round trip the HelloRetryRequest costs');
    for (const delta of [1, -1, 0.5, 2]) wrong.push({value: value + delta, mistake: null});
    return {
      prompt: `${setupLine(run)} Compared with the same connection without TLS, how many round trips later does the client send its first request byte? (How many round trips TLS adds before the request.)`,
      answer: {value, text: rttText(value), mistake: null},
      wrong: wrong
        .filter((c): c is {value: number; mistake: string | null; misconception?: string} => c.value !== undefined && c.value >= 0 && c.value !== value)
        .map((c) => ({value: c.value, text: rttText(c.value), mistake: c.mistake, ...(c.misconception === undefined ? {} : {misconception: c.misconception})})),
      explanation:
        `Without TLS the request would leave at ${rttText(plain)}; with TLS it leaves at ${rttText(full)} (frame ${request.index + 1}), so TLS adds ${rttText(value)}. ` +
        `Before the request the client sends: ${clientTimeline(run, request)}.`,
      frameId: request.id,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// The state of an endpoint after a frame.

type Layer = 'tcp' | 'tls' | 'quic';

const INITIAL: Record<Layer, Record<Side, string>> = {
  tcp: {client: 'CLOSED', server: 'LISTEN'},
  tls: {client: 'START', server: 'START'},
  quic: {client: 'IDLE', server: 'IDLE'},
};

function stateOf(frame: Frame, side: Side, layer: Layer): string | null {
  return frame.after[side][layer] ?? null;
}

/** The side's state in `layer` before frame `index` (as shown beside the frames before it). */
function stateBefore(trace: Trace, index: number, side: Side, layer: Layer): string {
  for (let i = index - 1; i >= 0; i--) {
    const state = stateOf(trace.frames[i]!, side, layer);
    if (state !== null) return state;
  }
  return INITIAL[layer][side];
}

/**
 * TCP mix-ups: [the answer, the state before ('*' for any), the wrong state, the mistake];
 * {side} in the mistake is the side asked about.
 */
const TCP_MIXUPS: [string, string, string, string][] = [
  ['TIME-WAIT', 'FIN-WAIT-1', 'FIN-WAIT-2', 'thinks the {side} passes through FIN-WAIT-2, but a FIN that also ACKs its own FIN moves FIN-WAIT-1 straight to TIME-WAIT (RFC 9293 §3.10.7.4)'],
  ['TIME-WAIT', '*', 'CLOSED', 'forgets TIME-WAIT: the side that sent the first FIN waits 2×MSL before CLOSED'],
  ['CLOSED', 'LAST-ACK', 'TIME-WAIT', 'only the side that sent the first FIN waits in TIME-WAIT; the {side} closed second, so LAST-ACK → CLOSED'],
  ['SYN-RECEIVED', '*', 'ESTABLISHED', 'the {side} reaches ESTABLISHED only when the ACK of its own SYN arrives, even if it already sends data (Fast Open)'],
  ['ESTABLISHED', 'SYN-SENT', 'SYN-RECEIVED', 'SYN-RECEIVED is for a side that receives a SYN before its own is acknowledged; a SYN-ACK moves SYN-SENT straight to ESTABLISHED'],
  ['SYN-SENT', '*', 'SYN-RECEIVED', 'the {side} has sent its SYN and heard nothing yet'],
  ['CLOSE-WAIT', '*', 'LAST-ACK', 'LAST-ACK comes only when the application closes and sends its own FIN'],
  ['CLOSE-WAIT', '*', 'FIN-WAIT-2', 'FIN-WAIT-2 belongs to the side that closed first'],
  ['FIN-WAIT-1', '*', 'FIN-WAIT-2', 'FIN-WAIT-2 comes only once the FIN is acknowledged'],
  ['FIN-WAIT-2', '*', 'TIME-WAIT', "TIME-WAIT comes only when the peer's FIN arrives"],
  ['FIN-WAIT-2', '*', 'CLOSE-WAIT', 'CLOSE-WAIT belongs to the side that receives the first FIN'],
  ['LAST-ACK', '*', 'CLOSING', 'CLOSING is for a simultaneous close, where both sides sent a FIN before receiving one'],
  ['CLOSING', '*', 'TIME-WAIT', 'the {side} in CLOSING still waits for the ACK of its own FIN'],
  ['CLOSING', '*', 'FIN-WAIT-2', 'FIN-WAIT-2 would mean its FIN was acknowledged; here the peer sent its own FIN instead'],
  ['CLOSED', 'SYN-SENT', 'LISTEN', 'a RST ends the attempt: the {side} is CLOSED'],
];

/** State names by layer and side (README "State names"), the last resort for wrong answers. */
const TLS12_NAMES: Record<Side, readonly string[]> = TLS12_STATES;
const STATE_NAMES: Record<Layer, Record<Side, readonly string[]>> = {
  tcp: {
    client: ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED'],
    server: ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT', 'CLOSED'],
  },
  tls: TLS13_STATES,
  quic: QUIC_STATES,
};

function stateMeasure(layer: Layer): MeasureDef {
  const layerName = {tcp: 'TCP', tls: 'TLS', quic: 'QUIC'}[layer];
  return {
    enumerate(run, phase) {
      if (layer === 'tcp' && run.knobs.transport !== 'tcp') return [];
      if (layer === 'quic' && run.knobs.transport !== 'quic') return [];
      if (layer === 'tls' && run.knobs.tls === 'none') return [];
      const specs: {side: Side; frameId: string}[] = [];
      const last: Record<Side, string | null> = {client: null, server: null};
      for (const frame of run.trace.frames) {
        const roles: Side[] = layer === 'tls' ? [frame.to] : [frame.from, frame.to];
        for (const side of roles) {
          const state = stateOf(frame, side, layer);
          const received = side === frame.to;
          if (state === null || state === last[side] || (received && frame.dropped)) continue;
          if (inPhase(run.trace, frame.index, phase)) specs.push({side, frameId: frame.id});
        }
        for (const side of ['client', 'server'] as const) last[side] = stateOf(frame, side, layer) ?? last[side];
      }
      return specs;
    },
    build(run, spec) {
      const frame = frameById(run.trace, spec.frameId);
      const side = spec.side;
      if (frame === undefined || side === undefined) return undefined;
      const value = stateOf(frame, side, layer);
      if (value === null) return undefined;
      const received = side === frame.to;
      const before = stateBefore(run.trace, frame.index, side, layer);
      const wrong: Candidate[] = [];
      if (layer === 'tcp') {
        for (const [answer, prev, state, mistake] of TCP_MIXUPS) {
          if (answer === value && (prev === '*' || prev === before)) wrong.push({value: state, text: state, mistake: mistake.replace('{side}', side)});
        }
      }
      // Then the states this side passes through in this trace, nearest first, and the peer's.
      const seen = run.trace.frames
        .map((f) => ({state: stateOf(f, side, layer), distance: Math.abs(f.index - frame.index)}))
        .filter((s): s is {state: string; distance: number} => s.state !== null)
        .sort((a, b) => a.distance - b.distance)
        .map((s) => s.state);
      const peer = stateOf(frame, other(side), layer);
      const names = layer === 'tls' && run.knobs.tls === '1.2' ? TLS12_NAMES : STATE_NAMES[layer];
      const pool = [before, ...seen, ...(peer === null ? [] : [peer]), ...names[side]];
      for (const state of pool) wrong.push({value: state, text: state, mistake: null});
      const at = received ? frame.arriveMs! : frame.sendMs;
      // The state changes at that instant from the state shown before this frame up to the answer
      // (several frames can arrive at the same instant).
      const changes = run.trace.events.filter((e) => e.side === side && e.layer === layer && e.atMs === at);
      const from = Math.max(0, changes.findIndex((e) => e.from === before));
      const upTo = changes.findIndex((e, i) => i >= from && e.to === value);
      const chain = upTo < 0 ? [] : changes.slice(from, upTo + 1).map((e) => `${e.from ?? '—'} → ${e.to} (${e.cause})`);
      const why = chain.length > 0 ? `it went ${chain.join(', then ')}` : `it stays in ${value}`;
      // TLS 1.2's and QUIC's steps have no names in their RFCs: the question says whose names these are.
      // START and CONNECTED are RFC 8446's names, but a TLS 1.2 handshake has none of its own.
      const tls12 = layer === 'tls' && run.knobs.tls === '1.2';
      const found = stateName(layer, value);
      const named = found && tls12 ? {...found, rfc: false, source: "the tutor's name for a TLS 1.2 step (RFC 5246 names none)"} : found;
      const whose = named && !named.rfc ? ` (in the tutor's own names for the steps, since ${layer === 'tls' ? 'RFC 5246 names no TLS 1.2 states' : 'RFC 9000 names none before the handshake is confirmed'})` : '';
      return {
        prompt: received
          ? `${setupLine(run)} Right after the ${side} receives ${frameRef(frame)}, what is the ${side}'s ${layerName} state${whose}?`
          : `${setupLine(run)} Right after the ${side} sends "${frame.label}" (frame ${frame.index + 1}), what is its ${layerName} state${whose}?`,
        answer: {value, text: value, mistake: null},
        wrong: wrong.filter((c) => c.value !== value),
        explanation: `The ${side} is in ${value} after frame ${frame.index + 1} (${frame.id}), at ${atRtt(run, at)}: ${why}.${named ? ` (${value}: ${named.source}.)` : ''}`,
        frameId: frame.id,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Who sends next, and what.

const frameText = (value: FrameValue) => `${value.from}: ${value.what}`;

/** The frame after `frames[i]`, when it is a clear answer to "what comes next". */
function nextAfter(trace: Trace, i: number): Frame | undefined {
  const cur = trace.frames[i];
  const next = trace.frames[i + 1];
  if (cur === undefined || next === undefined || next.sendMs <= cur.sendMs) return undefined;
  return frameWhat(next) === undefined ? undefined : next;
}

/** Frame mix-ups: [the flag the current frame has, the answer's what, a wrong what from the same side, the mistake]. */
const FRAME_MIXUPS: [string, string, string, string][] = [
  ['SYN', 'SYN+ACK', 'ACK', 'the reply carries its own SYN as well as the ACK of the SYN it answers'],
  ['SYN', 'SYN+ACK', 'SYN', 'the reply acknowledges the SYN it answers'],
  ['SYN', 'RST+ACK', 'SYN+ACK', 'nothing listens on that port, so the server answers with a reset'],
  ['FIN', 'FIN+ACK', 'ACK', 'here the ACK of the first FIN rides on the second FIN: the application closed at once'],
  ['FIN', 'ACK', 'FIN+ACK', 'here the ACK goes alone: the application has not closed yet'],
];

const nextFrame: MeasureDef = {
  enumerate(run, phase) {
    const specs: {frameId: string}[] = [];
    run.trace.frames.forEach((frame, i) => {
      if (nextAfter(run.trace, i) !== undefined && inPhase(run.trace, i + 1, phase)) specs.push({frameId: frame.id});
    });
    return specs;
  },
  build(run, spec) {
    const cur = frameById(run.trace, spec.frameId);
    const next = cur && nextAfter(run.trace, cur.index);
    if (cur === undefined || next === undefined) return undefined;
    const value: FrameValue = {from: next.from, what: frameWhat(next)!};
    // Frames sent at the same instant are right too (by either side: in a simultaneous close both
    // FINs leave together), so never offered as wrong.
    const alsoRight = new Set(run.trace.frames.filter((f) => f.sendMs === next.sendMs).map((f) => `${f.from}:${frameWhat(f) ?? ''}`));
    const wrong: Candidate[] = [];
    const add = (from: Side, what: string | undefined, mistake: string | null) => {
      if (what !== undefined && !alsoRight.has(`${from}:${what}`)) wrong.push({value: {from, what}, text: frameText({from, what}), mistake});
    };
    // Over several connections a bare "SYN+ACK" could be any connection's: only this trace's own frames, named with theirs, are offered.
    const several = hasSeveralConnections(run.trace);
    const curFlags = several ? [] : controlFlags(cur.tcp?.flags ?? []);
    // The FIN mix-ups are about the answer to the first FIN, by a side that has not sent its own.
    const sentFin = run.trace.frames.slice(0, next.index).some((f) => f.from === next.from && f.tcp?.flags.includes('FIN'));
    for (const [flag, answer, instead, mistake] of FRAME_MIXUPS) {
      if (curFlags.includes(flag as TcpFlag) && answer === value.what && !(flag === 'FIN' && sentFin)) add(next.from, instead, mistake);
    }
    // What another variant of this connection sends at this point (with TFO, the request in the
    // SYN; with TLS 1.2, a different flight): a real frame, only not of this run.
    for (const contrast of several ? [] : contrastsFor(run.knobs)) {
      const otherTrace = runOf(contrast.knobs, run.rttMs).trace;
      // A contrast over several connections names its frames' connections, which this run has not.
      if (hasSeveralConnections(otherTrace)) continue;
      const at = otherTrace.frames.findIndex((f) => f.id === cur.id);
      const then = at < 0 ? undefined : nextAfter(otherTrace, at);
      if (then) add(then.from, frameWhat(then), `that is what happens ${contrast.label}`);
    }
    const later = run.trace.frames.slice(next.index + 1, next.index + 4).filter((f) => f.sendMs > next.sendMs);
    for (const f of later) add(f.from, frameWhat(f), 'skips a step: that frame comes later');
    const flagsOnly = /^[A-Z+]+$/.test(value.what);
    if (flagsOnly) add(other(next.from), value.what, null);
    // Then what else the trace's frames carry, nearest first, and control segments that fit the phase.
    const nearby = [...run.trace.frames].sort((a, b) => Math.abs(a.index - next.index) - Math.abs(b.index - next.index));
    for (const f of nearby) if (f.index !== cur.index) add(f.from, frameWhat(f), null);
    if (next.tcp !== null && !several) {
      const closing = inPhase(run.trace, next.index, 'close');
      for (const what of closing ? ['FIN+ACK', 'ACK', 'RST'] : ['SYN+ACK', 'ACK', 'SYN', 'RST+ACK']) add(next.from, what, null);
    }
    const note = next.notes[0];
    return {
      prompt: `${setupLine(run)} After ${frameRef(cur)}, which frame goes on the wire next, and who sends it?`,
      answer: {value, text: frameText(value), mistake: null},
      wrong,
      explanation: `Next is the ${next.from}'s ${value.what} at ${atRtt(run, next.sendMs)} (frame ${next.index + 1}, ${next.id})${note ? `: ${note}` : '.'}`,
      frameId: next.id,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Handshake messages: their order, and which are encrypted.

/** The handshake messages `side` sends, in order, up to and including its first Finished. */
function handshakeMessages(trace: Trace, side: Side): {messages: string[]; frames: Frame[]} {
  const messages: string[] = [];
  const frames: Frame[] = [];
  for (const frame of trace.frames) {
    if (frame.from !== side) continue;
    const inFrame = [
      ...frame.tls.filter((r) => r.contentType !== 'alert' && r.innerType !== 'alert' && r.innerType !== 'application_data').flatMap((r) => r.messages),
      ...(frame.quic?.packets.flatMap((p) => p.messages) ?? []),
    ];
    if (inFrame.length > 0) frames.push(frame);
    for (const message of inFrame) {
      messages.push(message);
      if (message === 'Finished') return {messages, frames};
    }
  }
  return {messages, frames};
}

/** Why `first` comes before `second`, for the wrong order that swaps them. */
function orderMistake(first: string, second: string): string | null {
  if (second === 'Finished') return 'Finished always ends the flight: it authenticates every message before it';
  if (first === 'ServerHello' || first === 'ClientHello' || first === 'HelloRetryRequest') return `${first} comes first: the other messages depend on what it negotiates`;
  if (first === 'Certificate' && second === 'CertificateVerify') return 'CertificateVerify signs the handshake so far, the Certificate included, so it comes after it';
  if (first === 'EncryptedExtensions') return 'EncryptedExtensions is the first encrypted message, right after ServerHello';
  if (first === 'Certificate' && second === 'ServerKeyExchange') return "ServerKeyExchange is signed with the certificate's key, so the certificate comes first";
  if (second === 'ServerHelloDone') return "ServerHelloDone ends the server's flight";
  if (first === 'ClientKeyExchange' && second === 'ChangeCipherSpec') return 'the new keys exist only after ClientKeyExchange, so ChangeCipherSpec follows it';
  if (first === 'ChangeCipherSpec' && second === 'Finished') return 'ChangeCipherSpec switches to the new keys, and Finished is the first message under them';
  if (first === 'NewSessionTicket' && second === 'ChangeCipherSpec') return 'in TLS 1.2 the ticket is sent before ChangeCipherSpec, in the clear';
  return null;
}

const messageOrder: MeasureDef = {
  enumerate(run) {
    return (['client', 'server'] as const).filter((side) => handshakeMessages(run.trace, side).messages.length >= 3).map((side) => ({side}));
  },
  build(run, spec) {
    if (spec.side === undefined) return undefined;
    const {messages, frames} = handshakeMessages(run.trace, spec.side);
    if (messages.length < 3) return undefined;
    const tagged: Candidate[] = [];
    const plain: Candidate[] = [];
    for (let i = 0; i + 1 < messages.length; i++) {
      const swapped = [...messages];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      const mistake = orderMistake(messages[i]!, messages[i + 1]!);
      (mistake === null ? plain : tagged).push({value: swapped, text: swapped.join(' → '), mistake});
    }
    if (messages.includes('EncryptedExtensions')) {
      const without = messages.filter((m) => m !== 'EncryptedExtensions');
      tagged.push({value: without, text: without.join(' → '), mistake: 'leaves out EncryptedExtensions, as many diagrams do'});
    }
    const encrypted = unique(
      frames.flatMap((f) => f.tls.filter((r) => r.encrypted).flatMap((r) => r.messages)),
      (m) => m,
    );
    return {
      // ChangeCipherSpec is its own content type, not a handshake message (RFC 5246 §7.1, RFC 8446
      // §5): the prompt names it where it is in the order.
      prompt: `${setupLine(run)} In what order does the ${spec.side} send its handshake messages${messages.includes('ChangeCipherSpec') ? ' (and its ChangeCipherSpec)' : ''}, up to and including its Finished?`,
      answer: {value: messages, text: messages.join(' → '), mistake: null},
      wrong: [...tagged, ...plain],
      explanation:
        `The ${spec.side} sends ${messages.join(', ')} in ${frames.length === 1 ? 'frame' : 'frames'} ${frames.map((f) => f.index + 1).join(', ')}.` +
        (encrypted.length > 0 ? ` Of these, ${encrypted.join(', ')} ${encrypted.length === 1 ? 'travels' : 'travel'} encrypted.` : ''),
      frameId: frames[0]?.id ?? null,
    };
  },
};

/** Handshake messages of a TLS-over-TCP trace by whether they travel encrypted (those seen both ways left out). */
function messagesByProtection(trace: Trace): {encrypted: string[]; clear: string[]; frame: Map<string, Frame>} {
  const seen = new Map<string, Set<boolean>>();
  const frame = new Map<string, Frame>();
  for (const f of trace.frames) {
    for (const record of f.tls) {
      // Only handshake messages: an alert is not one, and neither is ChangeCipherSpec, its own
      // content type (RFC 5246 §7.1; RFC 8446 §5 keeps it only for middlebox compatibility).
      if (record.contentType === 'alert' || record.innerType === 'alert' || record.contentType === 'change_cipher_spec') continue;
      for (const message of record.messages) {
        if (!seen.has(message)) seen.set(message, new Set());
        seen.get(message)!.add(record.encrypted);
        if (!frame.has(message)) frame.set(message, f);
      }
    }
  }
  const only = (flag: boolean) => [...seen].filter(([, flags]) => flags.size === 1 && flags.has(flag)).map(([m]) => m);
  return {encrypted: only(true), clear: only(false), frame};
}

function protectionNote(message: string, tls: Knobs['tls'], encrypted: boolean): string | null {
  if (message === 'Certificate') {
    return tls === '1.3' ? 'TLS 1.3 encrypts the certificate, like everything after ServerHello' : 'TLS 1.2 sends the certificate in the clear';
  }
  if (message === 'ChangeCipherSpec') return 'ChangeCipherSpec is never encrypted: it announces (or, in TLS 1.3, only pretends) the switch to new keys';
  if (message === 'ServerHello') return 'ServerHello carries the key share the keys are made from, so it cannot be encrypted';
  if (message === 'ClientHello') return 'the ClientHello goes first, before any keys exist';
  if (message === 'Finished') return 'Finished is always the first message under the new keys';
  if (message === 'NewSessionTicket' && tls === '1.2') return 'TLS 1.2 sends the ticket before ChangeCipherSpec, in the clear';
  if (encrypted && tls === '1.3') return 'TLS 1.3 encrypts every handshake message after ServerHello';
  return null;
}

function protectionMeasure(wantEncrypted: boolean): MeasureDef {
  return {
    enumerate(run) {
      if (run.knobs.transport !== 'tcp' || run.knobs.tls === 'none') return [];
      const {encrypted, clear} = messagesByProtection(run.trace);
      const [answers, others] = wantEncrypted ? [encrypted, clear] : [clear, encrypted];
      return others.length >= 2 ? answers.map((message) => ({message})) : [];
    },
    build(run, spec) {
      const {encrypted, clear, frame} = messagesByProtection(run.trace);
      const [answers, others] = wantEncrypted ? [encrypted, clear] : [clear, encrypted];
      const message = spec.message;
      if (message === undefined || !answers.includes(message) || others.length < 2) return undefined;
      const tls = run.knobs.tls;
      const wrong = others
        .map((m) => ({value: m, text: m, mistake: protectionNote(m, tls, !wantEncrypted)}))
        .sort((a, b) => Number(b.mistake !== null) - Number(a.mistake !== null));
      const early = run.knobs.earlyData !== 'off';
      const rule =
        tls === '1.3'
          ? early
            ? // 0-RTT: early data and EndOfEarlyData are under the client_early_traffic_secret, made
              // from the PSK alone (RFC 8446 §7.1), not from the key shares.
              "TLS 1.3 encrypts every handshake message after ServerHello with keys made from the key shares and the PSK; the early data and EndOfEarlyData go under the client's early traffic key, made from the PSK alone (RFC 8446 §2.3, §7.1)"
            : 'TLS 1.3 encrypts everything after ServerHello with keys made from the key shares (RFC 8446 §2)'
          : 'TLS 1.2 encrypts only after ChangeCipherSpec, so Finished is the first protected message (RFC 5246 §7.1)';
      const carrier = frame.get(message)!;
      return {
        prompt: `${setupLine(run)} Which of these handshake messages travels ${wantEncrypted ? 'encrypted' : 'in the clear (not encrypted)'}?`,
        answer: {value: message, text: message, mistake: null},
        wrong,
        explanation: `${rule}. In this handshake, encrypted: ${encrypted.join(', ')}; in the clear: ${clear.join(', ')}. ${message} travels in frame ${carrier.index + 1}.`,
        frameId: carrier.id,
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The close: how many segments, who waits in TIME-WAIT, and how long.

const closeFrames = (trace: Trace): Frame[] => {
  const start = closeStart(trace);
  return start < 0 ? [] : trace.frames.slice(start);
};

const closeSegments: MeasureDef = {
  enumerate: (run) => (closeFrames(run.trace).length > 0 ? [{}] : []),
  build(run) {
    const frames = closeFrames(run.trace);
    if (frames.length === 0) return undefined;
    const value = frames.length;
    const notes: Record<number, string> = {
      4: value === 3 ? 'counts a separate ACK, but here the second FIN carries the ACK of the first' : value === 1 ? 'an abort sends one RST, with no FIN exchange' : 'the textbook four-way close',
      3: value === 4 ? 'assumes the ACK rides on the second FIN; here it is sent alone' : 'assumes the ACK of the first FIN rides on the second',
      2: value === 1 ? 'a RST is never acknowledged' : 'counts only the FINs; each FIN is acknowledged',
    };
    const wrong = [4, 3, 2, 1, 5, 6]
      .filter((n) => n !== value)
      .map((n) => ({value: n, text: `${n} segment${n === 1 ? '' : 's'}`, mistake: notes[n] ?? null}));
    const list = frames.map((f) => `${f.from} ${frameWhat(f) ?? f.label} (${f.id})`).join(', ');
    return {
      prompt: `${setupLine(run)} How many TCP segments does the close take, from the first FIN (or RST) to the last segment?`,
      answer: {value, text: `${value} segment${value === 1 ? '' : 's'}`, mistake: null},
      wrong,
      explanation: `The close is ${value} segment${value === 1 ? '' : 's'}: ${list}.`,
      frameId: frames[0]!.id,
    };
  },
};

/**
 * "Explain it back": put the close's segments in the order they are sent, from engine-derived
 * steps. Segments sent at the same instant are one step (their order among themselves is not a
 * question); wrong orders swap two neighbouring steps, or leave out a retransmission or an ACK.
 */
const closeOrder: MeasureDef = {
  enumerate: (run) => (closeSteps(run.trace).length >= 3 ? [{}] : []),
  build(run) {
    const steps = closeSteps(run.trace);
    if (steps.length < 3) return undefined;
    const text = (list: readonly string[]) => list.join(' → ');
    const wrong: Candidate[] = [];
    for (let i = 0; i + 1 < steps.length; i++) {
      const swapped = [...steps];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      wrong.push({value: swapped, text: text(swapped), mistake: null});
    }
    steps.forEach((step, i) => {
      if (!/ACK$|FIN/.test(step)) return;
      const without = steps.filter((_, j) => j !== i);
      wrong.push({value: without, text: text(without), mistake: step.includes('FIN') ? 'leaves out a FIN: each FIN takes a sequence number and must be sent (again, if lost)' : 'leaves out an ACK: every FIN is acknowledged'});
    });
    return {
      prompt: `${setupLine(run)} Put the close in order: which segments are sent, by whom, from the first FIN (or RST) to the last?`,
      answer: {value: steps, text: text(steps), mistake: null},
      // Leaving something out is the mistake people make; swaps fill in.
      wrong: [...wrong.filter((c) => c.mistake !== null), ...wrong.filter((c) => c.mistake === null)],
      explanation: `The close, as sent: ${text(steps)}.`,
      frameId: closeFrames(run.trace)[0]?.id ?? null,
    };
  },
};

/** The close as steps in send order, "side: what" each; frames sent together are one step. */
function closeSteps(trace: Trace): string[] {
  const frames = closeFrames(trace);
  const steps: {atMs: number; parts: string[]}[] = [];
  for (const f of frames) {
    const part = `${f.from}: ${frameWhat(f) ?? f.label}${f.dropped ? ' (lost)' : ''}`;
    const last = steps.at(-1);
    if (last && last.atMs === f.sendMs) last.parts.push(part);
    else steps.push({atMs: f.sendMs, parts: [part]});
  }
  return steps.map((s) => s.parts.join(' + '));
}

function timeWaitSides(trace: Trace): Side[] {
  return unique(
    trace.events.filter((e) => e.layer === 'tcp' && e.to === 'TIME-WAIT').map((e) => e.side),
    (s) => s,
  );
}

/** Each side's TCP states from the start of the close, as "FIN-WAIT-1 → TIME-WAIT → CLOSED". */
function closePaths(trace: Trace): string {
  const start = trace.frames[closeStart(trace)]?.sendMs ?? 0;
  return (['client', 'server'] as const)
    .map((side) => {
      const events = trace.events.filter((e) => e.layer === 'tcp' && e.side === side && e.atMs >= start);
      return `${side} ${[events[0]?.from, ...events.map((e) => e.to)].filter((s) => s).join(' → ')}`;
    })
    .join('; ');
}

const SIDE_CHOICES: Record<string, string> = {client: 'the client', server: 'the server', both: 'both sides', neither: 'neither side'};

const timeWaitSide: MeasureDef = {
  enumerate: (run) => (closeFrames(run.trace).length > 0 ? [{}] : []),
  build(run) {
    if (closeFrames(run.trace).length === 0) return undefined;
    const sides = timeWaitSides(run.trace);
    const value = sides.length === 2 ? 'both' : sides[0] ?? 'neither';
    const closer = run.knobs.closer;
    const mistakes: Record<string, string> = {
      client: value === 'server' ? 'the client does not always wait: the side that sends the first FIN does' : 'a RST closes at once, with no TIME-WAIT',
      server: value === 'client' ? 'the side that closes second goes LAST-ACK → CLOSED without waiting' : 'a RST closes at once, with no TIME-WAIT',
      both: 'both sides wait only in a simultaneous close, where both send a FIN first',
      neither: 'after a close with FINs the side that sent the first FIN always waits 2×MSL; only an abort skips TIME-WAIT',
    };
    const wrong = ['client', 'server', 'both', 'neither']
      .filter((s) => s !== value)
      .map((s) => ({
        value: s,
        text: SIDE_CHOICES[s]!,
        mistake: value === 'both' && s !== 'neither' ? 'in a simultaneous close both sides sent a FIN first, so both wait' : mistakes[s]!,
        ...(s === 'server' && value === 'client' ? {misconception: 'time-wait-on-server'} : {}),
      }));
    const entered = run.trace.frames.find((f) => (['client', 'server'] as const).some((s) => f.after[s].tcp === 'TIME-WAIT'));
    return {
      prompt: `${setupLine(run)} Which side goes through TIME-WAIT?`,
      answer: {value, text: SIDE_CHOICES[value]!, mistake: null},
      wrong,
      explanation:
        `Only a side that sends a FIN before receiving one (an active closer; here the ${closer} closes first) waits in TIME-WAIT. ` +
        `States in this close: ${closePaths(run.trace)}.`,
      frameId: entered?.id ?? null,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// A whole page: DNS, the handshakes, the base page, then its objects.

/** The ways to fetch a page's objects (Kurose & Ross §2.2.2), each a knob set the engine runs. */
const STRATEGIES: {knobs: (k: Knobs) => Partial<Knobs>; name: (k: Knobs) => string}[] = [
  {knobs: () => ({persistent: 'on', parallel: 1, pipelining: 'off'}), name: () => 'persistent HTTP without pipelining'},
  {knobs: () => ({persistent: 'on', parallel: 1, pipelining: 'on'}), name: () => 'persistent HTTP with pipelining'},
  {knobs: () => ({persistent: 'off', parallel: 1, pipelining: 'off'}), name: () => 'non-persistent HTTP, one connection after another'},
  {knobs: (k) => ({persistent: 'off', parallel: Math.max(2, k.parallel), pipelining: 'off'}), name: (k) => `non-persistent HTTP with ${Math.max(2, k.parallel)} parallel connections`},
];

/** The same page fetched the other ways: a real run each, for the wrong choices. */
function otherStrategies(run: Run): {value: number; mistake: string}[] {
  const k = run.knobs;
  // Non-persistent HTTP closes each connection: its runs need a close, the client's if the page has none.
  const close: Partial<Knobs> = k.close === 'none' || k.close === 'simultaneous' ? {close: 'four-way', closer: 'client', closeDelayMs: 0, timeWait: 'linux', lose: 'none'} : {};
  return STRATEGIES.flatMap((strategy) => {
    const changes = {...strategy.knobs(k), ...(strategy.knobs(k).persistent === 'off' ? close : {})};
    const other = variant(run, changes);
    const value = other?.trace.summary.pageLoadedRtt;
    return other === undefined || value === undefined ? [] : [{value, mistake: `that is ${strategy.name(k)}`}];
  });
}

/** The textbook's formula for this strategy, in words (Kurose & Ross §2.2.2 and its problems). */
function pageFormula(k: Knobs): string {
  const tls = k.tls === 'none' ? '' : ' (plus what TLS adds on each new connection)';
  if (k.persistent === 'off') {
    return k.parallel > 1
      ? `Textbooks write non-persistent HTTP with n parallel connections as RTT_DNS + 2·RTT for the base page, plus 2·RTT for each batch of n objects: ceil(${k.objects}/${k.parallel}) batches here${tls}.`
      : `Textbooks write non-persistent HTTP as RTT_DNS + 2·RTT for the base page, plus 2·RTT per object: a handshake and a request each${tls}.`;
  }
  if (k.parallel > 1) return `This is what browsers do (up to ${BROWSER_CONNECTIONS_PER_SERVER} connections per server): the base page's connection fetches its next object at once, each new one pays its handshake${tls} first; on one persistent connection without pipelining it would be RTT_DNS + 2·RTT + one RTT per object.`;
  return 'Textbooks write it as RTT_DNS + 2·RTT for the connection and the base page, plus one RTT per object without pipelining or one for them all with it (plus what TLS adds).';
}

const pageLoadRtt: MeasureDef = {
  // In round trips only where transmission is negligible; a rate has its own question, in ms (pageLoadMs).
  enumerate: (run) => (run.trace.summary.pageLoadedRtt === undefined || run.knobs.bandwidth !== 'off' ? [] : [{}]),
  build(run) {
    const s = run.trace.summary;
    if (s.pageLoadedRtt === undefined || s.requestSentMs === null || s.responseReceivedMs === null) return undefined;
    const k = run.knobs;
    const value = s.pageLoadedRtt;
    // The parts, each read off the run: what the explanation adds up is what happened.
    const dns = k.dnsLookups;
    const handshakes = s.requestSentMs / run.rttMs - dns;
    const base = (s.responseReceivedMs - s.requestSentMs) / run.rttMs;
    const objects = value - s.responseReceivedMs / run.rttMs;
    const wrong: {value: number; mistake: string | null; misconception?: string}[] = [
      ...(dns > 0 ? [{value: value - dns, mistake: `leaves out the ${dns} DNS round trip${dns === 1 ? '' : 's'} before the connection`}] : []),
      {value: value - handshakes, mistake: 'leaves out the handshake before the first request'},
      // The same page fetched the other ways, each simulated: the classic mix-up of strategies.
      ...otherStrategies(run),
      {value: value + 1, mistake: null},
    ];
    const connections = s.connections !== undefined && s.connections > 1 ? `, over ${s.connections} connections` : '';
    return {
      prompt:
        `${setupLine(run)}${dns > 0 ? '' : " The server's address is already cached."} Transmission times are negligible. ` +
        'Counting from the click (t = 0), when has the last object arrived? Answer in round trips (RTT).',
      answer: {value, text: rttText(value), mistake: null},
      wrong: unique(wrong.filter((c) => c.value > 0 && c.value !== value), (c) => String(c.value)).map((c) => ({...c, text: rttText(c.value)})),
      explanation:
        `${dns > 0 ? `DNS ${rttText(dns)}, then ` : ''}the handshake${k.tls === 'none' ? '' : 's'} until the request can leave ${rttText(handshakes)}, the base page ${rttText(base)}, ` +
        `then the ${k.objects} object${k.objects === 1 ? '' : 's'} ${rttText(objects)}${connections}: ${rttText(value)} in all, as the run shows. ${pageFormula(k)}`,
      frameId: run.trace.frames.findLast((f) => f.app === 'response')?.id ?? null,
    };
  },
};

/** A whole page on a link with a rate: the round trips plus each response's transmission time (L/R), in ms. */
const pageLoadMs: MeasureDef = {
  // Parallel connections share the link, so their transmissions overlap: asked where each response has the link to itself.
  enumerate: (run) => (run.trace.summary.pageLoadedMs === undefined || run.knobs.bandwidth === 'off' || run.knobs.parallel > 1 ? [] : [{}]),
  build(run) {
    const value = run.trace.summary.pageLoadedMs;
    const instant = variant(run, {bandwidth: 'off'})?.trace.summary.pageLoadedMs;
    if (value === undefined || instant === undefined) return undefined;
    const k = run.knobs;
    const responses = 1 + k.objects;
    const transmission = value - instant;
    const each = transmission / responses;
    const wrong = [
      {value: instant, mistake: 'leaves out the transmission times, as if the link were infinitely fast'},
      {value: instant + each, mistake: "adds one response's transmission time (L/R) for the whole page, not one per response"},
      {value: value + transmission, mistake: 'adds each transmission time twice'},
      ...(k.dnsLookups > 0 ? [{value: value - k.dnsLookups * run.rttMs, mistake: 'leaves out the DNS round trips'}] : []),
    ];
    return {
      prompt:
        `${setupLine(run)}${k.dnsLookups > 0 ? '' : " The server's address is already cached."} ` +
        'Counting from the click (t = 0), when has the last object arrived? Answer in ms.',
      answer: {value, text: msText(value), mistake: null},
      wrong: unique(wrong.filter((c) => c.value > 0 && Math.abs(c.value - value) > 0.5), (c) => msText(c.value)).map((c) => ({...c, text: msText(c.value)})),
      explanation:
        `With instant transmission the page would be complete at ${msText(instant)}; each of the ${responses} responses also takes its transmission time, ` +
        `about ${msText(each)} here (${k.objectBytes} bytes and their segments' headers at ${linkRate(k.bandwidth)}, with the request's own), so the last object arrives at ${msText(value)}, as the run shows. ` +
        `Textbooks write each object as RTT + L/R on a persistent connection${k.persistent === 'off' ? ', 2·RTT + L/R on a non-persistent one' : ''}.`,
      frameId: run.trace.frames.findLast((f) => f.app === 'response')?.id ?? null,
    };
  },
};

const timeWaitMs: MeasureDef = {
  enumerate: (run) => timeWaitSides(run.trace).map((side) => ({side})),
  build(run, spec) {
    const side = spec.side;
    if (side === undefined) return undefined;
    const events = run.trace.events.filter((e) => e.layer === 'tcp' && e.side === side);
    const entered = events.find((e) => e.to === 'TIME-WAIT');
    const left = events.find((e) => e.from === 'TIME-WAIT');
    if (entered === undefined || left === undefined) return undefined;
    const value = left.atMs - entered.atMs;
    const notes: Record<number, string> = {
      120_000: 'that is one MSL; TIME-WAIT lasts 2×MSL',
      240_000: "that is RFC 9293's 2×MSL (MSL = 2 min); Linux uses a fixed 60 s",
      60_000: "that is Linux's fixed 60 s; RFC 9293's 2×MSL is 4 min",
      30_000: 'that is half of Linux TIME-WAIT',
    };
    const wrong = [240_000, 60_000, 120_000, 30_000, 2 * run.rttMs]
      .filter((v) => v !== value)
      .map((v) => ({value: v, text: v < 1000 ? `${secondsText(v)} (2 RTT)` : secondsText(v), mistake: notes[v] ?? 'TIME-WAIT does not depend on the round-trip time'}));
    return {
      // The length is a stack's choice, so the question names the stack it asks about.
      prompt: `${setupLine(run)} How long does the ${side} stay in TIME-WAIT${run.knobs.timeWait === 'linux' ? ' on a Linux host' : ', by RFC 9293 with its MSL of 2 minutes'}?`,
      answer: {value, text: secondsText(value), mistake: null},
      wrong,
      explanation:
        `The ${side} enters TIME-WAIT at ${atRtt(run, entered.atMs)} and leaves it ${secondsText(value)} later (${left.cause}). ` +
        `TIME-WAIT lasts 2×MSL: RFC 9293 takes MSL as 2 minutes (240 s in all); Linux uses a fixed 60 s. This run has timeWait=${run.knobs.timeWait}.`,
      frameId: run.trace.frames.find((f) => f.after[side].tcp === 'TIME-WAIT')?.id ?? null,
    };
  },
};

const ALL_MEASURES: Record<Measure, MeasureDef> = {
  requestSentRtt: timeMeasure('request', 'rtt'),
  responseReceivedRtt: timeMeasure('response', 'rtt'),
  requestSentMs: timeMeasure('request', 'ms'),
  responseReceivedMs: timeMeasure('response', 'ms'),
  tlsAddedRtt: tlsAdded,
  tcpStateAfter: stateMeasure('tcp'),
  tlsStateAfter: stateMeasure('tls'),
  quicStateAfter: stateMeasure('quic'),
  handshakeDoneRtt,
  pageLoadRtt,
  pageLoadMs,
  nextFrame,
  messageOrder,
  encryptedMessage: protectionMeasure(true),
  clearMessage: protectionMeasure(false),
  closeSegments,
  closeOrder,
  timeWaitSide,
  timeWaitMs,
};

/**
 * What a page over several connections is asked: its times and the frame that comes next (named
 * with its connection). Questions about "the" handshake, "the" close or "the" states would have
 * one answer per connection, so they are asked of runs of one connection.
 */
const SEVERAL_CONNECTIONS: readonly Measure[] = ['requestSentRtt', 'responseReceivedRtt', 'requestSentMs', 'responseReceivedMs', 'pageLoadRtt', 'pageLoadMs', 'nextFrame'];

export const MEASURE_DEFS: Record<Measure, MeasureDef> = Object.fromEntries(
  Object.entries(ALL_MEASURES).map(([measure, def]) => [
    measure,
    SEVERAL_CONNECTIONS.includes(measure as Measure) ? def : {...def, enumerate: (run: Run, phase: Phase) => (hasSeveralConnections(run.trace) ? [] : def.enumerate(run, phase))},
  ]),
) as Record<Measure, MeasureDef>;
