// TLS 1.2's other key exchange and its other resumption (issue 17): RSA key transport beside
// ECDHE (RFC 5246 §7.4.7.1), and a session resumed by ID beside one resumed with a ticket
// (RFC 5246 §7.3, RFC 5077). tshark decodes and decrypts both presets (test/export/tshark).
import {constants, privateDecrypt} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {exampleKey} from '../../src/engine/bytes/example-keys.js';
import {describeFields} from '../../src/engine/bytes/fields.js';
import {frame, run} from '../helpers/run.js';

const messages = (preset: string, side: 'client' | 'server') =>
  run(preset).frames.filter((f) => f.from === side).flatMap((f) => f.tls.flatMap((r) => (r.contentType === 'change_cipher_spec' ? ['ChangeCipherSpec'] : r.messages)));

describe('RSA key exchange (tls12-rsa)', () => {
  it('has no ServerKeyExchange: the certificate is the key exchange, and the client goes from WAIT_CERT to WAIT_SHD', () => {
    expect(messages('tls12-rsa', 'server')).toEqual(['ServerHello', 'Certificate', 'ServerHelloDone', 'NewSessionTicket', 'ChangeCipherSpec', 'Finished']);
    expect(messages('tls12', 'server')).toContain('ServerKeyExchange');
    const path = run('tls12-rsa').events.filter((e) => e.side === 'client' && e.layer === 'tls').map((e) => e.to);
    expect(path).toEqual(['WAIT_SH', 'WAIT_CERT', 'WAIT_SHD', 'WAIT_CCS', 'WAIT_FINISHED', 'CONNECTED']);
  });

  it("the ClientKeyExchange is the premaster secret encrypted to the certificate's key: whoever holds that key reads it (no forward secrecy)", () => {
    const trace = run('tls12-rsa');
    const cke = trace.frames.find((f) => f.tls.some((r) => r.messages.includes('ClientKeyExchange')))!;
    const field = describeFields(cke, trace).find((f) => f.name === 'Encrypted premaster secret')!;
    expect(field).toMatchObject({length: 258, value: '256 bytes'});
    expect(field.explanation).toMatch(/no forward secrecy \(RFC 5246 §7\.4\.7\.1\)/);
    const bytes = Buffer.from(cke.bytes, 'hex').subarray(field.offset + 2, field.offset + field.length);
    // The raw RSA operation, then PKCS #1 v1.5's own layout: 00 02, nonzero padding, 00, the message (RFC 8017 §7.2.2).
    const em = privateDecrypt({key: exampleKey('leaf'), padding: constants.RSA_NO_PADDING}, bytes);
    expect([em[0], em[1]]).toEqual([0, 2]);
    const premaster = em.subarray(em.indexOf(0, 2) + 1);
    expect(premaster.length).toBe(48);
    expect([...premaster.subarray(0, 2)]).toEqual([3, 3]); // the client's version, TLS 1.2 (RFC 5246 §7.4.7.1)
    // The server picked RSA key transport, and a ServerHello for it has no ec_point_formats (RFC 8422 §5.2).
    const hello = frame(trace, 'server-flight');
    expect(describeFields(hello, trace).map((f) => f.value).join(' ')).toContain('TLS_RSA_WITH_AES_128_GCM_SHA256');
    expect(describeFields(hello, trace).some((f) => /ec_point_formats/.test(f.name))).toBe(false);
  });

  it('costs the same round trips as ECDHE: the difference is what a stolen key reveals, not time', () => {
    expect(run('tls12-rsa').summary).toEqual(run('tls12').summary);
  });
});

describe('resumption by session ID (tls12-session-id)', () => {
  it('is the abbreviated handshake without tickets: no session_ticket offered, none sent', () => {
    expect(messages('tls12-session-id', 'server')).toEqual(['ServerHello', 'ChangeCipherSpec', 'Finished']);
    // A ticket resumption differs only in what the client sends: OpenSSL renews no ticket (RFC 5077 §3.1 makes it optional).
    expect(messages('tls12-resumed', 'server')).toEqual(['ServerHello', 'ChangeCipherSpec', 'Finished']);
    const trace = run('tls12-session-id');
    const hello = frame(trace, 'client-hello');
    const fields = describeFields(hello, trace);
    expect(fields.some((f) => /session_ticket/.test(f.name))).toBe(false);
    expect(describeFields(frame(run('tls12-resumed'), 'client-hello'), run('tls12-resumed')).some((f) => /session_ticket/.test(f.name))).toBe(true);
  });

  it("the ServerHello echoes the client's session ID: that is how the client learns the server found it (RFC 5246 §7.4.1.3)", () => {
    const trace = run('tls12-session-id');
    const id = (id: string) => describeFields(frame(trace, id), trace).find((f) => /[Ss]ession ID/.test(f.name))!.value;
    expect(id('server-flight')).toBe(id('client-hello'));
  });

  it('saves the same round trip as a ticket: the request leaves at 2 RTT', () => {
    expect(run('tls12-session-id').summary.requestSentRtt).toBe(2);
    expect(run('tls12-session-id').summary).toEqual(run('tls12-resumed').summary);
  });
});
