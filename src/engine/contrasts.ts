// The second knob set the compare view puts beside a run: the contrasts the lessons teach (TLS 1.2
// vs 1.3, with and without TFO, 0-RTT or not, four-way vs three-way close, TCP vs QUIC), each
// made with withKnob so the knobs a contrast makes meaningless go back to their defaults by the
// engine's own rules. A contrast is offered only where it changes what its label says and
// otherwise only drops knobs that no longer apply: one that would have to change another knob
// the scenario depends on is not the contrast its label names.
import {withKnob} from './knobs.js';
import type {KnobName, Knobs} from './types.js';

export interface Contrast {
  label: string;
  knobs: Knobs;
}

type Step = readonly [KnobName, Knobs[KnobName]];

interface Candidate {
  label: string;
  applies(k: Knobs): boolean;
  steps(k: Knobs): readonly Step[];
}

const tcp = (k: Knobs) => k.transport === 'tcp';

const CANDIDATES: readonly Candidate[] = [
  // A page: the other ways to fetch its objects (Kurose & Ross §2.2.2), first when they apply.
  {label: 'one connection at a time', applies: (k) => k.parallel > 1, steps: () => [['parallel', 1]]},
  {label: 'persistent HTTP instead of non-persistent', applies: (k) => k.persistent === 'off' && k.objects > 0, steps: () => [['persistent', 'on']]},
  {label: 'non-persistent HTTP, a connection per object', applies: (k) => tcp(k) && k.persistent === 'on' && k.objects > 0 && k.parallel === 1, steps: () => [['persistent', 'off']]},
  {label: 'TLS 1.2 instead of 1.3', applies: (k) => k.tls === '1.3' && tcp(k), steps: () => [['tls', '1.2']]},
  {label: 'TLS 1.3 instead of 1.2', applies: (k) => k.tls === '1.2', steps: () => [['tls', '1.3']]},
  {label: 'without TCP Fast Open', applies: (k) => tcp(k) && k.tfo !== 'off', steps: () => [['tfo', 'off']]},
  {label: 'with a TCP Fast Open cookie', applies: (k) => tcp(k) && k.tfo === 'off', steps: () => [['tfo', 'cookie']]},
  {label: 'without 0-RTT early data', applies: (k) => k.earlyData !== 'off', steps: () => [['earlyData', 'off']]},
  {
    label: 'resumed with 0-RTT early data',
    applies: (k) => k.tls === '1.3' && k.earlyData === 'off',
    // After a HelloRetryRequest early data is always rejected (RFC 8446 §4.2.10).
    steps: (k) => [
      ['resume', 'on'],
      ['earlyData', k.hrr === 'on' ? 'rejected' : 'accepted'],
    ],
  },
  {label: 'RSA key exchange instead of ECDHE', applies: (k) => k.tls === '1.2' && k.resume === 'off' && k.keyExchange === 'ecdhe', steps: () => [['keyExchange', 'rsa']]},
  {label: 'ECDHE instead of RSA key exchange', applies: (k) => k.tls === '1.2' && k.keyExchange === 'rsa', steps: () => [['keyExchange', 'ecdhe']]},
  {label: 'resumed by session ID instead of a ticket', applies: (k) => k.tls === '1.2' && k.resume === 'on' && k.resumeWith === 'ticket', steps: () => [['resumeWith', 'session-id']]},
  {label: 'resumed with a ticket instead of a session ID', applies: (k) => k.tls === '1.2' && k.resumeWith === 'session-id', steps: () => [['resumeWith', 'ticket']]},
  {label: 'three-segment close', applies: (k) => k.close === 'four-way', steps: () => [['close', 'three-way']]},
  {label: 'four-way close', applies: (k) => k.close === 'three-way', steps: () => [['close', 'four-way']]},
  {label: 'data on the final ACK', applies: (k) => tcp(k) && k.piggyback === 'off', steps: () => [['piggyback', 'on']]},
  {label: 'QUIC instead of TCP', applies: (k) => tcp(k) && k.tls === '1.3', steps: () => [['transport', 'quic']]},
  {label: 'TCP + TLS 1.3 instead of QUIC', applies: (k) => k.transport === 'quic', steps: () => [['transport', 'tcp']]},
];

/** The contrasts that apply to `knobs`, in the order the compare view cycles through them. */
export function contrastsFor(knobs: Knobs): Contrast[] {
  const out: Contrast[] = [];
  for (const candidate of CANDIDATES) {
    if (!candidate.applies(knobs)) continue;
    let k = knobs;
    let ok = true;
    for (const [name, value] of candidate.steps(knobs)) {
      const result = withKnob(k, name, value);
      // Dropping knobs that no longer apply is the only side effect a contrast may have.
      if (result.problem !== undefined || result.changed.some((c) => c.kind !== 'reset')) {
        ok = false;
        break;
      }
      k = result.knobs;
    }
    if (ok) out.push({label: candidate.label, knobs: k});
  }
  return out;
}
