// `hs-tutor open <capture>`: a real capture (pcap or pcapng, from tcpdump, Wireshark or
// `hs-tutor export`) as the tutor shows a simulated trace: each TCP connection's segments in
// order, who sent them, relative sequence numbers, the TLS records in the clear, and both sides'
// states inferred from what the capture saw. Packets it cannot read are listed, never fatal.
import {UsageError} from '../engine/errors.js';
import {connectionsOf, type CapturedConnection} from '../engine/bytes/capture-connections.js';
import {captureTrace} from '../engine/bytes/capture-trace.js';
import {readCapture} from '../engine/bytes/read-capture.js';
import {quicConnectionsOf, type QuicConnectionSeen} from '../engine/bytes/read-quic.js';
import type {Trace, TlsRecordView} from '../engine/types.js';
import {FileSafetyError, readRegularBytes} from '../progress/safe-files.js';
import {wrap} from '../render/text.js';
import {parseCommandArgs} from './args.js';
import {oneLine, tell} from './tell.js';
import type {Terminal} from './terminal.js';

export const OPEN_OPTIONS = {json: {type: 'boolean'}, connection: {type: 'string'}, keylog: {type: 'string'}, step: {type: 'boolean'}} as const;

/** Captures are read whole; a classroom capture is far smaller. */
export const MAX_CAPTURE_BYTES = 64 * 1_048_576;
/** A key log of a whole browsing session stays far below this. */
const MAX_KEYLOG_BYTES = 16 * 1_048_576;

/** A user-named file's bytes, or one sentence on stderr and undefined. */
function readNamed(file: string, max: number): Buffer | undefined {
  try {
    const bytes = readRegularBytes(file, max);
    if (bytes === undefined) tell(`There is no file '${file}'; check the path.`);
    return bytes;
  } catch (error) {
    tell(error instanceof FileSafetyError ? `${error.message}.` : `Cannot read '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions.`);
    return undefined;
  }
}

export async function openCapture(argv: string[], out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('open', argv, OPEN_OPTIONS);
  const [, file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("'hs-tutor open' needs a capture file, as in 'hs-tutor open handshake.pcap' (pcap or pcapng).");
  if (extra.length > 0) throw new UsageError(`'hs-tutor open' takes one capture file, not '${[file, ...extra].join(' ')}'.`);
  const wanted = values.connection === undefined ? undefined : /^\d{1,6}$/.test(values.connection) ? Number(values.connection) : NaN;
  if (Number.isNaN(wanted) || wanted === 0) throw new UsageError(`--connection takes a connection's number (1, 2, …) as 'hs-tutor open' lists them, not '${values.connection}'.`);
  if (values.step && values.json) throw new UsageError('--step opens the connection in the player and --json prints it; use one or the other.');
  const bytes = readNamed(file, MAX_CAPTURE_BYTES);
  if (bytes === undefined) return 1;
  let keylog: string[] = [];
  if (values.keylog !== undefined) {
    const text = readNamed(values.keylog, MAX_KEYLOG_BYTES);
    if (text === undefined) return 1;
    keylog = text.toString('utf8').split(/\r?\n/);
  }
  let capture: ReturnType<typeof readCapture>;
  try {
    capture = readCapture(bytes);
  } catch (error) {
    tell(`'${file}' cannot be opened: ${(error as Error).message}.`);
    return 1;
  }
  const connections = connectionsOf(capture.segments);
  if (wanted !== undefined && wanted > connections.length) {
    throw new UsageError(`'${file}' has ${connections.length} TCP connection${connections.length === 1 ? '' : 's'}, so there is no connection ${wanted}.`);
  }
  const numbers = wanted === undefined ? connections.map((_, i) => i + 1) : [wanted];
  const traced = numbers.map((n) => ({n, connection: connections[n - 1]!, ...captureTrace(connections[n - 1]!, capture.segments, {file, keylog})}));
  if (values.step) {
    if (traced.length !== 1) {
      throw new UsageError(`'${file}' has ${connections.length === 0 ? 'no TCP connection to step' : `${connections.length} TCP connections; pick one with --connection <n>`}.`);
    }
    const {captureLesson} = await import('./capture-lesson.js');
    const {launch, defaultSources} = await import('./tutor.js');
    const lesson = captureLesson(file, traced[0]!.n, traced[0]!.trace, traced[0]!.info);
    return launch({capture: lesson}, defaultSources, `hs-tutor open ${file} --step`);
  }
  if (values.json) {
    const shown = traced.map(({connection, trace}) => {
      const byPacket = new Map(trace.frames.map((f) => [f.id, f]));
      // Added beside the capture's own fields: the label the player shows and the TLS records that
      // end in each segment, named (opened with --keylog), as a simulated trace lists them.
      return {...connection, frames: connection.frames.map((f) => ({...f, label: byPacket.get(`packet-${f.packet + 1}`)!.label, records: byPacket.get(`packet-${f.packet + 1}`)!.tls}))};
    });
    const quic = wanted === undefined ? quicConnectionsOf(capture.datagrams) : [];
    out.write(`${JSON.stringify({schemaVersion: 1, format: capture.format, connections: shown, quic, skipped: capture.skipped, truncated: capture.truncated}, null, 2)}\n`);
    return 0;
  }
  const quic = wanted === undefined ? quicConnectionsOf(capture.datagrams) : [];
  const quicCount = quic.length === 0 ? '' : ` · ${quic.length} QUIC connection${quic.length === 1 ? '' : 's'}`;
  const lines: string[] = [`${oneLine(file)} · ${capture.format} · ${connections.length} TCP connection${connections.length === 1 ? '' : 's'}${quicCount}${capture.truncated ? ' · the file ends inside a packet' : ''}`];
  for (const t of traced) lines.push('', ...connectionLines(t.connection, t.trace, t.n, out.width));
  quic.forEach((q, i) => lines.push('', ...quicLines(q, i + 1, out.width)));
  if (capture.skipped.length > 0) {
    lines.push('', `${capture.skipped.length} packet${capture.skipped.length === 1 ? '' : 's'} not shown:`);
    for (const s of capture.skipped.slice(0, 20)) lines.push(`  packet ${s.packet + 1}: ${s.why}`);
    if (capture.skipped.length > 20) lines.push(`  … and ${capture.skipped.length - 20} more ('--json' lists them all)`);
  }
  if (connections.length > 0) {
    const keys = values.keylog === undefined ? '' : ` --keylog ${oneLine(values.keylog)}`;
    lines.push('', `Step one in the player: hs-tutor open ${oneLine(file)}${connections.length > 1 ? ' --connection <n>' : ''}${keys} --step`);
  }
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

function connectionLines(c: CapturedConnection, trace: Trace, n: number, width: number): string[] {
  const lines = [`Connection ${n}: client ${c.client} → server ${c.server}${c.sawOpen ? '' : ' (its opening was not captured: sequence numbers are absolute)'}`];
  const byPacket = new Map(trace.frames.map((f) => [f.id, f]));
  for (const f of c.frames) {
    const arrow = f.from === 'client' ? '→' : '←';
    const records = byPacket.get(`packet-${f.packet + 1}`)!.tls;
    const tls = records.length === 0 ? '' : ` · TLS ${recordNames(records, trace.knobs.tls === '1.3').join(', ')}`;
    const numbers = `seq=${f.seq}${f.ack === null ? '' : ` ack=${f.ack}`}${f.len > 0 ? ` len=${f.len}` : ''}`;
    const row = `${f.timeMs.toFixed(1).padStart(9)} ms ${arrow} ${f.flags.join(',')} ${numbers}${tls} · client ${f.after.client}, server ${f.after.server}`;
    lines.push(...wrap(row, width, 15));
  }
  return lines;
}

/** A QUIC connection's datagrams: each packet's type and size; Initials opened (their keys are public, RFC 9001 §5.2). */
function quicLines(q: QuicConnectionSeen, n: number, width: number): string[] {
  const lines = [`QUIC connection ${n}: client ${q.client} → server ${q.server} (Initial packets opened with keys from the client's connection ID; the rest needs keys a capture does not hold)`].flatMap((l) => wrap(l, width, 2));
  const TYPE = {initial: 'Initial', '0rtt': '0-RTT', handshake: 'Handshake', retry: 'Retry', '1rtt': '1-RTT'} as const;
  for (const d of q.datagrams) {
    const arrow = d.from === 'client' ? '→' : '←';
    const packets = d.packets.map((p) => {
      const inside = p.frames ? ` pn=${p.pn} ${p.frames.join(',')}${p.messages && p.messages.length > 0 ? `: ${p.messages.join(', ')}` : ''}` : '';
      return `${TYPE[p.type]}${inside} (${p.length} B)`;
    });
    lines.push(...wrap(`${d.timeMs.toFixed(1).padStart(9)} ms ${arrow} UDP ${d.length} B · ${packets.join(' + ')}`, width, 15));
  }
  return lines;
}

/** Records as the ladder names them: messages, {encrypted ones} in braces. */
function recordNames(records: readonly TlsRecordView[], tls13: boolean): string[] {
  return records.map((r) => {
    if (r.contentType === 'change_cipher_spec') return 'ChangeCipherSpec';
    // An unopened TLS 1.3 record could hold anything: its outer type says nothing (RFC 8446 §5.2).
    if (tls13 && r.encrypted && r.keys === undefined) return '{encrypted}';
    const inner = r.innerType ?? r.contentType;
    const what = r.messages.length > 0 ? r.messages.join(' + ') : inner === 'application_data' ? 'application data' : inner;
    return r.encrypted ? `{${what}}` : what;
  });
}
