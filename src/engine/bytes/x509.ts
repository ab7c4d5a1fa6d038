// The example certificates the handshakes carry (RFC 5280 §4.1): DER X.509 v3 with the RSA-2048
// keys of example-keys.ts, the same in every run, each signed by its issuer for real
// (sha256WithRSAEncryption, RFC 4055 §5), so the chain leaf → issuing CA → root verifies and the
// CertificateVerify signatures check against the leaf's key. Each one is sized to the byte so the
// engine's fixed message lengths hold (src/engine/tls/sizes.ts): a comment extension absorbs the
// difference.

import {createHash} from 'node:crypto';
import {rsaPkcs1Sign} from './crypto.js';
import {exampleKey, examplePublicKeyInfo, type ExampleKeyRole} from './example-keys.js';
import {FIXED} from './random.js';
import {ascii, concat, Writer} from './writer.js';

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const w = new Writer().u8(tag);
  const n = content.length;
  if (n < 0x80) w.u8(n);
  else if (n < 0x100) w.u8(0x81).u8(n);
  else if (n < 0x10000) w.u8(0x82).u16(n);
  else w.u8(0x83).u24(n);
  return w.bytes(content).finish();
}

const seq = (...items: Uint8Array[]): Uint8Array => tlv(0x30, concat(items));
const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, concat(items));
const explicit = (n: number, item: Uint8Array): Uint8Array => tlv(0xa0 + n, item);
const integer = (bytes: Uint8Array | number[]): Uint8Array => tlv(0x02, Uint8Array.from(bytes));
const bool = (value: boolean): Uint8Array => tlv(0x01, Uint8Array.of(value ? 0xff : 0));
const octets = (content: Uint8Array): Uint8Array => tlv(0x04, content);
const bits = (content: Uint8Array, unused = 0): Uint8Array => tlv(0x03, concat([Uint8Array.of(unused), content]));
const utf8 = (text: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(text));
const printable = (text: string): Uint8Array => tlv(0x13, ascii(text));
const ia5 = (text: string): Uint8Array => tlv(0x16, ascii(text));
const utcTime = (text: string): Uint8Array => tlv(0x17, ascii(text));

function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out: number[] = [40 * a! + b!];
  for (const arc of rest) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    groups.forEach((g, i) => out.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return tlv(0x06, Uint8Array.from(out));
}

const OID = {
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  nsComment: '2.16.840.1.113730.1.13',
};

const sha256WithRsa = (): Uint8Array => seq(oid(OID.sha256WithRSA), tlv(0x05, new Uint8Array(0)));

function name(parts: {c: string; o: string; cn: string}): Uint8Array {
  return seq(
    set(seq(oid(OID.country), printable(parts.c))),
    set(seq(oid(OID.organization), utf8(parts.o))),
    set(seq(oid(OID.commonName), utf8(parts.cn))),
  );
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

export type CertificateRole = 'leaf' | 'intermediate' | 'client';

/** The SHA-1 of the key's subjectPublicKey bits: RFC 5280 §4.2.1.2's first method. */
function keyIdentifier(role: ExampleKeyRole): Uint8Array {
  const spki = examplePublicKeyInfo(role);
  // An RSA-2048 SubjectPublicKeyInfo: 24 bytes of headers and algorithm, then the RSAPublicKey.
  return new Uint8Array(createHash('sha1').update(spki.subarray(24)).digest());
}

/** Whose key signs each certificate. */
const ISSUER: Record<CertificateRole, ExampleKeyRole> = {intermediate: 'root', leaf: 'intermediate', client: 'intermediate'};

const PROFILES: Record<CertificateRole, {subject: {c: string; o: string; cn: string}; issuer: {c: string; o: string; cn: string}; serial: number}> = {
  intermediate: {
    subject: {c: 'US', o: 'hs-tutor Example', cn: 'hs-tutor Example Issuing CA'},
    issuer: {c: 'US', o: 'hs-tutor Example', cn: 'hs-tutor Example Root CA'},
    serial: 0x2001,
  },
  leaf: {
    subject: {c: 'US', o: 'hs-tutor Example', cn: 'example.com'},
    issuer: {c: 'US', o: 'hs-tutor Example', cn: 'hs-tutor Example Issuing CA'},
    serial: 0x3001,
  },
  client: {
    subject: {c: 'US', o: 'hs-tutor Example', cn: 'learner@example.com'},
    issuer: {c: 'US', o: 'hs-tutor Example', cn: 'hs-tutor Example Issuing CA'},
    serial: 0x4001,
  },
};

const COMMENT = 'Example certificate made by hs-tutor for teaching; its private key is published in hs-tutor, so it proves nothing.';

/** The to-be-signed part (RFC 5280 §4.1.1.1) with `filler` bytes of comment. */
function tbsCertificate(role: CertificateRole, filler: number): Uint8Array {
  const p = PROFILES[role];
  const ca = role === 'intermediate';
  const serial = FIXED.take(`${role}/serial`, 16);
  const extensions: Uint8Array[] = [
    extension(OID.basicConstraints, true, ca ? seq(bool(true), integer([0])) : seq()),
    // digitalSignature (+ keyCertSign and cRLSign for a CA)
    extension(OID.keyUsage, true, ca ? bits(Uint8Array.of(0x86), 1) : bits(Uint8Array.of(0x80), 7)),
    extension(OID.subjectKeyId, false, octets(keyIdentifier(role))),
    extension(OID.authorityKeyId, false, seq(tlv(0x80, keyIdentifier(ISSUER[role])))),
  ];
  if (role === 'leaf') {
    extensions.push(extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))));
    extensions.push(extension(OID.subjectAltName, false, seq(tlv(0x82, ascii('example.com')), tlv(0x82, ascii('www.example.com')))));
  }
  if (role === 'client') extensions.push(extension(OID.extKeyUsage, false, seq(oid(OID.clientAuth))));
  const comment = (COMMENT + ' '.repeat(Math.max(0, filler - COMMENT.length))).slice(0, Math.max(filler, 0));
  if (filler > 0) extensions.push(extension(OID.nsComment, false, ia5(comment)));
  const tbs = seq(
    explicit(0, integer([2])), // v3
    integer([0x10 | (p.serial >> 12), ...serial.subarray(1)]),
    sha256WithRsa(),
    name(p.issuer),
    seq(utcTime('260101000000Z'), utcTime('270101000000Z')),
    name(p.subject),
    examplePublicKeyInfo(role),
    explicit(3, seq(...extensions)),
  );
  return tbs;
}

/** RSA-2048 signatures are 256 bytes, so the certificate's size is known before it is signed. */
const SIGNATURE_BYTES = 256;

const certificate = (tbs: Uint8Array, signature: Uint8Array): Uint8Array => seq(tbs, sha256WithRsa(), bits(signature));

const cache = new Map<string, Uint8Array>();

/** The example certificate for `role`, exactly `length` bytes of DER (its comment extension absorbs the difference). */
export function exampleCertificate(role: CertificateRole, length: number): Uint8Array {
  const key = `${role}/${length}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const placeholder = new Uint8Array(SIGNATURE_BYTES);
  const base = certificate(tbsCertificate(role, 0), placeholder).length;
  // The comment's own header and the DER length octets around it grow by steps, so search near the estimate.
  const estimate = length - base - 20;
  for (let delta = 0; delta < 40; delta++) {
    for (const filler of [estimate + delta, estimate - delta]) {
      if (filler < 1) continue;
      const tbs = tbsCertificate(role, filler);
      if (certificate(tbs, placeholder).length !== length) continue;
      const der = certificate(tbs, rsaPkcs1Sign(exampleKey(ISSUER[role]), 'sha256', tbs));
      cache.set(key, der);
      return der;
    }
  }
  throw new Error(`no ${role} certificate of exactly ${length} bytes`);
}
