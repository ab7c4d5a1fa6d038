import {describe, expect, it} from 'vitest';
import {internetChecksum, ipv4Packet, onesComplementSum, PROTO_UDP} from '../../../src/engine/bytes/ipv4.js';
import {fromHex, toHex} from '../../../src/engine/bytes/writer.js';

describe('Internet checksum (RFC 1071)', () => {
  it('matches the numerical example of RFC 1071 §3', () => {
    // Bytes 00 01 f2 03 f4 f5 f6 f7: the one's-complement sum is ddf2, so the checksum is 220d.
    const data = fromHex('0001f203f4f5f6f7');
    expect(onesComplementSum(data).toString(16)).toBe('ddf2');
    expect(internetChecksum(data).toString(16)).toBe('220d');
  });

  it('pads an odd length with a zero byte', () => {
    expect(internetChecksum(fromHex('0001f203f4f5f6'))).toBe(internetChecksum(fromHex('0001f203f4f5f600')));
  });

  it('sums to all ones over data that carries its own checksum', () => {
    const data = fromHex('0001f203f4f5f6f7220d');
    expect(onesComplementSum(data)).toBe(0xffff);
  });
});

describe('IPv4 header (RFC 791 §3.1)', () => {
  it('reproduces the well-known header 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7', () => {
    const packet = ipv4Packet({src: '192.168.0.1', dst: '192.168.0.199', protocol: PROTO_UDP, id: 0, ttl: 64}, new Uint8Array(0x73 - 20));
    expect(toHex(packet.subarray(0, 20))).toBe('45000073000040004011b861c0a80001c0a800c7');
    expect(packet.length).toBe(0x73);
  });
});
