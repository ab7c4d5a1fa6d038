// What a capture of Linux TCP and OpenSSL shows, and the engine must too (issue 16, "closer to
// real stacks"): each of these came from comparing the simulation with real captures.
import {describe, expect, it} from 'vitest';
import {PRESET_IDS} from '../../src/engine/presets.js';
import type {Frame, Trace} from '../../src/engine/types.js';
import {KNOB_SAMPLES} from '../fixtures/knob-samples.js';
import {frame, run} from '../helpers/run.js';

const traces = (): [string, Trace][] => [
  ...PRESET_IDS.map((id): [string, Trace] => [id, run(id)]),
  ...KNOB_SAMPLES.map((s): [string, Trace] => [`${s.preset} ${JSON.stringify(s.set)}`, run(s.preset, s.set)]),
];

const tcpData = (trace: Trace): Frame[] => trace.frames.filter((f) => f.tcp && f.tcp.len > 0 && !f.tcp.flags.includes('SYN'));

describe('TCP as Linux writes it', () => {
  it('PSH only on the last segment of a write: a TLS server flight of three segments has it on the third alone (RFC 9293 §3.9.1)', () => {
    const flight = run('tls13').frames.filter((f) => f.id.startsWith('server-flight'));
    expect(flight.map((f) => f.tcp!.flags.includes('PSH'))).toEqual([false, false, true]);
    const tls12 = run('tls12').frames.filter((f) => f.id.startsWith('server-flight'));
    expect(tls12.map((f) => f.tcp!.flags.includes('PSH'))).toEqual([false, true]);
  });

  it.each(traces())('%s: a data segment without PSH is followed at once by more of the same write', (_name, trace) => {
    const data = tcpData(trace);
    for (const f of data) {
      if (f.tcp!.flags.includes('PSH')) continue;
      const next = data.find((g) => g.index > f.index && g.from === f.from);
      expect(next, `${f.id} ends a write but has no PSH`).toBeDefined();
      expect(next!.sendMs, `${f.id}: the rest of its write leaves in the same instant`).toBe(f.sendMs);
      expect(next!.id.split('#')[0], `${f.id}: the next segment continues the same write`).toBe(f.id.split('#')[0]);
    }
  });

  it('the Fast Open option comes before the NOPs that align it: MSS, SACK-permitted, timestamps, NOP, window scale, TFO, NOP, NOP', () => {
    const kinds = (trace: Trace) => frame(trace, 'syn').tcp!.options.map((o) => o.name);
    expect(kinds(run('tfo-request'))).toEqual(['MSS', 'SACK_PERM', 'TS', 'NOP', 'WS', 'TFO', 'NOP', 'NOP']);
    expect(kinds(run('tfo-cookie'))).toEqual(['MSS', 'SACK_PERM', 'TS', 'NOP', 'WS', 'TFO', 'NOP', 'NOP']);
    expect(frame(run('tfo-tls13-0rtt'), 'syn').bytes).toMatch(/220a[0-9a-f]{16}0101/);
  });

  it('timestamps ride on every segment once both SYNs carried them (RFC 7323 §3.2)', () => {
    for (const id of ['tcp-handshake', 'tls13', 'tcp-close']) {
      for (const f of run(id).frames.filter((g) => g.tcp && !g.tcp.flags.includes('RST'))) expect(f.tcp!.options.some((o) => o.name === 'TS'), `${id} ${f.id}`).toBe(true);
    }
  });

  it('SYN data the server rejected goes again on the third segment, the ACK that completes the handshake (RFC 7413 §3 step 4)', () => {
    const trace = run('tfo-cookie-rejected');
    const third = trace.frames[2]!;
    expect(third).toMatchObject({from: 'client', app: 'request', label: 'ACK + request'});
    expect(third.tcp).toMatchObject({flags: expect.arrayContaining(['ACK']), len: 100});
    expect(trace.frames.filter((f) => f.from === 'client' && f.tcp!.len === 0 && !f.tcp!.flags.includes('SYN')).map((f) => f.index)).not.toContain(2);
  });

  it('plain HTTP is served on port 80, TLS and QUIC on 443', () => {
    const port = (trace: Trace) => trace.frames[0]!.tcp?.dstPort ?? Number.parseInt(trace.frames[0]!.bytes.slice(44, 48), 16);
    expect(port(run('tcp-handshake'))).toBe(80);
    expect(port(run('tfo-cookie'))).toBe(80);
    expect(port(run('tls12'))).toBe(443);
    expect(port(run('tls13'))).toBe(443);
    expect(port(run('quic'))).toBe(443);
  });

  it('a SYN cookie is named in RFC 4987 Appendix A\'s layout, not as Linux\'s', () => {
    const synAck = frame(run('tcp-syn-cookies'), 'syn-ack');
    expect(synAck.notes.join(' ')).toMatch(/RFC 4987 Appendix A's layout \(Linux mixes its fields differently\)/);
    const {counter, mssIndex, hash} = synAck.synCookie!;
    expect(synAck.tcp!.seq).toBe(((counter << 27) | (mssIndex << 24) | hash) >>> 0);
  });

  it("Linux's TIME-WAIT is its own fixed timer, not called 2×MSL; the RFC's is 2×MSL", () => {
    const leaving = (trace: Trace) => trace.events.find((e) => e.layer === 'tcp' && e.from === 'TIME-WAIT')!.cause;
    expect(leaving(run('tcp-close'))).toBe("Linux's fixed TIME-WAIT timer (TCP_TIMEWAIT_LEN) (60 s) expired");
    expect(leaving(run('tcp-close', {timeWait: 'rfc'}))).toBe('the 2×MSL timer (240 s) expired');
    for (const id of ['tcp-close', 'tcp-last-ack-lost', 'tcp-simultaneous-close', 'tcp-fin-lost']) {
      const trace = run(id);
      const words = [...trace.events.map((e) => e.cause), ...trace.frames.flatMap((f) => f.notes)].join(' | ');
      expect(words, id).not.toMatch(/2×MSL/);
    }
  });

  it('a Fast Open cookie is cached per client IP and server IP (RFC 7413 §4.1.3)', () => {
    const notes = run('tfo-request').frames.flatMap((f) => f.notes).join(' ');
    expect(notes).toContain('one per client IP and server IP, RFC 7413 §4.1.3');
    expect(notes).not.toMatch(/next connection to this server\./);
  });
});

describe('TLS as OpenSSL writes it', () => {
  it.each(traces().filter(([, t]) => t.knobs.tls === '1.2'))('%s: TLS 1.2 sends one record per handshake message', (_name, trace) => {
    for (const f of trace.frames) for (const record of f.tls) expect(record.messages.length, `${f.id}`).toBeLessThanOrEqual(1);
  });

  it('a TLS 1.3 server sends two NewSessionTickets after a full handshake, over TCP and QUIC, and none after a resumption (as OpenSSL does, seen by the lab); RFC 8448\'s server one, and none when resuming', () => {
    const tickets = (trace: Trace) =>
      trace.frames.filter((f) => f.from === 'server').flatMap((f) => [...f.tls.flatMap((r) => r.messages), ...(f.quic?.packets.flatMap((p) => p.messages) ?? [])]).filter((m) => m === 'NewSessionTicket').length;
    expect(tickets(run('tls13'))).toBe(2);
    expect(tickets(run('tls13-psk'))).toBe(0);
    expect(tickets(run('tls13-0rtt'))).toBe(0);
    expect(tickets(run('quic-0rtt'))).toBe(0);
    expect(tickets(run('quic'))).toBe(2);
    expect(tickets(run('tls13-rfc8448'))).toBe(1);
    expect(tickets(run('tls13-rfc8448-0rtt'))).toBe(0);
  });

  it('a server accepts early data only when the ClientHello offered some: no request, no early_data, no EndOfEarlyData wait', () => {
    const trace = run('tls13-0rtt', {data: 'none'});
    expect(trace.events.filter((e) => e.side === 'server' && e.layer === 'tls').map((e) => e.to)).not.toContain('WAIT_EOED');
  });
});
