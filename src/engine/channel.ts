// What the application sees of its connection, whatever carries it: plain TCP, TLS over TCP, or
// QUIC. One interface, so the application logic is written once.

import type {AppData, EndpointStates} from './types.js';
import type {StreamItem} from './wire.js';

export interface ChannelEvents {
  /** Application data may be sent. */
  ready(): void;
  received(app: AppData, item: StreamItem): void;
  earlyDataRejected(): void;
  /** The peer closed its side (TCP FIN). */
  peerClosed(): void;
  reset(refused: boolean): void;
}

export interface Channel {
  /** Client: start connecting. `early` goes in the first flight when the protocol allows (TFO, 0-RTT); returns whether it did. */
  open(early: AppData | null): boolean;
  send(app: AppData): void;
  close(): void;
  abort(): void;
  /** The host crashes and reboots: the connection is forgotten, nothing is sent. */
  crash(): void;
  states(): EndpointStates;
  /** End of an instant: put what was queued on the wire. */
  output(): void;
  events: ChannelEvents | null;
}
