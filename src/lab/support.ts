// What the lab can run on Node's own stacks, and the nearest variant of a scenario it can: a knob
// Node's net and tls (OpenSSL) cannot honour is set back to its default and said, with why;
// a scenario whose point is something a byte stream above the socket cannot show is refused in
// one sentence.
import {UsageError} from '../engine/errors.js';
import {KNOBS, severalConnections} from '../engine/knobs.js';
import type {Knobs} from '../engine/types.js';

export interface Dropped {
  knob: keyof Knobs;
  value: string;
  why: string;
}

/** Knobs the lab runs without, each with the reason Node cannot do it. */
const CANNOT: {knob: keyof Knobs; when: (k: Knobs) => boolean; why: string}[] = [
  {
    knob: 'tfo',
    when: (k) => k.tfo !== 'off',
    why: "Node's net module cannot send data in a SYN: it exposes no TCP_FASTOPEN socket option or sendto(MSG_FASTOPEN), so the lab opens an ordinary connection",
  },
  {
    knob: 'earlyData',
    when: (k) => k.earlyData !== 'off',
    why: "Node's tls module has no API for 0-RTT early data (OpenSSL's SSL_write_early_data is not exposed), so the lab resumes without early data",
  },
  {
    knob: 'falseStart',
    when: (k) => k.falseStart !== 'off',
    why: 'OpenSSL does not implement False Start, so the client waits for the server\'s Finished as usual',
  },
  {
    knob: 'compat',
    when: (k) => k.compat === 'off' && k.tls === '1.3',
    why: "OpenSSL always sends the middlebox-compatibility ChangeCipherSpec records (RFC 8446 Appendix D.4), and Node cannot turn that off",
  },
  {
    knob: 'vectors',
    when: (k) => k.vectors !== 'off',
    why: "RFC 8448's fixed randoms and keys cannot be given to OpenSSL, which draws its own",
  },
  {
    knob: 'timeWait',
    when: (k) => k.timeWait !== 'linux',
    why: 'TIME-WAIT happens in the kernel after the sockets are closed; this machine keeps its own (Linux: 60 s) and the lab cannot see it',
  },
];

/** Scenario features a byte stream above the socket cannot show: refused, with what to do instead. */
const REFUSED: {when: (k: Knobs) => boolean; why: (k: Knobs) => string}[] = [
  {
    when: (k) => k.transport === 'quic',
    why: () => "Node 20–24 has no QUIC client or server outside experimental builds; try 'hs-tutor lab tls13' for TCP + TLS 1.3 beside 'hs-tutor show quic'",
  },
  {
    when: (k) => k.open !== 'normal',
    why: (k) =>
      `open=${k.open} happens in the kernel's SYN handling, below the sockets the lab drives (a user-space proxy sees bytes, not SYNs); 'hs-tutor show' simulates it`,
  },
  {
    when: (k) => k.lose !== 'none',
    why: (k) => `lose=${k.lose} loses a TCP segment, which only the kernel sees (the lab's proxy relays bytes over TCP that never loses them); 'hs-tutor show' simulates it`,
  },
  {
    when: (k) => k.crash !== 'none',
    why: () => "a host crash cannot be staged inside one Node process; 'hs-tutor show tcp-half-open' simulates it",
  },
  {
    when: (k) => severalConnections(k),
    why: (k) =>
      `${k.persistent === 'off' ? 'persistent=off' : `parallel=${k.parallel}`} loads the page over several connections, and the lab runs one client connection beside the simulation's one; 'hs-tutor show' simulates them all`,
  },
  {
    when: (k) => k.close === 'simultaneous',
    why: () => "a simultaneous close needs both FINs to cross on the wire, which the lab's proxy cannot arrange; 'hs-tutor show tcp-simultaneous-close' simulates it",
  },
];

export interface LabPlan {
  /** The knobs the lab runs (and the simulation it is compared with). */
  knobs: Knobs;
  dropped: Dropped[];
}

/** The nearest variant of `knobs` that Node's stacks can run; throws a UsageError for one they cannot. */
export function labPlan(scenario: string, knobs: Knobs): LabPlan {
  for (const refused of REFUSED) {
    if (refused.when(knobs)) throw new UsageError(`The lab cannot run ${scenario}: ${refused.why(knobs)}.`);
  }
  const dropped: Dropped[] = [];
  const ran: Knobs = {...knobs};
  for (const c of CANNOT) {
    if (!c.when(knobs)) continue;
    dropped.push({knob: c.knob, value: String(knobs[c.knob]), why: c.why});
    (ran as unknown as Record<string, unknown>)[c.knob] = KNOBS[c.knob].default;
  }
  return {knobs: ran, dropped};
}
