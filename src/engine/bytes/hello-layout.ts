// Which extensions each hello carries, in which order, for the two kinds of client and server the
// tutor plays: its own (an OpenSSL 3-like client offering TLS 1.3 and 1.2, in OpenSSL's extension
// order) and RFC 8448's (NSS, for `vectors=rfc8448`). The ClientHello's length follows from its
// layout alone, never from the random bytes in it, so the engine can fix it before any byte
// exists (clientHelloLength, used by src/engine/tls/sizes.ts).

import type {CipherSuiteName, GroupName, SignatureSchemeName} from './code-points.js';
import {clientHello, ext, transportParameters, type ClientHelloFields, type Extension} from './tls-messages.js';
import {RFC8448_RECORD_SIZE_LIMIT, RFC8448_SERVER_NAME, RFC8448_TICKET} from './rfc8448.js';

export type ProfileId = 'hs-tutor' | 'rfc8448';

/** Everything the ClientHello's structure depends on. */
export interface ClientHelloShape {
  profile: ProfileId;
  version: '1.2' | '1.3';
  transport: 'tcp' | 'quic';
  /** TLS 1.3 over TCP in middlebox-compatibility mode: a 32-byte legacy_session_id (RFC 8446 D.4). */
  compat: boolean;
  /** TLS 1.3: offers a PSK (pre_shared_key); TLS 1.2: presents a ticket (session_ticket). */
  resume: boolean;
  /** Offers 0-RTT (early_data). */
  earlyData: boolean;
  /** The group of its one key share (TLS 1.3). */
  keyShare: GroupName;
  /** The second ClientHello, after a HelloRetryRequest: it echoes the cookie. */
  afterHrr: boolean;
  /** TLS 1.2: whether session tickets are offered (the session_ticket extension, RFC 5077 §3.2); absent means yes. */
  tickets?: boolean;
}

/** What a connection's ClientHellos depend on. */
export interface ShapeInputs {
  profile: ProfileId;
  version: '1.2' | '1.3';
  transport: 'tcp' | 'quic';
  compat: boolean;
  resume: boolean;
  earlyData: 'off' | 'accepted' | 'rejected';
  hrr: boolean;
  /** The client has early data to send behind its first ClientHello. */
  offersEarly: boolean;
  /** TLS 1.2: session tickets in use (absent: yes); without them sessions resume by ID. */
  tickets?: boolean;
}

/** The shape of a connection's `attempt`-th ClientHello (the engine's sizes and the encoder share it). */
export function clientHelloShape(
  c: ShapeInputs,
  attempt: number,
): ClientHelloShape {
  return {
    profile: c.profile,
    version: c.version,
    transport: c.transport,
    compat: c.compat,
    resume: c.resume,
    // Never 0-RTT after a HelloRetryRequest (RFC 8446 §4.2.10).
    earlyData: c.version === '1.3' && c.resume && c.earlyData !== 'off' && c.offersEarly && attempt === 1,
    // With hrr=on the first ClientHello guesses P-256 while the server wants X25519 (RFC 8446 §4.1.4).
    keyShare: c.version === '1.3' && c.hrr && attempt === 1 ? 'secp256r1' : 'x25519',
    afterHrr: attempt === 2,
    ...(c.version === '1.2' && c.tickets === false ? {tickets: false} : {}),
  };
}

export const SERVER_NAME = 'example.com';
/** The HTTP/1.1 we carry over TCP, HTTP/3 over QUIC (RFC 9114 §3.1). */
export const alpnFor = (transport: 'tcp' | 'quic'): string[] => (transport === 'quic' ? ['h3'] : ['http/1.1']);

export const SUITES_13: readonly CipherSuiteName[] = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
/** ECDHE_RSA_WITH_AES_128_GCM_SHA256 first: the suite the TLS 1.2 server picks. */
export const SUITES_12: readonly CipherSuiteName[] = [
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
];
export const GROUPS: readonly GroupName[] = ['x25519', 'secp256r1', 'x448', 'secp521r1', 'secp384r1'];
/** OpenSSL 3's default signature algorithms. */
export const SIGNATURE_SCHEMES: readonly SignatureSchemeName[] = [
  'ecdsa_secp256r1_sha256',
  'ecdsa_secp384r1_sha384',
  'ecdsa_secp521r1_sha512',
  'ed25519',
  'ed448',
  'rsa_pss_pss_sha256',
  'rsa_pss_pss_sha384',
  'rsa_pss_pss_sha512',
  'rsa_pss_rsae_sha256',
  'rsa_pss_rsae_sha384',
  'rsa_pss_rsae_sha512',
  'rsa_pkcs1_sha256',
  'rsa_pkcs1_sha384',
  'rsa_pkcs1_sha512',
];
/** What a TLS 1.3 CertificateRequest accepts (RFC 8446 §4.3.2): OpenSSL's list without SHA-384/512 PKCS #1. */
export const CERTIFICATE_REQUEST_SCHEMES_13: readonly SignatureSchemeName[] = SIGNATURE_SCHEMES.slice(0, 12);
export const RFC8448_GROUPS: readonly GroupName[] = ['x25519', 'secp256r1', 'secp384r1', 'secp521r1', 'ffdhe2048', 'ffdhe3072', 'ffdhe4096', 'ffdhe6144', 'ffdhe8192'];
export const RFC8448_SIGNATURE_SCHEMES: readonly SignatureSchemeName[] = [
  'ecdsa_secp256r1_sha256',
  'ecdsa_secp384r1_sha384',
  'ecdsa_secp521r1_sha512',
  'ecdsa_sha1',
  'rsa_pss_rsae_sha256',
  'rsa_pss_rsae_sha384',
  'rsa_pss_rsae_sha512',
  'rsa_pkcs1_sha256',
  'rsa_pkcs1_sha384',
  'rsa_pkcs1_sha512',
  'rsa_pkcs1_sha1',
  'dsa_sha256',
  'dsa_sha384',
  'dsa_sha512',
  'dsa_sha1',
];

/** The length of each ticket the client presents, and of its binder (SHA-256). */
export const TICKET_LENGTH: Record<ProfileId, number> = {'hs-tutor': 200, rfc8448: RFC8448_TICKET.ticket.length};
export const BINDER_LENGTH = 32;
/** The TLS 1.2 ticket (RFC 5077 §3.3): the NewSessionTicket less its headers. */
export const TLS12_TICKET_LENGTH = 192;

/**
 * The HelloRetryRequest's cookie: sized so that the HelloRetryRequest keeps its fixed length
 * (TLS13.HelloRetryRequest) with or without a legacy_session_id to echo (RFC 8446 §4.2.2).
 */
export const hrrCookieLength = (helloRetryRequestLength: number, sessionIdLength: number): number => helloRetryRequestLength - 62 - sessionIdLength;

/** What goes into a ClientHello besides its layout. */
export interface ClientHelloValues {
  random: Uint8Array;
  legacySessionId: Uint8Array;
  keyShare: Uint8Array;
  cookie: Uint8Array | null;
  /** TLS 1.3 resumption: the ticket, its obfuscated age, and the binder (zeros until computed). */
  psk: {identity: Uint8Array; obfuscatedAge: number; binder: Uint8Array} | null;
  /** TLS 1.2 resumption: the ticket. */
  ticket12: Uint8Array | null;
  /** QUIC: the client's transport parameters. */
  transportParameters: Uint8Array | null;
}

/** The ClientHello's fields for a shape and its values, and whether the padding rule applies. */
export function clientHelloLayout(shape: ClientHelloShape, v: ClientHelloValues): {fields: ClientHelloFields; pad: boolean} {
  const psk: Extension[] = v.psk ? [['pre_shared_key', ext.preSharedKey(v.psk.identity, v.psk.obfuscatedAge, v.psk.binder)]] : [];
  const early: Extension[] = shape.earlyData ? [['early_data', ext.earlyData()]] : [];
  const cookie: Extension[] = v.cookie ? [['cookie', ext.cookie(v.cookie)]] : [];
  const keyShare: Extension = ['key_share', ext.keyShares([[shape.keyShare, v.keyShare]])];
  if (shape.profile === 'rfc8448') {
    // RFC 8448 §3 and §4 (NSS): the same order, session_ticket only in the first handshake.
    const extensions: Extension[] = [
      ['server_name', ext.serverName(RFC8448_SERVER_NAME)],
      ['renegotiation_info', ext.renegotiationInfo()],
      ['supported_groups', ext.supportedGroups(RFC8448_GROUPS)],
      ...(shape.resume ? [] : ([['session_ticket', ext.sessionTicket(new Uint8Array(0))]] as Extension[])),
      keyShare,
      ...early,
      ['supported_versions', ext.supportedVersions(['TLS 1.3'])],
      ['signature_algorithms', ext.signatureAlgorithms(RFC8448_SIGNATURE_SCHEMES)],
      ['psk_key_exchange_modes', ext.pskModes()],
      ['record_size_limit', ext.recordSizeLimit(RFC8448_RECORD_SIZE_LIMIT)],
      ...psk,
    ];
    return {fields: {random: v.random, legacySessionId: v.legacySessionId, suites: ['TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_256_GCM_SHA384'], extensions}, pad: true};
  }
  const common: Extension[] = [['server_name', ext.serverName(SERVER_NAME)]];
  if (shape.version === '1.2') {
    const extensions: Extension[] = [
      ['renegotiation_info', ext.renegotiationInfo()],
      ...common,
      ['ec_point_formats', ext.ecPointFormats()],
      ['supported_groups', ext.supportedGroups(GROUPS)],
      // RFC 5077 §3.2: empty to ask for a ticket, or the ticket to resume with; none without tickets.
      ...(shape.tickets === false ? [] : ([['session_ticket', ext.sessionTicket(v.ticket12 ?? new Uint8Array(0))]] as Extension[])),
      ['application_layer_protocol_negotiation', ext.alpn(alpnFor('tcp'))],
      ['encrypt_then_mac', ext.empty()],
      ['extended_master_secret', ext.empty()],
      ['signature_algorithms', ext.signatureAlgorithms(SIGNATURE_SCHEMES)],
    ];
    return {fields: {random: v.random, legacySessionId: v.legacySessionId, suites: SUITES_12, extensions}, pad: true};
  }
  if (shape.transport === 'quic') {
    // A QUIC client offers TLS 1.3 only and none of TLS 1.2's extensions; QUIC pads the datagram
    // instead of the ClientHello (RFC 9000 §14.1).
    const extensions: Extension[] = [
      ...common,
      ['supported_groups', ext.supportedGroups(GROUPS)],
      ['application_layer_protocol_negotiation', ext.alpn(alpnFor('quic'))],
      ['signature_algorithms', ext.signatureAlgorithms(SIGNATURE_SCHEMES)],
      ['supported_versions', ext.supportedVersions(['TLS 1.3'])],
      ['psk_key_exchange_modes', ext.pskModes()],
      keyShare,
      ...cookie,
      ...early,
      ['quic_transport_parameters', ext.quicTransportParameters(v.transportParameters!)],
      ...psk,
    ];
    return {fields: {random: v.random, legacySessionId: new Uint8Array(0), suites: SUITES_13, extensions}, pad: false};
  }
  // TLS 1.3 over TCP, offering TLS 1.2 too, as OpenSSL 3 does (its extension order).
  const extensions: Extension[] = [
    ...common,
    ['ec_point_formats', ext.ecPointFormats()],
    ['supported_groups', ext.supportedGroups(GROUPS)],
    ['session_ticket', ext.sessionTicket(new Uint8Array(0))],
    ['application_layer_protocol_negotiation', ext.alpn(alpnFor('tcp'))],
    ['encrypt_then_mac', ext.empty()],
    ['extended_master_secret', ext.empty()],
    ['signature_algorithms', ext.signatureAlgorithms(SIGNATURE_SCHEMES)],
    ['supported_versions', ext.supportedVersions(['TLS 1.3', 'TLS 1.2'])],
    ['psk_key_exchange_modes', ext.pskModes()],
    keyShare,
    ...cookie,
    ...early,
    ...psk,
  ];
  return {fields: {random: v.random, legacySessionId: v.legacySessionId, suites: [...SUITES_13, ...SUITES_12.slice(0, 6)], extensions}, pad: true};
}

const KEY_SHARE_LENGTH: Partial<Record<GroupName, number>> = {x25519: 32, secp256r1: 65};
const CID_LENGTH = 8;
const lengths = new Map<string, number>();

/** The length of the ClientHello of `shape` (handshake header included), padding rule applied. */
export function clientHelloLength(shape: ClientHelloShape, helloRetryRequestLength: number): number {
  const key = JSON.stringify([shape, helloRetryRequestLength]);
  let length = lengths.get(key);
  if (length === undefined) {
    const sessionId = new Uint8Array(legacySessionIdLength(shape));
    const values: ClientHelloValues = {
      random: new Uint8Array(32),
      legacySessionId: sessionId,
      keyShare: new Uint8Array(KEY_SHARE_LENGTH[shape.keyShare] ?? 0),
      cookie: shape.afterHrr ? new Uint8Array(hrrCookieLength(helloRetryRequestLength, sessionId.length)) : null,
      psk: shape.version === '1.3' && shape.resume ? {identity: new Uint8Array(TICKET_LENGTH[shape.profile]), obfuscatedAge: 0, binder: new Uint8Array(BINDER_LENGTH)} : null,
      ticket12: shape.version === '1.2' && shape.resume && shape.tickets !== false ? new Uint8Array(TLS12_TICKET_LENGTH) : null,
      transportParameters: shape.transport === 'quic' ? transportParameters({source: new Uint8Array(CID_LENGTH)}, null, (n) => new Uint8Array(n)) : null,
    };
    const {fields, pad} = clientHelloLayout(shape, values);
    length = clientHello(fields, pad).length;
    lengths.set(key, length);
  }
  return length;
}

/** A 32-byte legacy_session_id: always in TLS 1.2, in TLS 1.3 over TCP only in compatibility mode (RFC 8446 D.4). */
export function legacySessionIdLength(shape: Pick<ClientHelloShape, 'version' | 'transport' | 'compat'>): number {
  return shape.version === '1.2' || (shape.compat && shape.transport === 'tcp') ? 32 : 0;
}
