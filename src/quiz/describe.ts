// Words for what the quiz asks about: a knob set as a setup, a frame, a time.
import {connectionMark} from '../engine/connections.js';
import type {Frame, Knobs, Side, TcpFlag} from '../engine/types.js';

/** A knob set in words, e.g. "TCP + TLS 1.3 (PSK resumption, 0-RTT data accepted), with TCP Fast Open (valid cookie)". */
export function describeSetup(k: Knobs): string {
  const tls: string[] = [];
  if (k.tls === '1.2') {
    if (k.resume === 'on') tls.push(k.resumeWith === 'session-id' ? "resumed by session ID from the server's cache" : 'resumed with a session ticket');
    if (k.keyExchange === 'rsa') tls.push('RSA key exchange');
    if (k.falseStart === 'on') tls.push('False Start');
    if (k.clientAuth === 'on') tls.push('client certificate');
  }
  if (k.tls === '1.3') {
    if (k.hrr === 'on') tls.push('HelloRetryRequest');
    if (k.resume === 'on') tls.push(k.transport === 'quic' ? 'resumption' : 'PSK resumption');
    if (k.earlyData !== 'off') tls.push(`0-RTT data ${k.earlyData}`);
    if (k.clientAuth === 'on') tls.push('client certificate');
    if (k.compat === 'off' && k.transport === 'tcp') tls.push('no compatibility CCS');
  }
  let base = k.transport === 'quic' ? 'QUIC' : k.tls === 'none' ? 'plain TCP' : `TCP + TLS ${k.tls}`;
  if (tls.length > 0) base += ` (${tls.join(', ')})`;
  const extras: string[] = [];
  if (k.retry === 'on') extras.push('a Retry');
  const open = {
    normal: undefined,
    simultaneous: 'a simultaneous open',
    refused: 'no server listening on the port',
    'syn-lost': 'the first SYN lost',
    'syn-cookies': 'a server answering with SYN cookies',
  }[k.open];
  if (open !== undefined) extras.push(open);
  const tfo = {
    off: undefined,
    request: 'TCP Fast Open (asking for a cookie)',
    cookie: 'TCP Fast Open (valid cookie)',
    'cookie-rejected': 'TCP Fast Open (a cookie the server rejects)',
    'syn-dropped': 'TCP Fast Open (a middlebox drops SYNs with data)',
  }[k.tfo];
  if (tfo !== undefined) extras.push(tfo);
  if (k.piggyback === 'on') extras.push("the first data on the handshake's final ACK");
  if (k.data === 'none') extras.push('no application data');
  if (k.close !== 'none') {
    const close = {
      'four-way': 'a four-way close',
      // Named by what the knob does, not by a count the question may ask for (a slow application
      // makes it four segments again).
      'three-way': "a close where the other side's FIN can carry its ACK (FIN+ACK)",
      simultaneous: 'a simultaneous close (both sides send their FIN at once)',
      abort: 'an abort with RST',
    }[k.close];
    // Who goes first means nothing when both close at once.
    const details: string[] = k.close === 'simultaneous' ? [] : [k.close === 'abort' ? `the ${k.closer} aborting` : `the ${k.closer} closing first`];
    if (k.closeDelayMs > 0) details.push(`the other side's application closing ${k.closeDelayMs} ms after it reads the FIN`);
    if (k.timeWait === 'rfc') details.push('the RFC TIME-WAIT of 2×MSL');
    extras.push(details.length === 0 ? close : `${close} (${details.join(', ')})`);
  }
  // A lost segment changes every time after it: the setup names it, with who sent it.
  const passive = k.closer === 'client' ? 'server' : 'client';
  const lost = {
    none: undefined,
    'syn-ack': "the server's SYN-ACK lost once",
    'handshake-ack': "the client's ACK that completes the handshake lost once",
    fin: `the ${k.closer}'s FIN lost once`,
    'fin-ack': k.close === 'three-way' ? `the ${passive}'s FIN+ACK lost once` : `the ${passive}'s ACK of the first FIN lost once`,
    'last-ack': `the close's last ACK (the ${k.closer}'s) lost once`,
  }[k.lose];
  if (lost !== undefined) extras.push(lost);
  if (k.crash === 'server') extras.push("the server's host crashing a second after the exchange and coming back, and keepalive on at the client");
  // Times with a rate include each frame's transmission: the setup must say so, with the response's size.
  if (k.bandwidth !== 'off') extras.push(`a ${linkRate(k.bandwidth)} link (each frame takes its bits ÷ the rate to transmit) and ${k.objectBytes}-byte responses`);
  else if (k.objectBytes !== 200) extras.push(`${k.objectBytes}-byte responses`);
  // The click comes before the DNS answers; the page's objects change what follows the first response.
  if (k.dnsLookups > 0) extras.push(k.dnsLookups === 1 ? 'a DNS lookup of one round trip before the first packet' : `${k.dnsLookups} DNS lookups of one round trip each before the first packet`);
  if (k.objects > 0) extras.push(`a page of one base file and ${k.objects} object${k.objects === 1 ? '' : 's'} (${pageStrategy(k)})`);
  else if (k.persistent === 'off') extras.push('non-persistent HTTP (the connection closes after its response)');
  return extras.length === 0 ? base : `${base}, with ${extras.join(', ')}`;
}

/** How a page's objects are fetched, in words. */
export function pageStrategy(k: Knobs): string {
  if (k.persistent === 'off') {
    return k.parallel > 1
      ? `non-persistent HTTP: a new connection for each object, up to ${k.parallel} at once`
      : 'non-persistent HTTP: a new connection for each object, one after another';
  }
  if (k.parallel > 1) return `HTTP/1.1 persistent, up to ${k.parallel} connections at once, each taking the next object when it is free`;
  return k.pipelining === 'on' ? 'HTTP/1.1 persistent, objects pipelined: all their requests leave at once' : 'HTTP/1.1 persistent, objects one after another on the same connection';
}

/** A link rate in words: "1 Mbit/s". */
export function linkRate(rate: Knobs['bandwidth']): string {
  return `${rate.replace(/(\d)([kM])/, '$1 $2')}/s`;
}

/** A number of RTTs in words: "1 RTT", "1.5 RTT", "0 RTT". */
export function rttText(value: number): string {
  return `${round(value)} RTT`;
}

export function msText(value: number): string {
  return `${round(value)} ms`;
}

/** Seconds for long timers: "60 s". */
export function secondsText(ms: number): string {
  return `${round(ms / 1000)} s`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** TCP flags a learner names (PSH left out: it only says "deliver now"). */
export function controlFlags(flags: readonly TcpFlag[]): TcpFlag[] {
  const order: TcpFlag[] = ['SYN', 'FIN', 'RST', 'ACK'];
  return order.filter((flag) => flags.includes(flag));
}

/** The messages a frame carries, encrypted ones in braces (as the ladder shows them). */
export function frameMessages(frame: Frame): string[] {
  const tls = frame.tls.flatMap((record) => record.messages.map((m) => (record.encrypted ? `{${m}}` : m)));
  const quic = frame.quic?.packets.flatMap((packet) => packet.messages) ?? [];
  return [...tls, ...quic];
}

/**
 * What a frame carries, as a quiz answer: its messages or application data, with SYN or FIN
 * when it has them; else its control flags ("SYN+ACK"). Undefined for a segment that only
 * continues a message begun in an earlier one: it is no answer to "what comes next".
 */
export function frameWhat(frame: Frame): string | undefined {
  if (frame.quic !== null) return quicWhat(frame);
  const what = tcpWhat(frame);
  // In a page over several connections the same segment goes on each: the answer names its connection.
  return what === undefined ? undefined : `${connectionMark(frame)}${what}`;
}

function tcpWhat(frame: Frame): string | undefined {
  const flags = controlFlags(frame.tcp?.flags ?? []);
  const payload = frameMessages(frame);
  if (payload.length === 0 && frame.app !== null) payload.push(frame.app);
  if (payload.length === 0) {
    if (frame.tls.length > 0 || (frame.tcp?.len ?? 0) > 0) return undefined;
    return flags.join('+');
  }
  let what = payload.join(' + ');
  if (flags.includes('SYN')) what += flags.includes('ACK') ? ' on a SYN+ACK' : ' on a SYN';
  if (flags.includes('FIN')) what += ' + FIN';
  return what;
}

const PACKET_NAMES = {initial: 'Initial', '0rtt': '0-RTT', handshake: 'Handshake', '1rtt': '1-RTT', retry: 'Retry'} as const;

/** A QUIC datagram in full, as "Initial(ClientHello) + 0-RTT(request)" (the ladder label may be cut short). */
function quicWhat(frame: Frame): string {
  return frame
    .quic!.packets.map((packet) => {
      const content = [
        ...packet.messages,
        ...packet.frames.filter((f) => !['PADDING', 'CRYPTO', 'STREAM', 'ACK'].includes(f)),
        ...(packet.frames.includes('STREAM') ? [frame.app ?? 'data'] : []),
      ];
      if (content.length === 0 && packet.frames.includes('ACK')) content.push('ACK');
      return content.length === 0 ? PACKET_NAMES[packet.type] : `${PACKET_NAMES[packet.type]}(${content.join(', ')})`;
    })
    .join(' + ');
}

/** "the server's SYN-ACK (frame 2)": how prompts point at a frame. */
export function frameRef(frame: Frame): string {
  const on = frame.connection === undefined ? '' : ` on connection ${frame.connection}`;
  return `the ${frame.from}'s "${frame.label}"${on} (frame ${frame.index + 1})`;
}

export function other(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}
