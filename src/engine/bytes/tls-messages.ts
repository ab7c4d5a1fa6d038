// TLS handshake messages with their real structure (RFC 8446 §4, RFC 5246 §7.4, RFC 5077 §3.3),
// from the values a connection gives them (tls-session.ts fills in keys, signatures and MACs).
// Pure structure: every number comes from the code-point table (code-points.ts).

import {
  CIPHER_SUITE,
  CLIENT_CERTIFICATE_TYPE,
  EC_CURVE_TYPE,
  EC_POINT_FORMAT,
  EXTENSION,
  HANDSHAKE_TYPE,
  NAMED_GROUP,
  PSK_MODE,
  QUIC_GREASE_PARAMETER,
  QUIC_TRANSPORT_PARAMETER,
  SIGNATURE_SCHEME,
  TLS_VERSION,
  type CipherSuiteName,
  type ExtensionName,
  type GroupName,
  type HandshakeName,
  type SignatureSchemeName,
} from './code-points.js';
import {ascii, concat, fromHex, Writer} from './writer.js';

export type {HandshakeName};

/** SHA-256("HelloRetryRequest"): the Random of every HelloRetryRequest (RFC 8446 §4.1.3). */
export const HRR_RANDOM = fromHex('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');
/** The legacy_version of every hello: TLS 1.2 (RFC 8446 §4.1.2). */
export const LEGACY_VERSION = TLS_VERSION['TLS 1.2'];

/** A handshake message: type, 3-byte length, body (RFC 8446 §4). */
export function handshake(name: HandshakeName, body: Uint8Array): Uint8Array {
  return new Writer().u8(HANDSHAKE_TYPE[name]).u24(body.length).bytes(body).finish();
}

// ---------------------------------------------------------------- extensions

export type Extension = readonly [ExtensionName, Uint8Array];

const body = (fill: (w: Writer) => void): Uint8Array => {
  const w = new Writer();
  fill(w);
  return w.finish();
};

/** The extensions block: a 2-byte length, then each extension's type, length and data (RFC 8446 §4.2). */
export function extensionBlock(extensions: readonly Extension[]): Uint8Array {
  return body((w) => w.vec(2, (e) => extensions.forEach(([name, data]) => e.u16(EXTENSION[name]).vec(2, (d) => d.bytes(data)))));
}

/** Extension data, by extension (each cites where its structure is defined). */
export const ext = {
  /** RFC 6066 §3: a list with one host_name. */
  serverName: (host: string): Uint8Array => body((w) => w.vec(2, (l) => l.u8(0).vec(2, (n) => n.bytes(ascii(host))))),
  /** RFC 6066 §3: a server that used the name answers with an empty extension. */
  empty: (): Uint8Array => new Uint8Array(0),
  /** RFC 6066 §8: status_request for OCSP, no responder ids or extensions. */
  statusRequest: (): Uint8Array => Uint8Array.of(1, 0, 0, 0, 0),
  /** RFC 8446 §4.2.7. */
  supportedGroups: (groups: readonly GroupName[]): Uint8Array => body((w) => w.vec(2, (l) => groups.forEach((g) => l.u16(NAMED_GROUP[g])))),
  /** RFC 8422 §5.1.2. */
  ecPointFormats: (): Uint8Array => body((w) => w.vec(1, (l) => Object.values(EC_POINT_FORMAT).forEach((f) => l.u8(f)))),
  /** RFC 8446 §4.2.3. */
  signatureAlgorithms: (schemes: readonly SignatureSchemeName[]): Uint8Array => body((w) => w.vec(2, (l) => schemes.forEach((s) => l.u16(SIGNATURE_SCHEME[s])))),
  /** RFC 7301 §3.1. */
  alpn: (protocols: readonly string[]): Uint8Array => body((w) => w.vec(2, (l) => protocols.forEach((p) => l.vec(1, (s) => s.bytes(ascii(p)))))),
  /** RFC 8446 §4.2.1: the client's list. */
  supportedVersions: (versions: readonly (keyof typeof TLS_VERSION)[]): Uint8Array => body((w) => w.vec(1, (l) => versions.forEach((v) => l.u16(TLS_VERSION[v])))),
  /** RFC 8446 §4.2.1: the version the server selected. */
  selectedVersion: (): Uint8Array => body((w) => w.u16(TLS_VERSION['TLS 1.3'])),
  /** RFC 8446 §4.2.8: the client's key shares. */
  keyShares: (shares: readonly (readonly [GroupName, Uint8Array])[]): Uint8Array =>
    body((w) => w.vec(2, (l) => shares.forEach(([group, key]) => l.u16(NAMED_GROUP[group]).vec(2, (k) => k.bytes(key))))),
  /** RFC 8446 §4.2.8: the server's one key share. */
  keyShare: (group: GroupName, key: Uint8Array): Uint8Array => body((w) => w.u16(NAMED_GROUP[group]).vec(2, (k) => k.bytes(key))),
  /** RFC 8446 §4.2.8: a HelloRetryRequest names the group it wants. */
  selectedGroup: (group: GroupName): Uint8Array => body((w) => w.u16(NAMED_GROUP[group])),
  /** RFC 8446 §4.2.9. */
  pskModes: (): Uint8Array => body((w) => w.vec(1, (l) => l.u8(PSK_MODE.psk_dhe_ke))),
  /** RFC 8446 §4.2.10: empty in a ClientHello and EncryptedExtensions; max_early_data_size in a NewSessionTicket. */
  earlyData: (maxEarlyDataSize?: number): Uint8Array => (maxEarlyDataSize === undefined ? new Uint8Array(0) : body((w) => w.u32(maxEarlyDataSize))),
  /** RFC 8446 §4.2.2. */
  cookie: (cookie: Uint8Array): Uint8Array => body((w) => w.vec(2, (l) => l.bytes(cookie))),
  /** RFC 5077 §3.2: empty to ask for a ticket, or the ticket to resume with. */
  sessionTicket: (ticket: Uint8Array): Uint8Array => ticket,
  /** RFC 5746 §3.2: empty on a first handshake. */
  renegotiationInfo: (): Uint8Array => Uint8Array.of(0),
  /** RFC 8449 §4. */
  recordSizeLimit: (limit: number): Uint8Array => body((w) => w.u16(limit)),
  /** RFC 7685 §3: zero bytes. */
  padding: (length: number): Uint8Array => new Uint8Array(length),
  /** RFC 8446 §4.2.11: the identities and, last, the binders. */
  preSharedKey: (identity: Uint8Array, obfuscatedTicketAge: number, binder: Uint8Array): Uint8Array =>
    body((w) => {
      w.vec(2, (ids) => ids.vec(2, (t) => t.bytes(identity)).u32(obfuscatedTicketAge));
      w.vec(2, (binders) => binders.vec(1, (b) => b.bytes(binder)));
    }),
  /** RFC 8446 §4.2.11: the server's selected_identity. */
  selectedIdentity: (index: number): Uint8Array => body((w) => w.u16(index)),
  quicTransportParameters: (parameters: Uint8Array): Uint8Array => parameters,
};

/** The size of the binders list at the end of a pre_shared_key extension with one binder (RFC 8446 §4.2.11.2). */
export const bindersLength = (binderLength: number): number => 2 + 1 + binderLength;

// ---------------------------------------------------------------- QUIC transport parameters

export interface TransportParameterIds {
  /** The client's or server's initial_source_connection_id (RFC 9000 §7.3). */
  source: Uint8Array;
  /** Server only: original_destination_connection_id and, after a Retry, retry_source_connection_id. */
  originalDestination?: Uint8Array;
  retrySource?: Uint8Array | null;
  /** Server only: a stateless reset token (RFC 9000 §10.3). */
  statelessResetToken?: Uint8Array;
}

/**
 * QUIC transport parameters (RFC 9000 §18.2). With a `size`, the optional ones go in while they
 * fit and a reserved (GREASE) parameter fills the rest exactly (RFC 9000 §18.1: ids 31 × N + 27
 * are ignored by receivers); `grease` gives its content.
 */
export function transportParameters(ids: TransportParameterIds, size: number | null, grease: (length: number) => Uint8Array): Uint8Array {
  const P = QUIC_TRANSPORT_PARAMETER;
  const param = (id: number, value: Uint8Array): Uint8Array => new Writer().varint(id).varint(value.length).bytes(value).finish();
  const number = (value: number): Uint8Array => new Writer().varint(value).finish();
  const server = ids.originalDestination !== undefined;
  const required: Uint8Array[] = server
    ? [param(P.original_destination_connection_id, ids.originalDestination!), ...(ids.retrySource ? [param(P.retry_source_connection_id, ids.retrySource)] : []), param(P.initial_source_connection_id, ids.source)]
    : [param(P.initial_source_connection_id, ids.source)];
  const optional: Uint8Array[] = [
    param(P.max_idle_timeout, number(30_000)),
    param(P.initial_max_data, number(1_048_576)),
    param(P.initial_max_stream_data_bidi_local, number(262_144)),
    param(P.initial_max_stream_data_bidi_remote, number(262_144)),
    param(P.initial_max_stream_data_uni, number(262_144)),
    param(P.initial_max_streams_bidi, number(100)),
    param(P.initial_max_streams_uni, number(100)),
    ...(ids.statelessResetToken ? [param(P.stateless_reset_token, ids.statelessResetToken)] : []),
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
    if (gap >= 2) chosen.push(param(QUIC_GREASE_PARAMETER, grease(gap - 2)));
  }
  return concat(chosen);
}

// ---------------------------------------------------------------- hellos

export interface ClientHelloFields {
  random: Uint8Array;
  legacySessionId: Uint8Array;
  suites: readonly CipherSuiteName[];
  /** In order; pre_shared_key, when present, must be last (RFC 8446 §4.2.11). */
  extensions: readonly Extension[];
}

export function clientHelloBody(fields: ClientHelloFields): Uint8Array {
  return body((w) => {
    w.u16(LEGACY_VERSION).bytes(fields.random);
    w.vec(1, (s) => s.bytes(fields.legacySessionId));
    w.vec(2, (s) => fields.suites.forEach((suite) => s.u16(CIPHER_SUITE[suite])));
    w.vec(1, (c) => c.u8(0)); // compression: null only
    w.bytes(extensionBlock(fields.extensions));
  });
}

/** The F5 workaround's range (RFC 7685 §1): ClientHellos of 256–511 bytes are padded to 512. */
export const PADDING_RANGE = {from: 256, below: 512} as const;

/**
 * How many zero bytes the padding extension carries for a ClientHello of `length` bytes (handshake
 * header included) without it, or null for none: only a hello inside PADDING_RANGE is padded, to
 * PADDING_RANGE.below, as BoringSSL and NSS do (RFC 8448 §4 shows one). The extension's own 4
 * bytes count, and it carries at least one byte.
 */
export function paddingFor(length: number): number | null {
  if (length < PADDING_RANGE.from || length >= PADDING_RANGE.below) return null;
  return Math.max(1, PADDING_RANGE.below - length - 4);
}

/**
 * A ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2). With `pad`, the padding extension goes in
 * before pre_shared_key when paddingFor() asks for it.
 */
export function clientHello(fields: ClientHelloFields, pad: boolean): Uint8Array {
  const bare = handshake('ClientHello', clientHelloBody(fields));
  const padding = pad ? paddingFor(bare.length) : null;
  if (padding === null) return bare;
  const extensions = [...fields.extensions];
  const at = extensions.findIndex(([name]) => name === 'pre_shared_key');
  extensions.splice(at < 0 ? extensions.length : at, 0, ['padding', ext.padding(padding)]);
  return handshake('ClientHello', clientHelloBody({...fields, extensions}));
}

export interface ServerHelloFields {
  random: Uint8Array;
  legacySessionId: Uint8Array;
  suite: CipherSuiteName;
  extensions: readonly Extension[];
}

/** A ServerHello, or a HelloRetryRequest when its random is HRR_RANDOM (RFC 8446 §4.1.3–§4.1.4). */
export function serverHello(fields: ServerHelloFields): Uint8Array {
  return handshake(
    'ServerHello',
    body((w) => {
      w.u16(LEGACY_VERSION).bytes(fields.random);
      w.vec(1, (s) => s.bytes(fields.legacySessionId));
      w.u16(CIPHER_SUITE[fields.suite]).u8(0);
      w.bytes(extensionBlock(fields.extensions));
    }),
  );
}

export const encryptedExtensions = (extensions: readonly Extension[]): Uint8Array => handshake('EncryptedExtensions', extensionBlock(extensions));

// ---------------------------------------------------------------- certificates and signatures

/** TLS 1.3 Certificate (RFC 8446 §4.4.2): request context, then each certificate with (empty) extensions. */
export function certificate13(certificates: readonly Uint8Array[], context = new Uint8Array(0)): Uint8Array {
  return handshake(
    'Certificate',
    body((w) => {
      w.vec(1, (c) => c.bytes(context));
      w.vec(3, (list) => certificates.forEach((der) => list.vec(3, (d) => d.bytes(der)).vec(2, () => {})));
    }),
  );
}

/** TLS 1.2 Certificate (RFC 5246 §7.4.2): the chain, sender's own first. */
export function certificate12(certificates: readonly Uint8Array[]): Uint8Array {
  return handshake('Certificate', body((w) => w.vec(3, (list) => certificates.forEach((der) => list.vec(3, (d) => d.bytes(der))))));
}

/** CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8 with §7.4.1.4.1's scheme). */
export function certificateVerify(scheme: SignatureSchemeName, signature: Uint8Array): Uint8Array {
  return handshake('CertificateVerify', body((w) => w.u16(SIGNATURE_SCHEME[scheme]).vec(2, (s) => s.bytes(signature))));
}

/** What TLS 1.3 signs in a CertificateVerify: 64 spaces, the context string, a zero, the transcript hash (RFC 8446 §4.4.3). */
export function certificateVerifyInput(side: 'client' | 'server', transcriptHash: Uint8Array): Uint8Array {
  return concat([new Uint8Array(64).fill(0x20), ascii(`TLS 1.3, ${side} CertificateVerify`), Uint8Array.of(0), transcriptHash]);
}

/** TLS 1.3 CertificateRequest (RFC 8446 §4.3.2): empty context, the signature schemes it accepts. */
export function certificateRequest13(schemes: readonly SignatureSchemeName[]): Uint8Array {
  return handshake('CertificateRequest', body((w) => w.vec(1, () => {}).bytes(extensionBlock([['signature_algorithms', ext.signatureAlgorithms(schemes)]]))));
}

/** TLS 1.2 CertificateRequest (RFC 5246 §7.4.4): certificate types, signature schemes, any authority. */
export function certificateRequest12(schemes: readonly SignatureSchemeName[]): Uint8Array {
  const T = CLIENT_CERTIFICATE_TYPE;
  return handshake(
    'CertificateRequest',
    body((w) => {
      w.vec(1, (t) => t.u8(T.rsa_sign).u8(T.dss_sign).u8(T.ecdsa_sign));
      w.vec(2, (l) => schemes.forEach((s) => l.u16(SIGNATURE_SCHEME[s])));
      w.vec(2, () => {});
    }),
  );
}

/** ServerECDHParams (RFC 8422 §5.4): what the ServerKeyExchange signature covers after both randoms. */
export function ecdheParams(group: GroupName, publicKey: Uint8Array): Uint8Array {
  return body((w) => w.u8(EC_CURVE_TYPE.named_curve).u16(NAMED_GROUP[group]).vec(1, (k) => k.bytes(publicKey)));
}

export function serverKeyExchange(params: Uint8Array, scheme: SignatureSchemeName, signature: Uint8Array): Uint8Array {
  return handshake('ServerKeyExchange', body((w) => w.bytes(params).u16(SIGNATURE_SCHEME[scheme]).vec(2, (s) => s.bytes(signature))));
}

/** ClientKeyExchange for ECDHE (RFC 8422 §5.7): the client's public point. */
export function clientKeyExchange(publicKey: Uint8Array): Uint8Array {
  return handshake('ClientKeyExchange', body((w) => w.vec(1, (k) => k.bytes(publicKey))));
}

/** ClientKeyExchange for RSA key transport (RFC 5246 §7.4.7.1): the encrypted premaster secret, with its length. */
export function clientKeyExchangeRsa(encrypted: Uint8Array): Uint8Array {
  return handshake('ClientKeyExchange', body((w) => w.vec(2, (k) => k.bytes(encrypted))));
}

// ---------------------------------------------------------------- the rest

export interface Ticket13 {
  lifetime: number;
  ageAdd: number;
  nonce: Uint8Array;
  ticket: Uint8Array;
  /** max_early_data_size in its early_data extension, or null for none. */
  maxEarlyData: number | null;
}

/** TLS 1.3 NewSessionTicket (RFC 8446 §4.6.1). */
export function newSessionTicket13(t: Ticket13): Uint8Array {
  return handshake(
    'NewSessionTicket',
    body((w) => {
      w.u32(t.lifetime).u32(t.ageAdd);
      w.vec(1, (n) => n.bytes(t.nonce));
      w.vec(2, (k) => k.bytes(t.ticket));
      w.bytes(extensionBlock(t.maxEarlyData === null ? [] : [['early_data', ext.earlyData(t.maxEarlyData)]]));
    }),
  );
}

/** TLS 1.2 NewSessionTicket (RFC 5077 §3.3). */
export function newSessionTicket12(lifetime: number, ticket: Uint8Array): Uint8Array {
  return handshake('NewSessionTicket', body((w) => w.u32(lifetime).vec(2, (k) => k.bytes(ticket))));
}

export const finished = (verifyData: Uint8Array): Uint8Array => handshake('Finished', verifyData);
export const endOfEarlyData = (): Uint8Array => handshake('EndOfEarlyData', new Uint8Array(0));
export const serverHelloDone = (): Uint8Array => handshake('ServerHelloDone', new Uint8Array(0));
/** The synthetic message_hash that replaces the first ClientHello in the transcript after a HelloRetryRequest (RFC 8446 §4.4.1). */
export const messageHash = (hash: Uint8Array): Uint8Array => handshake('MessageHash', hash);
