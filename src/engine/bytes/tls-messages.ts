// TLS handshake messages with their real structure (RFC 5246 §7.4, RFC 8446 §4, RFC 5077 §3.3),
// each built to exactly the length the engine fixed (src/engine/tls/sizes.ts): ClientHellos reach
// it with the padding extension (RFC 7685), QUIC's transport parameters with a reserved parameter
// (RFC 9000 §18.1), certificates with their comment extension; the rest are fixed by structure.
// Keys, signatures, binders and MACs are stand-in bytes from the seed: the structure is real, the
// cryptography behind it is not (except QUIC Initial protection, see quic.ts).

import {TLS12, TLS13} from '../tls/sizes.js';
import {CIPHER_SUITE, EXTENSION, HANDSHAKE_TYPE, NAMED_GROUP, SIGNATURE_SCHEME, TLS_VERSION} from './code-points.js';
import type {ContentBytes} from './random.js';
import {exampleCertificate} from './x509.js';
import {ascii, concat, fromHex, Writer} from './writer.js';

/** Message name → handshake type, the HelloRetryRequest included (it is a ServerHello, RFC 8446 §4.1.3). */
export const HANDSHAKE_TYPES: Readonly<Record<string, number>> = {...HANDSHAKE_TYPE, HelloRetryRequest: HANDSHAKE_TYPE.ServerHello};

export const EXT = EXTENSION;
export const GROUP = NAMED_GROUP;
/** SHA-256("HelloRetryRequest"): the Random of every HelloRetryRequest (RFC 8446 §4.1.3). */
export const HRR_RANDOM = fromHex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');
export const SERVER_NAME = 'example.com';
const S = CIPHER_SUITE;
const SIG = SIGNATURE_SCHEME;
const TLS13_SUITES = [S.TLS_AES_128_GCM_SHA256, S.TLS_AES_256_GCM_SHA384, S.TLS_CHACHA20_POLY1305_SHA256];
/** ECDHE_RSA_WITH_AES_128_GCM_SHA256 first: the suite the TLS 1.2 server picks. */
const TLS12_SUITES = [
  S.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
  S.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
  S.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
  S.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
  S.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
  S.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
  S.TLS_RSA_WITH_AES_128_GCM_SHA256,
  S.TLS_RSA_WITH_AES_256_GCM_SHA384,
];
const SIG_ALGS_CH = [SIG.ecdsa_secp256r1_sha256, SIG.rsa_pss_rsae_sha256, SIG.rsa_pkcs1_sha256, SIG.ecdsa_secp384r1_sha384, SIG.rsa_pss_rsae_sha384, SIG.rsa_pkcs1_sha384, SIG.rsa_pss_rsae_sha512, SIG.rsa_pkcs1_sha512];
const SIG_ALGS_CR13 = [SIG.ecdsa_secp256r1_sha256, SIG.ecdsa_secp384r1_sha384, SIG.ecdsa_secp521r1_sha512, SIG.ed25519, SIG.ed448, SIG.rsa_pss_pss_sha256, SIG.rsa_pss_pss_sha384, SIG.rsa_pss_pss_sha512, SIG.rsa_pss_rsae_sha256, SIG.rsa_pss_rsae_sha384, SIG.rsa_pss_rsae_sha512, SIG.rsa_pkcs1_sha256];
const SIG_ALGS_CR12 = [SIG.ecdsa_secp256r1_sha256, SIG.ecdsa_secp384r1_sha384, SIG.ecdsa_secp521r1_sha512, SIG.rsa_pss_rsae_sha256, SIG.rsa_pss_rsae_sha384, SIG.rsa_pss_rsae_sha512, SIG.rsa_pkcs1_sha256, SIG.rsa_pkcs1_sha384, SIG.rsa_pkcs1_sha512, SIG.rsa_pkcs1_sha1];
/** rsa_pss_rsae_sha256 (TLS 1.3 CertificateVerify) and rsa_pkcs1_sha256 (TLS 1.2 signatures). */
const RSA_PSS_SHA256 = SIG.rsa_pss_rsae_sha256;
const RSA_PKCS1_SHA256 = SIG.rsa_pkcs1_sha256;
const INTERMEDIATE_LENGTH = 1150;
const CLIENT_CERT_LENGTH = 1000;
const TICKET_LIFETIME = 7200;
export const TLS13_TICKET_LENGTH = 200;

/** Everything about one connection that several messages share, fixed by the knobs and the seed. */
export interface TlsConnection {
  version: '1.2' | '1.3';
  transport: 'tcp' | 'quic';
  /** TLS 1.3 over TCP with compatibility mode: a 32-byte legacy_session_id (RFC 8446 D.4). */
  compat: boolean;
  resume: boolean;
  earlyData: 'off' | 'accepted' | 'rejected';
  hrr: boolean;
  /** The client will send application data in its first flight (it has a request to send). */
  hasRequest: boolean;
  random: ContentBytes;
  /** QUIC: the transport parameters' connection ids (RFC 9000 §7.3). */
  quic?: {clientScid: Uint8Array; serverScid: Uint8Array; originalDcid: Uint8Array; retryScid: Uint8Array | null};
}

const ext = (w: Writer, type: number, fill: (w: Writer) => void): void => {
  w.u16(type).vec(2, fill);
};

function message(type: number, length: number, name: string, fill: (w: Writer) => void): Uint8Array {
  const body = new Writer();
  fill(body);
  const out = new Writer().u8(type).u24(body.length).bytes(body.finish()).finish();
  if (out.length !== length) throw new Error(`${name} came out ${out.length} bytes, the engine fixed ${length}`);
  return out;
}

const sessionId = (c: TlsConnection): Uint8Array =>
  c.version === '1.2' || (c.compat && c.transport === 'tcp') ? c.random.take('legacy_session_id', 32) : new Uint8Array(0);

/** HTTP/3 over QUIC; HTTP/1.1 over TCP, since the request and response inside are HTTP/1.1 text. */
const alpn = (c: TlsConnection): string[] => (c.transport === 'quic' ? ['h3'] : ['http/1.1']);

function alpnExt(w: Writer, protocols: string[]): void {
  ext(w, EXT.application_layer_protocol_negotiation, (e) => e.vec(2, (l) => protocols.forEach((p) => l.vec(1, (s) => s.bytes(ascii(p))))));
}

function serverNameExt(w: Writer): void {
  ext(w, EXT.server_name, (e) => e.vec(2, (l) => l.u8(0).vec(2, (s) => s.bytes(ascii(SERVER_NAME)))));
}

const varintValue = (value: number): Uint8Array => new Writer().varint(value).finish();

/**
 * QUIC transport parameters (RFC 9000 §18.2). With a `size`, the optional ones go in while they
 * fit and a reserved (GREASE) parameter fills the rest exactly (RFC 9000 §18.1: ids 31 × N + 27
 * are ignored by receivers).
 */
function transportParameters(c: TlsConnection, client: boolean, size: number | null): Uint8Array {
  const q = c.quic!;
  const param = (id: number, value: Uint8Array): Uint8Array => new Writer().varint(id).varint(value.length).bytes(value).finish();
  const required: Uint8Array[] = client
    ? [param(0x0f, q.clientScid)] // initial_source_connection_id
    : [param(0x00, q.originalDcid), ...(q.retryScid ? [param(0x10, q.retryScid)] : []), param(0x0f, q.serverScid)];
  const optional: Uint8Array[] = [
    param(0x01, varintValue(30_000)), // max_idle_timeout (ms)
    param(0x04, varintValue(1_048_576)), // initial_max_data
    param(0x05, varintValue(262_144)), // initial_max_stream_data_bidi_local
    param(0x06, varintValue(262_144)), // initial_max_stream_data_bidi_remote
    param(0x07, varintValue(262_144)), // initial_max_stream_data_uni
    param(0x08, varintValue(100)), // initial_max_streams_bidi
    param(0x09, varintValue(100)), // initial_max_streams_uni
    ...(client ? [] : [param(0x02, c.random.take('stateless_reset_token', 16))]),
  ];
  const chosen = [...required];
  let used = chosen.reduce((n, p) => n + p.length, 0);
  for (const p of optional) {
    const left = size === null ? Infinity : size - used - p.length;
    if (left === 0 || left >= 2) {
      chosen.push(p);
      used += p.length;
    }
  }
  if (size !== null) {
    const gap = size - used;
    if (gap === 1 || gap < 0) throw new Error(`transport parameters cannot fill ${size} bytes (gap ${gap})`);
    if (gap >= 2) chosen.push(param(27, c.random.take('transport_parameter_grease', gap - 2)));
  }
  return concat(chosen);
}

// ---------------------------------------------------------------- ClientHello

export interface ClientHelloOptions {
  /** 1 for the first ClientHello, 2 for the one after a HelloRetryRequest. */
  attempt: 1 | 2;
  length: number;
}

/** The ClientHello (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2), padded to its fixed length (RFC 7685). */
export function clientHello(c: TlsConnection, options: ClientHelloOptions): Uint8Array {
  const {attempt, length} = options;
  const tls13 = c.version === '1.3';
  const second = attempt === 2;
  const offersEarly = tls13 && c.resume && c.earlyData !== 'off' && c.hasRequest && !second;
  const build = (padding: number | null): Uint8Array => {
    const body = new Writer()
      .u16(0x0303) // legacy_version
      .bytes(c.random.take('client_random', 32)) // the same in both ClientHellos (RFC 8446 §4.1.2)
      .vec(1, (w) => w.bytes(sessionId(c)))
      .vec(2, (w) => (tls13 ? TLS13_SUITES : TLS12_SUITES).forEach((s) => w.u16(s)))
      .vec(1, (w) => w.u8(0)); // compression: null only
    body.vec(2, (e) => {
      serverNameExt(e);
      ext(e, EXT.supported_groups, (g) => g.vec(2, (l) => [GROUP.x25519, GROUP.secp256r1, GROUP.secp384r1].forEach((x) => l.u16(x))));
      if (!tls13) {
        ext(e, EXT.ec_point_formats, (g) => g.vec(1, (l) => l.u8(0).u8(1).u8(2)));
        ext(e, EXT.extended_master_secret, () => {});
        ext(e, EXT.renegotiation_info, (g) => g.vec(1, () => {}));
        // RFC 5077 §3.2: empty to ask for a ticket, or the ticket to resume with.
        ext(e, EXT.session_ticket, (g) => {
          if (c.resume) g.bytes(c.random.take('previous_ticket_1.2', TLS12.NewSessionTicket - 10));
        });
      }
      ext(e, EXT.signature_algorithms, (g) => g.vec(2, (l) => SIG_ALGS_CH.forEach((a) => l.u16(a))));
      alpnExt(e, alpn(c));
      if (c.transport === 'quic') ext(e, EXT.quic_transport_parameters, (g) => g.bytes(transportParameters(c, true, null)));
      if (tls13) {
        ext(e, EXT.supported_versions, (g) => g.vec(1, (l) => l.u16(0x0304)));
        // With hrr=on the first ClientHello guesses P-256 while the server wants X25519 (RFC 8446 §4.1.4).
        ext(e, EXT.key_share, (g) =>
          g.vec(2, (l) => {
            if (c.hrr && !second) l.u16(GROUP.secp256r1).vec(2, (k) => k.u8(4).bytes(c.random.take('client_share_p256', 64)));
            else l.u16(GROUP.x25519).vec(2, (k) => k.bytes(c.random.take('client_share_x25519', 32)));
          }),
        );
        ext(e, EXT.psk_key_exchange_modes, (g) => g.vec(1, (l) => l.u8(1))); // psk_dhe_ke
        if (offersEarly) ext(e, EXT.early_data, () => {});
        if (second) ext(e, EXT.cookie, (g) => g.vec(2, (l) => l.bytes(hrrCookie(c))));
      }
      if (padding !== null) ext(e, EXT.padding, (g) => g.bytes(new Uint8Array(padding)));
      if (tls13 && c.resume) {
        // pre_shared_key MUST be the last extension (RFC 8446 §4.2.11).
        ext(e, EXT.pre_shared_key, (g) => {
          g.vec(2, (ids) => ids.vec(2, (t) => t.bytes(c.random.take('previous_ticket', TLS13_TICKET_LENGTH))).u32(0x5a5a0000 + attempt * 1000));
          g.vec(2, (binders) => binders.vec(1, (b) => b.bytes(c.random.take(`psk_binder_${attempt}`, 32))));
        });
      }
    });
    return new Writer().u8(HANDSHAKE_TYPES.ClientHello!).u24(body.length).bytes(body.finish()).finish();
  };
  const bare = build(null).length;
  const gap = length - bare;
  if (gap === 0) return build(null);
  if (gap < 4) throw new Error(`ClientHello (attempt ${attempt}) needs ${gap} bytes of padding, fewer than the padding extension takes`);
  const out = build(gap - 4);
  if (out.length !== length) throw new Error(`ClientHello came out ${out.length} bytes, the engine fixed ${length}`);
  return out;
}

/** The cookie a HelloRetryRequest carries and the second ClientHello echoes (RFC 8446 §4.2.2), sized so the HRR has its fixed length. */
function hrrCookie(c: TlsConnection): Uint8Array {
  const fixed = 4 + 2 + 32 + 1 + sessionId(c).length + 2 + 1 + 2 + 6 + 6 + 4 + 2;
  return c.random.take('hrr_cookie', TLS13.HelloRetryRequest - fixed);
}

// ---------------------------------------------------------------- server hellos

export function serverHello(c: TlsConnection, length: number): Uint8Array {
  const tls13 = c.version === '1.3';
  return message(HANDSHAKE_TYPES.ServerHello!, length, 'ServerHello', (w) => {
    w.u16(0x0303).bytes(c.random.take('server_random', 32));
    // TLS 1.3 echoes the client's session id; a resuming TLS 1.2 server echoes it too (RFC 5077 §3.4).
    w.vec(1, (s) => s.bytes(tls13 || c.resume ? sessionId(c) : c.random.take('server_session_id', 32)));
    w.u16(tls13 ? S.TLS_AES_128_GCM_SHA256 : S.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).u8(0);
    w.vec(2, (e) => {
      if (tls13) {
        ext(e, EXT.supported_versions, (g) => g.u16(0x0304));
        ext(e, EXT.key_share, (g) => g.u16(GROUP.x25519).vec(2, (k) => k.bytes(c.random.take('server_share_x25519', 32))));
        if (c.resume) ext(e, EXT.pre_shared_key, (g) => g.u16(0)); // selected_identity 0
      } else {
        ext(e, EXT.renegotiation_info, (g) => g.vec(1, () => {})); // RFC 5746 §3.6
        ext(e, EXT.ec_point_formats, (g) => g.vec(1, (l) => l.u8(0).u8(1).u8(2))); // RFC 8422 §5.2
        ext(e, EXT.session_ticket, () => {}); // a new ticket will follow (RFC 5077 §3.2)
      }
    });
  });
}

/** A ServerHello whose Random is the HelloRetryRequest constant (RFC 8446 §4.1.3, §4.1.4). */
export function helloRetryRequest(c: TlsConnection, length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.HelloRetryRequest!, length, 'HelloRetryRequest', (w) => {
    w.u16(TLS_VERSION['TLS 1.2']).bytes(HRR_RANDOM).vec(1, (s) => s.bytes(sessionId(c))).u16(S.TLS_AES_128_GCM_SHA256).u8(0);
    w.vec(2, (e) => {
      ext(e, EXT.supported_versions, (g) => g.u16(0x0304));
      ext(e, EXT.key_share, (g) => g.u16(GROUP.x25519)); // selected_group
      ext(e, EXT.cookie, (g) => g.vec(2, (l) => l.bytes(hrrCookie(c))));
    });
  });
}

export function encryptedExtensions(c: TlsConnection, length: number): Uint8Array {
  const early = c.earlyData === 'accepted';
  return message(HANDSHAKE_TYPES.EncryptedExtensions!, length, 'EncryptedExtensions', (w) => {
    w.vec(2, (e) => {
      ext(e, EXT.server_name, () => {}); // the server used the name the client sent (RFC 6066 §3)
      alpnExt(e, alpn(c));
      if (early) ext(e, EXT.early_data, () => {});
      if (c.transport === 'quic') {
        const rest = length - 4 - e.length - 4; // e is the body so far: what is left after the extension's own header
        ext(e, EXT.quic_transport_parameters, (g) => g.bytes(transportParameters(c, false, rest)));
      }
    });
  });
}

// ---------------------------------------------------------------- certificates and signatures

/** The server's chain (leaf, intermediate) or the client's single certificate, sized to the message. */
export function certificate(c: TlsConnection, side: 'client' | 'server', length: number): Uint8Array {
  const tls13 = c.version === '1.3';
  const entries = side === 'client' ? 1 : 2;
  const overhead = 4 + (tls13 ? 1 : 0) + 3 + entries * (3 + (tls13 ? 2 : 0));
  const certs =
    side === 'client'
      ? [exampleCertificate('client', length - overhead)]
      : [exampleCertificate('leaf', length - overhead - INTERMEDIATE_LENGTH), exampleCertificate('intermediate', INTERMEDIATE_LENGTH)];
  if (side === 'client' && length - overhead !== CLIENT_CERT_LENGTH) throw new Error('unexpected client certificate length');
  return message(HANDSHAKE_TYPES.Certificate!, length, 'Certificate', (w) => {
    if (tls13) w.vec(1, () => {}); // certificate_request_context: empty
    w.vec(3, (list) => {
      for (const der of certs) {
        list.vec(3, (d) => d.bytes(der));
        if (tls13) list.vec(2, () => {}); // per-certificate extensions: none
      }
    });
  });
}

export function certificateVerify(c: TlsConnection, side: 'client' | 'server', length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.CertificateVerify!, length, 'CertificateVerify', (w) => {
    w.u16(c.version === '1.3' ? RSA_PSS_SHA256 : RSA_PKCS1_SHA256).vec(2, (s) => s.bytes(c.random.take(`${side}_certificate_verify`, length - 8)));
  });
}

export function certificateRequest(c: TlsConnection, length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.CertificateRequest!, length, 'CertificateRequest', (w) => {
    if (c.version === '1.3') {
      w.vec(1, () => {}); // certificate_request_context
      w.vec(2, (e) => ext(e, EXT.signature_algorithms, (g) => g.vec(2, (l) => SIG_ALGS_CR13.forEach((a) => l.u16(a)))));
    } else {
      w.vec(1, (t) => t.u8(1).u8(2).u8(64)); // rsa_sign, dss_sign, ecdsa_sign
      w.vec(2, (l) => SIG_ALGS_CR12.forEach((a) => l.u16(a)));
      w.vec(2, () => {}); // certificate_authorities: any
    }
  });
}

/** ECDHE parameters signed by the server (RFC 8422 §5.4). */
export function serverKeyExchange(c: TlsConnection, length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.ServerKeyExchange!, length, 'ServerKeyExchange', (w) => {
    w.u8(3).u16(GROUP.x25519).vec(1, (k) => k.bytes(c.random.take('server_share_x25519', 32))); // named_curve x25519
    w.u16(RSA_PKCS1_SHA256).vec(2, (s) => s.bytes(c.random.take('server_key_exchange_signature', length - 4 - 4 - 32 - 4)));
  });
}

export function clientKeyExchange(c: TlsConnection, length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.ClientKeyExchange!, length, 'ClientKeyExchange', (w) => {
    w.vec(1, (k) => k.bytes(c.random.take('client_share_x25519', 32)));
  });
}

// ---------------------------------------------------------------- the rest

export function newSessionTicket(c: TlsConnection, length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.NewSessionTicket!, length, 'NewSessionTicket', (w) => {
    w.u32(TICKET_LIFETIME);
    if (c.version === '1.2') {
      w.vec(2, (t) => t.bytes(c.random.take('new_ticket_1.2', length - 10)));
      return;
    }
    w.bytes(c.random.take('ticket_age_add', 4));
    w.vec(1, (n) => n.bytes(c.random.take('ticket_nonce', 8)));
    w.vec(2, (t) => t.bytes(c.random.take('new_ticket', TLS13_TICKET_LENGTH)));
    // Tickets allow 0-RTT next time; over QUIC max_early_data_size must be 0xffffffff (RFC 9001 §4.6.1).
    w.vec(2, (e) => ext(e, EXT.early_data, (g) => g.u32(c.transport === 'quic' ? 0xffffffff : 16384)));
  });
}

export function finished(c: TlsConnection, side: 'client' | 'server', length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.Finished!, length, 'Finished', (w) => w.bytes(c.random.take(`${side}_finished`, length - 4)));
}

export function endOfEarlyData(length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.EndOfEarlyData!, length, 'EndOfEarlyData', () => {});
}

export function serverHelloDone(length: number): Uint8Array {
  return message(HANDSHAKE_TYPES.ServerHelloDone!, length, 'ServerHelloDone', () => {});
}

/** One handshake message by the name the engine uses. `attempt` counts ClientHellos. */
export function handshakeMessage(c: TlsConnection, name: string, side: 'client' | 'server', length: number, attempt: 1 | 2 = 1): Uint8Array {
  switch (name) {
    case 'ClientHello':
      return clientHello(c, {attempt, length});
    case 'ServerHello':
      return serverHello(c, length);
    case 'HelloRetryRequest':
      return helloRetryRequest(c, length);
    case 'EncryptedExtensions':
      return encryptedExtensions(c, length);
    case 'Certificate':
      return certificate(c, side, length);
    case 'CertificateVerify':
      return certificateVerify(c, side, length);
    case 'CertificateRequest':
      return certificateRequest(c, length);
    case 'ServerKeyExchange':
      return serverKeyExchange(c, length);
    case 'ClientKeyExchange':
      return clientKeyExchange(c, length);
    case 'ServerHelloDone':
      return serverHelloDone(length);
    case 'NewSessionTicket':
      return newSessionTicket(c, length);
    case 'Finished':
      return finished(c, side, length);
    case 'EndOfEarlyData':
      return endOfEarlyData(length);
    default:
      throw new Error(`no encoder for the handshake message ${name}`);
  }
}

/** The length the engine fixed for a TLS 1.2 message that shares a record with others. */
export function tls12MessageLength(name: string, side: 'client' | 'server'): number {
  if (name === 'Certificate') return side === 'server' ? TLS12.Certificate : TLS12.ClientCertificate;
  const length = (TLS12 as Record<string, number>)[name];
  if (length === undefined) throw new Error(`no TLS 1.2 length for ${name}`);
  return length;
}
