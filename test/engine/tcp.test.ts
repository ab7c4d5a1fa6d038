// TCP as RFC 9293 and protocol-facts §1 describe it: state paths for every open and close
// variant, and sequence and acknowledgment numbers frame by frame.
import {describe, expect, it} from 'vitest';
import {frame, run, seqLine, tcpPath} from '../helpers/run.js';

const isns = (trace: ReturnType<typeof run>) => ({x: frame(trace, 'syn').tcp!.seq, y: frame(trace, 'syn-ack').tcp!.seq});

describe('three-way handshake (§1.3, RFC 9293 Figure 6)', () => {
  it('numbers every segment as the RFC does: SYN takes one number, a pure ACK none', () => {
    const trace = run('tcp-handshake');
    const {x, y} = isns(trace);
    expect(trace.frames.map((f) => `${f.id}: ${seqLine(f)}`)).toEqual([
      `syn: SYN seq=${x} ack=null len=0`,
      `syn-ack: SYN,ACK seq=${y} ack=${x + 1} len=0`,
      `ack: ACK seq=${x + 1} ack=${y + 1} len=0`,
      `request: PSH,ACK seq=${x + 1} ack=${y + 1} len=100`,
      `response: PSH,ACK seq=${y + 1} ack=${x + 101} len=200`,
      `ack-response: ACK seq=${x + 101} ack=${y + 201} len=0`,
    ]);
  });

  it('shows each side\'s state after each frame, and the server reaches ESTABLISHED at 1.5 RTT', () => {
    const trace = run('tcp-handshake');
    expect(trace.frames.slice(0, 3).map((f) => [f.after.client.tcp, f.after.server.tcp])).toEqual([
      ['SYN-SENT', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'SYN-RECEIVED'],
      ['ESTABLISHED', 'ESTABLISHED'],
    ]);
    expect(trace.events.find((e) => e.side === 'server' && e.to === 'ESTABLISHED')!.atMs).toBe(150);
    expect(tcpPath(trace, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED']);
    expect(tcpPath(trace, 'server')).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED']);
  });

  it('piggyback=on puts the first data on the final ACK: same seq, one segment fewer, same timing', () => {
    const plain = run('tcp-handshake');
    const modern = run('tcp-handshake', {piggyback: 'on'});
    expect(modern.frames).toHaveLength(plain.frames.length - 1);
    const request = frame(modern, 'request');
    expect(request.label).toBe('ACK + request');
    expect(request.tcp!.seq).toBe(frame(plain, 'ack').tcp!.seq);
    expect(modern.summary).toEqual(plain.summary);
  });

  it('options: MSS, SACK-permitted, timestamps, NOP, window scale on the SYN (§1.14), timestamps after', () => {
    const trace = run('tcp-handshake');
    expect(frame(trace, 'syn').tcp!.options.map((o) => o.name)).toEqual(['MSS', 'SACK_PERM', 'TS', 'NOP', 'WS']);
    expect(frame(trace, 'syn').tcp!.options.find((o) => o.kind === 8)).toMatchObject({length: 10, tsecr: 0});
    expect(frame(trace, 'request').tcp!.options.map((o) => o.name)).toEqual(['NOP', 'NOP', 'TS']);
    for (const f of trace.frames) expect(f.tcp!.options.reduce((n, o) => n + o.length, 0) % 4).toBe(0);
  });
});

describe('closing (§1.4–§1.7, §6.1)', () => {
  it('four-way close: FIN, ACK, FIN, ACK with the numbers of §1.4', () => {
    const trace = run('tcp-close');
    const {x, y} = isns(trace);
    expect(trace.frames.slice(-4).map(seqLine)).toEqual([
      `FIN,ACK seq=${x + 101} ack=${y + 201} len=0`,
      `ACK seq=${y + 201} ack=${x + 102} len=0`,
      `FIN,ACK seq=${y + 201} ack=${x + 102} len=0`,
      `ACK seq=${x + 102} ack=${y + 202} len=0`,
    ]);
    expect(tcpPath(trace, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED']);
    expect(tcpPath(trace, 'server').slice(3)).toEqual(['ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  });

  it('three-way close: the FIN carries the delayed ACK, and FIN-WAIT-1 goes straight to TIME-WAIT (§3.10.7.4)', () => {
    const trace = run('tcp-close-3way');
    expect(trace.frames.slice(-3).map((f) => f.tcp!.flags.join(','))).toEqual(['FIN,ACK', 'FIN,ACK', 'ACK']);
    expect(tcpPath(trace, 'client').slice(-3)).toEqual(['FIN-WAIT-1', 'TIME-WAIT', 'CLOSED']);
    expect(tcpPath(trace, 'client')).not.toContain('FIN-WAIT-2');
    // Also when the FIN carries data: TLS close_notify rides on it.
    expect(tcpPath(run('tls13', {close: 'three-way'}), 'client')).not.toContain('FIN-WAIT-2');
  });

  it('the three-way close saves a segment, not time (§6.1)', () => {
    for (const preset of ['tcp-close', 'tcp-close-3way']) {
      const trace = run(preset);
      const fin = frame(trace, 'fin').sendMs;
      const at = (side: 'client' | 'server', to: string) => trace.events.find((e) => e.side === side && e.to === to && e.atMs >= fin)!.atMs - fin;
      expect(at('client', 'TIME-WAIT')).toBe(100);
      expect(at('server', 'CLOSED')).toBe(150);
      expect(at('client', 'CLOSED')).toBe(100 + 60_000);
    }
    expect(run('tcp-close').frames.length - run('tcp-close-3way').frames.length).toBe(1);
  });

  it('a passive side that closes later than the delayed-ACK timer sends its ACK alone: four segments again', () => {
    const trace = run('tcp-close-3way', {closeDelayMs: '300'});
    expect(trace.frames.slice(-4).map((f) => f.tcp!.flags.join(','))).toEqual(['FIN,ACK', 'ACK', 'FIN,ACK', 'ACK']);
    expect(frame(trace, 'ack-fin').sendMs - frame(trace, 'fin').arriveMs!).toBe(40);
  });

  it('closeDelayMs delays the passive FIN: half-close time is unbounded (§6.1)', () => {
    const trace = run('tcp-close', {closeDelayMs: '2500'});
    expect(frame(trace, 'fin#2').sendMs - frame(trace, 'fin').arriveMs!).toBe(2500);
  });

  it('simultaneous close: both FIN-WAIT-1 → CLOSING → TIME-WAIT, four segments, both wait (§1.7)', () => {
    const trace = run('tcp-simultaneous-close');
    for (const side of ['client', 'server'] as const) expect(tcpPath(trace, side).slice(-4)).toEqual(['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED']);
    const close = trace.frames.filter((f) => f.sendMs >= frame(trace, 'fin').sendMs);
    expect(close.map((f) => f.tcp!.flags.join(','))).toEqual(['FIN,ACK', 'FIN,ACK', 'ACK', 'ACK']);
  });

  it('a close queued in the same instant the peer\'s FIN arrives still sends its FIN (CLOSING, both wait)', () => {
    const trace = run('tcp-simultaneous-close', {closeDelayMs: '3'}, {rttMs: 6});
    expect(trace.frames.filter((f) => f.tcp!.flags.includes('FIN'))).toHaveLength(2);
    for (const side of ['client', 'server'] as const) expect(tcpPath(trace, side).at(-1)).toBe('CLOSED');
  });

  it('nothing follows a FIN: a write after close is refused (RFC 9293 §3.10.2)', () => {
    // The server's application closes while its TLS handshake is still finishing (0-RTT, simultaneous
    // close at RTT 1 ms): its NewSessionTicket would have followed its FIN.
    const trace = run('tls13-0rtt', {close: 'simultaneous'}, {rttMs: 1, seed: 0});
    const fin = trace.frames.find((f) => f.from === 'server' && f.tcp!.flags.includes('FIN'))!;
    expect(trace.frames.filter((f) => f.from === 'server' && f.index > fin.index && f.tcp!.seqLen > 0)).toEqual([]);
  });

  it('the server can close first: then the server waits in TIME-WAIT, not the client', () => {
    const trace = run('tcp-close', {closer: 'server'});
    expect(tcpPath(trace, 'server')).toContain('TIME-WAIT');
    expect(tcpPath(trace, 'client')).not.toContain('TIME-WAIT');
    expect(tcpPath(trace, 'client').slice(-3)).toEqual(['CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  });

  it('TIME-WAIT lasts 60 s on Linux and 2×MSL = 240 s by RFC 9293', () => {
    const end = (timeWait: string) => {
      const trace = run('tcp-close', {timeWait});
      const tw = trace.events.find((e) => e.to === 'TIME-WAIT')!;
      return trace.events.find((e) => e.side === tw.side && e.from === 'TIME-WAIT')!.atMs - tw.atMs;
    };
    expect(end('linux')).toBe(60_000);
    expect(end('rfc')).toBe(240_000);
  });

  it('abort: one RST with seq = SND.NXT, no FIN, no TIME-WAIT (§3.10.5)', () => {
    const trace = run('tcp-abort');
    const rst = frame(trace, 'rst');
    expect(rst.tcp!.flags).toEqual(['RST']);
    expect(rst.tcp!.seq).toBe(frame(trace, 'response').tcp!.ack);
    expect(rst.after).toMatchObject({client: {tcp: 'CLOSED'}, server: {tcp: 'CLOSED'}});
    expect(trace.frames.some((f) => f.tcp!.flags.includes('FIN'))).toBe(false);
    expect(trace.events.some((e) => e.to === 'TIME-WAIT')).toBe(false);
  });
});

describe('opening variants', () => {
  it('simultaneous open: two SYNs, two SYN-ACKs, each side SYN-SENT → SYN-RECEIVED → ESTABLISHED (§1.6)', () => {
    const trace = run('tcp-simultaneous-open');
    expect(trace.frames.slice(0, 4).map((f) => `${f.from} ${f.tcp!.flags.join(',')}`)).toEqual(['client SYN', 'server SYN', 'client SYN,ACK', 'server SYN,ACK']);
    for (const side of ['client', 'server'] as const) expect(tcpPath(trace, side)).toEqual(['CLOSED', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED']);
    const [synC, synS, synAckC] = trace.frames;
    expect(synAckC!.tcp!.seq).toBe(synC!.tcp!.seq);
    expect(synAckC!.tcp!.ack).toBe(synS!.tcp!.seq + 1);
  });

  it('refused: RST,ACK seq=0 ack=ISN+1 from a port with no listener; the client goes back to CLOSED (§1.8)', () => {
    const trace = run('tcp-refused');
    expect(trace.frames.map(seqLine)).toEqual([`SYN seq=${trace.frames[0]!.tcp!.seq} ack=null len=0`, `RST,ACK seq=0 ack=${trace.frames[0]!.tcp!.seq + 1} len=0`]);
    expect(tcpPath(trace, 'client')).toEqual(['CLOSED', 'SYN-SENT', 'CLOSED']);
    expect(tcpPath(trace, 'server')).toEqual(['CLOSED']);
  });

  it('a lost SYN is retransmitted after the initial RTO of 1 s with the same ISN', () => {
    const trace = run('tcp-syn-lost');
    const [lost, again] = trace.frames;
    expect(lost).toMatchObject({id: 'syn', dropped: true, arriveMs: null});
    expect(again).toMatchObject({id: 'syn#2', sendMs: 1000});
    expect(again!.tcp!.seq).toBe(lost!.tcp!.seq);
    expect(lost!.after.server.tcp).toBe('LISTEN');
  });

  it('SYN cookies: the server stays in LISTEN after the SYN, and the ISN encodes counter, MSS and hash (RFC 4987)', () => {
    const trace = run('tcp-syn-cookies');
    const synAck = frame(trace, 'syn-ack');
    expect(frame(trace, 'syn').after.server.tcp).toBe('LISTEN');
    const cookie = synAck.synCookie!;
    expect(cookie.value).toBe(synAck.tcp!.seq);
    expect(cookie.value >>> 27).toBe(cookie.counter);
    expect((cookie.value >>> 24) & 7).toBe(cookie.mssIndex);
    expect(cookie.value & 0xffffff).toBe(cookie.hash);
    expect(cookie.mss).toBe(1460);
    expect(tcpPath(trace, 'server')).toEqual(['CLOSED', 'LISTEN', 'ESTABLISHED']);
    expect(frame(trace, 'ack').after.server.tcp).toBe('ESTABLISHED');
  });
});

describe('TCP Fast Open (RFC 7413)', () => {
  it('a cookie request is an empty option (length 2, erratum 4239); the SYN-ACK brings a cookie', () => {
    const trace = run('tfo-request');
    expect(frame(trace, 'syn').tcp!.options.find((o) => o.kind === 34)).toMatchObject({length: 2, cookie: ''});
    const given = frame(trace, 'syn-ack').tcp!.options.find((o) => o.kind === 34);
    expect(given).toMatchObject({length: 10});
  });

  it('with a valid cookie the SYN carries data, the SYN-ACK acknowledges it, and the server answers while still SYN-RECEIVED', () => {
    const trace = run('tfo-cookie');
    const syn = frame(trace, 'syn');
    expect(syn.tcp!.len).toBe(100);
    expect(syn.delivered).toBe(true);
    expect(frame(trace, 'syn-ack').tcp!.ack).toBe(syn.tcp!.seq + 1 + 100);
    expect(frame(trace, 'response').after.server.tcp).toBe('SYN-RECEIVED');
    expect(frame(trace, 'ack').after.server.tcp).toBe('ESTABLISHED');
  });

  it('a rejected cookie: the SYN-ACK acknowledges only the SYN and the client resends the data', () => {
    const trace = run('tfo-cookie-rejected');
    const syn = frame(trace, 'syn');
    expect(frame(trace, 'syn-ack').tcp!.ack).toBe(syn.tcp!.seq + 1);
    expect(syn.delivered).toBe(false);
    const resent = frame(trace, 'request');
    expect(resent.tcp!.seq).toBe(syn.tcp!.seq + 1);
    expect(resent.delivered).toBe(true);
  });

  it('a SYN with data dropped by a middlebox is retried after the RTO without data and without the option', () => {
    const trace = run('tfo-syn-dropped');
    expect(frame(trace, 'syn').dropped).toBe(true);
    const retry = frame(trace, 'syn#2');
    expect(retry.tcp!.len).toBe(0);
    expect(retry.tcp!.options.some((o) => o.kind === 34)).toBe(false);
  });
});

describe('segmentation', () => {
  it('flights longer than one segment are split at MSS less the timestamp option (1448 bytes)', () => {
    const trace = run('tls13');
    const flight = trace.frames.filter((f) => f.id.startsWith('server-flight'));
    expect(flight.map((f) => f.id)).toEqual(['server-flight', 'server-flight#2', 'server-flight#3']);
    expect(flight.slice(0, -1).every((f) => f.tcp!.len === 1448)).toBe(true);
    for (let i = 1; i < flight.length; i++) expect(flight[i]!.tcp!.seq).toBe(flight[i - 1]!.tcp!.seq + flight[i - 1]!.tcp!.len);
  });
});
