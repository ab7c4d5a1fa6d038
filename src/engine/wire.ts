// What travels between the layers inside one endpoint and across the link. These are internal
// shapes; the Trace's Frame is the public view built from them.

import type {AppData, QuicPacketView, Side, TcpHeader, TlsContentType} from './types.js';

/** A TLS record as the engine fixed it: its lengths never change once chosen. */
export interface TlsRecordSpec {
  contentType: TlsContentType;
  messages: string[];
  encrypted: boolean;
  innerType?: TlsContentType;
  keys?: 'early' | 'handshake' | 'application';
  /** Bytes of the whole record on the wire, header included. */
  length: number;
  /** Each handshake message's length, in the order of `messages` (a record may hold several). */
  lengths?: number[];
}

/**
 * One thing written into a byte stream (or a QUIC stream): a TLS record or message, or plain
 * application data. Delivery is credited to the frames whose bytes the receiver accepted.
 */
export interface StreamItem {
  uid: number;
  /** The write this item belongs to; frame ids derive from it. */
  flightId: string;
  length: number;
  record: TlsRecordSpec | null;
  app: AppData | null;
  /** TLS 1.3 early data (0-RTT). */
  early: boolean;
  /** Frames that carried some of its bytes. */
  frames: number[];
  /** Frames whose bytes of it the receiver accepted (a rejected TFO SYN's data is carried, not accepted). */
  accepted: number[];
}

export interface Slice {
  item: StreamItem;
  offset: number;
  length: number;
}

export interface TcpSegment {
  kind: 'tcp';
  header: TcpHeader;
  slices: Slice[];
  /** Things about this segment a learner should notice, one sentence each. */
  notes: string[];
  /** True for the segment that completes the handshake from the client (first ACK of the SYN-ACK). */
  handshakeAck?: boolean;
  synCookie?: {value: number; counter: number; mssIndex: number; mss: number; hash: number};
}

export interface QuicPacket {
  view: QuicPacketView;
  /**
   * CRYPTO messages and STREAM data in this packet, in order; `ends` when its last byte is here;
   * `offset` and `length` locate this packet's chunk in the item (the frame's offset and length fields).
   */
  carried: {item: StreamItem; ends: boolean; offset: number; length: number}[];
  ackEliciting: boolean;
  keysEpoch: 'initial' | 'early' | 'handshake' | 'application';
}

export interface QuicDatagram {
  kind: 'quic';
  packets: QuicPacket[];
  /** UDP payload bytes. */
  length: number;
  flightId: string;
  notes: string[];
}

export type WirePayload = TcpSegment | QuicDatagram;

export interface Emitted {
  from: Side;
  payload: WirePayload;
}
