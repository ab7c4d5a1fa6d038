// The rules every trace must keep (ARCHITECTURE.md "Invariants"). Property tests run this over
// generated knob combinations; it returns every violation as a sentence, empty when all hold.

import {connectionNumbers, connectionTraces} from './connections.js';
import {BANDWIDTH_KBPS} from './knobs.js';
import {seqAdd, seqDiff} from './tcp/seq.js';
import type {Frame, Side, TcpState, Trace} from './types.js';

/** RFC 9293 Figure 5 plus §3.10.7.4's FIN-WAIT-1 → TIME-WAIT, §3.10.4 and the reset and abort paths. */
const TCP_TRANSITIONS: Record<TcpState, TcpState[]> = {
  CLOSED: ['LISTEN', 'SYN-SENT'],
  LISTEN: ['SYN-RECEIVED', 'SYN-SENT', 'CLOSED'],
  'SYN-SENT': ['SYN-RECEIVED', 'ESTABLISHED', 'CLOSED'],
  'SYN-RECEIVED': ['ESTABLISHED', 'FIN-WAIT-1', 'LISTEN', 'CLOSED', 'CLOSE-WAIT'],
  ESTABLISHED: ['FIN-WAIT-1', 'CLOSE-WAIT', 'CLOSED'],
  'FIN-WAIT-1': ['FIN-WAIT-2', 'CLOSING', 'TIME-WAIT', 'CLOSED'],
  'FIN-WAIT-2': ['TIME-WAIT', 'CLOSED'],
  'CLOSE-WAIT': ['LAST-ACK', 'CLOSED'],
  CLOSING: ['TIME-WAIT', 'CLOSED'],
  'LAST-ACK': ['CLOSED'],
  'TIME-WAIT': ['CLOSED'],
};

const SIDES: Side[] = ['client', 'server'];

function checkTime(trace: Trace, out: string[]): void {
  const oneWay = trace.rttMs / 2;
  // With a rate, each frame is transmitted (its bits ÷ the rate) after those sent ahead of it the same way, then propagates.
  const kbps = BANDWIDTH_KBPS[trace.knobs.bandwidth ?? 'off'];
  const free: Record<Side, number> = {client: 0, server: 0};
  let last = 0;
  for (const f of trace.frames) {
    if (f.sendMs < last) out.push(`frame ${f.id} is sent at ${f.sendMs} ms, before the frame listed ahead of it`);
    last = f.sendMs;
    if (f.dropped !== (f.arriveMs === null)) out.push(`frame ${f.id}: dropped and arriveMs disagree`);
    let delay = oneWay;
    if (kbps > 0) {
      const start = Math.max(f.sendMs, free[f.from]);
      free[f.from] = start + (f.wireBytes * 8) / kbps;
      delay = free[f.from] - f.sendMs + oneWay;
    }
    // The link keeps whole nanoseconds with a rate; without one, times are exact.
    if (f.arriveMs !== null && Math.abs(f.arriveMs - f.sendMs - delay) > (kbps > 0 ? 1e-5 : 1e-9)) out.push(`frame ${f.id} takes ${f.arriveMs - f.sendMs} ms, not ${kbps > 0 ? 'its queueing and transmission time and ' : ''}RTT/2`);
  }
  let lastEvent = 0;
  for (const e of trace.events) {
    if (e.atMs < lastEvent) out.push(`event ${e.side} ${e.from}→${e.to} goes back in time`);
    lastEvent = e.atMs;
  }
}

function checkIds(trace: Trace, out: string[]): void {
  const seen = new Set<string>();
  for (const f of trace.frames) {
    if (seen.has(f.id)) out.push(`frame id ${f.id} is used twice`);
    seen.add(f.id);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*(#[0-9]+)?$/.test(f.id)) out.push(`frame id ${f.id} is not kebab-case`);
  }
}

/** SYN and FIN take one sequence number, data its length; each side's numbers run without gaps. */
function checkSequenceSpace(trace: Trace, out: string[]): void {
  const next: Partial<Record<Side, number>> = {};
  const finAt: Partial<Record<Side, number>> = {};
  for (const f of trace.frames) {
    const tcp = f.tcp;
    if (!tcp) continue;
    // Nothing new follows a FIN (RFC 9293 §3.10.2: SEND after CLOSE is refused).
    const fin = finAt[f.from];
    if (fin !== undefined && tcp.seqLen > 0 && seqDiff(tcp.seq, fin) > 0) out.push(`frame ${f.id} sends data after the ${f.from}'s FIN`);
    if (tcp.flags.includes('FIN') && fin === undefined) finAt[f.from] = seqAdd(tcp.seq, tcp.len);
    const expectedLen = tcp.len + (tcp.flags.includes('SYN') ? 1 : 0) + (tcp.flags.includes('FIN') ? 1 : 0);
    if (tcp.seqLen !== expectedLen) out.push(`frame ${f.id}: seqLen ${tcp.seqLen}, expected ${expectedLen}`);
    if (tcp.flags.includes('ACK') !== (tcp.ack !== null)) out.push(`frame ${f.id}: ack field and ACK flag disagree`);
    const sender = next[f.from];
    if (tcp.flags.includes('RST')) continue;
    if (sender === undefined) {
      next[f.from] = seqAdd(tcp.seq, tcp.seqLen);
      continue;
    }
    const gap = seqDiff(tcp.seq, sender);
    if (gap > 0) out.push(`frame ${f.id}: seq ${tcp.seq} skips ${gap} numbers after ${sender}`);
    // A segment that starts earlier is a retransmission (or resends data the peer did not take).
    const end = seqAdd(tcp.seq, tcp.seqLen);
    if (seqDiff(end, sender) > 0) next[f.from] = end;
  }
}

/** Acknowledgments never go backwards and never cover what the peer has not sent. */
function checkAcks(trace: Trace, out: string[]): void {
  const sentUpTo: Partial<Record<Side, number>> = {};
  const lastAck: Partial<Record<Side, number>> = {};
  for (const f of trace.frames) {
    const tcp = f.tcp;
    if (!tcp) continue;
    if (!tcp.flags.includes('RST')) {
      const end = seqAdd(tcp.seq, tcp.seqLen);
      const prev = sentUpTo[f.from];
      if (prev === undefined || seqDiff(end, prev) > 0) sentUpTo[f.from] = end;
    }
    if (tcp.ack === null || tcp.flags.includes('RST')) continue;
    const peer = f.from === 'client' ? 'server' : 'client';
    const peerSent = sentUpTo[peer];
    if (peerSent !== undefined && seqDiff(tcp.ack, peerSent) > 0) out.push(`frame ${f.id} acknowledges ${tcp.ack}, beyond what the ${peer} sent (${peerSent})`);
    const before = lastAck[f.from];
    if (before !== undefined && seqDiff(tcp.ack, before) < 0) out.push(`frame ${f.id}: ack ${tcp.ack} goes back from ${before}`);
    lastAck[f.from] = tcp.ack;
  }
}

function checkTransitions(trace: Trace, out: string[]): void {
  for (const e of trace.events) {
    if (e.layer !== 'tcp' || e.from === null || e.to === null) continue;
    const allowed = TCP_TRANSITIONS[e.from as TcpState] ?? [];
    // A SYN cookie rebuilds the connection straight into ESTABLISHED (RFC 4987 §3.6).
    const cookie = trace.knobs.open === 'syn-cookies' && e.from === 'LISTEN' && e.to === 'ESTABLISHED';
    if (!allowed.includes(e.to as TcpState) && !cookie) out.push(`${e.side} moved ${e.from} → ${e.to}, which RFC 9293 does not allow`);
  }
}

/** The "after" states in frames agree with the state changes the events record. */
function checkAfterStates(trace: Trace, out: string[]): void {
  if (trace.knobs.transport !== 'tcp') return;
  for (const f of trace.frames) {
    for (const side of SIDES) {
      const at = side === f.from || f.dropped ? f.sendMs : f.arriveMs!;
      const changes = trace.events.filter((e) => e.side === side && e.layer === 'tcp' && e.atMs <= at);
      const possible = new Set<string>(changes.filter((e) => e.atMs === at).flatMap((e) => [e.from ?? 'CLOSED', e.to ?? 'CLOSED']));
      const latest = changes.length > 0 ? changes[changes.length - 1]!.to : 'CLOSED';
      const state = f.after[side].tcp;
      if (state !== latest && !possible.has(state ?? '')) out.push(`frame ${f.id}: ${side} state ${state} does not match its state changes (${latest})`);
    }
  }
}

function checkSummary(trace: Trace, out: string[]): void {
  const {summary, knobs, rttMs} = trace;
  const exchanges = knobs.data === 'request-response' && knobs.open !== 'refused';
  if (!exchanges) {
    if (Object.values(summary).some((v) => v !== null)) out.push('summary has figures although no request was exchanged');
    return;
  }
  if (summary.requestSentMs === null || summary.responseReceivedMs === null) {
    out.push('the request or the response never arrived');
    return;
  }
  const requestFrames = trace.frames.filter((f: Frame) => f.app === 'request' && f.delivered);
  const firstSent = Math.min(...requestFrames.map((f) => f.sendMs));
  if (firstSent !== summary.requestSentMs) out.push(`requestSentMs ${summary.requestSentMs} is not the first delivered request frame (${firstSent})`);
  // Client speaks first, the server answers at once: the response lands one RTT after the request left
  // (protocol-facts §0.4), unless a segment was lost on the way and had to be sent again.
  const lossy = trace.frames.some((f: Frame) => f.dropped);
  // With a rate, the exchange also takes the frames' transmission times (the link's invariant above holds each one).
  const timed = BANDWIDTH_KBPS[knobs.bandwidth ?? 'off'] > 0;
  if (!lossy && !timed && Math.abs(summary.responseReceivedMs - summary.requestSentMs - rttMs) > 1e-9) {
    out.push(`response at ${summary.responseReceivedMs} ms is not one RTT after the request (${summary.requestSentMs} ms)`);
  }
  if (summary.requestSentRtt !== summary.requestSentMs / rttMs) out.push('requestSentRtt is not requestSentMs / rttMs');
}

/** Only the side whose FIN went first waits in TIME-WAIT; both do after a simultaneous close (RFC 9293 §3.6). */
function checkTimeWait(trace: Trace, out: string[]): void {
  const {close, closer} = trace.knobs;
  if (trace.knobs.transport !== 'tcp') return;
  const waited = new Set(trace.events.filter((e) => e.layer === 'tcp' && e.to === 'TIME-WAIT').map((e) => e.side));
  const crossed = trace.events.some((e) => e.layer === 'tcp' && e.to === 'CLOSING');
  if (close === 'none' || close === 'abort') {
    if (waited.size > 0) out.push(`TIME-WAIT without a FIN exchange (close=${close})`);
    return;
  }
  // A "simultaneous" close whose FINs did not cross (the server closed later) is an ordinary close by the client.
  const expected: Side[] = crossed ? ['client', 'server'] : [close === 'simultaneous' ? 'client' : closer];
  for (const side of expected) if (!waited.has(side)) out.push(`the ${side} should have entered TIME-WAIT`);
  if (waited.size !== expected.length) out.push(`${[...waited].join(' and ')} entered TIME-WAIT; expected only ${expected.join(' and ')}`);
  const finalStates = SIDES.map((side) => trace.events.filter((e) => e.side === side && e.layer === 'tcp').at(-1)?.to);
  if (finalStates.some((s) => s !== 'CLOSED')) out.push(`after the close both sides should end CLOSED, not ${finalStates.join(' and ')}`);
}

function checkQuic(trace: Trace, out: string[]): void {
  if (trace.knobs.transport !== 'quic') return;
  const lastPn = new Map<string, number>();
  let received = 0;
  let sent = 0;
  let validated = false;
  for (const f of trace.frames) {
    const packets = f.quic?.packets ?? [];
    const udp = packets.reduce((sum, p) => sum + p.length, 0);
    if (f.from === 'client' && packets.some((p) => p.type === 'initial') && udp < 1200) out.push(`frame ${f.id}: a client datagram with an Initial is only ${udp} bytes (RFC 9000 §14.1)`);
    for (const p of packets) {
      if (p.pn === null) continue;
      const space = `${f.from}/${p.type === '0rtt' || p.type === '1rtt' ? 'app' : p.type}`;
      const prev = lastPn.get(space);
      if (prev !== undefined && p.pn <= prev) out.push(`frame ${f.id}: packet number ${p.pn} in ${space} does not increase`);
      lastPn.set(space, p.pn);
    }
    if (f.from === 'client') {
      received += udp;
      if (packets.some((p) => p.type === 'handshake')) validated = true;
      if (packets.some((p) => p.type === 'initial') && trace.frames.some((g) => g.index < f.index && g.quic?.packets.some((p) => p.type === 'retry'))) validated = true;
    } else if (packets.some((p) => p.type !== 'retry')) {
      sent += udp;
      if (!validated && sent > 3 * received) out.push(`frame ${f.id}: the server sent ${sent} bytes before validating an address that sent ${received} (RFC 9000 §8)`);
    }
  }
}

/** A page load of several connections: each opens, carries its share and, with a close, ends (RFC 9112 §9.3, §9.6). */
function checkConnections(trace: Trace, out: string[]): void {
  const {knobs, summary} = trace;
  if (knobs.objects === 0 || knobs.data !== 'request-response' || summary.connections === undefined) return;
  const opened = connectionNumbers(trace).length;
  if (opened !== summary.connections) out.push(`summary says ${summary.connections} connections, the frames show ${opened}`);
  const expected = knobs.persistent === 'off' ? 1 + knobs.objects : Math.min(knobs.parallel, knobs.objects);
  if (summary.connections !== expected) out.push(`${summary.connections} connections for ${knobs.objects} objects (persistent=${knobs.persistent}, parallel=${knobs.parallel}); expected ${expected}`);
  const responses = trace.frames.filter((f) => f.app === 'response' && f.delivered).map((f) => f.connection ?? 1);
  if (knobs.persistent === 'off') for (let n = 1; n <= opened; n++) if (!responses.includes(n)) out.push(`connection ${n} carried no response`);
  // Never more connections at once than `parallel` for the objects, besides the base page's.
  const spans = connectionTraces(trace).map((t) => ({from: t.frames[0]?.sendMs ?? 0, to: Math.max(...t.frames.filter((f) => f.app === 'response').map((f) => f.arriveMs ?? 0))}));
  for (const s of spans.slice(1)) {
    const open = spans.slice(1).filter((o) => o.from <= s.from && o.to > s.from).length;
    if (open > knobs.parallel) out.push(`${open} object connections fetch at once at ${s.from} ms, more than parallel=${knobs.parallel}`);
  }
}

export function checkTrace(trace: Trace): string[] {
  const out: string[] = [];
  checkTime(trace, out);
  checkIds(trace, out);
  for (const connection of connectionTraces(trace)) {
    checkSequenceSpace(connection, out);
    checkAcks(connection, out);
    checkTransitions(connection, out);
    checkAfterStates(connection, out);
    checkTimeWait(connection, out);
  }
  checkSummary(trace, out);
  checkConnections(trace, out);
  checkQuic(trace, out);
  return out;
}
