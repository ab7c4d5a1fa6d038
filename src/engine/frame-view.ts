// Turns what an endpoint put on the wire into the public Frame fields: the id base, the label
// the ladder prints, and the TLS/QUIC views. Pure functions of the payload.

import type {QuicView, TlsRecordView} from './types.js';
import type {QuicDatagram, Slice, StreamItem, TcpSegment, WirePayload} from './wire.js';

const IP_HEADER = 20;
const UDP_HEADER = 8;
const TCP_HEADER = 20;

/** Kebab-case id of what the frame carries, before `#n` numbering (CLI.md "Frame ids"). */
export function frameIdBase(payload: WirePayload): string {
  if (payload.kind === 'quic') return payload.flightId;
  const {flags} = payload.header;
  if (flags.includes('RST')) return 'rst';
  if (flags.includes('SYN')) return flags.includes('ACK') ? 'syn-ack' : 'syn';
  const carried = payload.slices[0]?.item.flightId;
  if (flags.includes('FIN')) return carried ? `${carried}-fin` : 'fin';
  return carried ?? 'ack';
}

function itemName(item: StreamItem): string {
  if (item.app) return item.early ? `early data (${item.app})` : item.app;
  const record = item.record;
  if (!record) return 'data';
  if (record.contentType === 'change_cipher_spec') return 'ChangeCipherSpec';
  const names = record.messages.join(', ');
  return record.encrypted ? `{${names}}` : names;
}

/**
 * A record split across segments is named in each, with which part this segment carries: words
 * rather than "…", which a reader takes for text cut short.
 */
function sliceName(slice: Slice): string {
  const name = itemName(slice.item);
  const started = slice.offset > 0;
  const continues = slice.offset + slice.length < slice.item.length;
  if (!started && !continues) return name;
  return `${name} (${started ? (continues ? 'middle' : 'end') : 'start'})`;
}

function tcpLabel(segment: TcpSegment): string {
  const {flags, options} = segment.header;
  const parts: string[] = [];
  if (flags.includes('RST')) parts.push(flags.includes('ACK') ? 'RST-ACK' : 'RST');
  else if (flags.includes('SYN')) parts.push(flags.includes('ACK') ? 'SYN-ACK' : 'SYN');
  const tfo = options.find((o) => o.kind === 34);
  if (tfo && 'cookie' in tfo) parts.push(tfo.cookie === '' ? 'TFO cookie request' : 'TFO cookie');
  const data = segment.slices.map(sliceName);
  if (segment.handshakeAck && data.length > 0) parts.push('ACK');
  parts.push(...data);
  if (flags.includes('FIN')) parts.push('FIN');
  if (parts.length === 0) parts.push('ACK');
  return parts.join(' + ');
}

const QUIC_TYPE_NAMES = {initial: 'Initial', '0rtt': '0-RTT', handshake: 'Handshake', '1rtt': '1-RTT', retry: 'Retry'};

function quicLabel(datagram: QuicDatagram): string {
  return datagram.packets
    .map((packet) => {
      const {view} = packet;
      const contents: string[] = [];
      for (const frame of view.frames) {
        if (frame === 'CRYPTO' || frame === 'STREAM') {
          for (const {item, ends} of packet.carried.filter((c) => (frame === 'STREAM') === (c.item.app !== null))) {
            const name = item.app ?? item.record?.messages.join(', ') ?? 'data';
            contents.push(ends ? name : `${name} (continues)`);
          }
        } else if (frame === 'HANDSHAKE_DONE') contents.push(frame);
      }
      if (view.type === 'retry') contents.push('token');
      if (contents.length === 0) contents.push(view.frames.includes('ACK') ? 'ACK' : view.frames.join(', '));
      return `${QUIC_TYPE_NAMES[view.type]}(${contents.join(', ')})`;
    })
    .join(' + ');
}

export function frameLabel(payload: WirePayload): string {
  return payload.kind === 'tcp' ? tcpLabel(payload) : quicLabel(payload);
}

/** Records listed where they end, as Wireshark shows them after reassembly (CLI.md). */
export function tlsView(payload: WirePayload): TlsRecordView[] {
  if (payload.kind !== 'tcp') return [];
  const views: TlsRecordView[] = [];
  for (const slice of payload.slices) {
    const record = slice.item.record;
    if (!record || slice.offset + slice.length < slice.item.length) continue;
    const view: TlsRecordView = {contentType: record.contentType, messages: [...record.messages], encrypted: record.encrypted};
    if (record.innerType && record.innerType !== record.contentType) view.innerType = record.innerType;
    if (record.keys) view.keys = record.keys;
    views.push(view);
  }
  return views;
}

export function quicView(payload: WirePayload): QuicView | null {
  if (payload.kind !== 'quic') return null;
  return {packets: payload.packets.map((p) => ({...p.view, frames: [...p.view.frames], messages: [...p.view.messages]}))};
}

export function carriedItems(payload: WirePayload): StreamItem[] {
  if (payload.kind === 'tcp') return payload.slices.map((s) => s.item);
  return payload.packets.flatMap((p) => p.carried.map((c) => c.item));
}

export function wireBytes(payload: WirePayload): number {
  if (payload.kind === 'quic') return IP_HEADER + UDP_HEADER + payload.length;
  const optionBytes = payload.header.options.reduce((sum, o) => sum + o.length, 0);
  return IP_HEADER + TCP_HEADER + optionBytes + payload.header.len;
}
