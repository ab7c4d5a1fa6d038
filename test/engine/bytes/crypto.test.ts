// The cryptography under the key schedule, against published test vectors.
import {constants, createPublicKey, verify} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {aeadOpen, aeadSeal, keyPair, rsaPssSign, tls12Prf} from '../../../src/engine/bytes/crypto.js';
import {exampleKey} from '../../../src/engine/bytes/example-keys.js';
import {packetKeys, protectPacket, unprotectPacket} from '../../../src/engine/bytes/quic.js';
import {fromHex, toHex} from '../../../src/engine/bytes/writer.js';

describe('ECDHE', () => {
  it('X25519 gives RFC 7748 §6.1\'s public keys and shared secret', () => {
    const alice = keyPair('x25519', fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'));
    const bob = keyPair('x25519', fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb'));
    expect(toHex(alice.publicKey)).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(toHex(bob.publicKey)).toBe('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    expect(toHex(alice.shared(bob.publicKey))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
    expect(toHex(bob.shared(alice.publicKey))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  });

  it('P-256 agrees both ways, with an uncompressed point as the key share (RFC 8446 §4.2.8.2)', () => {
    const a = keyPair('secp256r1', fromHex('0000000000000000000000000000000000000000000000000000000000000007'));
    const b = keyPair('secp256r1', fromHex('00000000000000000000000000000000000000000000000000000000000000ff'));
    expect(a.publicKey.length).toBe(65);
    expect(a.publicKey[0]).toBe(4);
    expect(toHex(a.shared(b.publicKey))).toBe(toHex(b.shared(a.publicKey)));
  });
});

describe('the TLS 1.2 PRF (RFC 5246 §5)', () => {
  it('P_SHA256 gives the published test vector', () => {
    const out = tls12Prf(fromHex('9bbe436ba940f017b17652849a71db35'), 'test label', fromHex('a0ba9f936cda311827a6f796ffd5198c'), 100);
    expect(toHex(out)).toBe(
      'e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab' +
        '4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66',
    );
  });
});

describe('AEADs', () => {
  it.each(['aes-128-gcm', 'aes-256-gcm', 'chacha20-poly1305'] as const)('%s seals and opens, and refuses a changed byte', (aead) => {
    const key = new Uint8Array(aead === 'aes-128-gcm' ? 16 : 32).fill(7);
    const nonce = new Uint8Array(12).fill(1);
    const sealed = aeadSeal(aead, key, nonce, Uint8Array.of(1, 2), Uint8Array.of(9, 9, 9));
    expect(sealed.length).toBe(3 + 16);
    expect(aeadOpen(aead, key, nonce, Uint8Array.of(1, 2), sealed)).toEqual(Uint8Array.of(9, 9, 9));
    sealed[0] = sealed[0]! ^ 1;
    expect(aeadOpen(aead, key, nonce, Uint8Array.of(1, 2), sealed)).toBeNull();
  });

  it('QUIC with ChaCha20-Poly1305: RFC 9001 A.5\'s keys and protected short-header packet', () => {
    const keys = packetKeys(fromHex('9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b'), 'chacha20-poly1305', 'sha256');
    expect(toHex(keys.key)).toBe('c6d98ff3441c3fe1b2182094f69caa2ed4b716b65488960a7a984979fb23e1c8');
    expect(toHex(keys.iv)).toBe('e0459b3474bdd0e44a41c144');
    expect(toHex(keys.hp)).toBe('25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4');
    // Packet number 654360564 on 3 bytes, a PING frame (RFC 9001 A.5).
    const packet = protectPacket(Uint8Array.of(0x42, 0x00, 0xbf, 0xf4), 1, 654360564, Uint8Array.of(1), keys);
    expect(toHex(packet)).toBe('4cfe4189655e5cd55c41f69080575d7999c25a5bfb');
    expect(unprotectPacket(packet, 1, keys).firstByte).toBe(0x42);
  });
});

describe('RSA signatures without randomness', () => {
  it('RSA-PSS with a given salt is a valid PSS signature, and the same salt gives the same bytes', () => {
    const data = Uint8Array.of(1, 2, 3);
    const salt = new Uint8Array(32).fill(0x5a);
    const a = rsaPssSign(exampleKey('leaf'), 'sha256', data, salt);
    expect(toHex(rsaPssSign(exampleKey('leaf'), 'sha256', data, salt))).toBe(toHex(a));
    expect(verify('sha256', data, {key: createPublicKey(exampleKey('leaf')), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, a)).toBe(true);
    expect(toHex(rsaPssSign(exampleKey('leaf'), 'sha256', data, new Uint8Array(32)))).not.toBe(toHex(a));
  });
});
