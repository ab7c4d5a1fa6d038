// Every state name the engine's machines use, per layer and side, in the order a connection
// goes through them, and whether an RFC defines the name or the tutor does. Lessons, quizzes,
// the ladder and the README's "State names" read them here; the machines' types come from them.

/** RFC 9293 §3.3.2 (Figure 5) spellings. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** RFC 8446 Appendix A.1 (client) and A.2 (server). */
export const TLS13_STATES = {
  client: ['START', 'WAIT_SH', 'WAIT_EE', 'WAIT_CERT_CR', 'WAIT_CERT', 'WAIT_CV', 'WAIT_FINISHED', 'CONNECTED'],
  server: ['START', 'RECVD_CH', 'NEGOTIATED', 'WAIT_EOED', 'WAIT_CERT', 'WAIT_CV', 'WAIT_FINISHED', 'CONNECTED'],
} as const;

/**
 * TLS 1.2 has no state machine in RFC 5246: these names are the tutor's, built like RFC 8446's
 * (what the endpoint waits for next), after the message order of RFC 5246 §7.3 Figure 1.
 */
export const TLS12_STATES = {
  client: ['START', 'WAIT_SH', 'WAIT_CERT', 'WAIT_SKE', 'WAIT_SHD', 'WAIT_CCS', 'WAIT_FINISHED', 'CONNECTED'],
  server: ['START', 'WAIT_CERT', 'WAIT_CKE', 'WAIT_CV', 'WAIT_CCS', 'WAIT_FINISHED', 'CONNECTED'],
} as const;

/**
 * RFC 9000 names no connection states beyond "handshake confirmed" (§4.1.2 of RFC 9001) and the
 * closing and draining states (§10.2); these are the tutor's names for the steps between.
 */
export const QUIC_STATES = {
  client: ['IDLE', 'INITIAL_SENT', 'HANDSHAKE', 'CONNECTED', 'CONFIRMED'],
  server: ['IDLE', 'HANDSHAKE', 'CONFIRMED'],
} as const;

export type Layer = 'tcp' | 'tls' | 'quic';

export interface StateName {
  name: string;
  layer: Layer;
  /** Where the name comes from: an RFC section, or the tutor's own name for an unnamed step. */
  source: string;
  /** True when the name is defined by an RFC (so it can be asked as a protocol fact). */
  rfc: boolean;
}

/**
 * Every TLS name of both versions and sides, in the order a handshake meets them (the order a
 * menu of choices shows them); test/engine/states.test.ts checks it is exactly the lists above.
 */
export const TLS_STATE_NAMES = [
  'START',
  'WAIT_SH',
  'RECVD_CH',
  'NEGOTIATED',
  'WAIT_EE',
  'WAIT_CERT_CR',
  'WAIT_CERT',
  'WAIT_SKE',
  'WAIT_SHD',
  'WAIT_CKE',
  'WAIT_CV',
  'WAIT_EOED',
  'WAIT_CCS',
  'WAIT_FINISHED',
  'CONNECTED',
] as const;
export const QUIC_STATE_NAMES = QUIC_STATES.client;

/** Every name per layer, in the order the protocols go through them. */
export const STATE_NAMES: Readonly<Record<Layer, readonly string[]>> = {tcp: TCP_STATES, tls: TLS_STATE_NAMES, quic: QUIC_STATE_NAMES};

const TLS13_NAMES = new Set<string>([...TLS13_STATES.client, ...TLS13_STATES.server]);

/** Where a state name comes from, for lessons and quizzes that must not present the tutor's names as RFC facts. */
export function stateName(layer: Layer, name: string): StateName | undefined {
  if (!STATE_NAMES[layer].includes(name)) return undefined;
  if (layer === 'tcp') return {name, layer, source: 'RFC 9293 §3.3.2', rfc: true};
  if (layer === 'tls' && TLS13_NAMES.has(name)) return {name, layer, source: 'RFC 8446 Appendix A', rfc: true};
  return {name, layer, source: layer === 'tls' ? "the tutor's name for a TLS 1.2 step (RFC 5246 names none)" : "the tutor's name for a QUIC step (RFC 9000 names none)", rfc: false};
}
