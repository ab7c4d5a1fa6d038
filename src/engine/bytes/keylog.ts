// The NSS key log file of a trace (the SSLKEYLOGFILE format Wireshark, curl and browsers share):
// one line per secret, "<label> <client random> <secret>" in hex, '#' lines are comments. TLS 1.2
// logs its master secret (CLIENT_RANDOM); TLS 1.3 and QUIC their traffic secrets
// (CLIENT_EARLY_TRAFFIC_SECRET, CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_/SERVER_TRAFFIC_SECRET_0)
// and EXPORTER_SECRET.

import type {Trace} from '../types.js';
import {keyLogLines} from './frames.js';

/** The key log of a trace's TLS connection, or null when it has none (tls=none). */
export function keyLogFile(trace: Pick<Trace, 'frames' | 'knobs' | 'scenario' | 'rttMs' | 'seed'>): string | null {
  if (trace.knobs.tls === 'none') return null;
  const lines = keyLogLines(trace);
  const randoms = new Set(lines.map((line) => line.split(' ')[1])).size;
  // A page over several connections logs each one's secrets under its own client random.
  const what = randoms > 1 ? `the session keys of its ${randoms} simulated connections, each under its client random` : 'the session keys of this simulated connection';
  return [`# hs-tutor ${trace.scenario} (RTT ${trace.rttMs} ms, seed ${trace.seed}): ${what}`, ...lines].join('\n') + '\n';
}
