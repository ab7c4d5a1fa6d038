import {describe, expect, it} from 'vitest';
import {CLIENT_IP, onesComplementSum, PROTO_TCP, pseudoHeaderSum, SERVER_IP} from '../../../src/engine/bytes/ipv4.js';
import {encodeOptions, flagsByte, tcpSegment} from '../../../src/engine/bytes/tcp.js';
import {toHex} from '../../../src/engine/bytes/writer.js';
import {synOptions, timestampOptions} from '../../../src/engine/tcp/options.js';
import type {TcpHeader} from '../../../src/engine/types.js';

describe('TCP options (RFC 9293 §3.2, protocol-facts §1.14)', () => {
  it("encodes Linux's SYN block: MSS 1460 | SACK-permitted | Timestamps | NOP | WScale 7", () => {
    expect(toHex(encodeOptions(synOptions(0x01020304, 0, null)))).toBe('020405b40402080a010203040000000001030307');
  });

  it('encodes a Fast Open cookie request as 22 02 and an 8-byte cookie as 22 0a <cookie>, then NOP NOP, as Linux writes them (RFC 7413 §4.1.1)', () => {
    // Linux's tcp_options_write(): the option first, padded after with NOPs to a 4-byte boundary.
    expect(toHex(encodeOptions(synOptions(1, 0, '')))).toMatch(/03030722020101$/);
    expect(toHex(encodeOptions(synOptions(1, 0, '0011223344556677')))).toMatch(/030307220a00112233445566770101$/);
  });

  it('puts NOP NOP before the timestamps on later segments (RFC 7323 Appendix A)', () => {
    expect(toHex(encodeOptions(timestampOptions(5, 6)))).toBe('0101080a0000000500000006');
  });

  it('maps flags to their bits (RFC 9293 §3.1)', () => {
    expect(flagsByte(['SYN'])).toBe(0x02);
    expect(flagsByte(['SYN', 'ACK'])).toBe(0x12);
    expect(flagsByte(['FIN', 'PSH', 'ACK'])).toBe(0x19);
    expect(flagsByte(['RST', 'ACK'])).toBe(0x14);
  });
});

describe('TCP segment', () => {
  const header: TcpHeader = {
    srcPort: 50000,
    dstPort: 443,
    flags: ['PSH', 'ACK'],
    seq: 1001,
    ack: 5001,
    len: 5,
    seqLen: 5,
    window: 502,
    options: timestampOptions(100, 200),
  };

  it('lays out ports, numbers, data offset, flags and window', () => {
    const segment = tcpSegment(header, Uint8Array.from([104, 101, 108, 108, 111]), CLIENT_IP, SERVER_IP);
    expect(segment.length).toBe(20 + 12 + 5);
    expect(toHex(segment.subarray(0, 16))).toBe('c35001bb000003e900001389801801f6');
    expect(toHex(segment.subarray(18, 20))).toBe('0000');
  });

  it('carries a checksum that makes the pseudo-header, header and data sum to all ones (RFC 9293 §3.1)', () => {
    const segment = tcpSegment(header, Uint8Array.from([1, 2, 3, 4, 5]), CLIENT_IP, SERVER_IP);
    expect(onesComplementSum(segment, pseudoHeaderSum(CLIENT_IP, SERVER_IP, PROTO_TCP, segment.length))).toBe(0xffff);
  });

  it('writes ack 0 when the ACK flag is off, and refuses a payload of the wrong length', () => {
    const syn = tcpSegment({...header, flags: ['SYN'], ack: null, len: 0, seqLen: 1, options: []}, new Uint8Array(0), CLIENT_IP, SERVER_IP);
    expect(toHex(syn.subarray(8, 12))).toBe('00000000');
    expect(() => tcpSegment(header, new Uint8Array(4), CLIENT_IP, SERVER_IP)).toThrow(/payload/);
  });
});
