// The TLS record layer (RFC 5246 §6.2, RFC 8446 §5): the 5-byte record header, the one-byte
// ChangeCipherSpec, and protected records, sealed with the connection's real traffic keys and
// AEAD (tls-session.ts): TLS 1.3's inner plaintext with its content type (RFC 8446 §5.2), TLS
// 1.2's AES-GCM with an 8-byte explicit nonce (RFC 5288 §3) or ChaCha20-Poly1305 without one
// (RFC 7905 §2). The opening functions are the receiver's side, for the field describer and tests.

import type {TlsContentType} from '../types.js';
import {ALERT, ALERT_LEVEL, CONTENT_TYPE, TLS_VERSION, type CipherSuite} from './code-points.js';
import {AEAD_KEY_LENGTH, AEAD_TAG_LENGTH, aeadOpen, aeadSeal, hkdfExpandLabel, tls12Prf, xorNonce} from './crypto.js';
import {concat, u16At, Writer} from './writer.js';

export const RECORD_HEADER = 5;

/** The keys a record is protected under: its suite, the AEAD key and the IV the nonce is made from. */
export interface TrafficKeys {
  suite: CipherSuite;
  key: Uint8Array;
  iv: Uint8Array;
}
const TLS12 = TLS_VERSION['TLS 1.2'];

export function recordHeader(type: number, version: number, length: number): Uint8Array {
  return new Writer().u8(type).u16(version).u16(length).finish();
}

export function plainRecord(type: TlsContentType, version: number, fragment: Uint8Array): Uint8Array {
  return concat([recordHeader(CONTENT_TYPE[type], version, fragment.length), fragment]);
}

/** ChangeCipherSpec: content type 20, one byte 0x01 (RFC 5246 §7.1; the TLS 1.3 dummy, RFC 8446 D.4). */
export function changeCipherSpec(): Uint8Array {
  return plainRecord('change_cipher_spec', TLS12, Uint8Array.of(1));
}

/** close_notify: level warning, description close_notify (RFC 5246 §7.2, RFC 8446 §6.1). */
export const CLOSE_NOTIFY = Uint8Array.of(ALERT_LEVEL.warning, ALERT.close_notify);

/** What protection adds to a record's content: TLS 1.3's inner type byte and tag; TLS 1.2's explicit nonce (GCM) and tag. */
export function protectionOverhead(version: '1.2' | '1.3', suite: CipherSuite): number {
  if (version === '1.3') return 1 + AEAD_TAG_LENGTH;
  return (suite.fixedIvLength === 4 ? 8 : 0) + AEAD_TAG_LENGTH;
}

/** A TLS 1.3 protected record: outer type application_data, legacy version 0x0303, AAD the header (RFC 8446 §5.2). */
export function protectedRecord13(keys: TrafficKeys, innerType: TlsContentType, content: Uint8Array, sequence: number): Uint8Array {
  const inner = concat([content, Uint8Array.of(CONTENT_TYPE[innerType])]);
  const header = recordHeader(CONTENT_TYPE.application_data, TLS12, inner.length + AEAD_TAG_LENGTH);
  return concat([header, aeadSeal(keys.suite.aead, keys.key, xorNonce(keys.iv, sequence), header, inner)]);
}

/** The nonce and explicit part of a TLS 1.2 AEAD record: GCM's salt + sequence (RFC 5288 §3), ChaCha20's IV ⊕ sequence (RFC 7905 §2). */
function nonce12(keys: TrafficKeys, sequence: number): {nonce: Uint8Array; explicit: Uint8Array} {
  const seq = new Writer().u32(Math.floor(sequence / 2 ** 32)).u32(sequence >>> 0).finish();
  if (keys.suite.fixedIvLength === 12) return {nonce: xorNonce(keys.iv, sequence), explicit: new Uint8Array(0)};
  return {nonce: concat([keys.iv, seq]), explicit: seq};
}

function aad12(type: number, sequence: number, length: number): Uint8Array {
  return new Writer().u32(Math.floor(sequence / 2 ** 32)).u32(sequence >>> 0).u8(type).u16(TLS12).u16(length).finish();
}

/** A TLS 1.2 AEAD record (RFC 5246 §6.2.3.3): the explicit nonce if the AEAD has one, ciphertext, tag. */
export function protectedRecord12(keys: TrafficKeys, type: TlsContentType, content: Uint8Array, sequence: number): Uint8Array {
  const {nonce, explicit} = nonce12(keys, sequence);
  const sealed = aeadSeal(keys.suite.aead, keys.key, nonce, aad12(CONTENT_TYPE[type], sequence, content.length), content);
  const fragment = concat([explicit, sealed]);
  return concat([recordHeader(CONTENT_TYPE[type], TLS12, fragment.length), fragment]);
}

/** A TLS 1.3 traffic secret's record key and IV (RFC 8446 §7.3): for the engine's own runs and for a real stack's logged secrets alike. */
export function trafficKeys13(suite: CipherSuite, secret: Uint8Array): TrafficKeys {
  return {
    suite,
    key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), AEAD_KEY_LENGTH[suite.aead], suite.hash),
    iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), 12, suite.hash),
  };
}

/**
 * A TLS 1.2 side's write key and IV from the master secret (RFC 5246 §6.3): key_block =
 * PRF(master_secret, "key expansion", server_random + client_random), client key, server key,
 * client IV, server IV (AEAD suites have no MAC keys, RFC 5288 §3).
 */
export function recordKeys12(suite: CipherSuite, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, side: 'client' | 'server'): TrafficKeys {
  const keyLength = AEAD_KEY_LENGTH[suite.aead];
  const ivLength = suite.fixedIvLength;
  const block = tls12Prf(master, 'key expansion', concat([serverRandom, clientRandom]), 2 * (keyLength + ivLength), suite.hash);
  const at = (n: number, len: number): Uint8Array => block.subarray(n, n + len);
  return side === 'client' ? {suite, key: at(0, keyLength), iv: at(2 * keyLength, ivLength)} : {suite, key: at(keyLength, keyLength), iv: at(2 * keyLength + ivLength, ivLength)};
}

/** Opens a TLS 1.3 record: its real content type and content, or null when the keys do not fit. */
export function openRecord13(keys: TrafficKeys, record: Uint8Array, sequence: number): {type: number; content: Uint8Array} | null {
  const inner = aeadOpen(keys.suite.aead, keys.key, xorNonce(keys.iv, sequence), record.subarray(0, RECORD_HEADER), record.subarray(RECORD_HEADER));
  if (!inner) return null;
  let end = inner.length;
  while (end > 0 && inner[end - 1] === 0) end--; // zero padding after the type (RFC 8446 §5.4)
  if (end === 0) return null;
  return {type: inner[end - 1]!, content: inner.subarray(0, end - 1)};
}

/**
 * Opens a TLS 1.2 AEAD record; null when the keys do not fit. With AES-GCM the nonce's explicit
 * part is read from the record, not assumed: the sender chooses it (RFC 5288 §3), and OpenSSL's
 * does not start at the sequence number.
 */
export function openRecord12(keys: TrafficKeys, record: Uint8Array, sequence: number): Uint8Array | null {
  const type = record[0]!;
  const explicitLength = keys.suite.fixedIvLength === 12 ? 0 : 8;
  const nonce = explicitLength === 0 ? xorNonce(keys.iv, sequence) : concat([keys.iv, record.subarray(RECORD_HEADER, RECORD_HEADER + explicitLength)]);
  const sealed = record.subarray(RECORD_HEADER + explicitLength);
  const length = u16At(record, 3) - explicitLength - AEAD_TAG_LENGTH;
  return aeadOpen(keys.suite.aead, keys.key, nonce, aad12(type, sequence, length), sealed);
}
