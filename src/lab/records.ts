// What the lab's relay carried, named as the engine names a frame's contents: the engine's own
// reader of real TLS (engine/bytes/tls-stream.ts) cuts each direction into records and opens them
// with the secrets the real stacks logged, so the lab names EncryptedExtensions, Certificate, the
// tickets and the rest as they really went; plain TCP's data is the request or the response.
import {readTlsStreams} from '../engine/bytes/tls-stream.js';
import type {TlsRecordView} from '../engine/types.js';
import type {Relayed} from './proxy.js';

/** What one relayed chunk carried. */
export interface ChunkContents {
  /** Messages and data that end in this chunk, in order: 'ClientHello', 'ChangeCipherSpec', 'request', 'FIN', … */
  names: string[];
}

function recordName(record: TlsRecordView, app: 'request' | 'response', tls13: boolean): string[] {
  if (record.contentType === 'change_cipher_spec') return ['ChangeCipherSpec'];
  if (record.contentType === 'alert' || record.innerType === 'alert') return ['Alert'];
  if (record.messages.length > 0) return record.messages;
  // A TLS 1.3 record no key opened could hold anything; TLS 1.2's outer type is the real one.
  if (tls13 && record.encrypted && record.keys === undefined) return ['encrypted record'];
  return [app];
}

/** Names each relayed chunk's contents; `tls` is null for plain TCP. */
export function nameChunks(relayed: readonly Relayed[], tls: {keylog: readonly string[]} | null): ChunkContents[] {
  const read = tls ? readTlsStreams(relayed.map((r) => ({from: r.from, data: r.bytes})), tls.keylog) : null;
  return relayed.map((chunk, i) => {
    const app = chunk.from === 'client' ? 'request' : 'response';
    const names: string[] = [];
    const push = (name: string) => {
      // A request or response split over records or chunks is one thing.
      if (names[names.length - 1] !== name || (name !== 'request' && name !== 'response')) names.push(name);
    };
    if (read === null) {
      if (chunk.bytes.length > 0) push(app);
    } else for (const record of read.records[i]!) for (const name of recordName(record, app, read.hellos.version === '1.3')) push(name);
    if (chunk.kind === 'fin') names.push('FIN');
    if (chunk.kind === 'reset') names.push('RST');
    return {names};
  });
}
