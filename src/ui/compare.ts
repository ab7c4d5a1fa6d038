// The second knob set the compare view puts beside the current one: the contrasts the lessons
// teach (TLS 1.2 vs 1.3, with and without TFO, 0-RTT or not, four-way vs three-way close, TCP
// vs QUIC), offered only where they make a valid combination.

import {validateKnobs} from '../engine/knobs.js';
import type {Knobs} from '../engine/types.js';

export interface Contrast {
  label: string;
  knobs: Knobs;
}

const tls12 = (k: Knobs): Knobs => ({...k, tls: '1.2', earlyData: 'off', hrr: 'off', compat: 'on', falseStart: 'off'});

const CANDIDATES: ((k: Knobs) => Contrast | undefined)[] = [
  (k) => (k.tls === '1.3' && k.transport === 'tcp' ? {label: 'TLS 1.2 instead of 1.3', knobs: tls12(k)} : undefined),
  (k) => (k.tls === '1.2' ? {label: 'TLS 1.3 instead of 1.2', knobs: {...k, tls: '1.3', falseStart: 'off'}} : undefined),
  (k) => (k.transport === 'tcp' && k.tfo !== 'off' ? {label: 'without TCP Fast Open', knobs: {...k, tfo: 'off'}} : undefined),
  (k) => (k.transport === 'tcp' && k.tfo === 'off' ? {label: 'with a TCP Fast Open cookie', knobs: {...k, tfo: 'cookie'}} : undefined),
  (k) => (k.earlyData !== 'off' ? {label: 'without 0-RTT early data', knobs: {...k, earlyData: 'off'}} : undefined),
  (k) => (k.tls === '1.3' && k.earlyData === 'off' ? {label: 'resumed with 0-RTT early data', knobs: {...k, resume: 'on', earlyData: k.hrr === 'on' ? 'rejected' : 'accepted', clientAuth: 'off'}} : undefined),
  (k) => (k.close === 'four-way' ? {label: 'three-segment close', knobs: {...k, close: 'three-way'}} : undefined),
  (k) => (k.close === 'three-way' ? {label: 'four-way close', knobs: {...k, close: 'four-way'}} : undefined),
  (k) => (k.piggyback === 'off' && k.transport === 'tcp' && (k.data !== 'none' || k.tls !== 'none') ? {label: 'data on the final ACK', knobs: {...k, piggyback: 'on'}} : undefined),
  (k) =>
    k.transport === 'tcp' && k.tls === '1.3'
      ? {label: 'QUIC instead of TCP', knobs: {...k, transport: 'quic', open: 'normal', piggyback: 'off', tfo: 'off', compat: 'on', close: 'none', closer: 'client', closeDelayMs: 0, timeWait: 'linux'}}
      : undefined,
  (k) => (k.transport === 'quic' ? {label: 'TCP + TLS 1.3 instead of QUIC', knobs: {...k, transport: 'tcp', retry: 'off'}} : undefined),
];

export function contrastsFor(knobs: Knobs): Contrast[] {
  return CANDIDATES.map((make) => make(knobs)).filter((c): c is Contrast => {
    if (c === undefined) return false;
    try {
      validateKnobs(c.knobs);
      return true;
    } catch {
      return false;
    }
  });
}
