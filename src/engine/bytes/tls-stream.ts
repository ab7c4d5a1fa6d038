// Real TLS read back: both directions' byte streams cut into records (RFC 5246 §6.2, RFC 8446
// §5.1), each record listed in the chunk (segment) where it ends, as the engine lists a frame's
// records, and its messages named. The hellos in the clear give the version, the suite and the
// randoms; with an NSS key log (SSLKEYLOGFILE) the protected records are opened too: TLS 1.3 with
// the traffic secrets (RFC 8446 §7.1, §7.3), TLS 1.2 with the master secret's key block (RFC 5246
// §6.3). Used for captures (`hs-tutor open`) and for the lab's relayed bytes.
import type {Side, TlsContentType, TlsRecordView} from '../types.js';
import {CONTENT_TYPE, EXTENSION, HANDSHAKE_TYPE, names, SUITE, TLS_VERSION, type CipherSuite} from './code-points.js';
import {HRR_RANDOM} from './tls-messages.js';
import {openRecord12, openRecord13, recordKeys12, trafficKeys13, type TrafficKeys} from './tls-records.js';
import type {KeyEpoch} from './tls-session.js';
import {toHex, u16At} from './writer.js';

const CONTENT = names(CONTENT_TYPE);
const HANDSHAKE = names(HANDSHAKE_TYPE);
const SUITE_BY_VALUE = new Map(Object.values(SUITE).map((s) => [s.value, s]));
const RECORD_HEADER = 5;

export interface StreamChunk {
  from: Side;
  data: Uint8Array;
}

/** What the hellos said: the negotiated version and suite, and the randoms that name the connection in a key log. */
export interface TlsHellos {
  version: '1.2' | '1.3' | null;
  suite: CipherSuite | null;
  clientRandom: Uint8Array | null;
  serverRandom: Uint8Array | null;
}

/** A side's record keys for an epoch, or null when the key log does not have them. */
export type RecordKeySource = (side: Side, epoch: KeyEpoch) => TrafficKeys | null;

export interface TlsStreams {
  /** Per chunk, the records that end in it. */
  records: TlsRecordView[][];
  hellos: TlsHellos;
  /** Whether the key log had this connection's secrets. */
  decrypted: boolean;
}

/** The handshake messages in a handshake record's content (a ServerHello with RFC 8446's special random is a HelloRetryRequest). */
export function handshakeNames(content: Uint8Array): string[] {
  const found: string[] = [];
  for (let m = 0; m + 4 <= content.length; ) {
    const type = content[m]!;
    const length = (content[m + 1]! << 16) | (content[m + 2]! << 8) | content[m + 3]!;
    const hrr = type === HANDSHAKE_TYPE.ServerHello && toHex(content.subarray(m + 6, m + 38)) === toHex(HRR_RANDOM);
    found.push(hrr ? 'HelloRetryRequest' : (HANDSHAKE[type] ?? `handshake type ${type}`));
    m += 4 + length;
  }
  return found;
}

/** Each direction's bytes in order, with the chunk each byte came in. */
function directions(chunks: readonly StreamChunk[]): Record<Side, {data: Uint8Array; chunkOf: (offset: number) => number}> {
  const out = {} as Record<Side, {data: Uint8Array; chunkOf: (offset: number) => number}>;
  for (const side of ['client', 'server'] as const) {
    const indices = chunks.map((c, i) => (c.from === side ? i : -1)).filter((i) => i >= 0);
    const ends: number[] = [];
    let total = 0;
    for (const i of indices) ends.push((total += chunks[i]!.data.length));
    const data = new Uint8Array(total);
    let at = 0;
    for (const i of indices) {
      data.set(chunks[i]!.data, at);
      at += chunks[i]!.data.length;
    }
    out[side] = {data, chunkOf: (offset) => indices[ends.findIndex((end) => offset < end)]!};
  }
  return out;
}

interface Span {
  at: number;
  end: number;
  type: number;
}

/** The whole records of a stream, stopping at the first header that is not TLS (a stream that is not TLS has none). */
function spans(data: Uint8Array): Span[] {
  const out: Span[] = [];
  for (let at = 0; at + RECORD_HEADER <= data.length; ) {
    const type = data[at]!;
    if (CONTENT[type] === undefined || data[at + 1] !== 3) break;
    const end = at + RECORD_HEADER + u16At(data, at + 3);
    if (end > data.length) break;
    out.push({at, end, type});
    at = end;
  }
  return out;
}

/** The version, suite and randoms from the ClientHello and ServerHello in the clear (RFC 8446 §4.1.2–§4.1.3). */
function hellosOf(client: Uint8Array, server: Uint8Array): TlsHellos {
  const hellos: TlsHellos = {version: null, suite: null, clientRandom: null, serverRandom: null};
  const first = (data: Uint8Array, type: number) => {
    for (const s of spans(data)) {
      if (s.type === CONTENT_TYPE.change_cipher_spec) continue; // between a HelloRetryRequest and the ServerHello
      if (s.type !== CONTENT_TYPE.handshake) return null;
      const body = data.subarray(s.at + RECORD_HEADER, s.end);
      for (let m = 0; m + 4 <= body.length; m += 4 + ((body[m + 1]! << 16) | (body[m + 2]! << 8) | body[m + 3]!)) {
        if (body[m] !== type) continue;
        const message = body.subarray(m + 4);
        // The server's first ServerHello may be a HelloRetryRequest: the real one comes later.
        if (type === HANDSHAKE_TYPE.ServerHello && toHex(message.subarray(2, 34)) === toHex(HRR_RANDOM)) continue;
        return message;
      }
    }
    return null;
  };
  const clientHello = first(client, HANDSHAKE_TYPE.ClientHello);
  if (clientHello && clientHello.length >= 34) hellos.clientRandom = clientHello.slice(2, 34);
  const serverHello = first(server, HANDSHAKE_TYPE.ServerHello);
  if (!serverHello || serverHello.length < 38) return hellos;
  hellos.serverRandom = serverHello.slice(2, 34);
  let at = 34;
  at += 1 + serverHello[at]!; // legacy_session_id_echo
  if (at + 3 > serverHello.length) return hellos;
  hellos.suite = SUITE_BY_VALUE.get(u16At(serverHello, at)) ?? null;
  at += 3; // cipher_suite, legacy_compression_method
  hellos.version = '1.2';
  if (at + 2 > serverHello.length) return hellos;
  const extensionsEnd = Math.min(serverHello.length, at + 2 + u16At(serverHello, at));
  for (let e = at + 2; e + 4 <= extensionsEnd; e += 4 + u16At(serverHello, e + 2)) {
    if (u16At(serverHello, e) === EXTENSION.supported_versions && u16At(serverHello, e + 4) === TLS_VERSION['TLS 1.3']) hellos.version = '1.3';
  }
  return hellos;
}

const LABELS: Record<'1.3', Record<Side, Partial<Record<KeyEpoch, string>>>> = {
  '1.3': {
    client: {early: 'CLIENT_EARLY_TRAFFIC_SECRET', handshake: 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', application: 'CLIENT_TRAFFIC_SECRET_0'},
    server: {handshake: 'SERVER_HANDSHAKE_TRAFFIC_SECRET', application: 'SERVER_TRAFFIC_SECRET_0'},
  },
};

/**
 * The record keys a key log gives for the connection the hellos name: its lines are matched by the
 * ClientHello's random (a key log holds many connections); TLS 1.3 from the traffic secrets, TLS
 * 1.2 from CLIENT_RANDOM's master secret.
 */
export function keyLogKeys(keylog: readonly string[], hellos: TlsHellos): RecordKeySource | null {
  const {suite, clientRandom, serverRandom, version} = hellos;
  if (!suite || !clientRandom || !version) return null;
  const random = toHex(clientRandom);
  const secrets = new Map<string, Uint8Array>();
  for (const line of keylog) {
    const [label, lineRandom, secret] = line.trim().split(/\s+/);
    if (label && lineRandom?.toLowerCase() === random && secret && /^[0-9a-f]+$/i.test(secret)) secrets.set(label, Uint8Array.from(Buffer.from(secret, 'hex')));
  }
  if (secrets.size === 0) return null;
  const cache = new Map<string, TrafficKeys | null>();
  return (side, epoch) => {
    const key = `${side} ${epoch}`;
    if (!cache.has(key)) {
      let keys: TrafficKeys | null = null;
      if (version === '1.3') {
        const label = LABELS['1.3'][side][epoch];
        const secret = label ? secrets.get(label) : undefined;
        if (secret) keys = trafficKeys13(suite, secret);
      } else {
        const master = secrets.get('CLIENT_RANDOM');
        if (master && serverRandom && epoch === 'application') keys = recordKeys12(suite, master, clientRandom, serverRandom, side);
      }
      cache.set(key, keys);
    }
    return cache.get(key)!;
  };
}

/** Reads both directions as TLS; `keylog` lines open the protected records of this connection. */
export function readTlsStreams(chunks: readonly StreamChunk[], keylog: readonly string[] = []): TlsStreams {
  const streams = directions(chunks);
  const hellos = hellosOf(streams.client.data, streams.server.data);
  const keys = keylog.length > 0 ? keyLogKeys(keylog, hellos) : null;
  const records: TlsRecordView[][] = chunks.map(() => []);
  for (const side of ['client', 'server'] as const) {
    const {data, chunkOf} = streams[side];
    const sequence: Record<KeyEpoch, number> = {early: 0, handshake: 0, application: 0};
    let afterCcs = false;
    for (const span of spans(data)) {
      const record = data.subarray(span.at, span.end);
      const contentType = CONTENT[span.type] as TlsContentType;
      const view: TlsRecordView = {contentType, messages: [], encrypted: false};
      records[chunkOf(span.end - 1)]!.push(view);
      if (span.type === CONTENT_TYPE.change_cipher_spec) {
        afterCcs = true;
        continue;
      }
      const protectedRecord = hellos.version === '1.3' ? span.type === CONTENT_TYPE.application_data : afterCcs;
      if (!protectedRecord) {
        if (span.type === CONTENT_TYPE.handshake) view.messages = handshakeNames(record.subarray(RECORD_HEADER));
        continue;
      }
      view.encrypted = true;
      if (hellos.version === '1.2') {
        const k = keys?.(side, 'application');
        const content = k ? openRecord12(k, record, sequence.application) : null;
        sequence.application++;
        if (content) view.keys = 'application';
        // After ChangeCipherSpec the one handshake message is Finished (RFC 5246 §7.4.9), opened or not.
        if (span.type === CONTENT_TYPE.handshake) view.messages = content ? handshakeNames(content) : ['Finished'];
        continue;
      }
      // TLS 1.3: the first epoch whose keys open it, each epoch counting its own records (RFC 8446 §5.3).
      for (const epoch of ['early', 'handshake', 'application'] as const) {
        const k = keys?.(side, epoch);
        const inner = k ? openRecord13(k, record, sequence[epoch]) : null;
        if (!inner) continue;
        sequence[epoch]++;
        view.innerType = CONTENT[inner.type] as TlsContentType;
        view.keys = epoch;
        if (inner.type === CONTENT_TYPE.handshake) view.messages = handshakeNames(inner.content);
        break;
      }
    }
  }
  return {records, hellos, decrypted: keys !== null};
}

