// `hs-tutor open <capture>`: a real capture (pcap or pcapng, from tcpdump, Wireshark or
// `hs-tutor export`) as the tutor shows a simulated trace: each TCP connection's segments in
// order, who sent them, relative sequence numbers, the TLS records in the clear, and both sides'
// states inferred from what the capture saw. Packets it cannot read are listed, never fatal.
import {UsageError} from '../engine/errors.js';
import {connectionsOf, type CapturedConnection} from '../engine/bytes/capture-connections.js';
import {readCapture} from '../engine/bytes/read-capture.js';
import {FileSafetyError, readRegularBytes} from '../progress/safe-files.js';
import {wrap} from '../render/text.js';
import {parseCommandArgs} from './args.js';
import {oneLine, tell} from './tell.js';
import type {Terminal} from './terminal.js';

export const OPEN_OPTIONS = {json: {type: 'boolean'}, connection: {type: 'string'}} as const;

/** Captures are read whole; a classroom capture is far smaller. */
export const MAX_CAPTURE_BYTES = 64 * 1_048_576;

export function openCapture(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('open', argv, OPEN_OPTIONS);
  const [, file, ...extra] = positionals;
  if (file === undefined) throw new UsageError("'hs-tutor open' needs a capture file, as in 'hs-tutor open handshake.pcap' (pcap or pcapng).");
  if (extra.length > 0) throw new UsageError(`'hs-tutor open' takes one capture file, not '${[file, ...extra].join(' ')}'.`);
  const wanted = values.connection === undefined ? undefined : /^\d{1,6}$/.test(values.connection) ? Number(values.connection) : NaN;
  if (Number.isNaN(wanted) || wanted === 0) throw new UsageError(`--connection takes a connection's number (1, 2, …) as 'hs-tutor open' lists them, not '${values.connection}'.`);
  let bytes: Buffer | undefined;
  try {
    bytes = readRegularBytes(file, MAX_CAPTURE_BYTES);
  } catch (error) {
    tell(error instanceof FileSafetyError ? `${error.message}.` : `Cannot read '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the path and its permissions.`);
    return 1;
  }
  if (bytes === undefined) {
    tell(`There is no file '${file}'; check the path.`);
    return 1;
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
  const chosen = wanted === undefined ? connections : [connections[wanted - 1]!];
  if (values.json) {
    out.write(`${JSON.stringify({schemaVersion: 1, format: capture.format, connections: chosen, skipped: capture.skipped, truncated: capture.truncated}, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [`${oneLine(file)} · ${capture.format} · ${connections.length} TCP connection${connections.length === 1 ? '' : 's'}${capture.truncated ? ' · the file ends inside a packet' : ''}`];
  chosen.forEach((c, i) => lines.push('', ...connectionLines(c, wanted ?? i + 1, out.width)));
  if (capture.skipped.length > 0) {
    lines.push('', `${capture.skipped.length} packet${capture.skipped.length === 1 ? '' : 's'} not shown:`);
    for (const s of capture.skipped.slice(0, 20)) lines.push(`  packet ${s.packet + 1}: ${s.why}`);
    if (capture.skipped.length > 20) lines.push(`  … and ${capture.skipped.length - 20} more ('--json' lists them all)`);
  }
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

function connectionLines(c: CapturedConnection, n: number, width: number): string[] {
  const lines = [`Connection ${n}: client ${c.client} → server ${c.server}${c.sawOpen ? '' : ' (its opening was not captured: sequence numbers are absolute)'}`];
  for (const f of c.frames) {
    const arrow = f.from === 'client' ? '→' : '←';
    const tls = f.tls.length === 0 ? '' : ` · TLS ${f.tls.map((r) => (r.messages.length > 0 ? r.messages.join(' + ') : r.contentType)).join(', ')}`;
    const numbers = `seq=${f.seq}${f.ack === null ? '' : ` ack=${f.ack}`}${f.len > 0 ? ` len=${f.len}` : ''}`;
    const row = `${f.timeMs.toFixed(1).padStart(9)} ms ${arrow} ${f.flags.join(',')} ${numbers}${tls} · client ${f.after.client}, server ${f.after.server}`;
    lines.push(...wrap(row, width, 15));
  }
  return lines;
}
