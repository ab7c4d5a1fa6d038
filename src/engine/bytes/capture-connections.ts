// A capture's TCP segments as connections, the way the ladder shows a simulated one: the client is
// the side that sent the first SYN, sequence numbers are relative to each side's ISN (as Wireshark
// shows them), and each side's TCP state is inferred from what the capture saw it send and
// receive (RFC 9293 §3.3.2's transitions, taken at the moment the capture saw the segment, which
// on a capture taken at one end is that end's own clock).
import type {TcpState} from '../states.js';
import type {CapturedSegment} from './read-capture.js';

export interface ConnectionFrame {
  packet: number;
  timeMs: number;
  from: 'client' | 'server';
  flags: string[];
  /** Relative to the sender's ISN (0 for its SYN); absolute when the connection's start was not captured. */
  seq: number;
  ack: number | null;
  len: number;
  window: number;
  tls: CapturedSegment['tls'];
  /** Each side's state once this segment has been seen (inferred). */
  after: {client: TcpState; server: TcpState};
}

export interface CapturedConnection {
  client: string;
  server: string;
  /** Whether the capture holds the SYN (else the client is a guess and numbers are absolute). */
  sawOpen: boolean;
  frames: ConnectionFrame[];
}

const endpoint = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

export function connectionsOf(segments: readonly CapturedSegment[]): CapturedConnection[] {
  const byKey = new Map<string, CapturedSegment[]>();
  for (const s of segments) {
    const a = endpoint(s.src, s.srcPort);
    const b = endpoint(s.dst, s.dstPort);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const list = byKey.get(key);
    if (list) list.push(s);
    else byKey.set(key, [s]);
  }
  return [...byKey.values()].map(connection);
}

function connection(segments: CapturedSegment[]): CapturedConnection {
  const syn = segments.find((s) => s.flags.includes('SYN') && !s.flags.includes('ACK'));
  const first = syn ?? segments[0]!;
  const client = endpoint(first.src, first.srcPort);
  const server = endpoint(first.dst, first.dstPort);
  const isn: Partial<Record<'client' | 'server', number>> = {};
  if (syn) {
    isn.client = syn.seq;
    const synAck = segments.find((s) => endpoint(s.src, s.srcPort) === server && s.flags.includes('SYN'));
    if (synAck) isn.server = synAck.seq;
  }
  const rel = (value: number, side: 'client' | 'server') => (isn[side] === undefined ? value : (value - isn[side]! + 2 ** 32) % 2 ** 32);
  const state = {client: (syn ? 'CLOSED' : 'ESTABLISHED') as TcpState, server: (syn ? 'LISTEN' : 'ESTABLISHED') as TcpState};
  const finSent: Partial<Record<'client' | 'server', number>> = {};
  const frames = segments.map((s): ConnectionFrame => {
    const from = endpoint(s.src, s.srcPort) === client ? 'client' : 'server';
    const to = from === 'client' ? 'server' : 'client';
    sent(state, from, s, finSent);
    received(state, to, s, finSent);
    return {
      packet: s.packet,
      timeMs: s.timeMs,
      from,
      flags: s.flags,
      seq: rel(s.seq, from),
      ack: s.ack === null ? null : rel(s.ack, to),
      len: s.len,
      window: s.window,
      tls: s.tls,
      after: {...state},
    };
  });
  return {client, server, sawOpen: syn !== undefined, frames};
}

/** The sender's transition on sending `s` (RFC 9293 §3.10). */
function sent(state: Record<'client' | 'server', TcpState>, side: 'client' | 'server', s: CapturedSegment, finSent: Partial<Record<'client' | 'server', number>>): void {
  const has = (f: string) => s.flags.includes(f);
  if (has('RST')) state[side] = 'CLOSED';
  else if (has('SYN') && !has('ACK') && state[side] === 'CLOSED') state[side] = 'SYN-SENT';
  else if (has('SYN') && has('ACK') && state[side] === 'LISTEN') state[side] = 'SYN-RECEIVED';
  else if (has('FIN') && finSent[side] === undefined) {
    finSent[side] = (s.seq + s.len + 1) % 2 ** 32;
    if (state[side] === 'ESTABLISHED') state[side] = 'FIN-WAIT-1';
    else if (state[side] === 'CLOSE-WAIT') state[side] = 'LAST-ACK';
  }
}

/** The receiver's transition on receiving `s`. */
function received(state: Record<'client' | 'server', TcpState>, side: 'client' | 'server', s: CapturedSegment, finSent: Partial<Record<'client' | 'server', number>>): void {
  const has = (f: string) => s.flags.includes(f);
  const ourFinAcked = finSent[side] !== undefined && s.ack !== null && s.ack === finSent[side];
  if (has('RST')) {
    state[side] = state[side] === 'SYN-RECEIVED' ? 'LISTEN' : 'CLOSED';
    return;
  }
  switch (state[side]) {
    case 'SYN-SENT':
      if (has('SYN') && has('ACK')) state[side] = 'ESTABLISHED';
      return;
    case 'SYN-RECEIVED':
      if (has('ACK') && !has('SYN')) state[side] = has('FIN') ? 'CLOSE-WAIT' : 'ESTABLISHED';
      return;
    case 'ESTABLISHED':
      if (has('FIN')) state[side] = 'CLOSE-WAIT';
      return;
    case 'FIN-WAIT-1':
      if (has('FIN')) state[side] = ourFinAcked ? 'TIME-WAIT' : 'CLOSING';
      else if (ourFinAcked) state[side] = 'FIN-WAIT-2';
      return;
    case 'FIN-WAIT-2':
      if (has('FIN')) state[side] = 'TIME-WAIT';
      return;
    case 'CLOSING':
      if (ourFinAcked) state[side] = 'TIME-WAIT';
      return;
    case 'LAST-ACK':
      if (ourFinAcked) state[side] = 'CLOSED';
      return;
    default:
      return;
  }
}
