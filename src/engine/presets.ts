// Scenario presets: named knob sets (CLI.md "Presets"). Ids are a public contract that lessons,
// handouts and scripts use, so the listed ones never change; new ones may be added.
import type {Knobs} from './types.js';

export interface Preset {
  readonly id: string;
  readonly title: string;
  /** Only the knobs the preset sets; resolveKnobs fills in the rest. */
  readonly knobs: Readonly<Partial<Knobs>>;
}

export const PRESETS: readonly Preset[] = [
  {id: 'tcp-handshake', title: 'TCP three-way handshake, then a request and its response', knobs: {}},
  {id: 'tcp-modern', title: "TCP with data on the handshake's final ACK and a 3-segment close", knobs: {piggyback: 'on', close: 'three-way'}},
  {id: 'tcp-close', title: 'TCP four-way close', knobs: {close: 'four-way'}},
  {id: 'tcp-close-3way', title: 'TCP close in three segments (FIN+ACK)', knobs: {close: 'three-way'}},
  {id: 'tcp-simultaneous-open', title: 'TCP simultaneous open', knobs: {open: 'simultaneous'}},
  {id: 'tcp-simultaneous-close', title: 'TCP simultaneous close', knobs: {close: 'simultaneous'}},
  {id: 'tcp-refused', title: 'TCP connection refused with a RST', knobs: {open: 'refused', data: 'none'}},
  {id: 'tcp-syn-lost', title: 'TCP handshake with a lost SYN and its retransmission', knobs: {open: 'syn-lost'}},
  {id: 'tcp-synack-lost', title: 'TCP handshake with a lost SYN-ACK: both sides time out and send again', knobs: {lose: 'syn-ack'}},
  {id: 'tcp-handshake-ack-lost', title: "TCP handshake whose final ACK is lost: the request's ACK completes it", knobs: {lose: 'handshake-ack'}},
  {id: 'tcp-fin-lost', title: 'TCP close with the first FIN lost and retransmitted', knobs: {close: 'four-way', lose: 'fin'}},
  {id: 'tcp-fin-ack-lost', title: 'TCP close with the ACK of the first FIN lost: the second FIN acknowledges it', knobs: {close: 'four-way', lose: 'fin-ack'}},
  {id: 'tcp-last-ack-lost', title: 'TCP close with its last ACK lost: the FIN comes again and TIME-WAIT answers it', knobs: {close: 'four-way', lose: 'last-ack'}},
  {id: 'tcp-half-open', title: "A half-open connection: the server crashes, and the client's keepalive probe finds out two hours later", knobs: {crash: 'server'}},
  {id: 'tcp-syn-cookies', title: 'TCP handshake answered with a SYN cookie', knobs: {open: 'syn-cookies'}},
  {id: 'tcp-abort', title: 'TCP connection aborted with a RST', knobs: {close: 'abort'}},
  {id: 'page-load', title: 'A web page: two DNS lookups, then the base page and 3 objects, one after another (persistent HTTP/1.1)', knobs: {dnsLookups: 2, objects: 3}},
  {id: 'page-load-pipelined', title: 'The same page with pipelining: the 3 objects requested at once', knobs: {dnsLookups: 2, objects: 3, pipelining: 'on'}},
  {
    id: 'page-load-slow-link',
    title: "The same page with 10,000-byte objects over a 1 Mbit/s link: each response's transmission time (L/R) on top of its round trip",
    knobs: {dnsLookups: 2, objects: 3, objectBytes: 10000, bandwidth: '1Mbit'},
  },
  {
    id: 'page-load-non-persistent',
    title: 'The same page over non-persistent HTTP: a connection of its own for the base page and for each object, which the server closes after its response',
    knobs: {dnsLookups: 2, objects: 3, persistent: 'off', close: 'four-way', closer: 'server'},
  },
  {
    id: 'page-load-parallel',
    title: "The same non-persistent page with 3 parallel connections: the objects' connections open at once when the base page arrives",
    knobs: {dnsLookups: 2, objects: 3, persistent: 'off', parallel: 3, close: 'four-way', closer: 'server'},
  },
  {id: 'tls12', title: 'TLS 1.2 full handshake over TCP', knobs: {tls: '1.2'}},
  {id: 'tls12-resumed', title: 'TLS 1.2 resumed with a session ticket', knobs: {tls: '1.2', resume: 'on'}},
  {id: 'tls12-false-start', title: 'TLS 1.2 full handshake with False Start', knobs: {tls: '1.2', falseStart: 'on'}},
  {id: 'tls12-client-auth', title: 'TLS 1.2 full handshake with a client certificate', knobs: {tls: '1.2', clientAuth: 'on'}},
  {id: 'tls12-rsa', title: 'TLS 1.2 with RSA key exchange: no ServerKeyExchange, no forward secrecy', knobs: {tls: '1.2', keyExchange: 'rsa'}},
  {id: 'tls12-session-id', title: 'TLS 1.2 resumed by session ID from the server\'s cache', knobs: {tls: '1.2', resume: 'on', resumeWith: 'session-id'}},
  {id: 'tls13', title: 'TLS 1.3 full handshake over TCP', knobs: {tls: '1.3'}},
  {id: 'tls13-hrr', title: 'TLS 1.3 with a HelloRetryRequest', knobs: {tls: '1.3', hrr: 'on'}},
  {id: 'tls13-psk', title: 'TLS 1.3 PSK resumption without early data', knobs: {tls: '1.3', resume: 'on'}},
  {id: 'tls13-client-auth', title: 'TLS 1.3 full handshake with a client certificate', knobs: {tls: '1.3', clientAuth: 'on'}},
  {id: 'tls13-0rtt', title: 'TLS 1.3 resumption with 0-RTT early data accepted', knobs: {tls: '1.3', resume: 'on', earlyData: 'accepted'}},
  {id: 'tls13-0rtt-rejected', title: 'TLS 1.3 resumption with 0-RTT early data rejected', knobs: {tls: '1.3', resume: 'on', earlyData: 'rejected'}},
  {id: 'tfo-request', title: 'TCP Fast Open, first connection: asking for a cookie', knobs: {tfo: 'request'}},
  {id: 'tfo-cookie', title: 'TCP Fast Open with a cookie: the request rides the SYN', knobs: {tfo: 'cookie'}},
  {id: 'tfo-tls13', title: 'TCP Fast Open with TLS 1.3: the ClientHello rides the SYN', knobs: {tfo: 'cookie', tls: '1.3'}},
  {id: 'tfo-tls13-0rtt', title: 'TCP Fast Open with TLS 1.3 0-RTT: ClientHello and request ride the SYN', knobs: {tfo: 'cookie', tls: '1.3', resume: 'on', earlyData: 'accepted'}},
  {id: 'quic', title: 'QUIC first connection', knobs: {transport: 'quic', tls: '1.3'}},
  {id: 'quic-0rtt', title: 'QUIC resumption with 0-RTT data', knobs: {transport: 'quic', tls: '1.3', resume: 'on', earlyData: 'accepted'}},
  {id: 'quic-retry', title: 'QUIC with a Retry for address validation', knobs: {transport: 'quic', tls: '1.3', retry: 'on'}},
  // Beyond CLI.md's list: the TFO and compatibility-mode cases the fact sheet asks the tutor to show.
  {id: 'tfo-cookie-rejected', title: 'TCP Fast Open with a cookie the server rejects', knobs: {tfo: 'cookie-rejected'}},
  {id: 'tfo-syn-dropped', title: 'TCP Fast Open SYN dropped by a middlebox, then a plain retry', knobs: {tfo: 'syn-dropped'}},
  {id: 'tls13-no-compat', title: 'TLS 1.3 without the middlebox-compatibility CCS', knobs: {tls: '1.3', compat: 'off'}},
  // RFC 8448's example traces, byte for byte: the full handshake of §3 and the 0-RTT resumption of §4.
  {id: 'tls13-rfc8448', title: "TLS 1.3 full handshake with RFC 8448 §3's inputs: the RFC's bytes", knobs: {tls: '1.3', compat: 'off', vectors: 'rfc8448'}},
  {
    id: 'tls13-rfc8448-0rtt',
    title: "TLS 1.3 0-RTT resumption with RFC 8448 §4's inputs: the RFC's bytes",
    knobs: {tls: '1.3', compat: 'off', resume: 'on', earlyData: 'accepted', vectors: 'rfc8448'},
  },
];

export const PRESET_IDS: readonly string[] = PRESETS.map((preset) => preset.id);

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
