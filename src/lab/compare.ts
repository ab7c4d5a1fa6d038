// The real run beside the simulated one: both cut into flights (what one side sends before it
// hears from the other), flights paired by what they carry, and every difference said with its
// reason: what the lab cannot see (pure ACKs, the kernel's handshake), what the real stacks do
// otherwise (OpenSSL's two tickets, its own ClientHello, the time it takes to sign), and what
// Node cannot do at all (the knobs the lab ran without).
import type {Frame, Side, Trace} from '../engine/types.js';
import type {Relayed} from './proxy.js';
import type {ChunkContents} from './records.js';
import type {RealRun} from './stacks.js';
import type {Dropped} from './support.js';

export interface Flight {
  side: Side;
  /** When its first byte left the sender, ms from the client's first packet (t = 0). */
  sentMs: number;
  /** When its last byte reached the other side. */
  arrivedMs: number;
  /** Application bytes (TCP payload) it carried. */
  bytes: number;
  /** What it carried, in order: TLS messages, 'request', 'response', 'FIN', 'RST'. */
  names: string[];
}

export interface Row {
  side: Side;
  what: string;
  simulatedMs: number | null;
  realMs: number | null;
  /** How long the sender took, from the arrival of what it answers (or from connect()) to sending this. */
  simulatedWaitMs: number | null;
  realWaitMs: number | null;
  simulatedBytes: number | null;
  realBytes: number | null;
}

export interface Comparison {
  rows: Row[];
  /** The moments a learner counts to, simulated and real. */
  moments: {what: string; simulatedMs: number | null; realMs: number | null}[];
  differences: string[];
}

/** A frame's contents named as the lab names a chunk's. */
function frameNames(frame: Frame): string[] {
  const names: string[] = [];
  for (const record of frame.tls) {
    if (record.contentType === 'change_cipher_spec') names.push('ChangeCipherSpec');
    else if (record.contentType === 'alert' || record.innerType === 'alert') names.push('Alert');
    else if (record.messages.length > 0) names.push(...record.messages);
  }
  if (frame.app !== null && names[names.length - 1] !== frame.app) names.push(frame.app);
  const flags = frame.tcp?.flags ?? [];
  if (flags.includes('FIN')) names.push('FIN');
  if (flags.includes('RST')) names.push('RST');
  return names;
}

const carries = (frame: Frame) => (frame.tcp?.len ?? 0) > 0 || (frame.tcp?.flags ?? []).some((f) => f === 'FIN' || f === 'RST');

/** The simulation's flights: consecutive frames from one side sent at the same moment, pure ACKs and the SYNs left out. */
export function simulatedFlights(trace: Trace): Flight[] {
  const flights: Flight[] = [];
  for (const frame of trace.frames.filter((f) => !f.dropped && carries(f))) {
    const last = flights[flights.length - 1];
    const names = frameNames(frame);
    if (last && last.side === frame.from && Math.abs(last.sentMs - frame.sendMs) < 1e-6) {
      for (const n of names) if (last.names[last.names.length - 1] !== n || (n !== 'request' && n !== 'response')) last.names.push(n);
      last.bytes += frame.tcp?.len ?? 0;
      last.arrivedMs = frame.arriveMs ?? last.arrivedMs;
    } else flights.push({side: frame.from, sentMs: frame.sendMs, arrivedMs: frame.arriveMs ?? frame.sendMs, bytes: frame.tcp?.len ?? 0, names});
  }
  return flights;
}

/** The lab's flights: consecutive chunks from one side, none from the other between, within `gapMs` of each other. */
export function realFlights(relayed: readonly Relayed[], contents: readonly ChunkContents[], gapMs: number): Flight[] {
  const flights: Flight[] = [];
  let lastSent = -Infinity;
  relayed.forEach((chunk, i) => {
    const last = flights[flights.length - 1];
    const names = contents[i]!.names;
    if (last && last.side === chunk.from && chunk.sentMs - lastSent <= gapMs) {
      for (const n of names) if (last.names[last.names.length - 1] !== n || (n !== 'request' && n !== 'response')) last.names.push(n);
      last.bytes += chunk.bytes.length;
      last.arrivedMs = chunk.arrivedMs;
    } else flights.push({side: chunk.from, sentMs: chunk.sentMs, arrivedMs: chunk.arrivedMs, bytes: chunk.bytes.length, names: [...names]});
    lastSent = chunk.sentMs;
  });
  return flights;
}

const shares = (a: Flight, b: Flight) => a.side === b.side && a.names.some((n) => b.names.includes(n));

/**
 * How long each flight's sender took: from the arrival of the last thing the other side sent
 * (or, for the client's first flight, from connect() returning) to sending it.
 */
function waits(flights: readonly Flight[], connectMs: number | null): (number | null)[] {
  return flights.map((f, i) => {
    const before = flights.slice(0, i).reverse().find((g) => g.side !== f.side && g.arrivedMs <= f.sentMs + 1e-6);
    if (before) return Math.max(0, f.sentMs - before.arrivedMs);
    return f.side === 'client' && connectMs !== null ? Math.max(0, f.sentMs - connectMs) : null;
  });
}

export function compare(trace: Trace, real: RealRun, realList: Flight[], dropped: readonly Dropped[]): Comparison {
  const sim = simulatedFlights(trace);
  const established = trace.events.find((e) => e.side === 'client' && e.layer === 'tcp' && e.to === 'ESTABLISHED')?.atMs ?? null;
  const simWait = waits(sim, established);
  const realWait = waits(realList, real.moments.connectMs);
  const rows: Row[] = [];
  const used = new Set<number>();
  let from = 0;
  const realOnly = (k: number): Row => {
    const r = realList[k]!;
    return {side: r.side, what: r.names.join(' + '), simulatedMs: null, realMs: r.sentMs, simulatedWaitMs: null, realWaitMs: realWait[k]!, simulatedBytes: null, realBytes: r.bytes};
  };
  sim.forEach((s, i) => {
    const j = realList.findIndex((r, k) => k >= from && !used.has(k) && shares(s, r));
    if (j < 0) {
      rows.push({side: s.side, what: s.names.join(' + '), simulatedMs: s.sentMs, realMs: null, simulatedWaitMs: simWait[i]!, realWaitMs: null, simulatedBytes: s.bytes, realBytes: null});
      return;
    }
    // Real flights passed over on the way are rows of their own, in their place.
    for (let k = from; k < j; k++) if (!used.has(k)) (used.add(k), rows.push(realOnly(k)));
    used.add(j);
    from = j + 1;
    const r = realList[j]!;
    const same = s.names.join(' + ') === r.names.join(' + ');
    rows.push({
      side: s.side,
      what: same ? s.names.join(' + ') : `${s.names.join(' + ')} (real: ${r.names.join(' + ')})`,
      simulatedMs: s.sentMs,
      realMs: r.sentMs,
      simulatedWaitMs: simWait[i]!,
      realWaitMs: realWait[j]!,
      simulatedBytes: s.bytes,
      realBytes: r.bytes,
    });
  });
  realList.forEach((_, k) => {
    if (!used.has(k)) rows.push(realOnly(k));
  });
  const moments = [
    {what: "client's connect() returns (ESTABLISHED)", simulatedMs: established, realMs: real.moments.connectMs},
    {what: 'request sent', simulatedMs: trace.summary.requestSentMs, realMs: real.moments.requestSentMs},
    {what: "response's first byte received", simulatedMs: trace.summary.responseReceivedMs, realMs: real.moments.responseFirstByteMs},
  ];
  return {rows, moments, differences: differences(trace, real, rows, sim, realList, moments, dropped)};
}

const ms = (value: number) => `${Math.round(value * 10) / 10} ms`;

/** A difference in time worth a sentence: above the timers' own millisecond. */
const NOTICEABLE_MS = 1.5;

function differences(
  trace: Trace,
  real: RealRun,
  rows: Row[],
  sim: Flight[],
  realList: Flight[],
  moments: Comparison['moments'],
  dropped: readonly Dropped[],
): string[] {
  const out: string[] = [];
  for (const d of dropped) out.push(`Ran without ${d.knob}=${d.value}: ${d.why}. The simulation beside it runs without it too.`);
  out.push(
    "The TCP handshake is the kernel's, done on loopback in microseconds; the lab holds the client's connect() for one round trip and opens the server's side 1.5 round trips in, as a real path would (a relay above the sockets cannot delay a SYN).",
  );
  const pureAcks = trace.frames.filter((f) => !carries(f) && !(f.tcp?.flags ?? []).includes('SYN')).length;
  if (pureAcks > 0) {
    out.push(
      `The simulation shows ${pureAcks} pure ACK${pureAcks === 1 ? '' : 's'}; the lab sees none, because the kernel sends ACKs below the sockets (and may delay them: Linux waits at least 40 ms unless it is in quick-ACK mode, as at a connection's start).`,
    );
  }
  const tickets = (flights: Flight[]) => flights.reduce((n, f) => n + (f.side === 'server' ? f.names.filter((x) => x === 'NewSessionTicket').length : 0), 0);
  if (real.tls !== null) {
    const [simTickets, realTickets] = [tickets(sim), tickets(realList)];
    out.push(
      realTickets === simTickets
        ? `Both servers sent ${realTickets} NewSessionTicket${realTickets === 1 ? '' : 's'}${realTickets === 2 ? ", OpenSSL's default after a full handshake (SSL_CTX_set_num_tickets)" : ''}.`
        : `The real server sent ${realTickets} NewSessionTicket${realTickets === 1 ? '' : 's'}, the simulation ${simTickets} (it follows OpenSSL's default of two after a full handshake).`,
    );
  }
  for (const row of rows) {
    if (row.realMs === null) out.push(`The simulation's ${row.side} sends ${row.what} at ${ms(row.simulatedMs!)}; the real ${row.side} sent no such flight.`);
    else if (row.simulatedMs === null) out.push(`The real ${row.side} sent ${row.what} at ${ms(row.realMs)} as a flight of its own; the simulation has no such flight.`);
    if (row.realWaitMs !== null && row.simulatedWaitMs !== null && row.realWaitMs - row.simulatedWaitMs >= NOTICEABLE_MS) {
      out.push(
        `The real ${row.side} took ${ms(row.realWaitMs)} to send ${row.what} after ${row.side === 'client' && row === rows.find((r) => r.side === 'client') ? 'connect() returned' : 'what it answers arrived'}; the simulation takes ${ms(row.simulatedWaitMs)}: ${computing(row)}.`,
      );
    }
    if (row.simulatedBytes !== null && row.realBytes !== null && row.simulatedBytes !== row.realBytes) {
      out.push(`${row.what}: ${row.realBytes} bytes from the real ${row.side}, ${row.simulatedBytes} simulated; ${sizeReason(row, trace)}.`);
    }
  }
  const response = moments[2]!;
  if (response.realMs !== null && response.simulatedMs !== null) {
    const late = response.realMs - response.simulatedMs;
    out.push(
      `All told the response's first byte arrived ${ms(Math.abs(late))} ${late >= 0 ? 'later' : 'earlier'} than simulated${late >= NOTICEABLE_MS ? ': the computing times above, added up' : ', within the timers\' own millisecond'}.`,
    );
  }
  if (real.tls !== null) {
    out.push(
      "Nagle's algorithm is on in Node's sockets (noDelay is false), yet it never holds a write here: on loopback the relay acknowledges at once. On a real path a small write behind an unacknowledged one waits for that ACK (RFC 896), which is why browsers set TCP_NODELAY.",
    );
  }
  return out;
}

function computing(row: Row): string {
  const what = row.what;
  if (what.includes('CertificateVerify') || what.includes('ServerKeyExchange')) return 'its key share and an RSA-2048 signature, which the simulation counts as nothing';
  if (what.startsWith('ClientHello')) return 'making its key share (and, first in a process, loading OpenSSL\'s configuration), which the simulation counts as nothing';
  if (row.side === 'client' && what.includes('Finished')) return 'checking the server\'s flight (the certificate and its signature) and deriving the keys, which the simulation counts as nothing';
  return 'computing time and the event loop, which the simulation counts as nothing';
}

function sizeReason(row: Row, trace: Trace): string {
  const what = row.what;
  if (what.startsWith('ClientHello')) {
    const padded = trace.frames.some((f) => f.tls.some((r) => r.messages.includes('ClientHello')) && (f.tcp?.len ?? 0) >= 517);
    return `OpenSSL's ClientHello offers its own suites, groups and extensions${padded ? ", and no padding extension, where the simulation's is padded to 512 bytes as browsers do (RFC 7685)" : ''}`;
  }
  if (what.includes('HelloRetryRequest')) return "OpenSSL's HelloRetryRequest carries its own extensions";
  if (what.includes('ServerHello')) return "OpenSSL's server flight has its own extensions and record boundaries (the certificates are the simulation's own)";
  if (what.includes('NewSessionTicket')) return "OpenSSL's tickets are its own size";
  return 'the records are framed differently';
}
