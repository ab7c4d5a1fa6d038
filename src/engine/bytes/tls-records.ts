// The TLS record layer (RFC 5246 §6.2, RFC 8446 §5): the 5-byte record header, the one-byte
// ChangeCipherSpec, and protected records. Protected records are real AES-128-GCM (RFC 8446
// §5.2: inner plaintext plus the content type; RFC 5288 §3: an 8-byte explicit nonce for TLS 1.2)
// but under stand-in keys fixed here, since the simulated handshake derives no real secrets:
// Wireshark shows them as encrypted application data, as it does for any capture without keys.

import type {TlsContentType} from '../types.js';
import {aesGcmSeal, hkdfExpandLabel, xorNonce} from './aead.js';
import {FIXED} from './random.js';
import {Writer} from './writer.js';
import {CONTENT_TYPE} from './code-points.js';

export const CONTENT_TYPES: Readonly<Record<TlsContentType, number>> = CONTENT_TYPE;
export const RECORD_HEADER = 5;

export function recordHeader(type: number, version: number, length: number): Uint8Array {
  return new Writer().u8(type).u16(version).u16(length).finish();
}

export function plainRecord(type: TlsContentType, version: number, fragment: Uint8Array): Uint8Array {
  return new Writer().bytes(recordHeader(CONTENT_TYPES[type], version, fragment.length)).bytes(fragment).finish();
}

/** ChangeCipherSpec: content type 20, one byte 0x01 (RFC 5246 §7.1; the TLS 1.3 dummy, RFC 8446 D.4). */
export function changeCipherSpec(): Uint8Array {
  return plainRecord('change_cipher_spec', 0x0303, Uint8Array.of(1));
}

/** close_notify: level warning (1), description 0 (RFC 5246 §7.2, RFC 8446 §6.1). */
export const CLOSE_NOTIFY = Uint8Array.of(1, 0);

/** Stand-in traffic keys for one direction and epoch: fixed, so the same run gives the same ciphertext. */
const standIns = new Map<string, {key: Uint8Array; iv: Uint8Array}>();

export function standInKeys(label: string): {key: Uint8Array; iv: Uint8Array} {
  let keys = standIns.get(label);
  if (!keys) {
    const secret = FIXED.take(`stand-in traffic secret ${label}`, 32);
    keys = {key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), 16), iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), 12)};
    standIns.set(label, keys);
  }
  return keys;
}

/** A TLS 1.3 protected record: outer type application_data, legacy version 0x0303 (RFC 8446 §5.2). */
export function protectedRecord13(innerType: TlsContentType, content: Uint8Array, keysLabel: string, sequence: number): Uint8Array {
  const inner = new Writer().bytes(content).u8(CONTENT_TYPES[innerType]).finish();
  const header = recordHeader(CONTENT_TYPES.application_data, 0x0303, inner.length + 16);
  const {key, iv} = standInKeys(keysLabel);
  return new Writer().bytes(header).bytes(aesGcmSeal(key, xorNonce(iv, sequence), header, inner)).finish();
}

/** A TLS 1.2 AES-GCM record: explicit nonce (the sequence number), ciphertext, tag (RFC 5288 §3). */
export function protectedRecord12(type: TlsContentType, content: Uint8Array, keysLabel: string, sequence: number): Uint8Array {
  const {key, iv} = standInKeys(keysLabel);
  const explicit = new Writer().u32(0).u32(sequence).finish();
  const nonce = new Writer().bytes(iv.subarray(0, 4)).bytes(explicit).finish();
  const aad = new Writer().u32(0).u32(sequence).u8(CONTENT_TYPES[type]).u16(0x0303).u16(content.length).finish();
  const sealed = aesGcmSeal(key, nonce, aad, content);
  const fragment = new Writer().bytes(explicit).bytes(sealed).finish();
  return new Writer().bytes(recordHeader(CONTENT_TYPES[type], 0x0303, fragment.length)).bytes(fragment).finish();
}
