// The retransmission timer adapts to the path (RFC 6298 §2): 1 s until a round trip has been
// measured, then SRTT + 4·RTTVAR, never under 1 s; retransmitted segments give no sample (§3,
// Karn); back-off doubles it up to 120 s, and a new acknowledgment brings it back.
import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {simulate} from '../../src/engine/simulate.js';

const retransmissions = (trace: ReturnType<typeof simulate>) => trace.frames.filter((f) => f.notes.some((n) => /retransmitted|sent again/.test(n)));

describe('the retransmission timeout', () => {
  it('on a long path the measured RTO keeps a slow peer from looking lost: no spurious FIN at RTT 980 ms', () => {
    for (const rttMs of [400, 700, 980, 999]) {
      const trace = simulate(resolveKnobs({}, {close: 'three-way', closeDelayMs: '100'}), {rttMs, seed: 1});
      expect(retransmissions(trace), `RTT ${rttMs}`).toEqual([]);
    }
  });

  it('after the handshake has been measured, a lost FIN waits SRTT + 4·RTTVAR (3 RTT after one sample), not 1 s', () => {
    const rttMs = 600;
    const trace = simulate(resolveKnobs({}, {close: 'four-way', lose: 'fin'}), {rttMs, seed: 1});
    const fin = trace.frames.find((f) => f.id === 'fin')!;
    const again = trace.frames.find((f) => f.id === 'fin#2')!;
    const waited = again.sendMs - fin.sendMs;
    // Samples: the SYN (600 ms) and the request (600 ms): SRTT 600, RTTVAR 3/4·300 + 0 = 225 → 1500 ms.
    expect(waited).toBe(600 + 4 * 225);
    expect(again.notes.join(' ')).toContain('Not acknowledged within the RTO (1.5 s)');
  });

  it('at short RTTs the RTO stays at its 1 s floor (§2.4)', () => {
    const trace = simulate(resolveKnobs({}, {close: 'four-way', lose: 'fin'}), {rttMs: 100, seed: 1});
    const fin = trace.frames.find((f) => f.id === 'fin')!;
    const again = trace.frames.find((f) => f.id === 'fin#2')!;
    expect(again.sendMs - fin.sendMs).toBe(1000);
  });
});
