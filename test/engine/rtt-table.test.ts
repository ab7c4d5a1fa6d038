// protocol-facts §6, the RTT answer key: (a) when the first request byte leaves, (b) when the
// first response byte arrives, in RTTs from the client's first packet. Every row, from the engine.
import {describe, expect, it} from 'vitest';
import {run} from '../helpers/run.js';

const ROWS: [row: string, preset: string, set: Record<string, string>, a: number, b: number][] = [
  ['1 TCP alone', 'tcp-handshake', {}, 1, 2],
  ['2 TLS 1.2 full', 'tls12', {}, 3, 4],
  ['3 TLS 1.2 resumed (ticket)', 'tls12-resumed', {}, 2, 3],
  ['4 TLS 1.2 False Start', 'tls12-false-start', {}, 2, 3],
  ['5 TLS 1.3 full', 'tls13', {}, 2, 3],
  ['6 TLS 1.3 with HRR', 'tls13-hrr', {}, 3, 4],
  ['7 TLS 1.3 PSK, no early data', 'tls13-psk', {}, 2, 3],
  ['8 TLS 1.3 0-RTT accepted', 'tls13-0rtt', {}, 1, 2],
  ['9 TFO cookie request + TLS 1.3', 'tfo-request', {tls: '1.3'}, 2, 3],
  ['10 TFO with cookie + TLS 1.3 full', 'tfo-tls13', {}, 1, 2],
  ['11 TFO with cookie + TLS 1.3 0-RTT', 'tfo-tls13-0rtt', {}, 0, 1],
  ['12 QUIC first connection', 'quic', {}, 1, 2],
  ['13 QUIC 0-RTT', 'quic-0rtt', {}, 0, 1],
];

describe('RTT answer key (protocol-facts §6)', () => {
  for (const [row, preset, set, a, b] of ROWS) {
    it(`row ${row}: request at ${a} RTT, response at ${b} RTT`, () => {
      for (const rttMs of [100, 80, 37]) {
        const {summary} = run(preset, set, {rttMs});
        expect(summary.requestSentRtt).toBe(a);
        expect(summary.responseReceivedRtt).toBe(b);
        expect(summary.requestSentMs).toBe(a * rttMs);
        expect(summary.responseReceivedMs).toBe(b * rttMs);
      }
    });
  }

  it('the issue example: tfo-tls13-0rtt at 80 ms sends the request at 0 ms and gets the response at 80 ms', () => {
    const {summary} = run('tfo-tls13-0rtt', {}, {rttMs: 80});
    expect(summary).toEqual({requestSentMs: 0, requestSentRtt: 0, responseReceivedMs: 80, responseReceivedRtt: 1});
  });

  it.each([
    ['tls13-0rtt-rejected', {}, 2, 3],
    ['quic-0rtt', {earlyData: 'rejected'}, 1, 2],
    ['quic-retry', {}, 2, 3],
    ['quic', {hrr: 'on'}, 2, 3],
    ['tfo-cookie', {}, 0, 1],
    ['tfo-cookie-rejected', {}, 1, 2],
    ['tcp-syn-cookies', {}, 1, 2],
    ['tcp-simultaneous-open', {}, 1, 2],
  ] as const)('%s %o: rejected or extra steps cost what they should', (preset, set, a, b) => {
    const {summary} = run(preset, set as Record<string, string>);
    expect([summary.requestSentRtt, summary.responseReceivedRtt]).toEqual([a, b]);
  });

  it('a lost SYN costs the initial RTO of 1 s (RFC 6298), a SYN with data dropped by a middlebox too', () => {
    for (const preset of ['tcp-syn-lost', 'tfo-syn-dropped']) {
      const {summary} = run(preset, {}, {rttMs: 100});
      expect(summary.requestSentMs).toBe(1000 + 100);
      expect(summary.responseReceivedMs).toBe(1000 + 200);
    }
  });

  it('rejected early data is not counted; its resend is (CLI.md summary)', () => {
    const trace = run('tls13-0rtt-rejected');
    const early = trace.frames.find((f) => f.label.includes('early data'))!;
    expect(early.delivered).toBe(false);
    expect(trace.summary.requestSentMs).toBe(200);
  });

  it('data=none has no figures', () => {
    expect(run('tls13', {data: 'none'}).summary).toEqual({requestSentMs: null, requestSentRtt: null, responseReceivedMs: null, responseReceivedRtt: null});
  });
});
