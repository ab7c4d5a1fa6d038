// The wire code points of TLS and QUIC, one definition each: the byte encoders (tls-messages.ts,
// tls-records.ts, hello-layout.ts, frames.ts, quic.ts) write them and the field describer
// (fields.ts) names them from the same tables, so the bytes and their explanation cannot
// disagree. Values from the IANA registries as the RFCs cited define them (TLS: RFC 8446 §4,
// §4.2, §5.1, B.3–B.4 and the RFC of each extension; QUIC: RFC 9000 §12.4, §17, §18.2, §19).

/** A table turned around: code point → name, for describing bytes (computed once per table). */
export function names<T extends Record<string, number>>(table: T): Readonly<Record<number, keyof T & string>> {
  let reversed = reversedTables.get(table);
  if (!reversed) {
    reversed = Object.freeze(Object.fromEntries(Object.entries(table).map(([name, code]) => [code, name])));
    reversedTables.set(table, reversed);
  }
  return reversed as Record<number, keyof T & string>;
}
const reversedTables = new WeakMap<object, Readonly<Record<number, string>>>();

/** IP protocol numbers of the transports (RFC 791 §3.1, IANA "Assigned Internet Protocol Numbers"). */
export const PROTOCOL_NUMBER = {TCP: 6, UDP: 17} as const;

// ---------------------------------------------------------------- TLS

/** TLS ContentType (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const CONTENT_TYPE = {change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23} as const;

/** ProtocolVersion (RFC 8446 §4.1.2 legacy_version, §4.2.1 supported_versions). */
export const TLS_VERSION = {'TLS 1.0': 0x0301, 'TLS 1.1': 0x0302, 'TLS 1.2': 0x0303, 'TLS 1.3': 0x0304} as const;

/** HandshakeType (RFC 8446 §4, RFC 5246 §7.4, RFC 5077 §3.3). A HelloRetryRequest is a ServerHello (§4.1.3). */
export const HANDSHAKE_TYPE = {
  ClientHello: 1,
  ServerHello: 2,
  NewSessionTicket: 4,
  EndOfEarlyData: 5,
  EncryptedExtensions: 8,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
  Finished: 20,
  KeyUpdate: 24,
  MessageHash: 254,
} as const;
export type HandshakeName = keyof typeof HANDSHAKE_TYPE;

/** The type byte of a message by the name the engine gives it: a HelloRetryRequest is sent as a ServerHello (RFC 8446 §4.1.4). */
export const handshakeTypeOf = (name: string): number => (name === 'HelloRetryRequest' ? HANDSHAKE_TYPE.ServerHello : HANDSHAKE_TYPE[name as HandshakeName]);

/** ExtensionType (RFC 8446 §4.2 and the RFCs of the extensions TLS 1.2 clients still send). */
export const EXTENSION = {
  server_name: 0, // RFC 6066 §3
  status_request: 5, // RFC 6066 §8
  supported_groups: 10, // RFC 8446 §4.2.7
  ec_point_formats: 11, // RFC 8422 §5.1.2
  signature_algorithms: 13, // RFC 8446 §4.2.3
  application_layer_protocol_negotiation: 16, // RFC 7301 §3.1
  signed_certificate_timestamp: 18, // RFC 6962 §3.3.1
  padding: 21, // RFC 7685 §3
  encrypt_then_mac: 22, // RFC 7366 §2
  extended_master_secret: 23, // RFC 7627 §5.1
  record_size_limit: 28, // RFC 8449 §4
  session_ticket: 35, // RFC 5077 §3.2
  pre_shared_key: 41, // RFC 8446 §4.2.11
  early_data: 42, // RFC 8446 §4.2.10
  supported_versions: 43, // RFC 8446 §4.2.1
  cookie: 44, // RFC 8446 §4.2.2
  psk_key_exchange_modes: 45, // RFC 8446 §4.2.9
  certificate_authorities: 47, // RFC 8446 §4.2.4
  post_handshake_auth: 49, // RFC 8446 §4.2.6
  signature_algorithms_cert: 50, // RFC 8446 §4.2.3
  key_share: 51, // RFC 8446 §4.2.8
  quic_transport_parameters: 57, // RFC 9001 §8.2
  renegotiation_info: 0xff01, // RFC 5746 §3.2
} as const;
export type ExtensionName = keyof typeof EXTENSION;

/** NamedGroup (RFC 8446 §4.2.7; RFC 7919 for the FFDHE groups). */
export const NAMED_GROUP = {
  secp256r1: 0x0017,
  secp384r1: 0x0018,
  secp521r1: 0x0019,
  x25519: 0x001d,
  x448: 0x001e,
  ffdhe2048: 0x0100,
  ffdhe3072: 0x0101,
  ffdhe4096: 0x0102,
  ffdhe6144: 0x0103,
  ffdhe8192: 0x0104,
} as const;
export type GroupName = keyof typeof NAMED_GROUP;

/** SignatureScheme (RFC 8446 §4.2.3; the SHA-1 and DSA values of RFC 5246 §7.4.1.4.1, which RFC 8448's client lists). */
export const SIGNATURE_SCHEME = {
  rsa_pkcs1_sha1: 0x0201,
  dsa_sha1: 0x0202,
  ecdsa_sha1: 0x0203,
  rsa_pkcs1_sha256: 0x0401,
  dsa_sha256: 0x0402,
  ecdsa_secp256r1_sha256: 0x0403,
  rsa_pkcs1_sha384: 0x0501,
  dsa_sha384: 0x0502,
  ecdsa_secp384r1_sha384: 0x0503,
  rsa_pkcs1_sha512: 0x0601,
  dsa_sha512: 0x0602,
  ecdsa_secp521r1_sha512: 0x0603,
  rsa_pss_rsae_sha256: 0x0804,
  rsa_pss_rsae_sha384: 0x0805,
  rsa_pss_rsae_sha512: 0x0806,
  ed25519: 0x0807,
  ed448: 0x0808,
  rsa_pss_pss_sha256: 0x0809,
  rsa_pss_pss_sha384: 0x080a,
  rsa_pss_pss_sha512: 0x080b,
} as const;
export type SignatureSchemeName = keyof typeof SIGNATURE_SCHEME;

/** CipherSuite (RFC 8446 Appendix B.4; RFC 5289, RFC 7905, RFC 5288 for TLS 1.2). */
export const CIPHER_SUITE = {
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
} as const;
export type CipherSuiteName = keyof typeof CIPHER_SUITE;

export type AeadName = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
export type HashName = 'sha256' | 'sha384';

/** What a suite means for the record layer and the key schedule. */
export interface CipherSuite {
  name: CipherSuiteName;
  value: number;
  /** The record protection (RFC 5116 AEADs; ChaCha20-Poly1305 RFC 8439). */
  aead: AeadName;
  /** The hash of the key schedule and transcript (TLS 1.3) or of the PRF (TLS 1.2, RFC 5288 §3). */
  hash: HashName;
  /** TLS 1.2 only: how many IV bytes the key block gives (4-byte salt for GCM, RFC 5288 §3; 12 for ChaCha20, RFC 7905 §2). */
  fixedIvLength: number;
}

const suite = (name: CipherSuiteName, aead: AeadName, hash: HashName, fixedIvLength: number): CipherSuite => ({name, value: CIPHER_SUITE[name], aead, hash, fixedIvLength});

export const SUITE: Readonly<Record<CipherSuiteName, CipherSuite>> = {
  TLS_AES_128_GCM_SHA256: suite('TLS_AES_128_GCM_SHA256', 'aes-128-gcm', 'sha256', 12),
  TLS_AES_256_GCM_SHA384: suite('TLS_AES_256_GCM_SHA384', 'aes-256-gcm', 'sha384', 12),
  TLS_CHACHA20_POLY1305_SHA256: suite('TLS_CHACHA20_POLY1305_SHA256', 'chacha20-poly1305', 'sha256', 12),
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: suite('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'aes-128-gcm', 'sha256', 4),
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: suite('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'aes-256-gcm', 'sha384', 4),
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: suite('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'aes-128-gcm', 'sha256', 4),
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: suite('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'aes-256-gcm', 'sha384', 4),
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: suite('TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'chacha20-poly1305', 'sha256', 12),
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: suite('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'chacha20-poly1305', 'sha256', 12),
  TLS_RSA_WITH_AES_128_GCM_SHA256: suite('TLS_RSA_WITH_AES_128_GCM_SHA256', 'aes-128-gcm', 'sha256', 4),
  TLS_RSA_WITH_AES_256_GCM_SHA384: suite('TLS_RSA_WITH_AES_256_GCM_SHA384', 'aes-256-gcm', 'sha384', 4),
};

/** AlertDescription, the one this tutor sends (RFC 8446 §6, RFC 5246 §7.2), and AlertLevel. */
export const ALERT = {close_notify: 0} as const;
export const ALERT_LEVEL = {warning: 1, fatal: 2} as const;

/** PskKeyExchangeMode (RFC 8446 §4.2.9). */
export const PSK_MODE = {psk_ke: 0, psk_dhe_ke: 1} as const;

/** ECPointFormat (RFC 8422 §5.1.2). */
export const EC_POINT_FORMAT = {uncompressed: 0, ansiX962_compressed_prime: 1, ansiX962_compressed_char2: 2} as const;

/** ECCurveType of a ServerKeyExchange (RFC 8422 §5.4). */
export const EC_CURVE_TYPE = {named_curve: 3} as const;

/** ClientCertificateType of a TLS 1.2 CertificateRequest (RFC 5246 §7.4.4, RFC 8422 §5.5). */
export const CLIENT_CERTIFICATE_TYPE = {rsa_sign: 1, dss_sign: 2, ecdsa_sign: 64} as const;

// ---------------------------------------------------------------- QUIC

/** Long header packet types (RFC 9000 §17.2, Table 5); 1-RTT packets use the short header (§17.3). */
export const QUIC_LONG_TYPE = {initial: 0, '0rtt': 1, handshake: 2, retry: 3} as const;

/** How the tutor names each packet type for people. */
export const QUIC_PACKET_NAMES = {initial: 'Initial', '0rtt': '0-RTT', handshake: 'Handshake', '1rtt': '1-RTT', retry: 'Retry'} as const;

/** Frame types (RFC 9000 §12.4, Table 3); STREAM is 0x08–0x0f with its OFF, LEN and FIN bits (§19.8). */
export const QUIC_FRAME = {
  PADDING: 0x00,
  PING: 0x01,
  ACK: 0x02,
  ACK_ECN: 0x03,
  RESET_STREAM: 0x04,
  STOP_SENDING: 0x05,
  CRYPTO: 0x06,
  NEW_TOKEN: 0x07,
  STREAM: 0x08,
  MAX_DATA: 0x10,
  NEW_CONNECTION_ID: 0x18,
  CONNECTION_CLOSE: 0x1c,
  HANDSHAKE_DONE: 0x1e,
} as const;
/** The STREAM frame's flag bits, added to its base type (RFC 9000 §19.8). */
export const QUIC_STREAM_BITS = {FIN: 0x01, LEN: 0x02, OFF: 0x04} as const;

/** The name of a QUIC frame type byte, STREAM's variants included. */
export function quicFrameName(type: number): string | undefined {
  if (type >= 0x08 && type <= 0x0f) return 'STREAM';
  return names(QUIC_FRAME)[type];
}

/** Transport parameter ids (RFC 9000 §18.2). Ids 31 × N + 27 are reserved for greasing (§18.1). */
export const QUIC_TRANSPORT_PARAMETER = {
  original_destination_connection_id: 0x00,
  max_idle_timeout: 0x01,
  stateless_reset_token: 0x02,
  max_udp_payload_size: 0x03,
  initial_max_data: 0x04,
  initial_max_stream_data_bidi_local: 0x05,
  initial_max_stream_data_bidi_remote: 0x06,
  initial_max_stream_data_uni: 0x07,
  initial_max_streams_bidi: 0x08,
  initial_max_streams_uni: 0x09,
  ack_delay_exponent: 0x0a,
  max_ack_delay: 0x0b,
  disable_active_migration: 0x0c,
  active_connection_id_limit: 0x0e,
  initial_source_connection_id: 0x0f,
  retry_source_connection_id: 0x10,
} as const;
export const QUIC_GREASE_PARAMETER = 27;

/** HTTP/3 frame types (RFC 9114 §7.2) and the reserved type receivers ignore (§7.2.8). */
export const HTTP3_FRAME = {DATA: 0x00, HEADERS: 0x01, reserved: 0x21} as const;
