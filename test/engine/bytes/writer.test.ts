import {describe, expect, it} from 'vitest';
import {fromHex, readVarint, toHex, Writer} from '../../../src/engine/bytes/writer.js';

describe('Writer', () => {
  it('writes big-endian integers and length-prefixed vectors (RFC 8446 §3)', () => {
    const bytes = new Writer()
      .u8(0x16)
      .u16(0x0303)
      .u24(0x010203)
      .u32(0xdeadbeef)
      .vec(1, (w) => w.u8(7))
      .vec(2, (w) => w.u16(0x1301).u16(0x1302))
      .vec(3, () => {})
      .finish();
    expect(toHex(bytes)).toBe('160303010203deadbeef0107000413011302000000');
  });

  it('grows past its first buffer', () => {
    const w = new Writer();
    for (let i = 0; i < 1000; i++) w.u16(i);
    const bytes = w.finish();
    expect(bytes.length).toBe(2000);
    expect(bytes[1998]).toBe(999 >> 8);
    expect(bytes[1999]).toBe(999 & 0xff);
  });

  it('encodes QUIC variable-length integers as RFC 9000 Appendix A.1 shows them', () => {
    // (A.1's 8-byte example, 151288809941952652, is beyond a JavaScript number's exact range.)
    expect(readVarint(new Writer().varint(2 ** 40, 8).finish(), 0)).toEqual({value: 2 ** 40, size: 8});
    expect(toHex(new Writer().varint(494_878_333).finish())).toBe('9d7f3e7d');
    expect(toHex(new Writer().varint(15_293).finish())).toBe('7bbd');
    expect(toHex(new Writer().varint(37).finish())).toBe('25');
    // "the two-byte sequence 0x4025 decodes to 37": a longer encoding than needed is allowed (§16).
    expect(toHex(new Writer().varint(37, 2).finish())).toBe('4025');
    expect(readVarint(fromHex('4025'), 0)).toEqual({value: 37, size: 2});
    expect(readVarint(fromHex('9d7f3e7d'), 0)).toEqual({value: 494_878_333, size: 4});
    expect(() => new Writer().varint(64, 1)).toThrow();
  });

  it('refuses a vector longer than its length field', () => {
    expect(() => new Writer().vec(1, (w) => w.bytes(new Uint8Array(256)))).toThrow(/does not fit/);
  });
});
