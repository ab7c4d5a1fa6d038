// The cryptography of the wire formats, all from node:crypto: hashes and HKDF (RFC 5869) with
// TLS 1.3's HKDF-Expand-Label and Derive-Secret (RFC 8446 §7.1), the TLS 1.2 PRF (RFC 5246 §5),
// the AEADs (AES-GCM, RFC 5116; ChaCha20-Poly1305, RFC 8439), QUIC header protection (RFC 9001
// §5.4.3–§5.4.4), ECDHE on X25519 (RFC 7748) and P-256 from given private keys, and RSA
// signatures that are deterministic (PKCS #1 v1.5, and PSS with a given salt, RFC 8017 §9.1).
// Nothing here draws randomness: the same inputs always give the same bytes.

import {createCipheriv, createDecipheriv, createECDH, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, privateEncrypt, publicEncrypt, sign, constants, type CipherGCMTypes, type KeyObject} from 'node:crypto';
import type {AeadName, GroupName, HashName} from './code-points.js';
import {ascii, concat, Writer} from './writer.js';

// ---------------------------------------------------------------- hashes, HKDF, PRF

export const HASH_LENGTH: Record<HashName, number> = {sha256: 32, sha384: 48};

export function digest(hash: HashName, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(hash);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

export function hmac(hash: HashName, key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const h = createHmac(hash, key);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

/** HKDF-Extract (RFC 5869 §2.2); an empty salt means HashLen zeros. */
export function hkdfExtract(salt: Uint8Array, ikm: Uint8Array, hash: HashName = 'sha256'): Uint8Array {
  return hmac(hash, salt.length === 0 ? new Uint8Array(HASH_LENGTH[hash]) : salt, ikm);
}

/** HKDF-Expand (RFC 5869 §2.3). */
export function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number, hash: HashName = 'sha256'): Uint8Array {
  const out = new Uint8Array(length);
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 1, offset = 0; offset < length; i++) {
    previous = hmac(hash, prk, previous, info, Uint8Array.of(i));
    out.set(previous.subarray(0, Math.min(previous.length, length - offset)), offset);
    offset += previous.length;
  }
  return out;
}

/** HKDF-Expand-Label(Secret, Label, Context, Length) with the "tls13 " prefix (RFC 8446 §7.1). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number, hash: HashName = 'sha256'): Uint8Array {
  const info = new Writer()
    .u16(length)
    .vec(1, (w) => w.bytes(ascii(`tls13 ${label}`)))
    .vec(1, (w) => w.bytes(context))
    .finish();
  return hkdfExpand(secret, info, length, hash);
}

/** Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length) (RFC 8446 §7.1). */
export function deriveSecret(secret: Uint8Array, label: string, transcriptHash: Uint8Array, hash: HashName = 'sha256'): Uint8Array {
  return hkdfExpandLabel(secret, label, transcriptHash, HASH_LENGTH[hash], hash);
}

/** The TLS 1.2 PRF: P_hash(secret, label + seed) (RFC 5246 §5), SHA-256 unless the suite says otherwise. */
export function tls12Prf(secret: Uint8Array, label: string, seed: Uint8Array, length: number, hash: HashName = 'sha256'): Uint8Array {
  const labelSeed = concat([ascii(label), seed]);
  const out = new Uint8Array(length);
  let a: Uint8Array = labelSeed;
  for (let offset = 0; offset < length; ) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, a, labelSeed);
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

// ---------------------------------------------------------------- AEAD and header protection

export const AEAD_KEY_LENGTH: Record<AeadName, number> = {'aes-128-gcm': 16, 'aes-256-gcm': 32, 'chacha20-poly1305': 32};
export const AEAD_TAG_LENGTH = 16;

/** Encrypts and authenticates: the ciphertext followed by the 16-byte tag (RFC 5116 §2.1). */
export function aeadSeal(aead: AeadName, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  // Node types GCM and ChaCha20-Poly1305 apart; both take the same calls.
  const cipher = createCipheriv(aead as CipherGCMTypes, key, nonce, {authTagLength: AEAD_TAG_LENGTH});
  cipher.setAAD(aad, {plaintextLength: plaintext.length});
  const body = cipher.update(plaintext);
  cipher.final();
  return concat([body, cipher.getAuthTag()]);
}

/** Decrypts; null when the tag does not verify. */
export function aeadOpen(aead: AeadName, key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < AEAD_TAG_LENGTH) return null;
  try {
    const decipher = createDecipheriv(aead as CipherGCMTypes, key, nonce, {authTagLength: AEAD_TAG_LENGTH});
    decipher.setAAD(aad, {plaintextLength: sealed.length - AEAD_TAG_LENGTH});
    decipher.setAuthTag(sealed.subarray(sealed.length - AEAD_TAG_LENGTH));
    const body = decipher.update(sealed.subarray(0, sealed.length - AEAD_TAG_LENGTH));
    decipher.final();
    return new Uint8Array(body);
  } catch {
    return null;
  }
}

/** AES-128-GCM, the suite this tutor's handshakes negotiate by default. */
export const aesGcmSeal = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array => aeadSeal('aes-128-gcm', key, nonce, aad, plaintext);
export const aesGcmOpen = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null => aeadOpen('aes-128-gcm', key, nonce, aad, sealed);

/**
 * The 5-byte header protection mask from a 16-byte sample: one AES-ECB block for the AES suites
 * (RFC 9001 §5.4.3), or ChaCha20 with the sample as counter and nonce for ChaCha20 (§5.4.4).
 */
export function headerProtectionMask(aead: AeadName, hp: Uint8Array, sample: Uint8Array): Uint8Array {
  if (aead === 'chacha20-poly1305') {
    // Node's chacha20 takes the 4-byte little-endian counter then the 12-byte nonce: the sample as it is.
    const cipher = createCipheriv('chacha20', hp, sample.subarray(0, 16));
    return new Uint8Array(cipher.update(new Uint8Array(5)));
  }
  const cipher = createCipheriv(aead === 'aes-128-gcm' ? 'aes-128-ecb' : 'aes-256-ecb', hp, null);
  cipher.setAutoPadding(false);
  return new Uint8Array(cipher.update(sample.subarray(0, 16))).subarray(0, 5);
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

// ---------------------------------------------------------------- ECDHE

const X25519_PKCS8 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]);
const X25519_SPKI = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00]);

/** One side's ephemeral key pair for a group, from a given private key (so runs repeat exactly). */
export interface KeyPair {
  group: GroupName;
  /** The public key as the key_share carries it (RFC 8446 §4.2.8.2): 32 bytes for X25519, an uncompressed point for P-256. */
  publicKey: Uint8Array;
  /** The shared secret with the peer's public key (RFC 7748 §6.1; for P-256 the x coordinate, RFC 8446 §7.4.2). */
  shared(peerPublic: Uint8Array): Uint8Array;
}

export function keyPair(group: GroupName, privateKey: Uint8Array): KeyPair {
  if (group === 'x25519') {
    const priv = createPrivateKey({key: Buffer.from(concat([X25519_PKCS8, privateKey])), format: 'der', type: 'pkcs8'});
    const publicKey = new Uint8Array(createPublicKey(priv).export({format: 'der', type: 'spki'}).subarray(-32));
    return {
      group,
      publicKey,
      shared: (peer) => new Uint8Array(diffieHellman({privateKey: priv, publicKey: createPublicKey({key: Buffer.from(concat([X25519_SPKI, peer])), format: 'der', type: 'spki'})})),
    };
  }
  if (group === 'secp256r1') {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(privateKey);
    return {group, publicKey: new Uint8Array(ecdh.getPublicKey()), shared: (peer) => new Uint8Array(ecdh.computeSecret(peer))};
  }
  throw new Error(`no key exchange for ${group}`);
}

// ---------------------------------------------------------------- RSA signatures

/** RSASSA-PKCS1-v1_5 (RFC 8017 §8.2), deterministic by construction. */
export function rsaPkcs1Sign(key: KeyObject, hash: HashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign(hash, data, {key, padding: constants.RSA_PKCS1_PADDING}));
}

/**
 * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1) with the padding string given (nonzero bytes):
 * EM = 0x00 || 0x02 || PS || 0x00 || M, then the raw RSA public operation. OpenSSL draws PS at
 * random; taking it as an input keeps a run's bytes the same every time, as its randoms are.
 */
export function rsaPkcs1Encrypt(key: KeyObject, message: Uint8Array, padding: Uint8Array): Uint8Array {
  const modBits = (createPublicKey(key).asymmetricKeyDetails?.modulusLength as number | undefined) ?? 2048;
  const k = modBits / 8;
  const ps = Uint8Array.from(padding.subarray(0, k - message.length - 3), (b) => b || 1);
  if (ps.length < 8) throw new Error('RSA PKCS #1 v1.5 needs at least 8 bytes of padding');
  return new Uint8Array(publicEncrypt({key: createPublicKey(key), padding: constants.RSA_NO_PADDING}, concat([Uint8Array.of(0, 2), ps, Uint8Array.of(0), message])));
}

function mgf1(hash: HashName, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let counter = 0, offset = 0; offset < length; counter++) {
    const block = digest(hash, seed, new Writer().u32(counter).finish());
    out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
    offset += block.length;
  }
  return out;
}

/**
 * RSASSA-PSS (RFC 8017 §8.1) with MGF1 and the given salt: EMSA-PSS-ENCODE (§9.1.1) here, then
 * the raw RSA private operation. OpenSSL draws the salt at random; taking it as an input keeps
 * every run's signature the same, and lets a published signature be reproduced from its salt.
 */
export function rsaPssSign(key: KeyObject, hash: HashName, data: Uint8Array, salt: Uint8Array): Uint8Array {
  const modBits = key.asymmetricKeyDetails?.modulusLength;
  if (!modBits) throw new Error('not an RSA key');
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = HASH_LENGTH[hash];
  if (emLen < hLen + salt.length + 2) throw new Error('RSA key too small for PSS with this salt');
  const mHash = digest(hash, data);
  const h = digest(hash, new Uint8Array(8), mHash, salt);
  const db = new Uint8Array(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  db.set(salt, db.length - salt.length);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  const em = concat([db, h, Uint8Array.of(0xbc)]);
  const k = modBits / 8;
  const padded = em.length < k ? concat([new Uint8Array(k - em.length), em]) : em;
  return new Uint8Array(privateEncrypt({key, padding: constants.RSA_NO_PADDING}, padded));
}
