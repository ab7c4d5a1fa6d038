// The TLS messages of real runs, read back: structure, extensions, the padding rule, the
// certificate chain and signatures, and the records that carry them.
import {createHash, createPublicKey, verify, X509Certificate, constants} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {EXTENSION, HANDSHAKE_TYPE, NAMED_GROUP, TLS_VERSION} from '../../../src/engine/bytes/code-points.js';
import {hkdfExpandLabel, hkdfExtract} from '../../../src/engine/bytes/crypto.js';
import {exampleKey} from '../../../src/engine/bytes/example-keys.js';
import {traceSession} from '../../../src/engine/bytes/frames.js';
import {clientHelloLength} from '../../../src/engine/tls/sizes.js';
import {certificateVerifyInput, HRR_RANDOM, paddingFor, PADDING_RANGE} from '../../../src/engine/bytes/tls-messages.js';
import {changeCipherSpec, recordHeader} from '../../../src/engine/bytes/tls-records.js';
import {toHex, u16At, u24At, u32At} from '../../../src/engine/bytes/writer.js';
import {exampleCertificate} from '../../../src/engine/bytes/x509.js';
import {PRESET_IDS} from '../../../src/engine/presets.js';
import type {Trace} from '../../../src/engine/types.js';
import {KNOB_SAMPLES} from '../../fixtures/knob-samples.js';
import {run} from '../../helpers/run.js';

const E = EXTENSION;

/** Every handshake message of a run, in the order sent. */
const messagesOf = (trace: Trace) => traceSession(trace)!.messages();
const message = (trace: Trace, side: 'client' | 'server', name: string, nth = 0): Uint8Array =>
  messagesOf(trace).filter((m) => m.side === side && m.name === name)[nth]!.bytes;

/** The extensions of a ClientHello or ServerHello, in order: [type, data]. */
function extensions(message: Uint8Array): [number, Uint8Array][] {
  let at = 4 + 2 + 32;
  at += 1 + message[at]!; // session id
  if (message[0] === 1) {
    at += 2 + u16At(message, at); // cipher suites
    at += 1 + message[at]!; // compression methods
  } else at += 3; // cipher suite, compression
  const end = at + 2 + u16At(message, at);
  const out: [number, Uint8Array][] = [];
  for (at += 2; at < end; ) {
    const length = u16At(message, at + 2);
    out.push([u16At(message, at), message.subarray(at + 4, at + 4 + length)]);
    at += 4 + length;
  }
  return out;
}

const allTraces = (): [string, Trace][] => [
  ...PRESET_IDS.map((id): [string, Trace] => [id, run(id)]),
  ...KNOB_SAMPLES.map((s): [string, Trace] => [`${s.preset} ${JSON.stringify(s.set)}`, run(s.preset, s.set)]),
];

describe('TLS 1.3 key schedule pieces (RFC 8446 §7.1, values of RFC 8448 §3)', () => {
  it('HKDF-Extract and Derive-Secret(., "derived", "") give the well-known early secrets', () => {
    const early = hkdfExtract(new Uint8Array(1), new Uint8Array(32));
    expect(toHex(early)).toBe('33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a');
    const emptyHash = createHash('sha256').digest();
    expect(toHex(hkdfExpandLabel(early, 'derived', emptyHash, 32))).toBe('6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba');
  });

  it('the HelloRetryRequest Random is SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3)', () => {
    expect(toHex(HRR_RANDOM)).toBe(createHash('sha256').update('HelloRetryRequest').digest('hex'));
  });
});

describe('records (RFC 8446 §5, RFC 5246 §6.2)', () => {
  it('record header and ChangeCipherSpec', () => {
    expect(toHex(recordHeader(22, 0x0301, 196))).toBe('16030100c4'); // RFC 8448's first ClientHello record
    expect(toHex(changeCipherSpec())).toBe('140303000101');
  });
});

describe('ClientHello (RFC 8446 §4.1.2)', () => {
  it('carries the real extensions, pre_shared_key last', () => {
    const hello = message(run('tls13-0rtt'), 'client', 'ClientHello');
    expect(hello[0]).toBe(HANDSHAKE_TYPE.ClientHello);
    expect(u24At(hello, 1)).toBe(hello.length - 4);
    const types = extensions(hello).map(([t]) => t);
    for (const t of [E.server_name, E.supported_groups, E.signature_algorithms, E.supported_versions, E.key_share, E.psk_key_exchange_modes, E.early_data]) expect(types).toContain(t);
    expect(types.at(-1)).toBe(E.pre_shared_key);
  });

  it('is padded only into the F5 range: a hello of 256–511 bytes grows to 512, others are sent as they are (RFC 7685)', () => {
    expect(paddingFor(255)).toBeNull();
    expect(paddingFor(256)).toBe(252);
    expect(paddingFor(507)).toBe(1);
    expect(paddingFor(510)).toBe(1);
    expect(paddingFor(512)).toBeNull();
    let padded = 0;
    let unpadded = 0;
    for (const [name, trace] of allTraces()) {
      if (trace.knobs.tls === 'none') continue;
      for (const hello of messagesOf(trace).filter((m) => m.name === 'ClientHello').map((m) => m.bytes)) {
        const padding = extensions(hello).find(([t]) => t === E.padding);
        const bare = hello.length - (padding ? 4 + padding[1].length : 0);
        if (padding) {
          padded++;
          expect(bare, name).toBeGreaterThanOrEqual(PADDING_RANGE.from);
          expect(bare, name).toBeLessThan(PADDING_RANGE.below);
          expect(hello.length, name).toBe(Math.max(PADDING_RANGE.below, bare + 5));
          expect(trace.knobs.transport, `${name}: QUIC pads the datagram, not the hello (RFC 9000 §14.1)`).toBe('tcp');
        } else {
          unpadded++;
          if (trace.knobs.transport === 'tcp') expect(bare < PADDING_RANGE.from || bare >= PADDING_RANGE.below, `${name}: ${bare} bytes unpadded`).toBe(true);
        }
      }
    }
    expect(padded).toBeGreaterThan(10);
    expect(unpadded).toBeGreaterThan(10);
  });

  it('the engine fixed each ClientHello\'s length from its layout alone', () => {
    const shape = {profile: 'hs-tutor', version: '1.3', transport: 'tcp', compat: true, resume: false, earlyData: 'off', hrr: false, offersEarly: false} as const;
    expect(message(run('tls13'), 'client', 'ClientHello').length).toBe(clientHelloLength(shape, 1));
    expect(message(run('tls13-no-compat'), 'client', 'ClientHello').length).toBe(clientHelloLength({...shape, compat: false}, 1));
    expect(message(run('quic'), 'client', 'ClientHello').length).toBe(clientHelloLength({...shape, transport: 'quic', compat: false}, 1));
  });

  it('after a HelloRetryRequest: the same random, the cookie it was given, the key share asked for, no early_data', () => {
    const trace = run('tls13-0rtt', {hrr: 'on', earlyData: 'rejected'});
    const first = message(trace, 'client', 'ClientHello', 0);
    const second = message(trace, 'client', 'ClientHello', 1);
    const hrr = message(trace, 'server', 'HelloRetryRequest');
    expect(toHex(second.subarray(6, 38))).toBe(toHex(first.subarray(6, 38)));
    const ext1 = new Map(extensions(first));
    const ext2 = new Map(extensions(second));
    expect(u16At(ext1.get(E.key_share)!, 2)).toBe(NAMED_GROUP.secp256r1); // guessed P-256 first
    expect(u16At(ext2.get(E.key_share)!, 2)).toBe(NAMED_GROUP.x25519); // X25519, as the HRR asked
    expect(ext1.has(E.early_data)).toBe(true);
    expect(ext2.has(E.early_data)).toBe(false);
    expect(toHex(ext2.get(E.cookie)!)).toBe(toHex(new Map(extensions(hrr)).get(E.cookie)!));
    expect(extensions(second).at(-1)![0]).toBe(E.pre_shared_key);
  });

  it('TLS 1.2: session_ticket empty for a full handshake, carrying the ticket to resume (RFC 5077 §3.2); extended_master_secret offered', () => {
    const full = new Map(extensions(message(run('tls12'), 'client', 'ClientHello')));
    expect(full.get(E.session_ticket)!.length).toBe(0);
    expect(full.has(E.extended_master_secret)).toBe(true);
    expect(new Map(extensions(message(run('tls12-resumed'), 'client', 'ClientHello'))).get(E.session_ticket)!.length).toBe(192);
  });
});

describe('server messages', () => {
  it('HelloRetryRequest is a ServerHello with the fixed Random, echoing the session id, naming X25519', () => {
    const trace = run('tls13-hrr');
    const hrr = message(trace, 'server', 'HelloRetryRequest');
    expect(hrr.length).toBe(100);
    expect(hrr[0]).toBe(HANDSHAKE_TYPE.ServerHello);
    expect(toHex(hrr.subarray(6, 38))).toBe(toHex(HRR_RANDOM));
    expect(toHex(hrr.subarray(38, 71))).toBe(toHex(message(trace, 'client', 'ClientHello').subarray(38, 71)));
    expect(u16At(new Map(extensions(hrr)).get(E.key_share)!, 0)).toBe(NAMED_GROUP.x25519);
    expect(message(run('tls13-hrr', {compat: 'off'}), 'server', 'HelloRetryRequest').length).toBe(100);
  });

  it('ServerHello: supported_versions 0x0304 and an X25519 key share; pre_shared_key when resuming', () => {
    const sh = new Map(extensions(message(run('tls13'), 'server', 'ServerHello')));
    expect(u16At(sh.get(E.supported_versions)!, 0)).toBe(TLS_VERSION['TLS 1.3']);
    expect(u16At(sh.get(E.key_share)!, 0)).toBe(NAMED_GROUP.x25519);
    expect(new Map(extensions(message(run('tls13-psk'), 'server', 'ServerHello'))).has(E.pre_shared_key)).toBe(true);
    expect(message(run('tls13-no-compat'), 'server', 'ServerHello').length).toBe(90);
  });

  it('a TLS 1.2 ServerHello echoes extended_master_secret (RFC 7627 §5.2)', () => {
    for (const id of ['tls12', 'tls12-resumed']) expect(new Map(extensions(message(run(id), 'server', 'ServerHello'))).has(E.extended_master_secret), id).toBe(true);
  });

  it('two NewSessionTickets with their own nonce and ticket, as OpenSSL sends them; over QUIC max_early_data_size is 0xffffffff (RFC 9001 §4.6.1)', () => {
    const [a, b] = messagesOf(run('tls13')).filter((m) => m.name === 'NewSessionTicket').map((m) => m.bytes);
    expect(a && b).toBeTruthy();
    expect(toHex(a!.subarray(13, 21))).toBe('0000000000000000');
    expect(toHex(b!.subarray(13, 21))).toBe('0000000000000001');
    expect(toHex(a!.subarray(23, 223))).not.toBe(toHex(b!.subarray(23, 223)));
    const nst = message(run('quic'), 'server', 'NewSessionTicket');
    expect(toHex(nst.subarray(nst.length - 8))).toBe('002a0004ffffffff');
  });
});

describe('certificates and signatures (RFC 5280, RFC 8446 §4.4.3)', () => {
  it('the example chain is real: the leaf verifies under the issuing CA, the CA under the root', () => {
    const leaf = new X509Certificate(exampleCertificate('leaf', 1250));
    const ca = new X509Certificate(exampleCertificate('intermediate', 1150));
    expect(leaf.raw.length).toBe(1250);
    expect(leaf.subject).toContain('CN=example.com');
    expect(leaf.subjectAltName).toContain('DNS:example.com');
    expect(ca.ca).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(createPublicKey(exampleKey('root')))).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(new X509Certificate(exampleCertificate('client', 1000)).verify(ca.publicKey)).toBe(true);
  });

  it('the server chain is leaf then intermediate, the same in every run', () => {
    const a = message(run('tls13'), 'server', 'Certificate');
    expect(toHex(a)).toBe(toHex(message(run('tls13', {}, {seed: 99}), 'server', 'Certificate')));
    expect(a[4]).toBe(0); // empty certificate_request_context
    expect(u24At(a, 8)).toBe(a.length - 18 - 1150);
  });

  it.each([
    ['tls13', 'server'],
    ['tls13-client-auth', 'client'],
  ] as const)('%s: the %s CertificateVerify is an RSA-PSS signature over the transcript with its certificate\'s key', (id, side) => {
    const trace = run(id);
    const all = messagesOf(trace);
    const index = all.findIndex((m) => m.side === side && m.name === 'CertificateVerify');
    const cv = all[index]!.bytes;
    expect(u16At(cv, 4)).toBe(0x0804); // rsa_pss_rsae_sha256
    const transcript = createHash('sha256');
    for (const m of all.slice(0, index)) if (m.name !== 'NewSessionTicket') transcript.update(m.bytes);
    const certificate = all.filter((m) => m.side === side && m.name === 'Certificate')[0]!.bytes;
    const leaf = new X509Certificate(certificate.subarray(11, 11 + u24At(certificate, 8)));
    const input = certificateVerifyInput(side, transcript.digest());
    expect(verify('sha256', input, {key: leaf.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, cv.subarray(8))).toBe(true);
  });

  it('TLS 1.2: the ServerKeyExchange signature covers both randoms and the ECDHE parameters (RFC 8422 §5.4)', () => {
    const trace = run('tls12');
    const ch = message(trace, 'client', 'ClientHello');
    const sh = message(trace, 'server', 'ServerHello');
    const ske = message(trace, 'server', 'ServerKeyExchange');
    const params = ske.subarray(4, 4 + 4 + 32);
    const signature = ske.subarray(4 + 36 + 4);
    const leaf = new X509Certificate(exampleCertificate('leaf', 2413 - 4 - 3 - 2 * 3 - 1150));
    expect(u32At(ske, 4) >>> 8).toBe(0x03001d); // named_curve x25519
    expect(verify('sha256', Buffer.concat([ch.subarray(6, 38), sh.subarray(6, 38), params]), leaf.publicKey, signature)).toBe(true);
  });
});
