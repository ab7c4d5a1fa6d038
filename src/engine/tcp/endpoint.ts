// One TCP endpoint: a control block that follows RFC 9293's event processing (§3.10) for the
// states a connection goes through, plus TCP Fast Open (RFC 7413) and SYN cookies (RFC 4987).
// It reacts to arriving segments, user calls and timers; it never looks at the peer's state.

import type {SimContext} from '../context.js';
import type {Timer} from '../scheduler.js';
import {StateCell} from '../state-cell.js';
import type {Frame, Side, TcpFlag, TcpHeader, TcpOption, TcpState} from '../types.js';
import type {Slice, StreamItem, TcpSegment, WirePayload} from '../wire.js';
import {RECEIVE_WINDOW_BYTES, SEGMENT_PAYLOAD, SYN_WINDOW, WINDOW_SCALE, optionBytes, synOptions, timestampOptions} from './options.js';
import {seqAdd, seqDiff, seqGt, seqLeq, seqLt} from './seq.js';
import {checkCookie, counterAt, makeCookie} from './syn-cookie.js';

/** What the layer above TCP hears about (a TLS endpoint or the application). */
export interface TcpUser {
  /** The connection can carry data both ways. */
  established(): void;
  /** Whole items arrived in order; TCP has already credited the frame. */
  data(items: StreamItem[]): void;
  /** The peer sent FIN: nothing more will arrive. */
  eof(): void;
  /** The peer reset the connection (refused: it answered our SYN with RST). */
  reset(refused: boolean): void;
}

export interface TcpServerConfig {
  /** A listener on the port; without one a SYN is answered with RST (RFC 9293 §3.10.7.1). */
  listening: boolean;
  synCookies: boolean;
  /** The cookie this server would give the client (RFC 7413 §4.1.2); null: Fast Open off. */
  fastOpenCookie: string | null;
  cookieSecret: number;
  cookieClockBase: number;
}

export interface TcpConfig {
  side: Side;
  localPort: number;
  remotePort: number;
  iss: number;
  tsOffset: number;
  /** Send the handshake's final ACK at once (piggyback=off) instead of holding it for data. */
  ackSynAckAtOnce: boolean;
  /** ACK a FIN at once (four-way close) instead of delaying the ACK (three-way close). */
  ackFinAtOnce: boolean;
  delayedAckMs: number;
  initialRtoMs: number;
  timeWaitMs: number;
  /** What the TIME-WAIT timer is called where its length comes from: RFC 9293's 2×MSL, or Linux's fixed TCP_TIMEWAIT_LEN. */
  timeWaitTimer: string;
  /** Client: the Fast Open option to put on the SYN: '' asks for a cookie; null: none. */
  fastOpenCookie: string | null;
  server: TcpServerConfig | null;
  /** SO_KEEPALIVE: probe an idle connection after idleMs, then every intervalMs, giving up after `probes` (RFC 9293 §3.8.4). */
  keepalive?: {idleMs: number; intervalMs: number; probes: number} | null;
}

interface Write {
  slices: Slice[];
}

interface Sent {
  seq: number;
  seqLen: number;
  flags: TcpFlag[];
  slices: Slice[];
  fastOpen: string | null;
  /** When it was sent, for a round-trip sample; a retransmitted segment gives none (Karn, RFC 6298 §3). */
  sentAt: number;
  retransmitted: boolean;
}

/** Linux's TCP_RTO_MAX: the retransmission timer doubles up to this. */
const MAX_RTO_MS = 120_000;

const SYNCHRONIZED: TcpState[] = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

// Wireshark's order (low bit first), which is how captures and textbooks print them.
const FLAG_ORDER: TcpFlag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK'];
const ordered = (flags: TcpFlag[]): TcpFlag[] => FLAG_ORDER.filter((f) => flags.includes(f));

export class TcpEndpoint {
  private cell: StateCell<TcpState>;
  private iss: number;
  private irs = 0;
  private sndUna: number;
  private sndNxt: number;
  private rcvNxt = 0;
  private passiveOpen = false;
  private writes: Write[] = [];
  private finQueued = false;
  private finSeq: number | null = null;
  private unacked: Sent[] = [];
  private ackPending: 'none' | 'now' | 'delayed' = 'none';
  private ackTimer: Timer | null = null;
  private handshakeAckDue = false;
  private synQueued = false;
  private synAckQueued = false;
  private fastOpenAccepted = false;
  private fastOpenEcho: string | null = null;
  private fastOpenSent: string | null;
  private tsRecent = 0;
  private rtoMs: number;
  private rtoTimer: Timer | null = null;
  /** Retransmissions of the oldest unacknowledged segment since anything new was acknowledged. */
  private retries = 0;
  /** Set while a retransmission is being sent (its segment gives no round-trip sample). */
  private retransmitting = false;
  private keepaliveTimer: Timer | null = null;
  private keepaliveProbes = 0;
  /** RFC 6298 §2: the smoothed round-trip time and its variation, once a sample exists. */
  private srttMs: number | null = null;
  private rttvarMs = 0;
  /** The timeout they give, which new acknowledgments return to after a back-off. */
  private computedRtoMs: number;
  private timeWaitTimer: Timer | null = null;
  private received = new Map<StreamItem, number>();
  /** Notes to attach to the next segment this endpoint sends. */
  private pendingNotes: string[] = [];
  user: TcpUser | null = null;

  constructor(
    private ctx: SimContext,
    private config: TcpConfig,
  ) {
    this.iss = config.iss;
    this.sndUna = config.iss;
    this.sndNxt = config.iss;
    this.rtoMs = config.initialRtoMs;
    this.computedRtoMs = config.initialRtoMs;
    this.fastOpenSent = config.fastOpenCookie;
    this.cell = new StateCell<TcpState>(ctx, config.side, 'tcp', 'CLOSED');
  }

  get state(): TcpState {
    return this.cell.value;
  }

  // ---- user calls (RFC 9293 §3.10.1–§3.10.5) ----

  listen(): void {
    if (this.config.server?.listening) this.setState('LISTEN', 'passive OPEN: the server listens on its port');
  }

  /** Active OPEN. The SYN leaves at the end of this instant, so a Fast Open client's first write can ride in it. */
  connect(): void {
    this.setState('SYN-SENT', 'active OPEN: the SYN is sent');
    this.synQueued = true;
  }

  /** SEND. After CLOSE it is refused ("error: connection closing", RFC 9293 §3.10.2): nothing may follow our FIN. */
  write(items: StreamItem[]): boolean {
    if (this.finQueued) return false;
    this.writes.push({slices: items.map((item) => ({item, offset: 0, length: item.length}))});
    return true;
  }

  close(): void {
    switch (this.state) {
      case 'SYN-SENT':
      case 'LISTEN':
        this.setState('CLOSED', 'CLOSE before the connection opened');
        return;
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        this.finQueued = true;
        this.setState('FIN-WAIT-1', 'CLOSE: the application is done sending, a FIN is queued');
        return;
      case 'CLOSE-WAIT':
        this.finQueued = true;
        this.setState('LAST-ACK', 'CLOSE after the peer closed: our FIN is queued');
        return;
      default:
        return;
    }
  }

  /** ABORT (RFC 9293 §3.10.5): send RST, flush everything, no FIN exchange and no TIME-WAIT. */
  /**
   * The host crashes and reboots: the connection's state is gone and nothing is sent (RFC 9293
   * §3.5.1 calls what the peer is left with half-open). The port answers later segments from
   * CLOSED, with a reset.
   */
  crash(): void {
    this.forgetConnection();
    // A server's application listens again once the host is back; the old connection is not known.
    this.setState('CLOSED', 'the host crashed: the connection is forgotten, and nothing tells the peer');
    if (this.passiveOpen && this.config.server?.listening === true) this.setState('LISTEN', 'the host is back and its server listens again');
  }

  abort(): void {
    const synchronized = SYNCHRONIZED.includes(this.state) || this.state === 'SYN-RECEIVED';
    // What the application wrote before aborting leaves first (writes are pushed at once); a pure
    // ACK still owed does not: the reset says all there is to say (a stack sends its RST at once,
    // not an ACK and then a RST), and the ladder shows no ACK from a side already CLOSED.
    this.ackPending = 'none';
    this.ackTimer?.cancel();
    this.ackTimer = null;
    if (synchronized) this.output();
    const seq = this.sndNxt;
    // The connection is gone the moment the reset leaves, so the RST is sent from CLOSED.
    this.teardown('ABORT: reset sent, the connection is deleted');
    if (synchronized) {
      this.pendingNotes.push('ABORT: the application resets the connection instead of closing it; no FIN exchange and no TIME-WAIT follow.');
      this.emit(['RST'], seq, [], {withAck: false});
    }
  }

  // ---- segment arrival (RFC 9293 §3.10.7) ----

  receive(payload: WirePayload, frame: Frame): void {
    if (payload.kind !== 'tcp') throw new Error('TCP endpoint got a QUIC datagram');
    const segment = payload;
    this.idleFromNow();
    const ts = segment.header.options.find((o) => o.kind === 8);
    if (ts && 'tsval' in ts) this.tsRecent = ts.tsval;
    switch (this.state) {
      case 'CLOSED':
        this.inClosed(segment, frame);
        return;
      case 'LISTEN':
        this.inListen(segment, frame);
        return;
      case 'SYN-SENT':
        this.inSynSent(segment, frame);
        return;
      default:
        this.inSynchronized(segment, frame);
    }
  }

  /** §3.10.7.1: no connection: answer with a reset, unless the segment is a reset itself. */
  private inClosed(segment: TcpSegment, frame: Frame): void {
    const h = segment.header;
    if (h.flags.includes('RST')) return;
    this.ctx.rec.note(frame, 'No socket listens on this port, so there is no connection state to receive it.');
    this.pendingNotes.push(
      h.flags.includes('SYN')
        ? 'A reset from a port with no listener: the client reports "connection refused" (RFC 9293 §3.10.7.1).'
        : 'No connection here any more: the reset tells the peer that its connection is gone (RFC 9293 §3.10.7.1).',
    );
    if (h.flags.includes('ACK') && h.ack !== null) this.emit(['RST'], h.ack, [], {withAck: false});
    else this.emit(['RST', 'ACK'], 0, [], {ackValue: seqAdd(h.seq, h.seqLen)});
  }

  /** §3.10.7.2 */
  private inListen(segment: TcpSegment, frame: Frame): void {
    const h = segment.header;
    const server = this.config.server!;
    if (h.flags.includes('RST')) return;
    if (h.flags.includes('ACK')) {
      if (server.synCookies && !h.flags.includes('SYN') && h.ack !== null && this.acceptCookie(segment, frame)) return;
      this.ctx.rec.note(frame, 'The listening socket knows no connection this segment belongs to.');
      this.pendingNotes.push('An ACK for a connection this host does not know: a reset answers it (RFC 9293 §3.10.7.2), and the peer learns its connection is gone.');
      this.emit(['RST'], h.ack ?? 0, [], {withAck: false});
      return;
    }
    if (!h.flags.includes('SYN')) return;
    if (server.synCookies) {
      this.replyWithCookie(segment, frame);
      return;
    }
    this.passiveOpen = true;
    this.irs = h.seq;
    this.rcvNxt = seqAdd(h.seq, 1);
    const delivered = this.fastOpenOnSyn(segment, frame);
    this.setState('SYN-RECEIVED', 'received a SYN: a SYN-ACK answers it');
    this.synAckQueued = true;
    if (delivered.length > 0) this.user?.data(delivered);
  }

  /** Fast Open on the server (RFC 7413 §4.2.2): a valid cookie lets the SYN's data in at once. */
  private fastOpenOnSyn(segment: TcpSegment, frame: Frame): StreamItem[] {
    const server = this.config.server!;
    const option = segment.header.options.find((o) => o.kind === 34);
    if (!option || !('cookie' in option) || server.fastOpenCookie === null) return [];
    if (option.cookie === '') {
      this.fastOpenEcho = server.fastOpenCookie;
      this.ctx.rec.note(frame, 'The client asks for a Fast Open cookie; this connection is an ordinary three-way handshake.');
      return [];
    }
    if (option.cookie === server.fastOpenCookie) {
      this.fastOpenAccepted = true;
      if (segment.header.len === 0) return [];
      this.ctx.rec.note(frame, 'The cookie is valid: the server takes the SYN\'s data and hands it to the application before the handshake completes (RFC 7413 §4.2.2).');
      return this.accept(segment, frame, seqAdd(segment.header.seq, 1));
    }
    // Invalid or stale cookie: drop the data, acknowledge only the SYN, offer a fresh cookie.
    this.fastOpenEcho = server.fastOpenCookie;
    if (segment.header.len > 0) {
      this.ctx.rec.note(frame, 'The cookie is not valid: the server drops the SYN\'s data and will acknowledge only the SYN (RFC 7413 §4.2.2).');
    }
    return [];
  }

  private replyWithCookie(segment: TcpSegment, frame: Frame): void {
    const server = this.config.server!;
    const h = segment.header;
    const mssOption = h.options.find((o) => o.kind === 2);
    const clientMss = mssOption && 'value' in mssOption ? mssOption.value : 536;
    const counter = counterAt(server.cookieClockBase, this.ctx.sched.now);
    const cookie = makeCookie(server.cookieSecret, this.config.remotePort, this.config.localPort, counter, clientMss);
    this.ctx.rec.note(frame, 'Under SYN cookies the server keeps no state for this SYN: it stays in LISTEN (RFC 4987 §3.6).');
    if (h.len > 0) this.ctx.rec.note(frame, 'Data on the SYN is not stored under SYN cookies; the client must send it again.');
    // Linux keeps the window scale and SACK-permitted in TSval's low 6 bits, since the cookie cannot.
    const tsval = ((this.tsNow() & ~0x3f) | WINDOW_SCALE | (1 << 4)) >>> 0;
    const options = synOptions(tsval, this.tsRecent, null, cookie.mss);
    const header = this.header(['SYN', 'ACK'], cookie.value, 0, 1, options, seqAdd(h.seq, 1));
    this.ctx.send(this.config.side, {
      kind: 'tcp',
      header,
      slices: [],
      notes: [
        `The ISN is a SYN cookie in RFC 4987 Appendix A's layout (Linux mixes its fields differently): counter ${cookie.counter} (5 bits), MSS index ${cookie.mssIndex} = ${cookie.mss} (3 bits), keyed hash 0x${cookie.hash.toString(16).padStart(6, '0')} (24 bits).`,
        'TSval\'s low 6 bits carry window scale and SACK-permitted, which the cookie has no room for.',
      ],
      synCookie: cookie,
    });
  }

  private acceptCookie(segment: TcpSegment, frame: Frame): boolean {
    const server = this.config.server!;
    const h = segment.header;
    const counter = counterAt(server.cookieClockBase, this.ctx.sched.now);
    const cookie = checkCookie(server.cookieSecret, this.config.remotePort, this.config.localPort, counter, seqAdd(h.ack!, -1));
    if (!cookie) return false;
    this.passiveOpen = true;
    this.iss = cookie.value;
    this.sndUna = h.ack!;
    this.sndNxt = h.ack!;
    this.irs = seqAdd(h.seq, -1);
    this.rcvNxt = h.seq;
    this.ctx.rec.note(frame, `The ACK returns the cookie (ack − 1 = ${cookie.value}): it checks out, so the server builds the connection now, straight into ESTABLISHED.`);
    this.setState('ESTABLISHED', 'a valid SYN cookie came back: the connection is rebuilt from it (RFC 4987 §3.6)');
    const items = h.len > 0 ? this.accept(segment, frame, h.seq) : [];
    if (items.length > 0 || h.len > 0) this.ackPending = 'now';
    this.user?.established();
    if (items.length > 0) this.user?.data(items);
    return true;
  }

  /** §3.10.7.3 */
  private inSynSent(segment: TcpSegment, frame: Frame): void {
    const h = segment.header;
    const hasAck = h.flags.includes('ACK') && h.ack !== null;
    if (hasAck && (seqLeq(h.ack!, this.iss) || seqGt(h.ack!, this.sndNxt))) {
      if (!h.flags.includes('RST')) this.emit(['RST'], h.ack!, [], {withAck: false});
      return;
    }
    if (h.flags.includes('RST')) {
      if (!hasAck) return;
      this.ctx.rec.note(frame, 'The reset acknowledges the SYN, so it is accepted: connection refused (RFC 9293 §3.5.3).');
      this.teardown('received a reset for our SYN: connection refused');
      this.user?.reset(true);
      return;
    }
    if (!h.flags.includes('SYN')) return;
    this.irs = h.seq;
    this.rcvNxt = seqAdd(h.seq, 1);
    if (!hasAck) {
      // Simultaneous open (RFC 9293 §3.5, Figure 7): resend our SYN, now with an ACK.
      this.ctx.rec.note(frame, 'A SYN without an ACK while in SYN-SENT: both sides opened at once (simultaneous open).');
      this.setState('SYN-RECEIVED', 'received a bare SYN in SYN-SENT: simultaneous open');
      this.synAckQueued = true;
      return;
    }
    this.acknowledged(h.ack!);
    const resend = this.fastOpenOnSynAck(segment, frame);
    this.setState('ESTABLISHED', 'the SYN-ACK acknowledges our SYN');
    this.handshakeAckDue = true;
    // SYN data the server did not take goes again on the ACK that completes the handshake, the
    // third segment (RFC 7413 §3 step 4), as Linux sends it; a pure ACK first would only add one.
    if (this.config.ackSynAckAtOnce && !resend) this.sendPureAck();
    else {
      this.ackPending = 'now';
      this.pendingNotes.push('The handshake\'s final ACK was held for a moment so the first data could ride on it.');
    }
    this.user?.established();
  }

  /** Client side of Fast Open: learn the cookie; resend data the server did not take (RFC 7413 §4.2.2). Returns whether there is data to resend. */
  private fastOpenOnSynAck(segment: TcpSegment, frame: Frame): boolean {
    const option = segment.header.options.find((o) => o.kind === 34);
    if (option && 'cookie' in option && option.cookie !== '') {
      this.ctx.rec.note(frame, `The SYN-ACK carries a Fast Open cookie (${option.cookie}); the client caches it for its next connection from this address to this server (one per client IP and server IP, RFC 7413 §4.1.3).`);
    }
    const synData = this.unacked.find((s) => s.flags.includes('SYN'));
    if (synData) this.unacked = this.unacked.filter((s) => s !== synData);
    if (synData && synData.slices.length > 0 && seqLeq(segment.header.ack!, seqAdd(this.iss, 1))) {
      this.ctx.rec.note(frame, 'The SYN-ACK acknowledges only the SYN, not its data: the client sends the data again on the ACK that completes the handshake.');
      this.requeue(synData.slices);
      return true;
    }
    return false;
  }

  private inSynchronized(segment: TcpSegment, frame: Frame): void {
    const h = segment.header;
    let dataSeq = h.seq;
    if (h.flags.includes('SYN')) {
      if (seqAdd(h.seq, 1) === this.rcvNxt) {
        // The peer's SYN again: in simultaneous open its SYN-ACK repeats the SYN we already have.
        dataSeq = seqAdd(h.seq, 1);
        if (!h.flags.includes('ACK')) {
          this.synAckQueued = this.state === 'SYN-RECEIVED';
          return;
        }
        // The peer's SYN-ACK again: our ACK of it was lost, so the peer, still in SYN-RECEIVED,
        // sent it again; acknowledge it again (RFC 9293 §3.10.7.4, first check).
        if (this.state !== 'SYN-RECEIVED') this.ackPending = 'now';
      } else if (!h.flags.includes('RST')) {
        this.ackPending = 'now'; // a SYN in a synchronized state draws a challenge ACK (§3.10.7.4)
        return;
      }
    }
    if (h.flags.includes('RST')) {
      if (h.seq !== this.rcvNxt) return;
      this.ctx.rec.note(frame, 'The reset is in window, so the connection is gone at once: no FIN exchange, no TIME-WAIT.');
      this.teardown('received a reset: the connection is deleted (RFC 9293 §3.10.7.4)');
      this.user?.reset(false);
      return;
    }
    if (!h.flags.includes('ACK') || h.ack === null) return;

    let becameEstablished = false;
    if (this.state === 'SYN-RECEIVED') {
      if (seqLt(this.sndUna, h.ack) && seqLeq(h.ack, this.sndNxt)) {
        this.setState('ESTABLISHED', 'the ACK of our SYN arrived');
        becameEstablished = true;
      } else {
        this.emit(['RST'], h.ack, [], {withAck: false});
        return;
      }
    }
    if (seqGt(h.ack, this.sndNxt)) {
      this.ackPending = 'now';
      return;
    }
    this.acknowledged(h.ack);
    if (this.finSeq !== null && seqGt(this.sndUna, this.finSeq)) {
      // A FIN that also acknowledges ours takes FIN-WAIT-1 straight to TIME-WAIT (eighth step, §3.10.7.4).
      const finToo = h.flags.includes('FIN') && dataSeq === this.rcvNxt;
      if (this.state === 'FIN-WAIT-1' && !finToo) this.setState('FIN-WAIT-2', 'our FIN is acknowledged; the peer may still send');
      else if (this.state === 'CLOSING') this.enterTimeWait('our FIN is acknowledged after both sides closed');
      else if (this.state === 'LAST-ACK') {
        this.teardown('the ACK of our FIN arrived: the connection is closed');
        return;
      }
    }

    let items: StreamItem[] = [];
    if (h.len > 0) {
      if (dataSeq === this.rcvNxt) {
        items = this.accept(segment, frame, dataSeq);
        this.ackPending = 'now';
      } else {
        this.ackPending = 'now'; // duplicate or out of order: acknowledge what we have
        return;
      }
    }

    // A FIN we already have, sent again (our ACK of it was lost): not acceptable as new, so it is
    // acknowledged again (RFC 9293 §3.10.7.4, first check); in TIME-WAIT that is what the state
    // is for, and the TIME-WAIT timer starts over (§3.10.7.4, eighth step, TIME-WAIT).
    if (h.flags.includes('FIN') && seqLt(seqAdd(dataSeq, h.len), this.rcvNxt)) {
      this.ackPending = 'now';
      if (this.state === 'TIME-WAIT') {
        this.ctx.rec.note(frame, 'The peer sent its FIN again: our last ACK was lost. TIME-WAIT answers it with a new ACK and starts its timer over (RFC 9293 §3.10.7.4).');
        this.enterTimeWait(`a retransmitted FIN restarts ${this.config.timeWaitTimer}`);
      } else this.ctx.rec.note(frame, 'A FIN already received, sent again: it is acknowledged again.');
      return;
    }
    let gotFin = false;
    if (h.flags.includes('FIN') && seqAdd(dataSeq, h.len) === this.rcvNxt) {
      gotFin = true;
      this.rcvNxt = seqAdd(this.rcvNxt, 1); // the FIN takes one sequence number (§3.4)
      this.onFin(frame);
    }
    if (becameEstablished) this.user?.established();
    if (items.length > 0) this.user?.data(items);
    if (gotFin) this.user?.eof();
  }

  private onFin(frame: Frame): void {
    const ourFinAcked = this.finSeq !== null && seqGt(this.sndUna, this.finSeq);
    switch (this.state) {
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        this.setState('CLOSE-WAIT', 'the peer\'s FIN arrived: it has no more to send');
        if (this.config.ackFinAtOnce) {
          this.ackPending = 'none';
          this.sendPureAck();
        } else {
          // Linux delays the ACK of a FIN (tcp_fin: "pingpong" mode), so a prompt close carries it.
          this.ackPending = 'delayed';
          this.ctx.rec.note(frame, `The ACK of this FIN is delayed (up to ${this.config.delayedAckMs} ms) in case the application closes quickly and its FIN can carry it.`);
        }
        return;
      case 'FIN-WAIT-1':
        if (ourFinAcked) {
          this.ctx.rec.note(frame, 'This FIN also acknowledges ours: FIN-WAIT-1 goes straight to TIME-WAIT, skipping FIN-WAIT-2 (RFC 9293 §3.10.7.4).');
          this.enterTimeWait('the peer\'s FIN arrived and it acknowledges ours');
        } else {
          this.ctx.rec.note(frame, 'A FIN that does not acknowledge ours: both sides are closing at once.');
          this.setState('CLOSING', 'the peer\'s FIN crossed ours: simultaneous close');
        }
        this.ackPending = 'now';
        return;
      case 'FIN-WAIT-2':
        this.enterTimeWait('the peer\'s FIN arrived');
        this.ackPending = 'now';
        return;
      case 'TIME-WAIT':
        this.enterTimeWait(`a retransmitted FIN restarts ${this.config.timeWaitTimer}`);
        this.ackPending = 'now';
        return;
      default:
        this.ackPending = 'now';
    }
  }

  private enterTimeWait(cause: string): void {
    this.setState('TIME-WAIT', cause);
    this.timeWaitTimer?.cancel();
    this.timeWaitTimer = this.ctx.sched.after(this.config.timeWaitMs, () => {
      this.timeWaitTimer = null;
      this.setState('CLOSED', `${this.config.timeWaitTimer} (${this.config.timeWaitMs / 1000} s) expired`);
    });
  }

  /** Takes a segment's payload into the receive stream; returns the items it completed. */
  private accept(segment: TcpSegment, frame: Frame, dataSeq: number): StreamItem[] {
    this.rcvNxt = seqAdd(dataSeq, segment.header.len);
    const complete: StreamItem[] = [];
    for (const slice of segment.slices) {
      this.ctx.rec.accepted(slice.item, frame);
      const got = (this.received.get(slice.item) ?? 0) + slice.length;
      this.received.set(slice.item, got);
      if (got >= slice.item.length) complete.push(slice.item);
    }
    return complete;
  }

  private acknowledged(ack: number): void {
    if (!seqGt(ack, this.sndUna)) return;
    this.sndUna = ack;
    const covered = this.unacked.filter((s) => !seqGt(seqAdd(s.seq, s.seqLen), ack));
    this.unacked = this.unacked.filter((s) => seqGt(seqAdd(s.seq, s.seqLen), ack));
    // A round-trip sample from the newest segment this ACK covers, if it was sent only once.
    const sample = covered.filter((s) => !s.retransmitted).at(-1);
    if (sample) this.measured(this.ctx.sched.now - sample.sentAt);
    this.rtoMs = this.computedRtoMs;
    this.retries = 0;
    if (this.unacked.length === 0) this.stopRto();
    else this.armRto();
  }

  private requeue(slices: Slice[]): void {
    this.sndNxt = seqAdd(this.iss, 1);
    this.writes.unshift({slices: slices.map((s) => ({...s}))});
  }

  // ---- sending ----

  /** Sends what this instant queued: SYN or SYN-ACK, data segment by segment, FIN, or a lone ACK. */
  output(): void {
    if (this.synQueued) {
      this.synQueued = false;
      this.sendSyn();
    }
    if (this.synAckQueued) {
      this.synAckQueued = false;
      this.sendSynAck();
    }
    if (!this.canSendData()) return this.flushAck();
    const segments = this.segmentWrites();
    // CLOSING too: the peer's FIN can arrive in the same instant our close queued ours, before it left.
    const finDue = this.finQueued && this.finSeq === null && this.writes.length === 0 && ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'].includes(this.state);
    segments.forEach(({slices, endsWrite}, i) => {
      const last = i === segments.length - 1;
      const fin = finDue && last;
      const len = slices.reduce((sum, s) => sum + s.length, 0);
      // PSH marks the end of what the application wrote, as Linux sets it on a write's last segment (RFC 9293 §3.9.1).
      const flags: TcpFlag[] = endsWrite ? ['ACK', 'PSH'] : ['ACK'];
      if (fin) flags.push('FIN');
      if (fin) this.finSeq = seqAdd(this.sndNxt, len);
      this.emit(flags, this.sndNxt, slices);
    });
    if (finDue && this.finSeq === null) {
      this.finSeq = this.sndNxt;
      this.emit(['FIN', 'ACK'], this.sndNxt, []);
    }
    this.flushAck();
  }

  private flushAck(): void {
    if (this.ackPending === 'now') this.sendPureAck();
    else if (this.ackPending === 'delayed' && !this.ackTimer) {
      this.ackTimer = this.ctx.sched.after(this.config.delayedAckMs, () => {
        this.ackTimer = null;
        if (this.ackPending !== 'none') {
          this.pendingNotes.push(`The delayed-ACK timer (${this.config.delayedAckMs} ms) fired before the application closed, so the ACK goes alone.`);
          this.sendPureAck();
        }
      });
    }
  }

  private canSendData(): boolean {
    switch (this.state) {
      case 'ESTABLISHED':
      case 'CLOSE-WAIT':
      case 'FIN-WAIT-1':
      case 'CLOSING':
      case 'LAST-ACK':
        return true;
      case 'SYN-RECEIVED':
        return this.fastOpenAccepted; // RFC 7413 §4.2.2: the server may answer before the handshake completes
      default:
        return false;
    }
  }

  /** Each write becomes its own segments (TCP_NODELAY, as TLS stacks and browsers set it); the last one ends the write. */
  private segmentWrites(): {slices: Slice[]; endsWrite: boolean}[] {
    const segments: {slices: Slice[]; endsWrite: boolean}[] = [];
    while (this.writes.length > 0) {
      const write = this.writes.shift()!;
      let current: Slice[] = [];
      let room = SEGMENT_PAYLOAD;
      for (const slice of write.slices) {
        let offset = slice.offset;
        let left = slice.length;
        while (left > 0) {
          if (room === 0) {
            segments.push({slices: current, endsWrite: false});
            current = [];
            room = SEGMENT_PAYLOAD;
          }
          const take = Math.min(room, left);
          current.push({item: slice.item, offset, length: take});
          offset += take;
          left -= take;
          room -= take;
        }
      }
      if (current.length > 0) segments.push({slices: current, endsWrite: true});
    }
    return segments;
  }

  private sendSyn(): void {
    let slices: Slice[] = [];
    const cookie = this.fastOpenSent;
    if (cookie) {
      // The first write rides in the SYN, as much as fits in one segment with the SYN's options (RFC 7413 §4.2.2).
      const room = SEGMENT_PAYLOAD - (optionBytes(synOptions(0, 0, cookie)) - 12);
      const first = this.writes[0];
      if (first) {
        const taken: Slice[] = [];
        let left = room;
        for (const slice of first.slices) {
          if (left === 0) break;
          const take = Math.min(left, slice.length);
          taken.push({item: slice.item, offset: slice.offset, length: take});
          left -= take;
        }
        slices = taken;
        const rest = first.slices
          .map((s) => {
            const sent = taken.find((t) => t.item === s.item)?.length ?? 0;
            return {item: s.item, offset: s.offset + sent, length: s.length - sent};
          })
          .filter((s) => s.length > 0);
        if (rest.length > 0) first.slices = rest;
        else this.writes.shift();
      }
    }
    this.emit(['SYN'], this.iss, slices, {withAck: false, fastOpen: cookie});
  }

  private sendSynAck(): void {
    // The client's note on arrival says what the cookie is for; one note is enough.
    this.emit(['SYN', 'ACK'], this.iss, [], {fastOpen: this.fastOpenEcho});
  }

  private sendPureAck(): void {
    this.emit(['ACK'], this.sndNxt, []);
  }

  private emit(flags: TcpFlag[], seq: number, slices: Slice[], opts: {withAck?: boolean; ackValue?: number; fastOpen?: string | null} = {}): Frame {
    const syn = flags.includes('SYN');
    const fin = flags.includes('FIN');
    if (opts.withAck !== false && !flags.includes('ACK')) flags = [...flags, 'ACK'];
    if (opts.withAck === false) flags = flags.filter((f) => f !== 'ACK');
    const len = slices.reduce((sum, s) => sum + s.length, 0);
    if (len === 0) flags = flags.filter((f) => f !== 'PSH');
    const seqLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
    const isReset = flags.includes('RST');
    const options: TcpOption[] = isReset
      ? []
      : syn
        ? synOptions(this.tsNow(), flags.includes('ACK') ? this.tsRecent : 0, opts.fastOpen ?? null)
        : timestampOptions(this.tsNow(), this.tsRecent);
    const ackValue = flags.includes('ACK') ? (opts.ackValue ?? this.rcvNxt) : null;
    const header = this.header(flags, seq, len, seqLen, options, ackValue);
    const segment: TcpSegment = {kind: 'tcp', header, slices, notes: this.pendingNotes.splice(0)};
    if (this.handshakeAckDue && flags.includes('ACK') && !syn) {
      segment.handshakeAck = true;
      this.handshakeAckDue = false;
    }
    if (flags.includes('ACK')) {
      this.ackPending = 'none';
      this.ackTimer?.cancel();
      this.ackTimer = null;
    }
    const frame = this.ctx.send(this.config.side, segment);
    // Sending data (or a FIN) ends an idle period; a pure ACK, a probe among them, does not.
    if (seqLen > 0) this.idleFromNow();
    if (seqLen > 0 && !isReset) {
      const end = seqAdd(seq, seqLen);
      if (seqGt(end, this.sndNxt)) this.sndNxt = end;
      this.unacked.push({seq, seqLen, flags, slices, fastOpen: opts.fastOpen ?? null, sentAt: this.ctx.sched.now, retransmitted: this.retransmitting});
      this.armRto();
    }
    return frame;
  }

  private header(flags: TcpFlag[], seq: number, len: number, seqLen: number, options: TcpOption[], ack: number | null): TcpHeader {
    const syn = flags.includes('SYN');
    return {
      srcPort: this.config.localPort,
      dstPort: this.config.remotePort,
      flags: ordered(flags),
      seq,
      ack,
      len,
      seqLen,
      window: flags.includes('RST') ? 0 : syn ? SYN_WINDOW : RECEIVE_WINDOW_BYTES >> WINDOW_SCALE,
      options,
    };
  }

  private tsNow(): number {
    return (this.config.tsOffset + Math.floor(this.ctx.sched.now)) >>> 0;
  }

  // ---- timers ----


  /**
   * Keepalive (SO_KEEPALIVE, RFC 9293 §3.8.4; Linux's timings): the connection's idle time starts
   * over with every segment received or data sent; after `idleMs` of silence an ESTABLISHED
   * connection sends a probe, then one every `intervalMs`, and gives up after `probes` unanswered.
   */
  private idleFromNow(): void {
    const keepalive = this.config.keepalive;
    if (!keepalive) return;
    this.keepaliveTimer?.cancel();
    this.keepaliveProbes = 0;
    this.keepaliveTimer = this.ctx.sched.after(keepalive.idleMs, () => this.probe());
  }

  private probe(): void {
    const keepalive = this.config.keepalive!;
    this.keepaliveTimer = null;
    if (this.state !== 'ESTABLISHED' || this.unacked.length > 0) return;
    if (this.keepaliveProbes >= keepalive.probes) {
      this.teardown(`keepalive: ${keepalive.probes} probes unanswered, the peer is taken for dead`);
      this.user?.reset(false);
      return;
    }
    this.keepaliveProbes++;
    this.pendingNotes.push(
      this.keepaliveProbes === 1
        ? `Keepalive probe after ${keepalive.idleMs / 1000} s of silence (Linux tcp_keepalive_time): an ACK one below SND.UNA, which the peer must answer (RFC 9293 §3.8.4).`
        : `Keepalive probe ${this.keepaliveProbes} of ${keepalive.probes}, ${keepalive.intervalMs / 1000} s after the last (tcp_keepalive_intvl).`,
    );
    this.emit(['ACK'], seqAdd(this.sndUna, -1), []);
    this.keepaliveTimer = this.ctx.sched.after(keepalive.intervalMs, () => this.probe());
  }

  /**
   * A round-trip sample R (RFC 6298 §2.2–2.3): the first sets SRTT = R and RTTVAR = R/2; later ones
   * RTTVAR = 3/4 RTTVAR + 1/4 |SRTT − R| and SRTT = 7/8 SRTT + 1/8 R. RTO = SRTT + 4 RTTVAR, never
   * under 1 s (§2.4) nor over the maximum.
   */
  private measured(r: number): void {
    if (this.srttMs === null) {
      this.srttMs = r;
      this.rttvarMs = r / 2;
    } else {
      this.rttvarMs = 0.75 * this.rttvarMs + 0.25 * Math.abs(this.srttMs - r);
      this.srttMs = 0.875 * this.srttMs + 0.125 * r;
    }
    this.computedRtoMs = Math.min(MAX_RTO_MS, Math.max(this.config.initialRtoMs, this.srttMs + 4 * this.rttvarMs));
  }

  /** The retransmission timer (RFC 6298): restarted whenever new data is acknowledged. */
  private armRto(): void {
    this.stopRto();
    const rto = this.rtoMs;
    this.rtoTimer = this.ctx.sched.after(rto, () => {
      this.rtoTimer = null;
      this.retransmit(rto);
    });
  }

  private stopRto(): void {
    this.rtoTimer?.cancel();
    this.rtoTimer = null;
  }

  private retransmit(rto: number): void {
    const first = this.unacked[0];
    if (!first || this.state === 'CLOSED') return;
    // Linux's limits on retransmissions before giving up (tcp_syn_retries 6, tcp_synack_retries 5,
    // tcp_retries2 15; RFC 9293 §3.8.3's R2), so a peer that never answers ends the connection.
    this.retries++;
    const limit = first.flags.includes('SYN') ? (first.flags.includes('ACK') ? 5 : 6) : 15;
    if (this.retries > limit) {
      this.teardown(`no answer after ${limit} retransmissions: the connection is given up (RFC 9293 §3.8.3)`);
      this.user?.reset(false);
      return;
    }
    // Exponential back-off, up to Linux's TCP_RTO_MAX of 120 s (RFC 6298 §2.5 allows a maximum of at least 60 s).
    this.rtoMs = Math.min(rto * 2, MAX_RTO_MS);
    this.unacked.shift();
    if (first.flags.includes('SYN') && !first.flags.includes('ACK')) {
      if (first.slices.length > 0 || first.fastOpen) {
        // RFC 7413 §4.1.3.1: after a SYN timeout, retry without data and without the option.
        this.pendingNotes.push(`No answer within the RTO (${rto / 1000} s): the SYN is sent again without data and without the Fast Open option, in case a middlebox dropped it (RFC 7413 §4.1.3.1).`);
        if (first.slices.length > 0) this.requeue(first.slices);
        this.fastOpenSent = null;
      } else {
        this.pendingNotes.push(`No SYN-ACK within the RTO (${rto / 1000} s): the SYN is retransmitted, and the next timeout doubles (RFC 6298).`);
      }
      this.retransmitting = true;
      this.emit(['SYN'], this.iss, [], {withAck: false, fastOpen: this.fastOpenSent});
      this.retransmitting = false;
      return;
    }
    this.pendingNotes.push(`Not acknowledged within the RTO (${rto / 1000} s): retransmitted.`);
    this.retransmitting = true;
    if (first.flags.includes('SYN')) this.emit(first.flags, first.seq, [], {fastOpen: this.fastOpenEcho});
    else this.emit(first.flags, first.seq, first.slices);
    this.retransmitting = false;
  }

  // ---- state ----

  private setState(to: TcpState, cause: string): void {
    this.cell.set(to, cause);
  }

  /** Every timer stopped and nothing left to send: what a closed, reset or crashed connection keeps. */
  private forgetConnection(): void {
    this.stopRto();
    this.keepaliveTimer?.cancel();
    this.keepaliveTimer = null;
    this.timeWaitTimer?.cancel();
    this.timeWaitTimer = null;
    this.ackTimer?.cancel();
    this.ackTimer = null;
    this.writes = [];
    this.unacked = [];
    this.ackPending = 'none';
  }

  private teardown(cause: string): void {
    this.forgetConnection();
    const listening = this.passiveOpen && this.config.server?.listening && this.state === 'SYN-RECEIVED';
    this.setState(listening ? 'LISTEN' : 'CLOSED', cause);
  }

  /** For tests and views: the send and receive sequence variables (RFC 9293 §3.3.1). */
  variables(): {iss: number; irs: number; sndUna: number; sndNxt: number; rcvNxt: number} {
    return {iss: this.iss, irs: this.irs, sndUna: this.sndUna, sndNxt: this.sndNxt, rcvNxt: this.rcvNxt};
  }

  /** How far sndNxt is ahead of what was acknowledged: 0 when everything sent is acknowledged. */
  outstanding(): number {
    return seqDiff(this.sndNxt, this.sndUna);
  }
}
