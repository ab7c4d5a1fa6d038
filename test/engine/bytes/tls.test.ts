import {createHash, X509Certificate} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {hkdfExpandLabel, hkdfExtract} from '../../../src/engine/bytes/aead.js';
import {ContentBytes} from '../../../src/engine/bytes/random.js';
import {
  certificate,
  clientHello,
  EXT,
  handshakeMessage,
  HRR_RANDOM,
  helloRetryRequest,
  newSessionTicket,
  serverHello,
  type TlsConnection,
} from '../../../src/engine/bytes/tls-messages.js';
import {changeCipherSpec, protectedRecord12, protectedRecord13, recordHeader} from '../../../src/engine/bytes/tls-records.js';
import {fromHex, toHex, u16At, u24At} from '../../../src/engine/bytes/writer.js';
import {exampleCertificate} from '../../../src/engine/bytes/x509.js';
import {TLS12, TLS13} from '../../../src/engine/tls/sizes.js';

const connection = (over: Partial<TlsConnection> = {}): TlsConnection => ({
  version: '1.3',
  transport: 'tcp',
  compat: true,
  resume: false,
  earlyData: 'off',
  hrr: false,
  hasRequest: true,
  random: new ContentBytes(1),
  quic: {clientScid: fromHex('0101010101010101'), serverScid: fromHex('0202020202020202'), originalDcid: fromHex('0303030303030303'), retryScid: null},
  ...over,
});

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

  it('protected records have the lengths the engine counts: +17 in TLS 1.3, +24 in TLS 1.2', () => {
    const inner = new Uint8Array(36);
    const r13 = protectedRecord13('handshake', inner, 'server handshake', 0);
    expect(r13.length).toBe(5 + 36 + 17);
    expect(toHex(r13.subarray(0, 5))).toBe('1703030035');
    const r12 = protectedRecord12('handshake', new Uint8Array(16), 'tls12 client', 0);
    expect(r12.length).toBe(5 + 16 + 24);
    expect(toHex(r12.subarray(0, 13))).toBe('16030300280000000000000000'); // explicit nonce = sequence 0
  });
});

describe('ClientHello (RFC 8446 §4.1.2)', () => {
  it('has the real extensions, padding to its fixed length, and pre_shared_key last', () => {
    const c = connection({resume: true, earlyData: 'accepted'});
    const hello = clientHello(c, {attempt: 1, length: TLS13.ClientHelloPskEarly});
    expect(hello.length).toBe(TLS13.ClientHelloPskEarly);
    expect(hello[0]).toBe(1);
    expect(u24At(hello, 1)).toBe(hello.length - 4);
    const types = extensions(hello).map(([t]) => t);
    for (const t of [EXT.server_name, EXT.supported_groups, EXT.signature_algorithms, EXT.supported_versions, EXT.key_share, EXT.psk_key_exchange_modes, EXT.early_data, EXT.padding]) {
      expect(types).toContain(t);
    }
    expect(types.at(-1)).toBe(EXT.pre_shared_key);
  });

  it('every variant meets the engine lengths', () => {
    for (const [over, attempt, length] of [
      [{}, 1, TLS13.ClientHello],
      [{compat: false}, 1, TLS13.ClientHello],
      [{resume: true}, 1, TLS13.ClientHelloPsk],
      [{resume: true, earlyData: 'accepted'}, 1, TLS13.ClientHelloPskEarly],
      [{hrr: true}, 2, TLS13.ClientHelloAfterHrr],
      [{hrr: true, resume: true, earlyData: 'rejected'}, 2, TLS13.ClientHelloAfterHrr],
      [{hrr: true, resume: true, transport: 'quic', compat: false}, 2, TLS13.ClientHelloAfterHrr],
      [{transport: 'quic', compat: false, resume: true, earlyData: 'accepted'}, 1, TLS13.ClientHelloPskEarly],
      [{version: '1.2'}, 1, TLS12.ClientHello],
      [{version: '1.2', resume: true}, 1, TLS12.ClientHello],
    ] as const) {
      expect(clientHello(connection(over as Partial<TlsConnection>), {attempt, length}).length).toBe(length);
    }
  });

  it('after a HelloRetryRequest: the same random, the cookie it was given, the key share asked for, no early_data', () => {
    const c = connection({hrr: true, resume: true, earlyData: 'rejected'});
    const first = clientHello(c, {attempt: 1, length: TLS13.ClientHelloPskEarly});
    const second = clientHello(c, {attempt: 2, length: TLS13.ClientHelloAfterHrr});
    const hrr = helloRetryRequest(c, TLS13.HelloRetryRequest);
    expect(toHex(second.subarray(6, 38))).toBe(toHex(first.subarray(6, 38)));
    const ext1 = new Map(extensions(first));
    const ext2 = new Map(extensions(second));
    expect(u16At(ext1.get(EXT.key_share)!, 2)).toBe(0x0017); // guessed P-256 first
    expect(u16At(ext2.get(EXT.key_share)!, 2)).toBe(0x001d); // X25519, as the HRR asked
    expect(ext1.has(EXT.early_data)).toBe(true);
    expect(ext2.has(EXT.early_data)).toBe(false);
    expect(toHex(ext2.get(EXT.cookie)!)).toBe(toHex(new Map(extensions(hrr)).get(EXT.cookie)!));
    expect(extensions(second).at(-1)![0]).toBe(EXT.pre_shared_key);
  });

  it('TLS 1.2: session_ticket empty for a full handshake, carrying the ticket to resume (RFC 5077 §3.2)', () => {
    expect(new Map(extensions(clientHello(connection({version: '1.2'}), {attempt: 1, length: 512}))).get(EXT.session_ticket)!.length).toBe(0);
    expect(new Map(extensions(clientHello(connection({version: '1.2', resume: true}), {attempt: 1, length: 512}))).get(EXT.session_ticket)!.length).toBe(192);
  });
});

describe('server messages', () => {
  it('HelloRetryRequest is a ServerHello with the fixed Random, echoing the session id', () => {
    const c = connection({hrr: true});
    const hrr = helloRetryRequest(c, TLS13.HelloRetryRequest);
    expect(hrr.length).toBe(100);
    expect(hrr[0]).toBe(2);
    expect(toHex(hrr.subarray(6, 38))).toBe(toHex(HRR_RANDOM));
    const hello = clientHello(c, {attempt: 1, length: 512});
    expect(toHex(hrr.subarray(38, 71))).toBe(toHex(hello.subarray(38, 71)));
    expect(helloRetryRequest(connection({hrr: true, compat: false}), TLS13.HelloRetryRequest).length).toBe(100);
  });

  it('ServerHello: supported_versions 0x0304 and an X25519 key share; pre_shared_key when resuming', () => {
    const sh = serverHello(connection(), TLS13.ServerHello);
    const ext = new Map(extensions(sh));
    expect(toHex(ext.get(EXT.supported_versions)!)).toBe('0304');
    expect(u16At(ext.get(EXT.key_share)!, 0)).toBe(0x001d);
    expect(new Map(extensions(serverHello(connection({resume: true}), TLS13.ServerHelloPsk))).has(EXT.pre_shared_key)).toBe(true);
    expect(serverHello(connection({compat: false}), TLS13.ServerHello - TLS13.LegacySessionId).length).toBe(90);
    expect(() => serverHello(connection(), 100)).toThrow(/ServerHello came out 122 bytes/);
  });

  it('every fixed-length message of sizes.ts can be built', () => {
    const c13 = connection();
    const c12 = connection({version: '1.2'});
    const q = connection({transport: 'quic', compat: false, earlyData: 'accepted', resume: true});
    const cases: [TlsConnection, string, 'client' | 'server', number][] = [
      [c13, 'EncryptedExtensions', 'server', TLS13.EncryptedExtensions],
      [connection({earlyData: 'accepted', resume: true}), 'EncryptedExtensions', 'server', TLS13.EncryptedExtensionsEarly],
      [q, 'EncryptedExtensions', 'server', TLS13.EncryptedExtensionsEarly + TLS13.QuicTransportParameters],
      [connection({transport: 'quic', compat: false, quic: {...connection().quic!, retryScid: fromHex('0404040404040404')}}), 'EncryptedExtensions', 'server', TLS13.EncryptedExtensions + TLS13.QuicTransportParameters],
      [c13, 'CertificateRequest', 'server', TLS13.CertificateRequest],
      [c13, 'Certificate', 'server', TLS13.Certificate],
      [c13, 'CertificateVerify', 'server', TLS13.CertificateVerify],
      [c13, 'Finished', 'client', TLS13.Finished],
      [c13, 'Certificate', 'client', TLS13.ClientCertificate],
      [c13, 'CertificateVerify', 'client', TLS13.ClientCertificateVerify],
      [c13, 'NewSessionTicket', 'server', TLS13.NewSessionTicket],
      [c13, 'EndOfEarlyData', 'client', TLS13.EndOfEarlyData],
      [c12, 'ServerHello', 'server', TLS12.ServerHello],
      [connection({version: '1.2', resume: true}), 'ServerHello', 'server', TLS12.ServerHello],
      [c12, 'Certificate', 'server', TLS12.Certificate],
      [c12, 'ServerKeyExchange', 'server', TLS12.ServerKeyExchange],
      [c12, 'CertificateRequest', 'server', TLS12.CertificateRequest],
      [c12, 'ServerHelloDone', 'server', TLS12.ServerHelloDone],
      [c12, 'Certificate', 'client', TLS12.ClientCertificate],
      [c12, 'ClientKeyExchange', 'client', TLS12.ClientKeyExchange],
      [c12, 'CertificateVerify', 'client', TLS12.CertificateVerify],
      [c12, 'Finished', 'client', TLS12.Finished],
      [c12, 'NewSessionTicket', 'server', TLS12.NewSessionTicket],
    ];
    for (const [c, name, side, length] of cases) expect(handshakeMessage(c, name, side, length).length, name).toBe(length);
  });

  it('a QUIC NewSessionTicket allows early data with max_early_data_size 0xffffffff (RFC 9001 §4.6.1)', () => {
    const nst = newSessionTicket(connection({transport: 'quic', compat: false}), TLS13.NewSessionTicket);
    expect(toHex(nst.subarray(nst.length - 8))).toBe('002a0004ffffffff');
  });
});

describe('example certificates (RFC 5280)', () => {
  it('are DER that X.509 parsers read, at exactly the asked length', () => {
    const leaf = new X509Certificate(exampleCertificate('leaf', 1250));
    expect(leaf.raw.length).toBe(1250);
    expect(leaf.subject).toContain('CN=example.com');
    expect(leaf.subjectAltName).toContain('DNS:example.com');
    expect(new X509Certificate(exampleCertificate('intermediate', 1150)).ca).toBe(true);
    expect(new X509Certificate(exampleCertificate('client', 1000)).raw.length).toBe(1000);
  });

  it('the server chain is leaf then intermediate, the same in every run', () => {
    const c = connection();
    const a = certificate(c, 'server', TLS13.Certificate);
    const b = certificate(connection({random: new ContentBytes(99)}), 'server', TLS13.Certificate);
    expect(toHex(a)).toBe(toHex(b));
    // context length 0, list length, then the first certificate's 3-byte length
    expect(a[4]).toBe(0);
    expect(u24At(a, 8)).toBe(TLS13.Certificate - 18 - 1150);
  });
});
