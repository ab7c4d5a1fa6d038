// What a handshake state machine hands to its transport, and gets back from it. Epochs name the
// keys a part travels under (RFC 8446 §7; RFC 9001 §4: the QUIC packet type follows from them).

import type {AppData} from '../types.js';
import type {StreamItem} from '../wire.js';

export type Epoch = 'initial' | 'early' | 'handshake' | 'application';

export type Part =
  | {kind: 'handshake'; name: string; length: number; epoch: Epoch}
  | {kind: 'ccs'}
  | {kind: 'app'; app: AppData; length: number; epoch: Epoch}
  | {kind: 'alert'; name: string; epoch: Epoch};

export interface Flight {
  id: string;
  parts: Part[];
  /**
   * Consecutive handshake messages under the same keys share one record, as NSS writes them
   * (RFC 8448 §3's server flight is one record); otherwise each message has its own.
   */
  coalesce?: boolean;
}

export type Inbound =
  | {kind: 'handshake'; name: string; epoch: Epoch}
  | {kind: 'ccs'}
  | {kind: 'app'; app: AppData; epoch: Epoch; item: StreamItem}
  | {kind: 'alert'; name: string};

/** What the application hears from a secure channel. */
export interface ChannelUser {
  /** Application data may be sent now (the handshake finished, or False Start allows it). */
  ready(): void;
  received(app: AppData, item: StreamItem): void;
  /** The server refused the early data: the application must send it again once ready. */
  earlyDataRejected(): void;
}

export interface HandshakeMachine {
  readonly state: string;
  /** Client: begin; `early` rides in the first flight when 0-RTT is on. Returns whether it did. */
  start(early: AppData | null): boolean;
  /** Client: whether start() will send application data as early data (0-RTT). */
  offersEarlyData(): boolean;
  receive(message: Inbound): void;
  sendApp(app: AppData): void;
}
