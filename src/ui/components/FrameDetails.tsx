// The fields of the selected frame: where and when it goes, its TCP header and options, and its
// TLS records or QUIC packets with what is encrypted.
import {Box, Text} from 'ink';
import type {Frame, TcpOption} from '../../engine/types.js';
import {formatMs} from '../../render/ladder.js';
import {truncate} from '../../render/text.js';

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

export function frameDetailLines(frame: Frame, rttMs: number): string[] {
  const when = frame.dropped ? 'LOST on the way' : `arrives ${formatMs(frame.arriveMs!)} ms`;
  const lines = [`${frame.id} · ${frame.from} → ${frame.to} · sent ${formatMs(frame.sendMs)} ms (${Number((frame.sendMs / rttMs).toFixed(2))} RTT) · ${when} · ${frame.wireBytes} bytes`];
  const tcp = frame.tcp;
  if (tcp) {
    const options = tcp.options.map(option).filter(Boolean).join(', ');
    lines.push(`TCP ${tcp.flags.join(',')} seq=${tcp.seq}${tcp.ack === null ? '' : ` ack=${tcp.ack}`} len=${tcp.len} win=${tcp.window}${options ? ` · ${options}` : ''}`);
  }
  for (const record of frame.tls) {
    const inner = record.innerType && record.innerType !== record.contentType ? ` (inner ${record.innerType})` : '';
    const what = record.messages.length > 0 ? record.messages.join(', ') : 'application data';
    lines.push(`TLS ${record.contentType}${inner}: ${what} · ${record.encrypted ? `encrypted${record.keys ? ` with ${record.keys} keys` : ''}` : 'cleartext'}`);
  }
  for (const packet of frame.quic?.packets ?? []) {
    const messages = packet.messages.length > 0 ? `: ${packet.messages.join(', ')}` : '';
    lines.push(`QUIC ${packet.type}${packet.pn === null ? '' : ` pn=${packet.pn}`} ${packet.length} B [${packet.frames.join(' ')}]${messages}`);
  }
  if (frame.app) lines.push(`carries the ${frame.app}${frame.delivered ? ', delivered to the application' : ', NOT delivered to the application'}`);
  return lines;
}

export function FrameDetails({frame, rttMs, width, height}: {frame: Frame; rttMs: number; width: number; height: number}) {
  const lines = frameDetailLines(frame, rttMs).slice(0, height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, i) => (
        <Text key={i} bold={i === 0}>
          {truncate(line, width)}
        </Text>
      ))}
    </Box>
  );
}
