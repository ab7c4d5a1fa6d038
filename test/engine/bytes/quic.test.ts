// Test vectors of RFC 9001 Appendix A (Sample Packet Protection).
import {describe, expect, it} from 'vitest';
import {initialKeys, initialSecrets, longHeader, protectPacket, retryPacket, unprotectPacket} from '../../../src/engine/bytes/quic.js';
import {fromHex, toHex} from '../../../src/engine/bytes/writer.js';

const DCID = fromHex('8394c8f03e515708');

describe('QUIC Initial keys (RFC 9001 A.1)', () => {
  it('derives the initial, client and server secrets from the DCID and the v1 salt', () => {
    const secrets = initialSecrets(DCID);
    expect(toHex(secrets.initial)).toBe('7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44');
    expect(toHex(secrets.client)).toBe('c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea');
    expect(toHex(secrets.server)).toBe('3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b');
  });

  it('expands key, iv and hp with the "quic key", "quic iv" and "quic hp" labels', () => {
    const client = initialKeys(DCID, 'client');
    expect(toHex(client.key)).toBe('1f369613dd76d5467730efcbe3b1a22d');
    expect(toHex(client.iv)).toBe('fa044b2f42a3fd3b46fb255c');
    expect(toHex(client.hp)).toBe('9f50449e04a0e810283a1e9933adedd2');
    const server = initialKeys(DCID, 'server');
    expect(toHex(server.key)).toBe('cf3a5331653c364c88f0f379b6067e37');
    expect(toHex(server.iv)).toBe('0ac1493ca1905853b0bba03e');
    expect(toHex(server.hp)).toBe('c206b8d9b9f0f37644430b490eeaa314');
  });
});

const CLIENT_CRYPTO =
  '060040f1010000ed0303ebf8fa56f12939b9584a3896472ec40bb863cfd3e86804fe3a47f06a2b69484c000004130113' +
  '02010000c000000010000e00000b6578616d706c652e636f6dff01000100000a00080006001d00170018001000070005' +
  '04616c706e00050005010000000000330026002400' +
  '1d00209370b2c9caa47fbabaf4559fedba753de171fa71f50f1ce1' +
  '5d43e994ec74d748002b0003020304000d0010000e0403050306030203080408050806002d00020101001c0002400100' +
  '3900320408ffffffffffffffff05048000ffff07048000ffff0801100104800075300901100f088394c8f03e51570806' +
  '048000ffff';

describe('QUIC Initial packet protection (RFC 9001 A.2–A.3)', () => {
  it('protects the server Initial exactly as A.3 shows', () => {
    const payload = fromHex(
      '02000000000600405a020000560303eefce7f7b37ba1d1632e96677825ddf73988cfc79825df566dc5430b9a045a1200' +
        '130100002e00330024001d00209d3c940d89690b84d08a60993c144eca684d1081287c834d5311bcf32bb9da1a002b00020304',
    );
    const {header, pnOffset} = longHeader({type: 'initial', dcid: new Uint8Array(0), scid: fromHex('f067a5502a4262b5'), length: 2 + payload.length + 16, packetNumber: 1});
    expect(toHex(header)).toBe('c1000000010008f067a5502a4262b50040750001');
    const packet = protectPacket(header, pnOffset, 1, payload, initialKeys(DCID, 'server'));
    expect(toHex(packet)).toBe(
      'cf000000010008f067a5502a4262b5004075c0d95a482cd0991cd25b0aac406a5816b6394100f37a1c69797554780bb3' +
        '8cc5a99f5ede4cf73c3ec2493a1839b3dbcba3f6ea46c5b7684df3548e7ddeb9c3bf9c73cc3f3bded74b562bfb19fb84' +
        '022f8ef4cdd93795d77d06edbb7aaf2f58891850abbdca3d20398c276456cbc42158407dd074ee',
    );
    const opened = unprotectPacket(packet, pnOffset, initialKeys(DCID, 'server'));
    expect(opened.packetNumber).toBe(1);
    expect(opened.firstByte).toBe(0xc1);
    expect(toHex(opened.payload!)).toBe(toHex(payload));
  });

  it('protects the client Initial (4-byte packet number) with the sample and mask of A.2', () => {
    const crypto = fromHex(CLIENT_CRYPTO);
    const payload = new Uint8Array(1162);
    payload.set(crypto);
    const header = fromHex('c300000001088394c8f03e5157080000449e00000002');
    const packet = protectPacket(header, 18, 2, payload, initialKeys(DCID, 'client'));
    expect(toHex(packet.subarray(0, 22))).toBe('c000000001088394c8f03e5157080000449e7b9aec34');
    expect(toHex(packet.subarray(22, 38))).toBe('d1b1c98dd7689fb8ec11d242b123dc9b');
    expect(toHex(packet.subarray(packet.length - 16))).toBe('e221af44860018ab0856972e194cd934');
    expect(packet.length).toBe(1200);
  });

  it('rejects a packet opened with the wrong keys', () => {
    const {header, pnOffset} = longHeader({type: 'initial', dcid: DCID, scid: DCID, length: 2 + 40 + 16, packetNumber: 0});
    const packet = protectPacket(header, pnOffset, 0, new Uint8Array(40), initialKeys(DCID, 'client'));
    expect(unprotectPacket(packet, pnOffset, initialKeys(DCID, 'server')).payload).toBeNull();
  });
});

describe('Retry (RFC 9001 A.4, §5.8)', () => {
  it('carries the integrity tag of the sample Retry', () => {
    const retry = retryPacket(new Uint8Array(0), fromHex('f067a5502a4262b5'), fromHex('746f6b656e'), DCID, 0x0f);
    expect(toHex(retry)).toBe('ff000000010008f067a5502a4262b5746f6b656e04a265ba2eff4d829058fb3f0f2496ba');
  });
});
