// The server's port: 80 for plain HTTP over TCP, 443 for HTTPS over TLS and for QUIC (RFC 9110
// §4.2.1–§4.2.2; RFC 9114 §3.1), as real servers listen, so Wireshark dissects each as it
// expects: HTTP on 80, TLS and QUIC on 443.

import type {Knobs} from '../types.js';

export const HTTP_PORT = 80;
export const HTTPS_PORT = 443;

export function serverPort(knobs: Pick<Knobs, 'tls'>): number {
  return knobs.tls === 'none' ? HTTP_PORT : HTTPS_PORT;
}
