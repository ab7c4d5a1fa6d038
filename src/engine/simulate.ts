// One run of the engine: build both endpoints from the knobs, start them at t = 0, let the
// scheduler play every event, and return the Trace. Pure and deterministic: the same knobs,
// RTT and seed give the same trace.

import {App, CloseCoordinator, type Outcome} from './app.js';
import {attachBytes} from './bytes/frames.js';
import {serverPort} from './bytes/ports.js';
import type {Channel} from './channel.js';
import type {SimContext} from './context.js';
import {BANDWIDTH_KBPS, severalConnections, validateKnobs} from './knobs.js';
import {Browser} from './page.js';
import {Link, type DropRule} from './link.js';
import {QuicEndpoint} from './quic/endpoint.js';
import {Recorder} from './recorder.js';
import {createRng, type Rng} from './rng.js';
import {Scheduler} from './scheduler.js';
import {TcpEndpoint, type TcpConfig} from './tcp/endpoint.js';
import {PlainTcpChannel} from './tcp/plain-channel.js';
import {TlsChannel} from './tls/tls-channel.js';
import {Tls12} from './tls/tls12.js';
import {Tls13} from './tls/tls13.js';
import type {Knobs, Side, SimOptions, Trace} from './types.js';
import type {WirePayload} from './wire.js';

/** Linux TIME-WAIT (TCP_TIMEWAIT_LEN) and RFC 9293's 2×MSL with MSL = 2 minutes (§3.4.2). */
export const TIME_WAIT_MS = {linux: 60_000, rfc: 240_000} as const;
/** Linux's TIME-WAIT is a constant, not 2×MSL: its timer is named as what it is. */
const TIME_WAIT_TIMER = {linux: "Linux's fixed TIME-WAIT timer (TCP_TIMEWAIT_LEN)", rfc: 'the 2×MSL timer'} as const;
/** Linux's minimum delayed-ACK timeout (TCP_DELACK_MIN); RFC 9293 requires under 500 ms (MUST-40). */
export const DELAYED_ACK_MS = 40;
/** Linux's keepalive defaults: tcp_keepalive_time 7200 s, tcp_keepalive_intvl 75 s, tcp_keepalive_probes 9. */
const KEEPALIVE = {idleMs: 7_200_000, intervalMs: 75_000, probes: 9};

/** Initial retransmission timeout (RFC 6298 §2.1; Linux TCP_TIMEOUT_INIT). */
export const INITIAL_RTO_MS = 1000;

export interface RunOptions extends SimOptions {
  scenario?: string;
  /**
   * 'readable' (default) draws ISNs as round thousands so the arithmetic is easy to follow;
   * 'random' draws full 32-bit ISNs as real stacks do (RFC 9293 §3.4.1), which tests use to
   * exercise wrap-around.
   */
  isn?: 'readable' | 'random';
}

const DATA_IN_SYN: Knobs['tfo'][] = ['cookie', 'cookie-rejected', 'syn-dropped'];

function dropRules(knobs: Knobs): DropRule[] {
  const rules: DropRule[] = [];
  if (knobs.open === 'syn-lost') {
    rules.push({
      why: 'Lost on the way: the client hears nothing and must wait for its retransmission timer.',
      times: 1,
      matches: (from, p) => from === 'client' && p.kind === 'tcp' && p.header.flags.includes('SYN') && !p.header.flags.includes('ACK'),
    });
  }
  if (knobs.lose !== 'none') rules.push(...lossRules(knobs));
  if (knobs.tfo === 'syn-dropped') {
    rules.push({
      why: 'A middlebox on the path drops SYNs that carry data (RFC 7413 §7.1 cites about 6% of paths).',
      times: 10,
      matches: (from, p) => from === 'client' && p.kind === 'tcp' && p.header.flags.includes('SYN') && p.header.len > 0,
    });
  }
  return rules;
}

/**
 * lose=<segment>: that segment is dropped once. The FINs' sequence numbers are noted as they pass
 * (an observer rule that never drops), so "the ACK of the first FIN" and "the last ACK" are known
 * by what they acknowledge, whatever else is in flight.
 */
function lossRules(knobs: Knobs): DropRule[] {
  const closer = knobs.closer;
  const passive: Side = closer === 'client' ? 'server' : 'client';
  const finEnd: Partial<Record<Side, number>> = {};
  const tcp = (p: WirePayload) => (p.kind === 'tcp' ? p : undefined);
  const observer: DropRule = {
    why: '',
    times: Number.POSITIVE_INFINITY,
    matches: (from, p) => {
      const s = tcp(p);
      if (s && s.header.flags.includes('FIN') && finEnd[from] === undefined) finEnd[from] = (s.header.seq + s.header.seqLen) >>> 0;
      return false;
    },
  };
  const lost = (why: string, matches: DropRule['matches']): DropRule[] => [observer, {why, times: 1, matches}];
  switch (knobs.lose) {
    case 'syn-ack':
      return lost("Lost on the way: the client hears nothing, and both sides' retransmission timers run (RFC 6298).", (from, p) => from === 'server' && !!tcp(p)?.header.flags.includes('SYN'));
    case 'handshake-ack':
      return lost('Lost on the way: the server stays in SYN-RECEIVED until a later segment acknowledges its SYN, or it sends its SYN-ACK again.', (from, p) => from === 'client' && tcp(p)?.handshakeAck === true);
    case 'fin':
      return lost(`Lost on the way: the ${closer} waits in FIN-WAIT-1 for its retransmission timer.`, (from, p) => from === closer && !!tcp(p)?.header.flags.includes('FIN'));
    case 'fin-ack':
      return lost(`Lost on the way: the ${closer} has no acknowledgment of its FIN and stays in FIN-WAIT-1.`, (from, p) => {
        const s = tcp(p);
        return from === passive && s !== undefined && finEnd[closer] !== undefined && s.header.ack === finEnd[closer];
      });
    case 'last-ack':
      return lost(`Lost on the way: the ${passive} in LAST-ACK hears nothing and sends its FIN again; TIME-WAIT is there to answer it (RFC 9293 §3.6).`, (from, p) => {
        const s = tcp(p);
        return from === closer && s !== undefined && finEnd[passive] !== undefined && s.header.ack === finEnd[passive] && !s.header.flags.includes('FIN');
      });
    default:
      return [];
  }
}

function tcpConfig(knobs: Knobs, side: Side, rng: Rng, ports: {client: number}, isn: number, cookies: {valid: string; stale: string}): TcpConfig {
  const client = side === 'client';
  return {
    side,
    localPort: client ? ports.client : serverPort(knobs),
    remotePort: client ? serverPort(knobs) : ports.client,
    iss: isn,
    tsOffset: rng.u32() >>> 8,
    ackSynAckAtOnce: knobs.piggyback === 'off',
    ackFinAtOnce: knobs.close !== 'three-way',
    delayedAckMs: DELAYED_ACK_MS,
    initialRtoMs: INITIAL_RTO_MS,
    timeWaitMs: TIME_WAIT_MS[knobs.timeWait],
    timeWaitTimer: TIME_WAIT_TIMER[knobs.timeWait],
    // Keepalive is off by default on every stack; the half-open scenario turns it on at the client.
    keepalive: client && knobs.crash !== 'none' ? KEEPALIVE : null,
    fastOpenCookie: !client || knobs.tfo === 'off' ? null : knobs.tfo === 'request' ? '' : knobs.tfo === 'cookie-rejected' ? cookies.stale : cookies.valid,
    server: client
      ? null
      : {
          listening: knobs.open !== 'refused',
          synCookies: knobs.open === 'syn-cookies',
          fastOpenCookie: knobs.tfo === 'off' ? null : cookies.valid,
          cookieSecret: rng.u32(),
          cookieClockBase: rng.int(32),
        },
  };
}

/** Without a request there is no early data to offer, so no server can accept any (RFC 8446 §4.2.10). */
const offeredEarlyData = (knobs: Knobs): Knobs['earlyData'] => (knobs.data === 'none' ? 'off' : knobs.earlyData);

function tcpChannel(ctx: SimContext, knobs: Knobs, side: Side, tcp: TcpEndpoint): Channel {
  const dataInSyn = side === 'client' && DATA_IN_SYN.includes(knobs.tfo);
  if (knobs.tls === 'none') return new PlainTcpChannel(ctx, tcp, dataInSyn);
  const channel = new TlsChannel(ctx, tcp, knobs.tls, side, dataInSyn);
  const machine =
    knobs.tls === '1.3'
      ? new Tls13(ctx, {side, transport: 'tcp', compat: knobs.compat === 'on', resume: knobs.resume === 'on', earlyData: offeredEarlyData(knobs), hrr: knobs.hrr === 'on', clientAuth: knobs.clientAuth === 'on', profile: knobs.vectors === 'rfc8448' ? 'rfc8448' : 'hs-tutor'}, channel.write)
      : new Tls12(
          ctx,
          {side, resume: knobs.resume === 'on', falseStart: knobs.falseStart === 'on', clientAuth: knobs.clientAuth === 'on', rsa: knobs.keyExchange === 'rsa', tickets: knobs.resumeWith === 'ticket'},
          channel.write,
        );
  machine.user = channel;
  channel.machine = machine;
  return channel;
}

function quicChannel(ctx: SimContext, knobs: Knobs, side: Side): QuicEndpoint {
  const endpoint = new QuicEndpoint(ctx, {side, retry: knobs.retry === 'on', earlyData: knobs.earlyData});
  const tls = new Tls13(ctx, {side, transport: 'quic', compat: false, resume: knobs.resume === 'on', earlyData: offeredEarlyData(knobs), hrr: knobs.hrr === 'on', clientAuth: knobs.clientAuth === 'on', profile: 'hs-tutor'}, endpoint.write);
  tls.user = endpoint;
  endpoint.tls = tls;
  return endpoint;
}

/** One connection's two ends. */
interface Connection {
  channels: Record<Side, Channel>;
  tcps: Partial<Record<Side, TcpEndpoint>>;
  client: App;
  /** The client's ephemeral port. */
  port: number;
  /** Its knobs: the run's, less early data when it opens before it has a request. */
  knobs: Knobs;
}

export function simulate(knobs: Knobs, options: RunOptions): Trace {
  validateKnobs(knobs);
  const {rttMs, seed} = options;
  const several = severalConnections(knobs);
  const sched = new Scheduler();
  const rec = new Recorder(several);
  const rng = createRng(seed);
  const link = new Link(sched, rec, rttMs / 2, dropRules(knobs), BANDWIDTH_KBPS[knobs.bandwidth]);
  let nextUid = 0;
  const base: SimContext = {sched, rec, rng, rttMs, send: link.send, uid: () => nextUid++, responseBytes: knobs.objectBytes};

  const firstPort = 49152 + rng.int(16384);
  const random = options.isn === 'random';
  // Readable ISNs of a page's later connections keep to their own ten thousand (c2's in 11000–19000),
  // so no two connections share one: a real stack's differ with the 4-tuple (RFC 6528 §3).
  const drawIsn = (side: Side, connection = 1) =>
    random ? rng.u32() : (connection - 1) * 10_000 + (side === 'client' ? 1000 * (1 + rng.int(4)) : 1000 * (5 + rng.int(5)));
  const isn = {client: drawIsn('client'), server: drawIsn('server')};
  const cookies = {valid: rng.hex(8), stale: rng.hex(8)};

  const outcome: Outcome = {requestSentMs: null, responseReceivedMs: null, lastResponseMs: null};
  const wantsData = knobs.data === 'request-response';
  const persistent = knobs.persistent === 'on';
  const closing = {close: knobs.close, closer: knobs.closer, closeDelayMs: knobs.closeDelayMs, crash: knobs.crash};
  // What the server knows of a connection's requests: all of the page's on one persistent
  // connection, one on a non-persistent one, and none in advance when the browser shares the
  // objects among several persistent connections (it closes those itself).
  const requests = !persistent ? 1 : knobs.parallel > 1 ? Number.POSITIVE_INFINITY : 1 + knobs.objects;
  const connections: Connection[] = [];
  const browser = new Browser({objects: knobs.objects, persistent, parallel: knobs.parallel, pipelining: knobs.pipelining === 'on'}, (lateBound) => {
    // A later connection: the next ephemeral port, fresh ISNs, the server's listening socket ready.
    const n = connections.length + 1;
    const made = connect(n, {client: drawIsn('client', n), server: drawIsn('server', n)}, lateBound);
    made.tcps.server?.listen();
    return made.client;
  });

  function connect(n: number, isns: Record<Side, number>, lateBound = false): Connection {
    const port = 49152 + ((firstPort - 49152 + n - 1) % 16384);
    const ctx: SimContext = n === 1 && !several ? base : {...base, send: link.sender(n), rec: rec.writer(n)};
    // A late-bound connection opens before it has a request, so it has no early data to offer
    // (RFC 8446 §4.2.10): it resumes without 0-RTT, and its bytes are encoded the same way.
    const own: Knobs = lateBound ? {...knobs, earlyData: 'off'} : knobs;
    const channels = {} as Record<Side, Channel>;
    const tcps: Partial<Record<Side, TcpEndpoint>> = {};
    for (const side of ['client', 'server'] as const) {
      if (knobs.transport === 'tcp') {
        const tcp = new TcpEndpoint(ctx, tcpConfig(knobs, side, rng, {client: port}, isns[side], cookies));
        tcps[side] = tcp;
        channels[side] = tcpChannel(ctx, own, side, tcp);
        link.connect(side, tcp, n);
      } else {
        const endpoint = quicChannel(ctx, knobs, side);
        channels[side] = endpoint;
        link.connect(side, endpoint, n);
      }
    }
    rec.attach({client: channels.client, server: channels.server}, n);
    const coordinator = new CloseCoordinator();
    const plan = {...closing, requests};
    const client = new App(ctx, 'client', channels.client, wantsData, plan, outcome, coordinator, browser, lateBound);
    new App(ctx, 'server', channels.server, wantsData, plan, outcome, coordinator);
    const made = {channels, tcps, client, port, knobs: own};
    connections.push(made);
    return made;
  }
  const {tcps, client} = connect(1, isn);

  // Before the connection, the client looks the name up: one round trip to each DNS server in
  // turn (the textbook's RTT1 + … + RTTn; here each at the connection's RTT), none when cached.
  const dnsMs = knobs.dnsLookups * rttMs;
  for (let i = 1; i <= knobs.dnsLookups; i++) {
    sched.at(i * rttMs, () =>
      rec.event(i * rttMs, 'client', 'app', i === 1 ? 'RESOLVING' : `DNS ${i - 1}/${knobs.dnsLookups}`, i === knobs.dnsLookups ? 'RESOLVED' : `DNS ${i}/${knobs.dnsLookups}`, `the answer from DNS server ${i} of ${knobs.dnsLookups} (one round trip each)`),
    );
  }
  sched.at(0, () => {
    if (knobs.open === 'simultaneous') tcps.server!.connect();
    else tcps.server?.listen();
    if (dnsMs === 0) client.start();
  });
  if (dnsMs > 0) sched.at(dnsMs, () => client.start());
  sched.run(
    () => {
      for (const {channels} of connections) {
        channels.client.output();
        channels.server.output();
      }
    },
    () => rec.settle(),
  );

  // Exact bytes last, from their own seeded source, so they can never change what happened above.
  attachBytes(rec.frames, rec.payloads, {knobs, seed, clientPort: connections[0]!.port}, several ? connections : undefined);

  const perRtt = (ms: number | null): number | null => (ms === null ? null : ms / rttMs);
  return {
    schemaVersion: 1,
    scenario: options.scenario ?? 'custom',
    knobs: {...knobs},
    rttMs,
    seed,
    frames: rec.frames,
    summary: {
      requestSentMs: outcome.requestSentMs,
      requestSentRtt: perRtt(outcome.requestSentMs),
      responseReceivedMs: outcome.responseReceivedMs,
      responseReceivedRtt: perRtt(outcome.responseReceivedMs),
      ...(knobs.objects > 0 && outcome.lastResponseMs !== null ? {pageLoadedMs: outcome.lastResponseMs, pageLoadedRtt: outcome.lastResponseMs / rttMs, connections: connections.length} : {}),
    },
    events: rec.events,
    endMs: sched.now,
  };
}
