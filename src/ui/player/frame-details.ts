// The fields of the selected frame: where and when it goes, its TCP header and options, and its
// TLS records or QUIC packets with what is encrypted.
import type {Frame, TcpOption} from '../../engine/types.js';
import {formatMs} from '../../render/ladder.js';

function option(o: TcpOption): string {
  switch (o.kind) {
    case 2:
      return `MSS ${o.value}`;
    case 3:
      return `WS ${o.value}`;
    case 4:
      return 'SACK-permitted';
    case 8:
      return `TS ${o.tsval}/${o.tsecr}`;
    case 34:
      return o.cookie === '' ? 'TFO cookie request' : `TFO cookie ${o.cookie}`;
    default:
      return '';
  }
}

function record(r: Frame['tls'][number]): string {
  const what = r.messages.length > 0 ? r.messages.join(', ') : r.innerType === 'application_data' || r.contentType === 'application_data' ? 'application data' : r.contentType;
  if (!r.encrypted) return `${what} (cleartext)`;
  const outer = r.innerType && r.innerType !== r.contentType ? `, sent as ${r.contentType}` : '';
  return `${what} (encrypted${r.keys ? ` with ${r.keys} keys` : ''}${outer})`;
}

/** The frame's fields, most telling first: what it carries and when, its TCP header, its records or packets. */
export function frameDetailLines(frame: Frame, rttMs: number): string[] {
  const when = frame.dropped ? 'LOST on the way' : `arrives ${formatMs(frame.arriveMs!)} ms`;
  const carries = frame.app ? ` · carries the ${frame.app}, ${frame.delivered ? 'delivered' : 'NOT delivered'}` : '';
  const lines = [`${frame.id} · ${frame.from} → ${frame.to}${carries} · sent ${formatMs(frame.sendMs)} ms (${Number((frame.sendMs / rttMs).toFixed(2))} RTT) · ${when} · ${frame.wireBytes} bytes`];
  const tcp = frame.tcp;
  if (tcp) {
    const options = tcp.options.map(option).filter(Boolean).join(', ');
    lines.push(`TCP ${tcp.flags.join(',')} seq=${tcp.seq}${tcp.ack === null ? '' : ` ack=${tcp.ack}`} len=${tcp.len} win=${tcp.window}${options ? ` · ${options}` : ''}`);
  }
  if (frame.tls.length > 0) lines.push(`TLS ${frame.tls.map(record).join(' · ')}`);
  for (const packet of frame.quic?.packets ?? []) {
    const messages = packet.messages.length > 0 ? `: ${packet.messages.join(', ')}` : '';
    lines.push(`QUIC ${packet.type}${packet.pn === null ? '' : ` pn=${packet.pn}`} ${packet.length} B [${packet.frames.join(' ')}]${messages}`);
  }
  return lines;
}
