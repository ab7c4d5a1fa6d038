// The cryptography the wire formats need, all from node:crypto: HKDF (RFC 5869) with TLS 1.3's
// HKDF-Expand-Label (RFC 8446 §7.1), AES-128-GCM (RFC 5116) and one AES-ECB block for QUIC
// header protection (RFC 9001 §5.4.3). Deterministic: the same inputs give the same bytes.

import {createCipheriv, createDecipheriv, createHmac} from 'node:crypto';
import {ascii, Writer} from './writer.js';

export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', salt).update(ikm).digest());
}

export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let previous = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    previous = new Uint8Array(createHmac('sha256', prk).update(previous).update(info).update(Uint8Array.of(i)).digest());
    out.set(previous.subarray(0, Math.min(previous.length, length - offset)), offset);
    offset += previous.length;
  }
  return out;
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) with the "tls13 " prefix (RFC 8446 §7.1). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const info = new Writer()
    .u16(length)
    .vec(1, (w) => w.bytes(ascii(`tls13 ${label}`)))
    .vec(1, (w) => w.bytes(context))
    .finish();
  return hkdfExpand(secret, info, length);
}

/** AES-128-GCM encryption: ciphertext followed by the 16-byte tag. */
export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-128-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return new Writer().bytes(body).bytes(cipher.getAuthTag()).finish();
}

/** AES-128-GCM decryption; null when the tag does not verify. */
export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  try {
    const decipher = createDecipheriv('aes-128-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const body = decipher.update(sealed.subarray(0, sealed.length - 16));
    decipher.final();
    return new Uint8Array(body);
  } catch {
    return null;
  }
}

/** One AES-128 block in ECB mode: the header protection mask source (RFC 9001 §5.4.3). */
export function aesEcbBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-128-ecb', key, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(cipher.update(block.subarray(0, 16)));
}

/** The per-record nonce: the IV XORed with the sequence number, left-padded (RFC 8446 §5.3, RFC 9001 §5.3). */
export function xorNonce(iv: Uint8Array, sequence: number): Uint8Array {
  const nonce = Uint8Array.from(iv);
  let rest = sequence;
  for (let i = nonce.length - 1; i >= 0 && rest > 0; i--) {
    nonce[i] = nonce[i]! ^ (rest % 256);
    rest = Math.floor(rest / 256);
  }
  return nonce;
}
