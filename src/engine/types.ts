// The engine's public shapes. The Trace is the engine's only output (ARCHITECTURE.md); its JSON
// form is the `show --json` contract in CLI.md, so fields here are only ever added, never renamed.
import type {TcpState} from './states.js';

export type {TcpState};

export type Side = 'client' | 'server';

export interface Knobs {
  transport: 'tcp' | 'quic';
  open: 'normal' | 'simultaneous' | 'refused' | 'syn-lost' | 'syn-cookies';
  piggyback: 'off' | 'on';
  tfo: 'off' | 'request' | 'cookie' | 'cookie-rejected' | 'syn-dropped';
  tls: 'none' | '1.2' | '1.3';
  compat: 'on' | 'off';
  resume: 'off' | 'on';
  earlyData: 'off' | 'accepted' | 'rejected';
  falseStart: 'off' | 'on';
  hrr: 'off' | 'on';
  clientAuth: 'off' | 'on';
  retry: 'off' | 'on';
  data: 'request-response' | 'none';
  close: 'none' | 'four-way' | 'three-way' | 'simultaneous' | 'abort';
  closer: Side;
  closeDelayMs: number;
  timeWait: 'linux' | 'rfc';
  /** Added: 'rfc8448' replays RFC 8448's TLS 1.3 inputs, so the bytes equal the RFC's traces. */
  vectors: 'off' | 'rfc8448';
  /** One segment lost on the way, once: the SYN-ACK, the handshake's last ACK, the first FIN, its ACK, or the close's last ACK. */
  lose: 'none' | 'syn-ack' | 'handshake-ack' | 'fin' | 'fin-ack' | 'last-ack';
  /** 'server': after the exchange the server's host crashes and reboots, leaving a half-open connection the client finds with keepalive. */
  crash: 'none' | 'server';
  /** Added: TLS 1.2's key exchange: ephemeral ECDHE, or RSA key transport (the client encrypts the premaster secret to the server's key). */
  keyExchange: 'ecdhe' | 'rsa';
  /** Added: how TLS 1.2 resumes (resume=on): a session ticket (RFC 5077) or a session ID the server remembers (RFC 5246 §7.3). */
  resumeWith: 'ticket' | 'session-id';
  /** Added: DNS lookups before the connection, one round trip each (0: the address is cached). */
  dnsLookups: number;
  /** Added: objects the page refers to, fetched over the same connection after the base page (HTTP/1.1 persistent). */
  objects: number;
  /** Added: with objects, send all their requests at once instead of one after each response (HTTP/1.1 pipelining, RFC 9112 §9.3.2). */
  pipelining: 'off' | 'on';
  /** Added: bytes of each response, HTTP header and body (the base page and each object); at most RFC 6928's initial window, so slow start never holds it back. */
  objectBytes: number;
  /** Added: the link's rate, so each frame takes its transmission time (bits ÷ rate) besides RTT/2; off: instant. */
  bandwidth: 'off' | '100kbit' | '1Mbit' | '10Mbit' | '100Mbit';
  /** Added: on, the objects follow the base page over kept-open connections (HTTP/1.1); off, each response over its own connection, closed after it (HTTP/1.0, RFC 9112 §9.6). */
  persistent: 'on' | 'off';
  /** Added: connections the browser keeps open at once for the objects (1: one after another). */
  parallel: number;
}

export type KnobName = keyof Knobs;

export interface SimOptions {
  rttMs: number;
  seed: number;
}

export type TcpFlag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH';

export type TcpOption =
  | {kind: 0; name: 'EOL'; length: 1}
  | {kind: 1; name: 'NOP'; length: 1}
  | {kind: 2; name: 'MSS'; length: 4; value: number}
  | {kind: 3; name: 'WS'; length: 3; value: number}
  | {kind: 4; name: 'SACK_PERM'; length: 2}
  | {kind: 8; name: 'TS'; length: 10; tsval: number; tsecr: number}
  | {kind: 34; name: 'TFO'; length: number; cookie: string};

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  flags: TcpFlag[];
  seq: number;
  /** null when the ACK flag is off. */
  ack: number | null;
  /** Payload bytes (SYN and FIN not included; they are in seqLen). */
  len: number;
  /** Sequence space the segment consumes: len plus one for SYN and one for FIN (RFC 9293 §3.4). */
  seqLen: number;
  window: number;
  options: TcpOption[];
}

export type TlsContentType = 'handshake' | 'change_cipher_spec' | 'alert' | 'application_data';

export interface TlsRecordView {
  /** The outer content type on the wire (TLS 1.3 protected records are all application_data). */
  contentType: TlsContentType;
  /** Messages that end in this frame (a message split across segments is listed where it ends). */
  messages: string[];
  encrypted: boolean;
  /** Added: the inner content type of a TLS 1.3 protected record, when it differs from the outer. */
  innerType?: TlsContentType;
  /** Added: the keys protecting the record (TLS 1.3: early, handshake, application). */
  keys?: 'early' | 'handshake' | 'application';
}

export type QuicPacketType = 'initial' | '0rtt' | 'handshake' | '1rtt' | 'retry';

export interface QuicPacketView {
  type: QuicPacketType;
  /** Packet number in its space (RFC 9000 §12.3); null for Retry, which has none. */
  pn: number | null;
  frames: string[];
  /** TLS handshake messages carried in this packet's CRYPTO frames. */
  messages: string[];
  /** Bytes of this packet on the wire. */
  length: number;
}

export interface QuicView {
  packets: QuicPacketView[];
}

export type AppData = 'request' | 'response';

export interface EndpointStates {
  tcp: TcpState | null;
  tls: string | null;
  /** Added: the QUIC connection state over QUIC, null over TCP. */
  quic?: string | null;
}

export interface Frame {
  index: number;
  id: string;
  from: Side;
  to: Side;
  sendMs: number;
  arriveMs: number | null;
  dropped: boolean;
  label: string;
  tcp: TcpHeader | null;
  tls: TlsRecordView[];
  quic: QuicView | null;
  app: AppData | null;
  delivered: boolean;
  after: Record<Side, EndpointStates>;
  /** Added: bytes on the wire for this frame (IP + TCP/UDP headers + payload). */
  wireBytes: number;
  /** Added: one sentence per thing the frame does that a learner should notice (why it was sent). */
  notes: string[];
  /** Added: what a SYN cookie encodes, on the SYN-ACK that carries one (RFC 4987 Appendix A). */
  synCookie?: SynCookieView;
  /**
   * Added, only in a run of several connections (persistent=off, parallel above 1): which one
   * carries the frame, 1 for the base page's, numbered in the order they open.
   */
  connection?: number;
  /**
   * Added: the frame's exact bytes on the wire, the whole IPv4 packet as lowercase hex
   * (wireBytes × 2 digits); the same knobs and seed always give the same bytes (src/engine/bytes/).
   */
  bytes: string;
}

export interface SynCookieView {
  value: number;
  counter: number;
  mssIndex: number;
  mss: number;
  hash: number;
}

/** A state change that happened without a frame being sent or received at that moment (timers). */
export interface TraceEvent {
  atMs: number;
  side: Side;
  layer: 'tcp' | 'tls' | 'quic' | 'app';
  from: string | null;
  to: string | null;
  /** Why it happened, one sentence. */
  cause: string;
  /** Added, only in a run of several connections: the connection whose state changed. */
  connection?: number;
}

export interface Summary {
  requestSentMs: number | null;
  requestSentRtt: number | null;
  responseReceivedMs: number | null;
  responseReceivedRtt: number | null;
  /** Added, with objects: when the last object's response has reached the client (the page is loaded). */
  pageLoadedMs?: number;
  pageLoadedRtt?: number;
  /** Added, with objects: how many connections the page used (1 unless persistent=off or parallel is above 1). */
  connections?: number;
}

export interface Trace {
  schemaVersion: 1;
  scenario: string;
  knobs: Knobs;
  rttMs: number;
  seed: number;
  frames: Frame[];
  summary: Summary;
  /** Added: every state change of every layer, in time order, including those caused by timers. */
  events: TraceEvent[];
  /** Added: the moment the simulation went quiet (all timers done), in ms. */
  endMs: number;
}
