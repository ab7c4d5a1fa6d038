// vectors=rfc8448 runs the TLS 1.3 handshakes of RFC 8448 with the RFC's inputs; every byte it
// sends and every secret it derives must be the RFC's own (test/fixtures/rfc8448.ts).
import {createPublicKey, verify, constants} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {traceSession} from '../../../src/engine/bytes/frames.js';
import {rsaPssSign} from '../../../src/engine/bytes/crypto.js';
import {RFC8448_PSS_SALT, rfc8448ServerKey} from '../../../src/engine/bytes/rfc8448.js';
import {certificateVerifyInput} from '../../../src/engine/bytes/tls-messages.js';
import {fromHex, toHex} from '../../../src/engine/bytes/writer.js';
import {RFC8448} from '../../fixtures/rfc8448.js';
import {recordsOf} from '../../helpers/tls-stream.js';
import {run} from '../../helpers/run.js';

const CCS = '140303000101';

describe('RFC 8448 §3, a simple 1-RTT handshake, byte for byte', () => {
  const trace = run('tls13-rfc8448', {close: 'four-way'});
  const session = traceSession(trace)!;

  it('the client sends the RFC\'s ClientHello, Finished, application data and close_notify records', () => {
    expect(recordsOf(trace, 'client')).toEqual([RFC8448.S3_CH_RECORD, RFC8448.S3_CLIENT_FINISHED_RECORD, RFC8448.S3_CLIENT_APP_RECORD, RFC8448.S3_CLIENT_ALERT_RECORD]);
  });

  it('the server sends the RFC\'s ServerHello, encrypted flight, NewSessionTicket, application data and close_notify', () => {
    expect(recordsOf(trace, 'server')).toEqual([
      RFC8448.S3_SH_RECORD,
      RFC8448.S3_SERVER_FLIGHT_RECORD,
      RFC8448.S3_NST_RECORD,
      RFC8448.S3_SERVER_APP_RECORD,
      RFC8448.S3_SERVER_ALERT_RECORD,
    ]);
  });

  it('inside the encrypted flight: the RFC\'s EncryptedExtensions, Certificate, CertificateVerify and both Finished', () => {
    const messages = Object.fromEntries(session.messages().map((m) => [`${m.side} ${m.name}`, toHex(m.bytes)]));
    expect(messages['server EncryptedExtensions']).toBe(RFC8448.S3_EE);
    expect(messages['server Certificate']).toBe(RFC8448.S3_CERTIFICATE);
    expect(messages['server CertificateVerify']).toBe(RFC8448.S3_CERTIFICATE_VERIFY);
    expect(messages['server Finished']).toBe(RFC8448.S3_SERVER_FINISHED);
    expect(messages['client Finished']).toBe(RFC8448.S3_CLIENT_FINISHED);
  });

  it('derives the RFC\'s secrets and the server\'s handshake traffic key and IV (RFC 8446 §7.1, §7.3)', () => {
    const secrets = session.allSecrets();
    for (const [name, value] of Object.entries(RFC8448.S3_SECRETS)) expect(toHex(secrets[name as keyof typeof secrets]!), name).toBe(value);
    const keys = session.recordKeys('server', 'handshake');
    expect(toHex(keys.key)).toBe(RFC8448.S3_SERVER_HANDSHAKE_KEY);
    expect(toHex(keys.iv)).toBe(RFC8448.S3_SERVER_HANDSHAKE_IV);
  });

  it('the CertificateVerify is a valid RSA-PSS signature by §2\'s key, made with the salt recovered from the RFC\'s', () => {
    const signature = fromHex(RFC8448.S3_CERTIFICATE_VERIFY).subarray(8);
    const messages = session.messages();
    const upTo = messages.findIndex((m) => m.name === 'CertificateVerify');
    const transcript = session.transcriptHashOf(messages.slice(0, upTo).map((m) => m.bytes));
    const input = certificateVerifyInput('server', transcript);
    expect(verify('sha256', input, {key: createPublicKey(rfc8448ServerKey()), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, signature)).toBe(true);
    expect(toHex(rsaPssSign(rfc8448ServerKey(), 'sha256', input, RFC8448_PSS_SALT))).toBe(toHex(signature));
  });

  it('the key log names the RFC\'s client random and traffic secrets', () => {
    const lines = session.keyLog();
    expect(lines).toContain(`CLIENT_HANDSHAKE_TRAFFIC_SECRET ${RFC8448.S3_CH_RECORD.slice(22, 86)} ${RFC8448.S3_SECRETS.clientHandshake}`);
    expect(lines).toContain(`SERVER_TRAFFIC_SECRET_0 ${RFC8448.S3_CH_RECORD.slice(22, 86)} ${RFC8448.S3_SECRETS.serverApplication}`);
  });
});

describe('RFC 8448 §4, a resumed handshake with 0-RTT data, byte for byte where the flows agree', () => {
  const trace = run('tls13-rfc8448-0rtt', {close: 'four-way'});
  const session = traceSession(trace)!;

  it('the client sends the RFC\'s ClientHello (PSK and binder), early data, EndOfEarlyData and Finished', () => {
    // RFC 8448 §4's client later sends 50 more bytes; here the early data is the whole request,
    // so its close_notify is its first record under the application keys.
    expect(recordsOf(trace, 'client').slice(0, 4)).toEqual([RFC8448.S4_CH_RECORD, RFC8448.S4_EARLY_DATA_RECORD, RFC8448.S4_EOED_RECORD, RFC8448.S4_CLIENT_FINISHED_RECORD]);
  });

  it('the server sends the RFC\'s ServerHello, encrypted flight, 0.5-RTT data and close_notify, and no ticket', () => {
    expect(recordsOf(trace, 'server')).toEqual([RFC8448.S4_SH_RECORD, RFC8448.S4_SERVER_FLIGHT_RECORD, RFC8448.S4_SERVER_APP_RECORD, RFC8448.S4_SERVER_ALERT_RECORD]);
  });

  it('derives §4\'s early secret from the PSK of §3\'s resumption secret, and its binder', () => {
    expect(toHex(session.allSecrets().early!)).toBe(RFC8448.S4_EARLY_SECRET);
    expect(RFC8448.S4_CH_RECORD).toContain(RFC8448.S4_BINDER);
    const messages = Object.fromEntries(session.messages().map((m) => [`${m.side} ${m.name}`, toHex(m.bytes)]));
    expect(messages['server EncryptedExtensions']).toBe(RFC8448.S4_EE);
    expect(messages['server Finished']).toBe(RFC8448.S4_SERVER_FINISHED);
  });

  it('§3\'s run derives the resumption master secret §4 starts from', () => {
    expect(toHex(traceSession(run('tls13-rfc8448'))!.allSecrets().resumption!)).toBe(RFC8448.S3_SECRETS.resumption);
  });

  it('compatibility mode is off, as in the RFC: no ChangeCipherSpec anywhere', () => {
    for (const side of ['client', 'server'] as const) expect(recordsOf(trace, side)).not.toContain(CCS);
  });
});
