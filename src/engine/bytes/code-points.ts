// TLS code points, one definition each: the byte encoders (tls-messages.ts, tls-records.ts) write
// them and the field describer (fields.ts) names them from the same tables, so the bytes and their
// explanation cannot disagree. Values from the IANA TLS registries as the RFCs cited define them.

/** TLS ContentType (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const CONTENT_TYPE = {change_cipher_spec: 20, alert: 21, handshake: 22, application_data: 23} as const;

/** ProtocolVersion (RFC 8446 §4.1.2 legacy_version, §4.2.1 supported_versions). */
export const TLS_VERSION = {'TLS 1.0': 0x0301, 'TLS 1.1': 0x0302, 'TLS 1.2': 0x0303, 'TLS 1.3': 0x0304} as const;

/** HandshakeType (RFC 8446 §4, RFC 5246 §7.4). A HelloRetryRequest is a ServerHello (§4.1.3). */
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
} as const;

/** ExtensionType (RFC 8446 §4.2; RFC 6066, 7301, 7685, 7627, 5077, 9001, 5746). */
export const EXTENSION = {
  server_name: 0,
  supported_groups: 10,
  ec_point_formats: 11,
  signature_algorithms: 13,
  application_layer_protocol_negotiation: 16,
  padding: 21,
  extended_master_secret: 23,
  session_ticket: 35,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  key_share: 51,
  quic_transport_parameters: 57,
  renegotiation_info: 0xff01,
} as const;

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

/** NamedGroup (RFC 8446 §4.2.7). */
export const NAMED_GROUP = {x25519: 0x001d, secp256r1: 0x0017, secp384r1: 0x0018} as const;

/** SignatureScheme (RFC 8446 §4.2.3). */
export const SIGNATURE_SCHEME = {
  rsa_pkcs1_sha1: 0x0201,
  rsa_pkcs1_sha256: 0x0401,
  rsa_pkcs1_sha384: 0x0501,
  rsa_pkcs1_sha512: 0x0601,
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
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

/** A table turned around: code point → name, for describing bytes. */
export function names<T extends Record<string, number>>(table: T): Readonly<Record<number, keyof T & string>> {
  return Object.freeze(Object.fromEntries(Object.entries(table).map(([name, code]) => [code, name]))) as Record<number, keyof T & string>;
}
