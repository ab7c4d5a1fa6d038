// What the lab's relay carried, read as TLS: each direction's bytes cut into records (RFC 8446
// §5.1, RFC 5246 §6.2), each record placed in the chunk where it ended, and its messages named.
// TLS 1.3 protects everything after ServerHello, so the records are opened with the secrets the
// real stacks logged (their NSS key log lines, as Wireshark would use them): the lab names
// EncryptedExtensions, Certificate, the tickets and the rest as they really went.
import {CONTENT_TYPE, HANDSHAKE_TYPE, names, SUITE, type CipherSuiteName} from '../engine/bytes/code-points.js';
import {openRecord13, trafficKeys13} from '../engine/bytes/tls-records.js';
import {HRR_RANDOM} from '../engine/bytes/tls-messages.js';
import type {Side} from '../engine/types.js';
import type {Relayed} from './proxy.js';

const CONTENT = names(CONTENT_TYPE);
const HANDSHAKE = names(HANDSHAKE_TYPE);
const RECORD_HEADER = 5;

/** What one relayed chunk carried, named as the engine names a frame's contents. */
export interface ChunkContents {
  /** Messages and data that end in this chunk, in order: 'ClientHello', 'ChangeCipherSpec', 'request', 'FIN', … */
  names: string[];
}

/** The secrets a key log line names, by label (RFC 8446 §7.1; the NSS key log format). */
function secrets(keylog: readonly string[]): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const line of keylog) {
    const [label, , secret] = line.split(' ');
    if (label && secret && /^[0-9a-f]+$/i.test(secret)) found.set(label, Uint8Array.from(Buffer.from(secret, 'hex')));
  }
  return found;
}

const EPOCHS: Record<Side, [string, string]> = {
  client: ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0'],
  server: ['SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0'],
};

/** Names each relayed chunk's contents; `tls` is null for plain TCP. */
export function nameChunks(relayed: readonly Relayed[], tls: {version: string; suite: string; keylog: readonly string[]} | null): ChunkContents[] {
  const out: ChunkContents[] = relayed.map(() => ({names: []}));
  const logged = tls ? secrets(tls.keylog) : new Map<string, Uint8Array>();
  const suite = tls ? SUITE[tls.suite as CipherSuiteName] : undefined;
  for (const side of ['client', 'server'] as const) {
    const app = side === 'client' ? 'request' : 'response';
    const indices = relayed.map((r, i) => (r.from === side ? i : -1)).filter((i) => i >= 0);
    // The direction's byte stream, and for each byte offset the chunk it came in.
    const ends: number[] = [];
    let total = 0;
    for (const i of indices) {
      total += relayed[i]!.bytes.length;
      ends.push(total);
    }
    const stream = new Uint8Array(total);
    let at = 0;
    for (const i of indices) {
      stream.set(relayed[i]!.bytes, at);
      at += relayed[i]!.bytes.length;
    }
    const chunkAt = (offset: number) => indices[ends.findIndex((end) => offset < end)]!;
    const add = (offset: number, name: string) => {
      const names = out[chunkAt(offset)]!.names;
      if (names[names.length - 1] !== name || (name !== 'request' && name !== 'response')) names.push(name);
    };
    if (tls === null) {
      for (let i = 0; i < indices.length; i++) if (relayed[indices[i]!]!.bytes.length > 0) add(ends[i]! - 1, app);
    } else {
      let epoch = 0; // 0: in the clear; 1: handshake keys; 2: application keys (TLS 1.3)
      let sequence = 0;
      let afterCcs = false;
      for (let offset = 0; offset + RECORD_HEADER <= stream.length; ) {
        const type = stream[offset]!;
        const length = (stream[offset + 3]! << 8) | stream[offset + 4]!;
        const end = offset + RECORD_HEADER + length;
        if (end > stream.length || CONTENT[type] === undefined) break;
        const last = end - 1;
        const record = stream.subarray(offset, end);
        offset = end;
        if (type === CONTENT_TYPE.change_cipher_spec) {
          add(last, 'ChangeCipherSpec');
          afterCcs = true;
          continue;
        }
        if (type === CONTENT_TYPE.handshake && (tls.version !== 'TLSv1.2' || !afterCcs)) {
          for (const message of handshakeNames(record.subarray(RECORD_HEADER))) {
            add(last, message);
            if (message === 'ServerHello' && tls.version === 'TLSv1.3') epoch = 1;
          }
          continue;
        }
        if (tls.version === 'TLSv1.2') {
          // After ChangeCipherSpec the one encrypted handshake message is Finished (RFC 5246 §7.4.9).
          add(last, type === CONTENT_TYPE.handshake ? 'Finished' : type === CONTENT_TYPE.alert ? 'Alert' : app);
          continue;
        }
        // TLS 1.3: the client's handshake keys start after its ServerHello is seen (both directions).
        if (side === 'client' && epoch === 0 && logged.has(EPOCHS.client[0])) epoch = 1;
        const secret = logged.get(EPOCHS[side][epoch === 2 ? 1 : 0]);
        const opened = secret && suite ? openRecord13(trafficKeys13(suite, secret), record, sequence) : null;
        sequence++;
        if (opened === null) {
          add(last, type === CONTENT_TYPE.alert ? 'Alert' : 'encrypted record');
          continue;
        }
        if (opened.type === CONTENT_TYPE.handshake) {
          for (const message of handshakeNames(opened.content)) {
            add(last, message);
            if (message === 'Finished' && epoch === 1) {
              epoch = 2;
              sequence = 0;
            }
          }
        } else add(last, opened.type === CONTENT_TYPE.alert ? 'Alert' : app);
      }
    }
    for (const i of indices) {
      const r = relayed[i]!;
      if (r.kind === 'fin') out[i]!.names.push('FIN');
      if (r.kind === 'reset') out[i]!.names.push('RST');
    }
  }
  return out;
}

/** The handshake messages in a handshake record's content; a ServerHello with RFC 8446's special random is a HelloRetryRequest. */
function handshakeNames(content: Uint8Array): string[] {
  const found: string[] = [];
  for (let m = 0; m + 4 <= content.length; ) {
    const type = content[m]!;
    const length = (content[m + 1]! << 16) | (content[m + 2]! << 8) | content[m + 3]!;
    let name: string = HANDSHAKE[type] ?? `handshake type ${type}`;
    if (type === HANDSHAKE_TYPE.ServerHello && Buffer.from(content.subarray(m + 6, m + 38)).equals(Buffer.from(HRR_RANDOM))) name = 'HelloRetryRequest';
    found.push(name);
    m += 4 + length;
  }
  return found;
}
