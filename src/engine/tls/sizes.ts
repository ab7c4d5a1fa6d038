// Every message's length is fixed here, once, with realistic values (x25519 key shares, an
// RSA-2048 certificate chain of two certificates, AES-128-GCM), so adding exact bytes later never
// moves a sequence number (CLI.md "What a trace contains"). Lengths include the 4-byte handshake
// header.

export const APP_BYTES = {request: 100, response: 200} as const;

export const TLS13 = {
  // A ClientHello is padded to 512 bytes (RFC 7685 padding, as browsers do); a PSK adds the
  // ticket identity and binder (RFC 8446 §4.2.11), early_data adds 4.
  ClientHello: 512,
  ClientHelloPsk: 740,
  ClientHelloPskEarly: 744,
  ClientHelloAfterHrr: 548,
  // The ServerHello echoes the client's 32-byte legacy_session_id in compatibility mode
  // (RFC 8446 Appendix D.4); without it (compat=off, and always over QUIC, RFC 9001 §8.4) it is
  // LegacySessionId bytes shorter, since a ServerHello has no padding to make up for it.
  ServerHello: 122,
  ServerHelloPsk: 128,
  LegacySessionId: 32,
  HelloRetryRequest: 100,
  EncryptedExtensions: 25,
  EncryptedExtensionsEarly: 29,
  /** QUIC adds its transport parameters (RFC 9001 §8.2). */
  QuicTransportParameters: 80,
  CertificateRequest: 37,
  Certificate: 2415,
  CertificateVerify: 264,
  Finished: 36,
  ClientCertificate: 1013,
  ClientCertificateVerify: 264,
  NewSessionTicket: 233,
  EndOfEarlyData: 4,
} as const;

export const TLS12 = {
  ClientHello: 512,
  ServerHello: 93,
  Certificate: 2413,
  ServerKeyExchange: 300,
  CertificateRequest: 32,
  ServerHelloDone: 4,
  ClientCertificate: 1010,
  ClientKeyExchange: 37,
  CertificateVerify: 264,
  Finished: 16,
  NewSessionTicket: 202,
} as const;

export const RECORD_HEADER = 5;
export const CCS_RECORD = RECORD_HEADER + 1;
/** TLS 1.3 AEAD record: inner content type byte plus a 16-byte tag (RFC 8446 §5.2). */
export const TLS13_RECORD_OVERHEAD = 1 + 16;
/** TLS 1.2 AES-GCM record: 8-byte explicit nonce plus a 16-byte tag (RFC 5288 §3). */
export const TLS12_RECORD_OVERHEAD = 8 + 16;
export const ALERT_BYTES = 2;
