// The names lessons and checkpoints may use for states (the engine's, src/engine/states.ts), and
// the other spellings learners use for them. README "State names" documents them.

import {QUIC_STATE_NAMES, STATE_NAMES, TCP_STATES, TLS_STATE_NAMES, type Layer} from '../engine/states.js';

export {QUIC_STATE_NAMES as QUIC_STATES, STATE_NAMES as STATES, TCP_STATES, TLS_STATE_NAMES as TLS_STATES, type Layer};

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
