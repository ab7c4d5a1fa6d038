// Every message's length is fixed here, once, before any byte exists, so adding exact bytes
// never moves a sequence number (CLI.md "What a trace contains"): the byte encoders
// (src/engine/bytes/) build each message to exactly this length and fail loudly otherwise.
// Lengths include the 4-byte handshake header. Realistic values: X25519 key shares, an RSA-2048
// chain of two certificates, AES-128-GCM; with vectors=rfc8448, RFC 8448's own messages.
// A ClientHello's length follows from its extensions (bytes/hello-layout.ts), padding included.

import {clientHelloLength as layoutLength, clientHelloShape, type ClientHelloShape, type ProfileId} from '../bytes/hello-layout.js';
import type {AppData} from '../types.js';

export type {ClientHelloShape, ProfileId};

/** The request and response (HTTP/1.1 over TCP, HTTP/3 over QUIC). */
export const APP_BYTES = {request: 100, response: 200} as const;

/** RFC 8448 §3 and §4: 50 bytes of application data each way; §4's early data is 6 bytes. */
const RFC8448_APP_BYTES = {request: 50, response: 50, early: 6} as const;

/** Bytes of an application write: RFC 8448's own under its profile, else the tutor's request and the run's response size. */
export function appBytes(profile: ProfileId, app: AppData, early: boolean, responseBytes: number = APP_BYTES.response): number {
  if (profile === 'rfc8448') return early ? RFC8448_APP_BYTES.early : RFC8448_APP_BYTES[app];
  return app === 'response' ? responseBytes : APP_BYTES.request;
}

export interface Tls13Sizes {
  /** A ServerHello without a legacy_session_id to echo and without pre_shared_key. */
  ServerHelloBase: number;
  /** pre_shared_key's selected_identity in a resuming ServerHello (RFC 8446 §4.2.11). */
  ServerHelloPsk: number;
  LegacySessionId: number;
  HelloRetryRequest: number;
  EncryptedExtensions: number;
  EncryptedExtensionsEarly: number;
  /** QUIC adds its transport parameters (RFC 9001 §8.2). */
  QuicTransportParameters: number;
  CertificateRequest: number;
  Certificate: number;
  CertificateVerify: number;
  Finished: number;
  ClientCertificate: number;
  ClientCertificateVerify: number;
  NewSessionTicket: number;
  EndOfEarlyData: number;
}

export const TLS13: Tls13Sizes = {
  // The ServerHello echoes the client's 32-byte legacy_session_id in compatibility mode
  // (RFC 8446 Appendix D.4); without it (compat=off, and always over QUIC, RFC 9001 §8.4) it is
  // LegacySessionId bytes shorter, since a ServerHello has no padding to make up for it.
  ServerHelloBase: 90,
  ServerHelloPsk: 6,
  LegacySessionId: 32,
  HelloRetryRequest: 100,
  EncryptedExtensions: 25,
  EncryptedExtensionsEarly: 29,
  QuicTransportParameters: 80,
  CertificateRequest: 37,
  Certificate: 2415,
  CertificateVerify: 264,
  Finished: 36,
  ClientCertificate: 1013,
  ClientCertificateVerify: 264,
  NewSessionTicket: 233,
  EndOfEarlyData: 4,
};

/** RFC 8448 §3 (full handshake) and §4 (resumed): the RFC's message lengths. */
export const TLS13_RFC8448: Tls13Sizes = {
  ...TLS13,
  ServerHelloBase: 90,
  EncryptedExtensions: 40,
  EncryptedExtensionsEarly: 44,
  Certificate: 445,
  CertificateVerify: 136,
  NewSessionTicket: 205,
};

export const tls13Sizes = (profile: ProfileId): Tls13Sizes => (profile === 'rfc8448' ? TLS13_RFC8448 : TLS13);

/**
 * How many NewSessionTickets a TLS 1.3 server sends after the client's Finished: OpenSSL sends
 * two after a full handshake (SSL_CTX_set_num_tickets' default), so a client can open two
 * connections in parallel, and none after a resumption whose ticket needs no renewal (its
 * statem_srvr.c moves on without tickets unless ext.ticket_expected; seen in `hs-tutor lab
 * tls13-psk`); RFC 8448's server one after a full handshake (§3) and none after resuming (§4).
 */
export function newSessionTickets(profile: ProfileId, resumed: boolean): number {
  if (resumed) return 0;
  return profile === 'rfc8448' ? 1 : 2;
}

export const TLS12 = {
  // The ServerHello echoes extended_master_secret (RFC 7627 §5.2) beside renegotiation_info,
  // ec_point_formats and session_ticket.
  ServerHello: 97,
  Certificate: 2413,
  ServerKeyExchange: 300,
  CertificateRequest: 32,
  ServerHelloDone: 4,
  ClientCertificate: 1010,
  ClientKeyExchange: 37,
  CertificateVerify: 264,
  Finished: 16,
  NewSessionTicket: 202,
  /** RSA key transport: the premaster secret encrypted to the server's RSA-2048 key, with its two-byte length (RFC 5246 §7.4.7.1). */
  ClientKeyExchangeRsa: 4 + 2 + 256,
} as const;

/**
 * A TLS 1.2 ServerHello's length: ec_point_formats (8 bytes, three formats) only with an ECC suite (RFC 8422
 * §5.2), session_ticket (4) only where tickets are in use (RFC 5077 §3.2).
 */
export function serverHello12(c: {rsa: boolean; tickets: boolean}): number {
  return TLS12.ServerHello - (c.rsa ? 8 : 0) - (c.tickets ? 0 : 4);
}

/** The ClientHello of a connection's `attempt`-th try, padding rule included (RFC 7685). */
export function clientHelloLength(c: Parameters<typeof clientHelloShape>[0], attempt: number): number {
  return layoutLength(clientHelloShape(c, attempt), tls13Sizes(c.profile).HelloRetryRequest);
}

export const RECORD_HEADER = 5;
export const CCS_RECORD = RECORD_HEADER + 1;
/** TLS 1.3 AEAD record: inner content type byte plus a 16-byte tag (RFC 8446 §5.2). */
export const TLS13_RECORD_OVERHEAD = 1 + 16;
/** TLS 1.2 AES-GCM record: 8-byte explicit nonce plus a 16-byte tag (RFC 5288 §3). */
export const TLS12_RECORD_OVERHEAD = 8 + 16;
export const ALERT_BYTES = 2;
