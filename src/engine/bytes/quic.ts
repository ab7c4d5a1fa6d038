// QUIC packets (RFC 9000 §17) and their protection (RFC 9001 §5). Initial packets are protected
// with keys from the public initial salt and the client's Destination Connection ID (§5.2), so
// anyone can read the ClientHello and ServerHello inside; 0-RTT, Handshake and 1-RTT packets with
// keys from the TLS handshake's traffic secrets (§5.1; tls-session.ts), so Wireshark reads them
// with the key log. Payload protection is the suite's AEAD (§5.3), header protection AES-ECB or
// ChaCha20 (§5.4). Retry carries a real integrity tag (§5.8).

import {QUIC_LONG_TYPE, type AeadName, type HashName} from './code-points.js';
import {AEAD_KEY_LENGTH, aeadOpen, aeadSeal, aesGcmSeal, headerProtectionMask, hkdfExpandLabel, hkdfExtract, xorNonce} from './crypto.js';
import {concat, fromHex, Writer} from './writer.js';

export const QUIC_VERSION_1 = 0x00000001;
/** RFC 9001 §5.2. */
export const INITIAL_SALT_V1 = fromHex('38762cf7f55934b34d179ae6a4c80cadccbb7f0a');
/** RFC 9001 §5.8: the fixed key and nonce of the Retry integrity tag for QUIC version 1. */
export const RETRY_KEY_V1 = fromHex('be0c690b9f66575a1d766b54e368c84e');
export const RETRY_NONCE_V1 = fromHex('461599d35d632bf2239825bb');
export const AEAD_TAG = 16;
/** Packet numbers are always sent on 2 bytes here (the engine's header sizes assume it). */
export const PN_LENGTH = 2;

export interface PacketKeys {
  aead: AeadName;
  key: Uint8Array;
  iv: Uint8Array;
  hp: Uint8Array;
}

export type LongPacketType = keyof typeof QUIC_LONG_TYPE;
export const LONG_TYPE_BITS = QUIC_LONG_TYPE;

/**
 * key, iv and hp from a traffic secret with the "quic key", "quic iv", "quic hp" labels (RFC 9001
 * §5.1), for the negotiated suite's AEAD and hash; Initial packets use AES-128-GCM and SHA-256 (§5.2).
 */
export function packetKeys(secret: Uint8Array, aead: AeadName = 'aes-128-gcm', hash: HashName = 'sha256'): PacketKeys {
  const empty = new Uint8Array(0);
  const length = AEAD_KEY_LENGTH[aead];
  return {
    aead,
    key: hkdfExpandLabel(secret, 'quic key', empty, length, hash),
    iv: hkdfExpandLabel(secret, 'quic iv', empty, 12, hash),
    hp: hkdfExpandLabel(secret, 'quic hp', empty, length, hash),
  };
}

/** Initial secrets from the client's first Destination Connection ID (RFC 9001 §5.2). */
export function initialSecrets(dcid: Uint8Array): {initial: Uint8Array; client: Uint8Array; server: Uint8Array} {
  const initial = hkdfExtract(INITIAL_SALT_V1, dcid);
  const empty = new Uint8Array(0);
  return {initial, client: hkdfExpandLabel(initial, 'client in', empty, 32), server: hkdfExpandLabel(initial, 'server in', empty, 32)};
}

const keyCache = new Map<string, PacketKeys>();

function cached(key: string, make: () => PacketKeys): PacketKeys {
  let keys = keyCache.get(key);
  if (!keys) {
    keys = make();
    if (keyCache.size > 256) keyCache.clear();
    keyCache.set(key, keys);
  }
  return keys;
}

export function initialKeys(dcid: Uint8Array, side: 'client' | 'server'): PacketKeys {
  return cached(`initial ${side} ${Buffer.from(dcid).toString('hex')}`, () => packetKeys(initialSecrets(dcid)[side]));
}

/** The header protection mask from the 16-byte sample taken 4 bytes after the packet number starts (RFC 9001 §5.4.2). */
function mask(keys: PacketKeys, packet: Uint8Array, pnOffset: number): Uint8Array {
  return headerProtectionMask(keys.aead, keys.hp, packet.subarray(pnOffset + 4, pnOffset + 20));
}

/**
 * Protects a packet: `header` ends with the packet number (its length in the first byte's two low
 * bits, at `pnOffset`), the payload is sealed with AEAD using the header as associated data
 * (§5.3), then the first byte's low bits and the packet number are masked (§5.4.1).
 */
export function protectPacket(header: Uint8Array, pnOffset: number, packetNumber: number, payload: Uint8Array, keys: PacketKeys): Uint8Array {
  const pnLength = (header[0]! & 0x03) + 1;
  const sealed = aeadSeal(keys.aead, keys.key, xorNonce(keys.iv, packetNumber), header, payload);
  const packet = concat([header, sealed]);
  const m = mask(keys, packet, pnOffset);
  const long = (packet[0]! & 0x80) !== 0;
  packet[0] = packet[0]! ^ (m[0]! & (long ? 0x0f : 0x1f));
  for (let i = 0; i < pnLength; i++) packet[pnOffset + i] = packet[pnOffset + i]! ^ m[1 + i]!;
  return packet;
}

export interface Unprotected {
  /** The first byte and packet number with protection removed. */
  firstByte: number;
  packetNumber: number;
  pnLength: number;
  /** The decrypted payload (frames), null when the keys do not authenticate it. */
  payload: Uint8Array | null;
}

/** Removes header and payload protection from one packet (`packet` spans exactly that packet). */
export function unprotectPacket(packet: Uint8Array, pnOffset: number, keys: PacketKeys): Unprotected {
  const copy = Uint8Array.from(packet);
  const m = mask(keys, copy, pnOffset);
  const long = (copy[0]! & 0x80) !== 0;
  copy[0] = copy[0]! ^ (m[0]! & (long ? 0x0f : 0x1f));
  const pnLength = (copy[0]! & 0x03) + 1;
  let packetNumber = 0;
  for (let i = 0; i < pnLength; i++) {
    copy[pnOffset + i] = copy[pnOffset + i]! ^ m[1 + i]!;
    packetNumber = packetNumber * 256 + copy[pnOffset + i]!;
  }
  const headerEnd = pnOffset + pnLength;
  const payload = aeadOpen(keys.aead, keys.key, xorNonce(keys.iv, packetNumber), copy.subarray(0, headerEnd), copy.subarray(headerEnd));
  return {firstByte: copy[0]!, packetNumber, pnLength, payload};
}

export interface LongHeaderFields {
  type: Exclude<LongPacketType, 'retry'>;
  dcid: Uint8Array;
  scid: Uint8Array;
  /** Initial only: the token (empty unless answering a Retry). */
  token?: Uint8Array;
  /** Packet number length + payload + tag: the Length field (RFC 9000 §17.2). */
  length: number;
  packetNumber: number;
}

/** A long header up to and including the packet number, unprotected; returns it and where the packet number starts. */
export function longHeader(fields: LongHeaderFields): {header: Uint8Array; pnOffset: number} {
  const w = new Writer()
    .u8(0xc0 | (LONG_TYPE_BITS[fields.type] << 4) | (PN_LENGTH - 1)) // header form 1, fixed bit 1, type, reserved 0, pn length
    .u32(QUIC_VERSION_1)
    .vec(1, (d) => d.bytes(fields.dcid))
    .vec(1, (s) => s.bytes(fields.scid));
  if (fields.type === 'initial') {
    const token = fields.token ?? new Uint8Array(0);
    w.varint(token.length).bytes(token);
  }
  w.varint(fields.length, 2);
  const pnOffset = w.length;
  w.u16(fields.packetNumber & 0xffff);
  return {header: w.finish(), pnOffset};
}

/** A short (1-RTT) header: spin bit 0, key phase 0 (RFC 9000 §17.3.1). */
export function shortHeader(dcid: Uint8Array, packetNumber: number): {header: Uint8Array; pnOffset: number} {
  const w = new Writer().u8(0x40 | (PN_LENGTH - 1)).bytes(dcid);
  const pnOffset = w.length;
  w.u16(packetNumber & 0xffff);
  return {header: w.finish(), pnOffset};
}

/** The Retry integrity tag: AES-128-GCM over the pseudo-packet with the original DCID in front (RFC 9001 §5.8). */
export function retryIntegrityTag(originalDcid: Uint8Array, retryWithoutTag: Uint8Array): Uint8Array {
  const pseudo = new Writer().vec(1, (w) => w.bytes(originalDcid)).bytes(retryWithoutTag).finish();
  return aesGcmSeal(RETRY_KEY_V1, RETRY_NONCE_V1, pseudo, new Uint8Array(0));
}

/** A Retry packet (RFC 9000 §17.2.5); its 4 unused bits are 0 unless given. */
export function retryPacket(dcid: Uint8Array, scid: Uint8Array, token: Uint8Array, originalDcid: Uint8Array, unusedBits = 0): Uint8Array {
  const body = new Writer()
    .u8(0xc0 | (LONG_TYPE_BITS.retry << 4) | (unusedBits & 0x0f))
    .u32(QUIC_VERSION_1)
    .vec(1, (d) => d.bytes(dcid))
    .vec(1, (s) => s.bytes(scid))
    .bytes(token)
    .finish();
  return concat([body, retryIntegrityTag(originalDcid, body)]);
}
