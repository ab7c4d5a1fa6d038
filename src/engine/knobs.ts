// The knob table of CLI.md as data, and the one gate every knob set passes before it simulates:
// the CLI's --set, presets and lesson files all go through resolveKnobs or validateKnobs.
import {UsageError} from './errors.js';
import {BROWSER_CONNECTIONS_PER_SERVER} from './page.js';
import {didYouMean} from './suggest.js';
import type {KnobName, Knobs} from './types.js';

export interface IntRange {
  readonly min: number;
  readonly max: number;
  /** What the number counts, for sentences ("milliseconds"); absent for a plain count. */
  readonly unit?: string;
}

/** "a whole number of milliseconds from 0 to 10000": how a numeric knob's values are told. */
export function rangeSentence(range: IntRange): string {
  return `a whole number${range.unit ? ` of ${range.unit}` : ''} from ${range.min} to ${range.max}`;
}

/**
 * One check a knob's non-default value must pass, and how to make it hold again after a change.
 * `problem` gives the error sentence, or undefined when the check holds. `repair` gives the other
 * knobs' values that make it hold without touching the `pinned` knobs (the one the learner just
 * changed, and those it needs): withKnob applies it, so no caller re-implements which knobs a
 * change resets.
 */
interface Rule {
  problem(k: Knobs, name: KnobName): string | undefined;
  repair(k: Knobs, name: KnobName, pinned: ReadonlySet<KnobName>): Repair;
}

/** The same for a clash between two knobs' values that each make sense alone. */
interface Conflict {
  problem(k: Knobs): string | undefined;
  repair(k: Knobs, pinned: ReadonlySet<KnobName>): Repair;
}

/**
 * What a repair changes, and how: 'reset' puts back at its default a knob that no longer applies
 * (dropping it changes nothing else); 'needed' sets a knob the kept value cannot do without.
 */
interface Repair {
  kind: KnobChange['kind'];
  set: Partial<Knobs>;
}

function set<K extends KnobName>(knob: K, value: Knobs[K]): Partial<Knobs> {
  return {[knob]: value} as Partial<Knobs>;
}

/** A clash between `a` and `b`: with `a` pinned, `b` becomes `bFix`; otherwise `a` becomes `aFix`. */
function clash<A extends KnobName, B extends KnobName>(problem: Conflict['problem'], a: A, aFix: Knobs[A], b: B, bFix: Knobs[B]): Conflict {
  return {problem, repair: (_k, pinned) => ({kind: 'needed', set: pinned.has(a) ? set(b, bFix) : set(a, aFix)})};
}

/** A rule about the knob's own value against another knob: a pinned knob fixes the other one, else it goes back to its default. */
function rule(problem: Rule['problem'], other: (k: Knobs) => Partial<Knobs>): Rule {
  return {
    problem,
    repair: (k, name, pinned) => (pinned.has(name) ? {kind: 'needed', set: other(k)} : {kind: 'reset', set: set(name, KNOBS[name].default)}),
  };
}

export interface KnobSpec<K extends KnobName = KnobName> {
  /** The allowed values, or an inclusive range of whole numbers. */
  readonly values: [Knobs[K]] extends [number] ? IntRange : readonly Knobs[K][];
  /** The default over TCP; only `tls` defaults differently over QUIC (see defaultKnobs). */
  readonly default: Knobs[K];
  readonly description: string;
  /** CLI.md's "applies to" column, as help text; empty when the knob applies everywhere. */
  readonly appliesTo: string;
  /** What a non-default value needs from the other knobs, checked in order. */
  readonly rules: readonly Rule[];
}

/** A rule: the knob only makes sense while `knob` has one of `allowed` (the first is the fix offered). */
function needs<K extends KnobName>(knob: K, allowed: readonly Knobs[K][], where: string): Rule {
  return rule(
    (k, name) =>
      allowed.includes(k[knob])
        ? undefined
        : `${name}=${k[name]} only applies ${where}, but ${knob}=${k[knob]}; ` +
          `set ${name}=${DEFAULT_KNOBS[name]} or ${knob}=${allowed[0]}.`,
    () => set(knob, allowed[0]!),
  );
}

/** vectors=rfc8448 replays RFC 8448's handshakes, which have `knob` at `fix`, never at `bad`. */
function rfc8448Rule<K extends 'compat' | 'hrr' | 'clientAuth' | 'earlyData'>(knob: K, bad: Knobs[K], fix: Knobs[K], why: string): Rule {
  return rule(
    (k, name) => (k[knob] === bad ? `${name}=${k[name]} replays RFC 8448, and ${why}, but ${knob}=${bad}; set ${knob}=${fix}, or ${name}=off.` : undefined),
    () => set(knob, fix),
  );
}

const overTcp = needs('transport', ['tcp'], 'over TCP');

/** With TLS's record overhead still within ten segments of 1448 payload bytes (MSS 1460 less timestamps): RFC 6928's initial window. */
export const OBJECT_BYTES_MAX = 14_000;
/** The link rates in kbit/s (bits per ms), by the knob's value. */
export const BANDWIDTH_KBPS: Readonly<Record<Knobs['bandwidth'], number>> = {off: 0, '100kbit': 100, '1Mbit': 1000, '10Mbit': 10_000, '100Mbit': 100_000};
const withClose = needs('close', ['four-way', 'three-way', 'simultaneous', 'abort'], 'to a TCP close');
const tls13 = needs('tls', ['1.3'], 'to TLS 1.3 and QUIC');
const withTls = needs('tls', ['1.3', '1.2'], 'with TLS');

export const KNOBS: {readonly [K in KnobName]: KnobSpec<K>} = {
  transport: {
    values: ['tcp', 'quic'],
    default: 'tcp',
    description: 'the transport: TCP, or QUIC with TLS 1.3 inside',
    appliesTo: '',
    rules: [],
  },
  open: {
    values: ['normal', 'simultaneous', 'refused', 'syn-lost', 'syn-cookies'],
    default: 'normal',
    description: 'how the TCP connection opens',
    appliesTo: 'tcp',
    rules: [overTcp],
  },
  piggyback: {
    values: ['off', 'on'],
    default: 'off',
    description: "on: the first data rides the handshake's final ACK; off: a pure ACK comes first",
    appliesTo: 'tcp',
    rules: [
      overTcp,
      rule(
        (k) =>
          k.open === 'refused'
            ? 'piggyback=on needs a handshake to ride on, but open=refused never completes one; set piggyback=off.'
            : undefined,
        () => set('open', 'normal'),
      ),
      rule(
        (k) =>
          k.data === 'none' && k.tls === 'none'
            ? "piggyback=on puts the first data on the handshake's final ACK, but with data=none and tls=none " +
              'there is nothing to send; set piggyback=off, data=request-response or a tls version.'
            : undefined,
        () => set('data', 'request-response'),
      ),
    ],
  },
  tfo: {
    values: ['off', 'request', 'cookie', 'cookie-rejected', 'syn-dropped'],
    default: 'off',
    description: 'TCP Fast Open (RFC 7413): ask for a cookie, use one, have it rejected, or lose the SYN',
    appliesTo: 'tcp',
    rules: [overTcp],
  },
  tls: {
    values: ['none', '1.2', '1.3'],
    default: 'none',
    description: 'the TLS version on top of the transport',
    appliesTo: '',
    rules: [],
  },
  compat: {
    values: ['on', 'off'],
    default: 'on',
    description: 'TLS 1.3 middlebox-compatibility CCS records (RFC 8446 D.4)',
    appliesTo: 'TLS 1.3 over tcp',
    rules: [needs('transport', ['tcp'], 'to TLS 1.3 over TCP'), needs('tls', ['1.3'], 'to TLS 1.3 over TCP')],
  },
  resume: {
    values: ['off', 'on'],
    default: 'off',
    description: 'resume an earlier session instead of a full handshake',
    appliesTo: 'TLS 1.2 session ticket, TLS 1.3 PSK, QUIC resumption',
    rules: [withTls],
  },
  earlyData: {
    values: ['off', 'accepted', 'rejected'],
    default: 'off',
    description: '0-RTT data in the first flight, which the server accepts or rejects',
    appliesTo: 'TLS 1.3 and QUIC, needs resume=on',
    rules: [tls13],
  },
  falseStart: {
    values: ['off', 'on'],
    default: 'off',
    description: "TLS False Start (RFC 7918): the request leaves with the client's Finished",
    appliesTo: 'TLS 1.2 full handshake',
    rules: [needs('tls', ['1.2'], 'to TLS 1.2')],
  },
  hrr: {
    values: ['off', 'on'],
    default: 'off',
    description: 'the server answers the first ClientHello with a HelloRetryRequest',
    appliesTo: 'TLS 1.3 and QUIC',
    rules: [tls13],
  },
  clientAuth: {
    values: ['off', 'on'],
    default: 'off',
    description: 'the server asks the client for a certificate',
    appliesTo: 'TLS 1.2 and 1.3 full handshakes',
    rules: [
      withTls,
      rule(
        (k) =>
          k.resume === 'on'
            ? 'clientAuth=on needs a full handshake, but resume=on resumes one, and resumed handshakes never ' +
              'carry a client certificate (RFC 8446 §4.3.2, RFC 5077); set clientAuth=off or resume=off.'
            : undefined,
        () => set('resume', 'off'),
      ),
    ],
  },
  retry: {
    values: ['off', 'on'],
    default: 'off',
    description: "the QUIC server sends a Retry to validate the client's address",
    appliesTo: 'quic',
    rules: [needs('transport', ['quic'], 'over QUIC')],
  },
  data: {
    values: ['request-response', 'none'],
    default: 'request-response',
    description: 'whether the client sends a request and the server answers it',
    appliesTo: '',
    rules: [],
  },
  close: {
    values: ['none', 'four-way', 'three-way', 'simultaneous', 'abort'],
    default: 'none',
    description: 'how the TCP connection closes after the exchange',
    appliesTo: 'tcp',
    rules: [overTcp],
  },
  closer: {
    values: ['client', 'server'],
    default: 'client',
    description: 'which side closes first',
    appliesTo: 'tcp, with a close',
    rules: [overTcp, withClose],
  },
  closeDelayMs: {
    values: {min: 0, max: 10000, unit: 'milliseconds'},
    default: 0,
    description: "how long the passive side's application waits before it closes",
    appliesTo: 'tcp, with a close',
    rules: [overTcp, withClose],
  },
  timeWait: {
    values: ['linux', 'rfc'],
    default: 'linux',
    description: 'TIME-WAIT length: linux (60 s) or rfc (2×MSL = 240 s)',
    appliesTo: 'tcp, with a close',
    rules: [overTcp, withClose],
  },
  vectors: {
    values: ['off', 'rfc8448'],
    default: 'off',
    description: "rfc8448: RFC 8448's randoms, keys, certificate and ticket, so the TLS 1.3 bytes and secrets are the RFC's (§3; §4 with resume=on)",
    appliesTo: 'TLS 1.3 over tcp, without compat, hrr, clientAuth or rejected early data',
    rules: [
      needs('transport', ['tcp'], 'to TLS 1.3 over TCP'),
      needs('tls', ['1.3'], 'to TLS 1.3 over TCP'),
      // RFC 8448 §3 and §4 are handshakes without the compatibility records (D.4, which its §7
      // shows with other inputs), without a HelloRetryRequest (§5) or a client certificate (§6),
      // and §4's server accepts the early data.
      rfc8448Rule('compat', 'on', 'off', 'its §3 and §4 handshakes run without middlebox-compatibility mode'),
      rfc8448Rule('hrr', 'on', 'off', 'its §3 and §4 handshakes have no HelloRetryRequest'),
      rfc8448Rule('clientAuth', 'on', 'off', 'its §3 and §4 handshakes have no client certificate'),
      rfc8448Rule('earlyData', 'rejected', 'accepted', "its §4 server accepts the early data"),
    ],
  },
  lose: {
    values: ['none', 'syn-ack', 'handshake-ack', 'fin', 'fin-ack', 'last-ack'],
    default: 'none',
    description:
      "one segment lost on the way, once, and what the retransmission timer does about it (RFC 6298: 1 s, doubling): syn-ack the server's SYN-ACK; " +
      "handshake-ack the client's ACK that completes the handshake; fin the first FIN; fin-ack the ACK of the first FIN (the FIN+ACK in a three-segment close); " +
      'last-ack the last ACK of the close',
    appliesTo: 'tcp (syn-ack, handshake-ack: a normal open without TFO; fin, fin-ack, last-ack: a four-way or three-segment close)',
    rules: [
      overTcp,
      rule(
        (k, name) =>
          (k[name] === 'syn-ack' || k[name] === 'handshake-ack') && k.open !== 'normal'
            ? `lose=${k[name]} needs the normal three-way handshake, but open=${k.open}; set open=normal or lose=none.`
            : undefined,
        () => set('open', 'normal'),
      ),
      rule(
        (k, name) =>
          (k[name] === 'syn-ack' || k[name] === 'handshake-ack') && k.tfo !== 'off'
            ? `lose=${k[name]} is simulated without TCP Fast Open (a lost SYN-ACK after SYN data is not modelled), but tfo=${k.tfo}; set tfo=off or lose=none.`
            : undefined,
        () => set('tfo', 'off'),
      ),
      rule(
        (k, name) =>
          (k[name] === 'fin' || k[name] === 'fin-ack' || k[name] === 'last-ack') && k.close !== 'four-way' && k.close !== 'three-way'
            ? `lose=${k[name]} needs a close with FINs, but close=${k.close}; set close=four-way (or three-way) or lose=none.`
            : undefined,
        () => set('close', 'four-way'),
      ),
    ],
  },
  crash: {
    values: ['none', 'server'],
    default: 'none',
    description:
      "server: a second after the exchange the server's host crashes and reboots, forgetting the connection; the client, idle with " +
      'keepalive on (Linux: first probe after 7200 s), finds the half-open connection when its probe draws a reset (RFC 9293 §3.5.1)',
    appliesTo: 'tcp, without a close',
    rules: [overTcp, needs('close', ['none'], 'to a connection left open (close=none)')],
  },
  keyExchange: {
    values: ['ecdhe', 'rsa'],
    default: 'ecdhe',
    description:
      "TLS 1.2's key exchange: ecdhe, the server signs fresh ECDHE parameters (forward secret); rsa, no ServerKeyExchange, the client encrypts the premaster secret to the server certificate's RSA key, so whoever gets that key later decrypts every recorded session (RFC 5246 §7.4.7.1)",
    appliesTo: 'TLS 1.2 full handshakes',
    rules: [
      needs('tls', ['1.2'], 'to TLS 1.2'),
      rule(
        (k, name) =>
          k[name] === 'rsa' && k.falseStart === 'on'
            ? 'keyExchange=rsa has no forward secrecy, and False Start is allowed only with a forward-secret key exchange (RFC 7918 §5); set falseStart=off or keyExchange=ecdhe.'
            : undefined,
        () => set('falseStart', 'off'),
      ),
    ],
  },
  resumeWith: {
    values: ['ticket', 'session-id'],
    default: 'ticket',
    description:
      'how TLS 1.2 resumes: ticket, the client returns the state the server sealed for it (RFC 5077); session-id, the client names the session and the server looks it up in its own cache (RFC 5246 §7.4.1.2)',
    appliesTo: 'TLS 1.2 with resume=on',
    rules: [
      needs('tls', ['1.2'], 'to TLS 1.2'),
      rule(
        (k, name) => (k[name] === 'session-id' && k.resume !== 'on' ? `resumeWith=session-id names how a session is resumed, but resume=off; set resume=on or resumeWith=ticket.` : undefined),
        () => set('resume', 'on'),
      ),
    ],
  },
  dnsLookups: {
    values: {min: 0, max: 5},
    default: 0,
    description:
      'DNS lookups before the connection opens, one after another, each one round trip at this RTT (the textbook\'s RTT to each DNS server); 0: the address is cached',
    appliesTo: 'every opening but a simultaneous one (two peers that both know the other)',
    rules: [needs('open', ['normal', 'refused', 'syn-lost', 'syn-cookies'], 'where the client opens the connection')],
  },
  objects: {
    values: {min: 0, max: 10},
    default: 0,
    description: 'objects the page refers to (images, scripts), each fetched with its own request over the same connection once the base page has arrived (HTTP/1.1 persistent)',
    appliesTo: 'tcp, with a request and its response',
    rules: [overTcp, needs('data', ['request-response'], 'with a request and its response'), needs('crash', ['none'], 'to a connection that is not left half-open')],
  },
  pipelining: {
    values: ['off', 'on'],
    default: 'off',
    description: "on: the objects' requests all leave at once, without waiting for each response (HTTP/1.1 pipelining, RFC 9112 §9.3.2); off: one request after each response",
    appliesTo: 'tcp, with objects',
    rules: [
      rule(
        (k, name) => (k[name] === 'on' && k.objects === 0 ? 'pipelining=on sends the objects\' requests together, but objects=0; set objects to 1 or more, or pipelining=off.' : undefined),
        () => set('objects', 1),
      ),
    ],
  },
  objectBytes: {
    values: {min: 100, max: OBJECT_BYTES_MAX, unit: 'bytes'},
    default: 200,
    description: `bytes of each response, HTTP header and body, the base page's and each object's (the textbook's L); at most ${OBJECT_BYTES_MAX}, ten full segments, the initial window of RFC 6928, so the whole response leaves at once and slow start never holds it back`,
    appliesTo: 'tcp, with a request and its response',
    rules: [
      overTcp,
      needs('data', ['request-response'], 'with a request and its response'),
      rule(
        (k, name) => (k[name] !== 200 && k.vectors === 'rfc8448' ? `vectors=rfc8448 replays RFC 8448's own 50-byte messages; set objectBytes=200 or vectors=off.` : undefined),
        () => set('vectors', 'off'),
      ),
    ],
  },
  bandwidth: {
    values: ['off', '100kbit', '1Mbit', '10Mbit', '100Mbit'],
    default: 'off',
    description:
      "the link's rate (the textbook's R): each frame takes its transmission time, its bits ÷ R, before the RTT/2 of propagation, and frames sent one way queue behind each other; off: transmission is instant, as at LAN speeds. No slower rate: a full segment would then take longer than TCP's minimum retransmission timeout (RFC 6298 §2.4), a case the tutor does not teach",
    appliesTo: 'tcp',
    rules: [overTcp],
  },
  persistent: {
    values: ['on', 'off'],
    default: 'on',
    description:
      'on: the objects follow the base page over a connection kept open (HTTP/1.1 persistent, RFC 9112 §9.3); off: non-persistent, each response over a connection of its own that the close knob ends after it (HTTP/1.0, Connection: close, RFC 9112 §9.6), so every object costs a handshake',
    appliesTo: 'tcp, with a request and its response and a close',
    rules: [
      overTcp,
      needs('data', ['request-response'], 'with a request and its response'),
      rule(
        (k, name) =>
          k[name] === 'off' && (k.close === 'none' || k.close === 'simultaneous')
            ? `persistent=off closes each connection after its response, one side first, but close=${k.close}; set close=four-way (or three-way, abort) or persistent=on.`
            : undefined,
        () => set('close', 'four-way'),
      ),
    ],
  },
  parallel: {
    values: {min: 1, max: 10},
    default: 1,
    description:
      `connections the browser keeps open at once for the page's objects (the textbook's n parallel connections; browsers allow ${BROWSER_CONNECTIONS_PER_SERVER} per server): each new one opens with its own handshake when the base page has arrived, and takes the next object whenever it is free; 1: one connection after another`,
    appliesTo: 'tcp, with objects and without pipelining',
    rules: [
      overTcp,
      rule(
        (k) => (k.parallel > 1 && k.objects < 2 ? `parallel=${k.parallel} shares the objects among connections, but objects=${k.objects}; set objects to 2 or more, or parallel=1.` : undefined),
        () => set('objects', 2),
      ),
      rule(
        (k) =>
          k.parallel > 1 && k.persistent === 'on' && (k.closer === 'server' || k.close === 'simultaneous')
            ? `parallel=${k.parallel} over persistent connections leaves it to the browser to close each when the page needs it no more, but ${k.close === 'simultaneous' ? 'close=simultaneous' : 'closer=server'}; set closer=client (close four-way, three-way or abort), persistent=off or parallel=1.`
            : undefined,
        (k) => (k.close === 'simultaneous' ? {close: 'four-way', closer: 'client'} : set('closer', 'client')),
      ),
    ],
  },
};

/** In table order, which is also the order of CLI.md, the help and the JSON. */
export const KNOB_NAMES = Object.keys(KNOBS) as KnobName[];

/** Every knob at its default over TCP. */
export const DEFAULT_KNOBS: Readonly<Knobs> = Object.freeze(
  Object.fromEntries(KNOB_NAMES.map((name) => [name, KNOBS[name].default])) as unknown as Knobs,
);

export function defaultKnobs(transport: Knobs['transport']): Knobs {
  return {...DEFAULT_KNOBS, transport, tls: transport === 'quic' ? '1.3' : 'none'};
}

/** The knobs of `k` that differ from the defaults (those of its transport, for tls), in table order. */
export function nonDefaultKnobs(k: Knobs): Partial<Knobs> {
  const defaults = {...defaultKnobs(k.transport), transport: DEFAULT_KNOBS.transport};
  return Object.fromEntries(KNOB_NAMES.filter((name) => k[name] !== defaults[name]).map((name) => [name, k[name]]));
}

// Clashes between values that each make sense alone (CLI.md "Conflicts"); checked after the
// per-knob rules, except QUIC's TLS version, which is checked first because it is usually the
// root cause of every other complaint about a QUIC run.
const TLS_OVER_QUIC: Conflict = clash(
  (k) =>
    k.transport === 'quic' && k.tls !== '1.3'
      ? `tls=${k.tls} is impossible over QUIC, which always carries TLS 1.3 (RFC 9001); set tls=1.3 or transport=tcp.`
      : undefined,
  'transport',
  'tcp',
  'tls',
  '1.3',
);

/** Knob values a run of several connections does not model (persistent=off with objects, or parallel above 1): each names itself. */
function severalConnectionsProblem(k: Knobs): string | undefined {
  if (!severalConnections(k)) return undefined;
  const what = k.persistent === 'off' ? 'persistent=off opens a connection for each object' : `parallel=${k.parallel} opens several connections`;
  const one = [k.persistent === 'off' ? 'persistent=on' : '', k.parallel > 1 ? 'parallel=1' : ''].filter(Boolean).join(' and ');
  if (k.pipelining === 'on') return `${what}, and pipelining=on is modelled on one connection; set pipelining=off, or ${one}.`;
  if (k.open !== 'normal') return `${what}, each with a normal open, but open=${k.open}; set open=normal.`;
  if (k.tfo !== 'off') return `${what}, each without TCP Fast Open, but tfo=${k.tfo}; set tfo=off.`;
  if (k.lose !== 'none') return `${what}, where a lost segment would be ambiguous, but lose=${k.lose}; set lose=none.`;
  if (k.vectors !== 'off') return `${what}, but RFC 8448's keys belong to one connection; set vectors=off.`;
  return undefined;
}

/** Whether a run has more than one connection: the base page's, and those its objects open. */
export function severalConnections(k: Pick<Knobs, 'persistent' | 'parallel' | 'objects'>): boolean {
  return k.objects > 0 && (k.persistent === 'off' || k.parallel > 1);
}

const CONFLICTS: readonly Conflict[] = [
  {
    problem: severalConnectionsProblem,
    // The knob that opened several connections wins when pinned; otherwise the page goes back to one connection.
    repair: (_k, pinned) =>
      pinned.has('persistent') || pinned.has('parallel') || pinned.has('objects')
        ? {kind: 'needed', set: {pipelining: 'off', open: 'normal', tfo: 'off', lose: 'none', vectors: 'off'}}
        : // Not a knob that stopped applying: the chosen value needs one connection (so a contrast never does this quietly).
          {kind: 'needed', set: {persistent: 'on', parallel: 1}},
  },
  clash(
    (k) =>
      k.earlyData !== 'off' && k.resume !== 'on'
        ? `earlyData=${k.earlyData} needs a ticket from an earlier connection, but resume=off; ` +
          `set resume=on or earlyData=off.`
        : undefined,
    'earlyData',
    'off',
    'resume',
    'on',
  ),
  clash(
    (k) =>
      k.earlyData === 'accepted' && k.hrr === 'on'
        ? 'earlyData=accepted is impossible with hrr=on, because a server that sends a HelloRetryRequest ' +
          'always rejects early data (RFC 8446 §4.2.10); use earlyData=rejected or hrr=off.'
        : undefined,
    'earlyData',
    'rejected',
    'hrr',
    'off',
  ),
  clash(
    (k) =>
      k.falseStart === 'on' && k.resume === 'on'
        ? 'falseStart=on needs a full TLS 1.2 handshake, but resume=on resumes one, where the server\'s Finished ' +
          'already comes first (RFC 5077 §3.1), so there is nothing to start early; set falseStart=off or resume=off.'
        : undefined,
    'falseStart',
    'off',
    'resume',
    'off',
  ),
  clash(
    (k) =>
      k.falseStart === 'on' && k.clientAuth === 'on'
        ? 'falseStart=on is not allowed when the client sends a certificate (clientAuth=on, RFC 7918 §5.3); ' +
          'set falseStart=off or clientAuth=off.'
        : undefined,
    'falseStart',
    'off',
    'clientAuth',
    'off',
  ),
  clash(
    (k) => (k.tfo !== 'off' && k.open !== 'normal' ? `tfo=${k.tfo} only changes a normal open, but open=${k.open}; set tfo=off or open=normal.` : undefined),
    'tfo',
    'off',
    'open',
    'normal',
  ),
  clash(
    (k) =>
      k.open === 'refused' && k.tls !== 'none'
        ? `open=refused never opens a connection, so tls=${k.tls} has nothing to run on; ` + 'set tls=none or use the tcp-refused preset.'
        : undefined,
    'open',
    'normal',
    'tls',
    'none',
  ),
  clash(
    (k) =>
      k.open === 'refused' && k.data !== 'none'
        ? `open=refused never opens a connection, so data=${k.data} cannot be sent; ` + 'set data=none, as the tcp-refused preset does.'
        : undefined,
    'open',
    'normal',
    'data',
    'none',
  ),
  clash(
    (k) =>
      k.open === 'refused' && k.close !== 'none'
        ? `open=refused never opens a connection, so close=${k.close} has nothing to close; ` + 'set close=none or use the tcp-refused preset.'
        : undefined,
    'open',
    'normal',
    'close',
    'none',
  ),
];

function valueProblem(name: KnobName, value: unknown): string | undefined {
  const allowed: IntRange | readonly unknown[] = KNOBS[name].values;
  if ('min' in allowed) {
    return Number.isInteger(value) && (value as number) >= allowed.min && (value as number) <= allowed.max
      ? undefined
      : `${name} must be ${rangeSentence(allowed)}, not '${String(value)}'.`;
  }
  if (allowed.includes(value)) return undefined;
  const names = allowed.map(String);
  const raw = String(value);
  const hint = didYouMean(raw, names, '');
  return hint === ''
    ? `Unknown value '${raw}' for ${name}; use one of ${names.join(', ')}.`
    : `Unknown value '${raw}' for ${name} (allowed: ${names.join(', ')}); ${hint}`;
}

/** Throws a UsageError naming the first invalid value, knob that does not apply, or conflict. */
export function validateKnobs(k: Knobs): void {
  const problem = firstProblem(k);
  if (problem !== undefined) throw new UsageError(problem);
}

/** The sentence for the first thing wrong with `k`, or undefined when it simulates. */
export function knobsProblem(k: Knobs): string | undefined {
  return firstProblem(k);
}

interface Failure {
  problem: string;
  /** Undefined for a value no other knob can make right. */
  repair?: (pinned: ReadonlySet<KnobName>) => Repair;
}

function firstFailure(k: Knobs): Failure | undefined {
  for (const name of KNOB_NAMES) {
    const problem = valueProblem(name, k[name]);
    if (problem !== undefined) return {problem};
  }
  const quic = TLS_OVER_QUIC.problem(k);
  if (quic !== undefined) return {problem: quic, repair: (pinned) => TLS_OVER_QUIC.repair(k, pinned)};
  for (const name of KNOB_NAMES) {
    // A knob left at its default is fine anywhere: only a value the user chose can be misplaced.
    if (k[name] === KNOBS[name].default) continue;
    for (const r of KNOBS[name].rules as readonly Rule[]) {
      const problem = r.problem(k, name);
      if (problem !== undefined) return {problem, repair: (pinned) => r.repair(k, name, pinned)};
    }
  }
  for (const conflict of CONFLICTS) {
    const problem = conflict.problem(k);
    if (problem !== undefined) return {problem, repair: (pinned) => conflict.repair(k, pinned)};
  }
  return undefined;
}

function firstProblem(k: Knobs): string | undefined {
  return firstFailure(k)?.problem;
}

export interface KnobChange {
  knob: KnobName;
  /** 'reset': the knob no longer applied and went back to its default; 'needed': the chosen value needs it. */
  kind: 'reset' | 'needed';
  from: Knobs[KnobName];
  to: Knobs[KnobName];
  /** The rule that made the change: the sentence validateKnobs would have given without it. */
  why: string;
}

export interface WithKnob {
  /** The knob set to run: `name` as chosen, other knobs changed only as the rules require. */
  knobs: Knobs;
  /** The other knobs the rules changed, in the order they were changed. */
  changed: KnobChange[];
  /** Set when no valid knob set keeps the choice (a value out of range): `knobs` is then not valid. */
  problem?: string;
}

/**
 * Sets one knob and applies the engine's rules to the others: a knob that no longer applies goes
 * back to its default, and one the new value needs is set (tfo=cookie over QUIC brings TCP back;
 * transport=quic brings TLS 1.3). The chosen knob itself is never changed by the rules.
 */
export function withKnob<K extends KnobName>(knobs: Knobs, name: K, value: Knobs[K]): WithKnob {
  let k: Knobs = {...knobs, [name]: value};
  const changed: KnobChange[] = [];
  // The chosen knob, and every knob set because something pinned needs it, stay as they are.
  const pinned = new Set<KnobName>([name]);
  // Each repair settles one rule; a handful settle any set, and the bound keeps a rule cycle finite.
  for (let round = 0; round <= KNOB_NAMES.length; round++) {
    const failure = firstFailure(k);
    if (failure === undefined) return {knobs: k, changed};
    const fix = failure.repair?.(pinned);
    const next: Knobs = {...k, ...fix?.set};
    const moved = KNOB_NAMES.filter((knob) => next[knob] !== k[knob]);
    if (fix === undefined || moved.length === 0 || moved.some((knob) => pinned.has(knob))) return {knobs: k, changed, problem: failure.problem};
    for (const knob of moved) {
      changed.push({knob, kind: fix.kind, from: k[knob], to: next[knob], why: failure.problem});
      if (fix.kind === 'needed') pinned.add(knob);
    }
    k = next;
  }
  return {knobs: k, changed, problem: firstProblem(k)};
}

function knobName(name: string): KnobName {
  if ((KNOB_NAMES as string[]).includes(name)) return name as KnobName;
  throw new UsageError(
    `Unknown knob '${name}'; ${didYouMean(name, KNOB_NAMES, `the knobs are ${KNOB_NAMES.join(', ')}.`)}`,
  );
}

/** A value typed by hand (`--set k=v`, lesson files): the number for closeDelayMs, else the string. */
function parseValue(name: KnobName, raw: string): string | number {
  const value = 'min' in KNOBS[name].values && /^\d+$/.test(raw) ? Number(raw) : raw;
  const problem = valueProblem(name, value);
  if (problem !== undefined) throw new UsageError(problem);
  return value;
}

/**
 * The knobs a run uses: the preset's values, then the overrides (checked by name and value),
 * then the defaults of the chosen transport; throws a UsageError when the result is invalid.
 */
export function resolveKnobs(preset: Partial<Knobs>, overrides: Record<string, string>): Knobs {
  const chosen: Partial<Record<KnobName, string | number>> = {...preset};
  for (const [name, raw] of Object.entries(overrides)) {
    const knob = knobName(name);
    chosen[knob] = parseValue(knob, raw);
  }
  const knobs = {...defaultKnobs(chosen.transport === 'quic' ? 'quic' : 'tcp'), ...chosen} as Knobs;
  validateKnobs(knobs);
  return knobs;
}

export interface KnobDescription {
  name: KnobName;
  /** The allowed values as text: 'tcp, quic' or '0–10000'. */
  values: string;
  default: string;
  description: string;
  appliesTo: string;
}

/** The knob table as text cells, for help screens and documentation. */
export function describeKnobs(): KnobDescription[] {
  return KNOB_NAMES.map((name) => {
    const spec = KNOBS[name];
    const values: IntRange | readonly unknown[] = spec.values;
    return {
      name,
      values: 'min' in values ? `${values.min}–${values.max}` : values.join(', '),
      default: name === 'tls' ? `${DEFAULT_KNOBS.tls} (tcp), ${defaultKnobs('quic').tls} (quic)` : String(spec.default),
      description: spec.description,
      appliesTo: spec.appliesTo,
    };
  });
}
