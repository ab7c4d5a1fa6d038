// The names lessons and checkpoints may use for states, in the order a menu of choices shows
// them (the order the protocols go through them). README "State names" documents them.

/** RFC 9293 §3.3.2. */
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

/** RFC 8446 Appendix A for TLS 1.3, and the project's TLS 1.2 names (README). */
export const TLS_STATES = [
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

/** The project's QUIC connection states (README). */
export const QUIC_STATES = ['IDLE', 'INITIAL_SENT', 'HANDSHAKE', 'CONNECTED', 'CONFIRMED'] as const;

export type Layer = 'tcp' | 'tls' | 'quic';

export const STATES: Record<Layer, readonly string[]> = {tcp: TCP_STATES, tls: TLS_STATES, quic: QUIC_STATES};

/**
 * Other spellings learners and books use for the same state: Linux `ss` (SYN-RECV, ESTAB),
 * BSD netstat (SYN_RCVD), and underscores or spaces for hyphens. Compared after `stateKey`.
 * "CLOSE" is deliberately not here: it is not a TCP state (protocol-facts §7).
 */
const ALIASES: Record<string, string> = {
  SYNRCVD: 'SYNRECEIVED',
  SYNRECV: 'SYNRECEIVED',
  ESTAB: 'ESTABLISHED',
};

/** A state name reduced to what it means: upper case, no separators, aliases folded. */
export function stateKey(name: string): string {
  const key = name.toUpperCase().replace(/[\s_\-]+/g, '');
  return ALIASES[key] ?? key;
}
