// TLS 1.2 (RFC 5246, 5077, 7918) and TLS 1.3 (RFC 8446): who sends which message, in which
// order, what is encrypted, and which states each side passes (protocol-facts §3, §4).
import {describe, expect, it} from 'vitest';
import type {Trace} from '../../src/engine/types.js';
import {frame, messagesFrom, run} from '../helpers/run.js';

const tlsStates = (trace: Trace, side: 'client' | 'server') => ['START', ...trace.events.filter((e) => e.side === side && e.layer === 'tls').map((e) => e.to)];

describe('TLS 1.2', () => {
  it('full handshake: the server sends its own Certificate and ServerKeyExchange, never a CertificateRequest unasked (§7.4)', () => {
    const trace = run('tls12');
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'ClientKeyExchange', 'ChangeCipherSpec', 'Finished']);
    expect(messagesFrom(trace, 'server')).toEqual(['ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone', 'NewSessionTicket', 'ChangeCipherSpec', 'Finished']);
    expect(tlsStates(trace, 'client')).toEqual(['START', 'WAIT_SH', 'WAIT_CERT', 'WAIT_SKE', 'WAIT_SHD', 'WAIT_CCS', 'WAIT_FINISHED', 'CONNECTED']);
    expect(tlsStates(trace, 'server')).toEqual(['START', 'WAIT_CKE', 'WAIT_CCS', 'WAIT_FINISHED', 'CONNECTED']);
  });

  it('only Finished and application data are encrypted; ChangeCipherSpec is its own content type', () => {
    const records = run('tls12').frames.flatMap((f) => f.tls);
    for (const r of records) {
      const encrypted = r.messages.includes('Finished') || r.contentType === 'application_data';
      expect(r.encrypted).toBe(encrypted);
    }
    expect(records.find((r) => r.messages.includes('ChangeCipherSpec'))!.contentType).toBe('change_cipher_spec');
  });

  it('client authentication adds CertificateRequest and the client Certificate and CertificateVerify', () => {
    const trace = run('tls12-client-auth');
    expect(messagesFrom(trace, 'server')).toContain('CertificateRequest');
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'Certificate', 'ClientKeyExchange', 'CertificateVerify', 'ChangeCipherSpec', 'Finished']);
  });

  it('ticket resumption: the server sends its Finished first, no certificate, and renews no ticket, as OpenSSL (RFC 5077 §3.1)', () => {
    const trace = run('tls12-resumed');
    expect(messagesFrom(trace, 'server')).toEqual(['ServerHello', 'ChangeCipherSpec', 'Finished']);
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'ChangeCipherSpec', 'Finished']);
  });

  it('False Start: the request leaves with the client Finished, before the server Finished arrives (RFC 7918)', () => {
    const trace = run('tls12-false-start');
    const request = frame(trace, 'request');
    expect(request.sendMs).toBe(frame(trace, 'client-key-exchange').sendMs);
    expect(request.after.client.tls).toBe('WAIT_CCS');
    // The bytes on the wire are those of the full handshake.
    expect(messagesFrom(trace, 'server')).toEqual(messagesFrom(run('tls12'), 'server'));
  });
});

describe('TLS 1.3', () => {
  it('full handshake: everything after ServerHello is encrypted and sent as application_data (§5.2)', () => {
    const trace = run('tls13');
    expect(messagesFrom(trace, 'server')).toEqual(['ServerHello', 'ChangeCipherSpec', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished', 'NewSessionTicket', 'NewSessionTicket']);
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'ChangeCipherSpec', 'Finished']);
    const records = trace.frames.flatMap((f) => f.tls);
    for (const r of records) {
      const clear = r.messages.some((m) => ['ClientHello', 'ServerHello', 'ChangeCipherSpec'].includes(m));
      expect(r.encrypted).toBe(!clear);
      if (r.encrypted) expect(r.contentType).toBe('application_data');
    }
  });

  it('walks the RFC 8446 Appendix A states on both sides', () => {
    const trace = run('tls13');
    expect(tlsStates(trace, 'client')).toEqual(['START', 'WAIT_SH', 'WAIT_EE', 'WAIT_CERT_CR', 'WAIT_CV', 'WAIT_FINISHED', 'CONNECTED']);
    expect(tlsStates(trace, 'server')).toEqual(['START', 'RECVD_CH', 'NEGOTIATED', 'WAIT_FINISHED', 'CONNECTED']);
  });

  it('compat=off drops the dummy ChangeCipherSpec records (Appendix D.4)', () => {
    const trace = run('tls13', {compat: 'off'});
    expect([...messagesFrom(trace, 'client'), ...messagesFrom(trace, 'server')]).not.toContain('ChangeCipherSpec');
  });

  it('HelloRetryRequest: a second ClientHello, one round trip more; compat CCS after HRR and before the second ClientHello', () => {
    const trace = run('tls13-hrr');
    expect(messagesFrom(trace, 'server').slice(0, 3)).toEqual(['HelloRetryRequest', 'ChangeCipherSpec', 'ServerHello']);
    expect(messagesFrom(trace, 'client').slice(0, 3)).toEqual(['ClientHello', 'ChangeCipherSpec', 'ClientHello']);
    expect(frame(trace, 'client-hello#2').sendMs).toBe(200);
  });

  it('PSK resumption: no Certificate or CertificateVerify, and still one round trip (§2.2)', () => {
    const trace = run('tls13-psk');
    expect(messagesFrom(trace, 'server')).not.toContain('Certificate');
    expect(messagesFrom(trace, 'server')).not.toContain('CertificateVerify');
    expect(trace.summary.requestSentRtt).toBe(run('tls13').summary.requestSentRtt);
  });

  it('0-RTT accepted: early data with the ClientHello, 0.5-RTT response, EndOfEarlyData before the client Finished', () => {
    const trace = run('tls13-0rtt');
    const hello = frame(trace, 'client-hello');
    expect(hello.tls.map((r) => r.keys ?? 'cleartext')).toEqual(['cleartext', 'cleartext', 'early']);
    expect(hello.delivered).toBe(true);
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'ChangeCipherSpec', 'EndOfEarlyData', 'Finished']);
    expect(frame(trace, 'response').after.server.tls).toBe('WAIT_EOED');
  });

  it('0-RTT rejected: the early data is skipped, no EndOfEarlyData, the application sends the request again', () => {
    const trace = run('tls13-0rtt-rejected');
    expect(messagesFrom(trace, 'client')).not.toContain('EndOfEarlyData');
    expect(trace.frames.filter((f) => f.app === 'request').map((f) => f.delivered)).toEqual([false, true]);
  });

  it('client authentication: CertificateRequest in the server flight, Certificate and CertificateVerify from the client', () => {
    const trace = run('tls13-client-auth');
    expect(messagesFrom(trace, 'server').slice(2, 5)).toEqual(['EncryptedExtensions', 'CertificateRequest', 'Certificate']);
    expect(messagesFrom(trace, 'client')).toEqual(['ClientHello', 'ChangeCipherSpec', 'Certificate', 'CertificateVerify', 'Finished']);
    expect(tlsStates(trace, 'server')).toContain('WAIT_CV');
  });

  it('two NewSessionTickets follow the handshake, under application keys, as OpenSSL sends them', () => {
    const nst = frame(run('tls13'), 'new-session-ticket');
    const record = {contentType: 'application_data', innerType: 'handshake', keys: 'application', messages: ['NewSessionTicket'], encrypted: true};
    expect(nst.tls).toEqual([record, record]);
  });

  it('closing sends close_notify (an encrypted alert) on the FIN (RFC 8446 §6.1)', () => {
    const fin = frame(run('tls13', {close: 'four-way'}), 'close-notify-fin');
    expect(fin.tcp!.flags).toContain('FIN');
    expect(fin.tls).toEqual([{contentType: 'application_data', innerType: 'alert', keys: 'application', messages: ['close_notify'], encrypted: true}]);
  });

  it('a TLS 1.2 peer answers close_notify at once (RFC 5246 §7.2.1), a TLS 1.3 peer only when it closes', () => {
    const delayed = {close: 'four-way', closeDelayMs: '500'};
    const answered = (tls: string) => {
      const trace = run(tls === '1.2' ? 'tls12' : 'tls13', delayed);
      const arrives = frame(trace, 'close-notify-fin').arriveMs!;
      return trace.frames.find((f) => f.from === 'server' && f.tls.some((r) => r.messages.includes('close_notify')))!.sendMs - arrives;
    };
    expect(answered('1.2')).toBe(0);
    expect(answered('1.3')).toBe(500);
  });
});

describe('record lengths are fixed by the engine', () => {
  it('every frame has the same length whatever the seed, and a TCP frame\'s payload is its records', () => {
    const a = run('tls13', {}, {seed: 1});
    const b = run('tls13', {}, {seed: 99});
    expect(a.frames.map((f) => f.tcp!.len)).toEqual(b.frames.map((f) => f.tcp!.len));
    expect(frame(a, 'client-hello').tcp!.len).toBe(517);
  });
});
