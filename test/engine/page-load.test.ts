// A whole page (issue 17): DNS round trips, the handshakes, the base page and its objects, one
// after another or pipelined, simulated, and the textbook's formulas held against the runs: with
// transmission times negligible, a persistent connection without pipelining takes
// RTT_DNS + 2·RTT + N·RTT, with pipelining RTT_DNS + 2·RTT + RTT (Kurose & Ross's problems),
// plus what TLS adds once before the first request.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkTrace} from '../../src/engine/invariants.js';
import {run} from '../helpers/run.js';

const TLS_ADDS = {none: 0, '1.3': 1, '1.2': 2} as const;

describe('loading a page', () => {
  it('the textbook formulas hold for any DNS chain, object count, pipelining and TLS version (generated)', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 5}), fc.integer({min: 1, max: 10}), fc.boolean(), fc.constantFrom('none', '1.3', '1.2'), fc.integer({min: 1, max: 999}), (dns, objects, pipelined, tls, rttMs) => {
        const trace = run('tcp-handshake', {dnsLookups: String(dns), objects: String(objects), pipelining: pipelined ? 'on' : 'off', tls}, {rttMs});
        expect(checkTrace(trace)).toEqual([]);
        const textbook = dns + 2 + TLS_ADDS[tls as keyof typeof TLS_ADDS] + (pipelined ? 1 : objects);
        expect(trace.summary.pageLoadedRtt).toBeCloseTo(textbook, 9);
        // Each object has its own request and response on the one connection: one handshake only.
        expect(trace.frames.filter((f) => f.app === 'request')).toHaveLength(1 + objects);
        expect(trace.frames.filter((f) => f.tcp?.flags.includes('SYN') && !f.tcp.flags.includes('ACK'))).toHaveLength(1);
      }),
      {seed: 17, numRuns: 60},
    );
  });

  it('with a rate, each response adds its transmission time, L/R with its headers, to the textbook sum (generated)', () => {
    const KBPS = {'100kbit': 100, '1Mbit': 1000, '10Mbit': 10_000, '100Mbit': 100_000} as const;
    fc.assert(
      fc.property(fc.integer({min: 0, max: 3}), fc.integer({min: 1, max: 6}), fc.integer({min: 100, max: 14_000}), fc.constantFrom('100kbit', '1Mbit', '10Mbit', '100Mbit'), fc.integer({min: 1, max: 999}), (dns, objects, bytes, rate, rttMs) => {
        const set = {dnsLookups: String(dns), objects: String(objects), objectBytes: String(bytes)};
        const fast = run('tcp-handshake', set, {rttMs});
        const slow = run('tcp-handshake', {...set, bandwidth: rate}, {rttMs});
        expect(checkTrace(slow)).toEqual([]);
        // Bytes on the wire: IPv4 20 + TCP 32 (timestamps) per segment; the SYN and SYN-ACK carry 20 more of options.
        const segments = Math.ceil(bytes / 1448);
        const response = bytes + 52 * segments;
        const request = 100 + 52;
        const handshake = 60 + 60 + 52; // SYN, SYN-ACK, and the ACK the first request queues behind
        const transmitted = handshake + (1 + objects) * (request + response);
        expect(slow.summary.pageLoadedMs! - fast.summary.pageLoadedMs!).toBeCloseTo((transmitted * 8) / KBPS[rate as keyof typeof KBPS], 4);
      }),
      {seed: 18, numRuns: 40},
    );
  });

  it('pipelined requests leave together right after the base page; unpipelined ones one response apart', () => {
    const sends = (preset: string) => run(preset).frames.filter((f) => f.from === 'client' && f.app === 'request').map((f) => f.sendMs);
    expect(sends('page-load-pipelined')).toEqual([300, 400, 400, 400]);
    expect(sends('page-load')).toEqual([300, 400, 500, 600]);
  });

  it('the DNS round trips come before the SYN, as events of the client, and count in every time', () => {
    const trace = run('page-load');
    expect(trace.frames[0]).toMatchObject({id: 'syn', sendMs: 200});
    expect(trace.events.filter((e) => e.layer === 'app').map((e) => [e.atMs, e.to])).toEqual([
      [100, 'DNS 1/2'],
      [200, 'RESOLVED'],
    ]);
    expect(trace.summary).toMatchObject({requestSentMs: 300, responseReceivedMs: 400, pageLoadedMs: 700, pageLoadedRtt: 7});
  });
});
