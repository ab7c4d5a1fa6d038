// CPace (draft-irtf-cfrg-cpace), the balanced PAKE of class protocol v2 (design/class-security.md):
// both sides turn the join code into a curve point nobody can compute without it, exchange one
// X25519 share each, and derive the same intermediate session key (ISK) only if they used the
// same code. An eavesdropper learns nothing it can test offline; an active guesser gets one guess
// per connection. Suite CPACE-X25519-SHA512, initiator/responder roles (the student initiates).
//
// node:crypto has X25519 and SHA-512; the one piece written here is Elligator 2, the map from a
// hash to the curve (RFC 9380 §6.7.1, curve25519: J = 486662, K = 1, Z = 2), on public constants.
import {createHash} from 'node:crypto';
import {keyPair} from '../engine/bytes/crypto.js';

/** The suite's domain separation strings (draft §7.2). */
const DSI = Buffer.from('CPace255');
const DSI_ISK = Buffer.from('CPace255_ISK');
/** SHA-512's input block: the generator string pads its first block to it (draft §7.2). */
const S_IN_BYTES = 128;

const P = 2n ** 255n - 19n;
const J = 486662n;
const Z = 2n;

const sha512 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha512');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
};

/** LEB128 length, then the bytes (draft Appendix A.1). */
export function prependLen(data: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = data.length;
  do {
    length.push(n < 128 ? n : (n & 0x7f) | 0x80);
    n >>>= 7;
  } while (n > 0);
  return Uint8Array.from([...length, ...data]);
}

export function lvCat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map(prependLen));
}

/** The initiator-responder transcript: the initiator's share and data first (draft §6.2). */
export function transcriptIr(ya: Uint8Array, ada: Uint8Array, yb: Uint8Array, adb: Uint8Array): Uint8Array {
  return Buffer.concat([lvCat(ya, ada), lvCat(yb, adb)]);
}

/** DSI, the password and channel data, zero-padded so DSI and password fill the first hash block (draft §7.2). */
export function generatorString(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Uint8Array {
  const zeros = Math.max(0, S_IN_BYTES - 1 - prependLen(prs).length - prependLen(DSI).length);
  return lvCat(DSI, prs, new Uint8Array(zeros), ci, sid);
}

const mod = (a: bigint): bigint => ((a % P) + P) % P;

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

const isSquare = (x: bigint): boolean => x === 0n || power(x, (P - 1n) / 2n) === 1n;

/** Elligator 2 for curve25519 (RFC 9380 §6.7.1, K = 1): a field element to the u-coordinate of a curve point. */
export function elligator2(u: bigint): bigint {
  const denominator = mod(1n + Z * u * u);
  let x1 = denominator === 0n ? mod(-J) : mod(-J * power(denominator, P - 2n));
  if (x1 === 0n) x1 = mod(-J);
  const gx1 = mod(x1 * x1 * x1 + J * x1 * x1 + x1);
  return isSquare(gx1) ? x1 : mod(-x1 - J);
}

const fromLittleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((n, b) => (n << 8n) | BigInt(b), 0n);
const toLittleEndian = (n: bigint): Uint8Array => Uint8Array.from({length: 32}, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));

/** The password-derived generator (draft §7.2): hash the generator string, decode as a u-coordinate (RFC 7748 §5), map. */
export function calculateGenerator(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Uint8Array {
  const hashed = sha512(generatorString(prs, ci, sid)).slice(0, 32);
  hashed[31]! &= 0x7f; // decodeUCoordinate clears bit 255
  return toLittleEndian(elligator2(fromLittleEndian(hashed)));
}

/** X25519(scalar, point); all zeros where the result is the neutral element (a low-order point), which the caller must abort on (draft §7.2). */
export function scalarMultVfy(scalar: Uint8Array, point: Uint8Array): Uint8Array {
  try {
    const shared = keyPair('x25519', scalar).shared(point);
    return shared.every((b) => b === 0) ? new Uint8Array(32) : shared;
  } catch {
    // OpenSSL refuses a derivation that gives the all-zero point.
    return new Uint8Array(32);
  }
}

export class CpaceAbort extends Error {
  override name = 'CpaceAbort';
}

/** A party's share: its scalar's multiple of the generator (draft §6.2). */
export function cpaceShare(scalar: Uint8Array, generator: Uint8Array): Uint8Array {
  return scalarMultVfy(scalar, generator);
}

/**
 * The intermediate session key of the initiator-responder mode (draft §6.2): K from our scalar and
 * the peer's share, aborting on a low-order share, then ISK = SHA-512(lv_cat(DSI_ISK, sid, K) ||
 * transcript_ir). Both sides pass the shares in the same order: the initiator's first.
 */
export function cpaceIsk(args: {scalar: Uint8Array; peerShare: Uint8Array; sid: Uint8Array; initiator: {share: Uint8Array; ad: Uint8Array}; responder: {share: Uint8Array; ad: Uint8Array}}): Uint8Array {
  const k = scalarMultVfy(args.scalar, args.peerShare);
  if (k.every((b) => b === 0)) throw new CpaceAbort('the peer sent a low-order point');
  return sha512(lvCat(DSI_ISK, args.sid, k), transcriptIr(args.initiator.share, args.initiator.ad, args.responder.share, args.responder.ad));
}
