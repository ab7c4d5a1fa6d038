// A whole page (issue 17): DNS round trips, the handshakes, the base page and its objects, one
// after another or pipelined, simulated, and the textbook's formulas held against the runs: with
// transmission times negligible, a persistent connection without pipelining takes
// RTT_DNS + 2·RTT + N·RTT, with pipelining RTT_DNS + 2·RTT + RTT (Kurose & Ross's problems),
// plus what TLS adds once before the first request. Non-persistent HTTP pays a connection per
// object, 2·RTT each (RTT_DNS + 2·RTT + N·2·RTT), or per batch of n with n parallel connections.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {keyLogLines} from '../../src/engine/bytes/frames.js';
import {connectionTraces} from '../../src/engine/connections.js';
import {checkTrace} from '../../src/engine/invariants.js';
import {resolveKnobs, severalConnections, withKnob} from '../../src/engine/knobs.js';
import {simulate} from '../../src/engine/simulate.js';
import type {KnobName} from '../../src/engine/types.js';
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

  it("non-persistent HTTP, alone or n in parallel, takes the textbook's 2·RTT per object or per batch of n, plus TLS per connection (generated)", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 5}),
        fc.integer({min: 1, max: 10}),
        fc.integer({min: 1, max: 10}),
        fc.constantFrom('none', '1.3', '1.2'),
        fc.constantFrom('client', 'server'),
        fc.integer({min: 1, max: 999}),
        (dns, objects, parallel, tls, closer, rttMs) => {
          const n = objects < 2 ? 1 : parallel;
          const set = {dnsLookups: String(dns), objects: String(objects), persistent: 'off', parallel: String(n), close: 'four-way', closer, tls};
          const trace = run('tcp-handshake', set, {rttMs});
          expect(checkTrace(trace)).toEqual([]);
          // Kurose & Ross §2.2.2: each connection is a handshake (1 RTT, plus TLS's) and a request (1 RTT).
          const perConnection = 2 + TLS_ADDS[tls as keyof typeof TLS_ADDS];
          expect(trace.summary.pageLoadedRtt).toBeCloseTo(dns + perConnection * (1 + Math.ceil(objects / n)), 9);
          expect(trace.summary.connections).toBe(1 + objects);
          // Every connection opens with its own SYN from its own port and carries one request.
          const syns = trace.frames.filter((f) => f.tcp?.flags.includes('SYN') && !f.tcp.flags.includes('ACK'));
          expect(new Set(syns.map((f) => f.tcp!.srcPort)).size).toBe(1 + objects);
          expect(trace.frames.filter((f) => f.app === 'request').map((f) => f.connection)).toEqual(Array.from({length: 1 + objects}, (_, i) => i + 1));
        },
      ),
      {seed: 19, numRuns: 60},
    );
  });

  it("parallel persistent connections: the base page's fetches at once, each new one after its handshake, never more than n at once (generated)", () => {
    fc.assert(
      fc.property(fc.integer({min: 2, max: 10}), fc.integer({min: 2, max: 10}), fc.constantFrom('none', '1.3'), fc.integer({min: 1, max: 999}), (objects, parallel, tls, rttMs) => {
        const trace = run('tcp-handshake', {objects: String(objects), parallel: String(parallel), tls, close: 'four-way'}, {rttMs});
        expect(checkTrace(trace)).toEqual([]);
        expect(trace.summary.connections).toBe(Math.min(parallel, objects));
        // The greedy browser: connection 1 is free at once, a new one after its handshake (1 RTT, plus TLS's).
        const setup = 1 + TLS_ADDS[tls as keyof typeof TLS_ADDS];
        const free = [0, ...Array.from({length: Math.min(parallel, objects) - 1}, () => setup)];
        for (let i = 0; i < objects; i++) {
          const soonest = free.indexOf(Math.min(...free));
          free[soonest]! += 1;
        }
        const base = 2 + TLS_ADDS[tls as keyof typeof TLS_ADDS];
        expect(trace.summary.pageLoadedRtt).toBeCloseTo(base + Math.max(...free), 9);
      }),
      {seed: 20, numRuns: 40},
    );
  });

  it('every connection of a page is a real TLS connection, whatever its variant: its bytes encode and its key log lines open it (generated)', () => {
    const tlsChange = fc.oneof(
      fc.constantFrom(['tls', '1.2'], ['tls', '1.3'], ['resume', 'on'], ['earlyData', 'accepted'], ['earlyData', 'rejected'], ['hrr', 'on']),
      fc.constantFrom(['clientAuth', 'on'], ['falseStart', 'on'], ['keyExchange', 'rsa'], ['resumeWith', 'session-id'], ['compat', 'off'], ['bandwidth', '10Mbit']),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.integer({min: 1, max: 4}), fc.integer({min: 2, max: 5}), fc.array(tlsChange, {maxLength: 4}), (persistent, parallel, objects, changes) => {
        let knobs = resolveKnobs({}, {objects: String(objects), close: 'four-way', tls: '1.3'});
        knobs = withKnob(knobs, 'persistent', persistent ? 'on' : 'off').knobs;
        knobs = withKnob(knobs, 'parallel', parallel).knobs;
        for (const [name, value] of changes) {
          const next = withKnob(knobs, name as KnobName, value as never);
          // Keep the page over several connections: a change that would fold it into one is skipped.
          if (next.problem === undefined && severalConnections(next.knobs)) knobs = next.knobs;
        }
        fc.pre(severalConnections(knobs));
        const trace = simulate(knobs, {rttMs: 100, seed: 5});
        expect(checkTrace(trace)).toEqual([]);
        // Reading a frame encodes the run: an engine size the bytes do not fit throws here.
        expect(trace.frames.every((f) => f.bytes.length === f.wireBytes * 2)).toBe(true);
        const randoms = new Set(keyLogLines(trace).map((line) => line.split(' ')[1]));
        expect(randoms.size).toBe(connectionTraces(trace).filter((c) => c.frames.some((f) => f.tls.length > 0)).length);
      }),
      {seed: 21, numRuns: 80},
    );
  });

  it("the bytes say what the page does: each object's path, and Connection: close without persistence (RFC 9112 §9.6)", () => {
    const http = (preset: string) =>
      run(preset)
        .frames.filter((f) => f.app !== null)
        .map((f) => {
          const text = Buffer.from(f.bytes, 'hex').subarray(52).toString('latin1');
          return `${f.connection ?? 1} ${text.split('\r\n')[0]}${text.includes('\r\nConnection: close\r\n') ? ' close' : ''}`;
        });
    expect(http('page-load-non-persistent')).toEqual([
      '1 GET / HTTP/1.1 close', '1 HTTP/1.1 200 OK close',
      '2 GET /object-1 HTTP/1.1 close', '2 HTTP/1.1 200 OK close',
      '3 GET /object-2 HTTP/1.1 close', '3 HTTP/1.1 200 OK close',
      '4 GET /object-3 HTTP/1.1 close', '4 HTTP/1.1 200 OK close',
    ]);
    expect(http('page-load')).toEqual(['1 GET / HTTP/1.1', '1 HTTP/1.1 200 OK', '1 GET /object-1 HTTP/1.1', '1 HTTP/1.1 200 OK', '1 GET /object-2 HTTP/1.1', '1 HTTP/1.1 200 OK', '1 GET /object-3 HTTP/1.1', '1 HTTP/1.1 200 OK']);
    // Pipelined: the requests leave together, the responses answer them in order.
    const pipelined = run('page-load-pipelined').frames.filter((f) => f.app === 'response').map((f) => Buffer.from(f.bytes, 'hex').subarray(52).toString('latin1').split('\r\n\r\n')[1]!.slice(0, 8));
    expect(pipelined).toEqual(['Hello fr', 'Object 1', 'Object 2', 'Object 3']);
  });

  it("each connection starts its own sequence numbers: no two of a page's connections share an ISN, readable or random", () => {
    for (const isn of ['readable', 'random'] as const) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const trace = simulate(resolveKnobs({}, {objects: '10', persistent: 'off', close: 'four-way'}), {rttMs: 100, seed, isn});
        const syns = trace.frames.filter((f) => f.tcp?.flags.includes('SYN') && !f.dropped);
        const starts = new Set(syns.map((f) => `${f.from} ${f.tcp!.seq}`));
        expect(starts.size).toBe(syns.length);
      }
    }
  });

  it('the non-persistent presets: each object on its own connection, the parallel ones opening together', () => {
    const opens = (preset: string) => run(preset).frames.filter((f) => f.tcp?.flags.includes('SYN') && !f.tcp.flags.includes('ACK')).map((f) => [f.id, f.sendMs]);
    expect(opens('page-load-non-persistent')).toEqual([['syn', 200], ['c2-syn', 400], ['c3-syn', 600], ['c4-syn', 800]]);
    expect(opens('page-load-parallel')).toEqual([['syn', 200], ['c2-syn', 400], ['c3-syn', 400], ['c4-syn', 400]]);
    expect(run('page-load-non-persistent').summary).toMatchObject({pageLoadedRtt: 10, connections: 4});
    expect(run('page-load-parallel').summary).toMatchObject({pageLoadedRtt: 6, connections: 4});
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
