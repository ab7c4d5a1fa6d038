// QUIC with TLS 1.3 inside (RFC 9000, RFC 9001; protocol-facts §5).
import {describe, expect, it} from 'vitest';
import {frame, messagesFrom, run} from '../helpers/run.js';

const types = (trace: ReturnType<typeof run>, id: string) => frame(trace, id).quic!.packets.map((p) => p.type);

describe('QUIC', () => {
  it('1-RTT: Initial(CH); Initial(SH) + Handshake(EE…Finished); Initial ACK + Handshake(Finished) + 1-RTT request', () => {
    const trace = run('quic');
    expect(types(trace, 'client-hello')).toEqual(['initial']);
    expect(types(trace, 'server-flight')).toEqual(['initial', 'handshake']);
    expect(types(trace, 'client-finished')).toEqual(['initial', 'handshake', '1rtt']);
    expect(messagesFrom(trace, 'server')).toEqual(['ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished', 'NewSessionTicket', 'NewSessionTicket']);
    expect(messagesFrom(trace, 'client')).not.toContain('ChangeCipherSpec');
    expect(trace.frames.every((f) => f.tcp === null && f.after.client.tcp === null)).toBe(true);
  });

  it('pads every client datagram with an Initial to at least 1200 bytes (RFC 9000 §14.1)', () => {
    const trace = run('quic');
    for (const f of trace.frames.filter((f) => f.from === 'client' && f.quic!.packets.some((p) => p.type === 'initial'))) {
      expect(f.quic!.packets.reduce((n, p) => n + p.length, 0)).toBeGreaterThanOrEqual(1200);
    }
  });

  it('keeps the server\'s first flight within 3× what the client sent (RFC 9000 §8)', () => {
    const trace = run('quic');
    const received = frame(trace, 'client-hello').quic!.packets.reduce((n, p) => n + p.length, 0);
    const sent = trace.frames.filter((f) => f.from === 'server' && f.sendMs === 50).reduce((n, f) => n + f.quic!.packets.reduce((m, p) => m + p.length, 0), 0);
    expect(sent).toBeLessThanOrEqual(3 * received);
  });

  it('numbers packets per space from 0 (RFC 9000 §12.3)', () => {
    const trace = run('quic');
    expect(frame(trace, 'client-hello').quic!.packets[0]!.pn).toBe(0);
    expect(frame(trace, 'client-finished').quic!.packets.map((p) => [p.type, p.pn])).toEqual([
      ['initial', 1],
      ['handshake', 0],
      ['1rtt', 0],
    ]);
  });

  it('0-RTT: the request rides in a 0-RTT packet with the first Initial; the response comes back with the server flight', () => {
    const trace = run('quic-0rtt');
    expect(types(trace, 'client-hello')).toEqual(['initial', '0rtt']);
    expect(frame(trace, 'client-hello').delivered).toBe(true);
    expect(types(trace, 'server-flight')).toEqual(['initial', 'handshake', '1rtt']);
    expect(messagesFrom(trace, 'client')).not.toContain('EndOfEarlyData');
  });

  it('Retry: a token, then the same ClientHello again, one round trip more', () => {
    const trace = run('quic-retry');
    expect(frame(trace, 'retry').quic!.packets[0]).toMatchObject({type: 'retry', pn: null});
    expect(frame(trace, 'retry').after.server.quic).toBe('IDLE');
    expect(frame(trace, 'client-hello#2').quic!.packets[0]!.pn).toBe(1);
  });

  it('Retry with 0-RTT: the server keeps nothing, so the client resends its 0-RTT data with the token', () => {
    const trace = run('quic-0rtt', {retry: 'on'});
    expect(frame(trace, 'client-hello').delivered).toBe(false);
    expect(types(trace, 'client-hello#2')).toEqual(['initial', '0rtt']);
    expect(trace.summary.requestSentRtt).toBe(1);
  });

  it('HANDSHAKE_DONE confirms the handshake on the client (RFC 9001 §4.1.2)', () => {
    const trace = run('quic');
    const done = trace.frames.find((f) => f.quic!.packets.some((p) => p.frames.includes('HANDSHAKE_DONE')))!;
    expect(done.from).toBe('server');
    expect(done.after.client.quic).toBe('CONFIRMED');
  });
});
