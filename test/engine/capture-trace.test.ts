// Real captures read back as traces: test/fixtures/captures/ holds TLS 1.3 and TLS 1.2
// connections between Node's own tls client and server (OpenSSL) on loopback, captured with
// dumpcap, with the key logs the stacks wrote (scripts/capture-fixtures.mjs made them).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {captureRecordKeys, captureTrace} from '../../src/engine/bytes/capture-trace.js';
import {connectionsOf} from '../../src/engine/bytes/capture-connections.js';
import {describeFields} from '../../src/engine/bytes/fields.js';
import {keyLogFile} from '../../src/engine/bytes/keylog.js';
import {readCapture} from '../../src/engine/bytes/read-capture.js';
import {readTlsStreams} from '../../src/engine/bytes/tls-stream.js';
import {checkTrace} from '../../src/engine/invariants.js';
import {run} from '../helpers/run.js';

const fixture = (name: string) => new URL(`../fixtures/captures/${name}`, import.meta.url);
function traced(name: string, withKeys = true) {
  const capture = readCapture(readFileSync(fixture(`${name}.pcapng`)));
  const keylog = withKeys ? readFileSync(fixture(`${name}.keys`), 'utf8').split('\n') : [];
  const [connection] = connectionsOf(capture.segments);
  return captureTrace(connection!, capture.segments, {file: `${name}.pcapng`, keylog});
}
const messages = (trace: ReturnType<typeof traced>['trace']) => trace.frames.flatMap((f) => f.tls.flatMap((r) => r.messages));

describe('a real TLS 1.3 capture as a trace', () => {
  it('names every handshake message, the protected ones opened with the key log', () => {
    const {trace, info} = traced('real-tls13');
    expect(info).toMatchObject({tls: '1.3', decrypted: true, capturedAt: 'client'});
    expect(messages(trace)).toEqual(['ClientHello', 'ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished', 'Finished', 'NewSessionTicket', 'NewSessionTicket']);
    expect(trace.frames.filter((f) => f.app !== null).map((f) => `${f.from} ${f.app}`)).toEqual(['client request', 'server response']);
    expect(trace.frames.at(-1)!.after).toEqual({client: {tcp: 'CLOSED', tls: null}, server: {tcp: 'TIME-WAIT', tls: null}});
  });

  it('without the key log the protected records stay unnamed, and nothing claims to have opened them', () => {
    const {trace, info} = traced('real-tls13', false);
    expect(info.decrypted).toBe(false);
    expect(messages(trace)).toEqual(['ClientHello', 'ServerHello']);
    expect(captureRecordKeys(trace.frames)).toBeUndefined();
  });

  it('keeps the invariants the player relies on: times in order from 0, arrivals after sends, ids unique', () => {
    const {trace} = traced('real-tls13');
    expect(trace.frames[0]!.sendMs).toBe(0);
    for (const [i, f] of trace.frames.entries()) {
      expect(f.index).toBe(i);
      expect(f.arriveMs!).toBeGreaterThanOrEqual(f.sendMs);
      if (i > 0) expect(f.sendMs).toBeGreaterThanOrEqual(trace.frames[i - 1]!.sendMs);
    }
    expect(new Set(trace.frames.map((f) => f.id)).size).toBe(trace.frames.length);
  });

  it('the byte inspector reads the real packets and opens the Certificate with the key log', () => {
    const {trace} = traced('real-tls13');
    const flight = trace.frames.find((f) => f.tls.some((r) => r.messages.includes('Certificate')))!;
    const fields = describeFields(flight, trace);
    expect(fields.find((f) => f.name === 'Source address')).toMatchObject({value: '127.0.0.1', explanation: "The sender's address (RFC 791 §3.1)."});
    expect(fields.find((f) => f.name === 'Source port')!.explanation).toMatch(/^Port 8443, where this server listens/);
    expect(fields.some((f) => f.layer === 'tls' && /decrypted with the session keys/.test(f.explanation))).toBe(true);
    // The window is read with the scale the server's own SYN-ACK announced, not an assumed one.
    const ws = trace.frames.find((f) => f.from === 'server' && f.tcp!.flags.includes('SYN'))!.tcp!.options.find((o) => o.kind === 3)!;
    expect('value' in ws && ws.value).toBeGreaterThan(0);
    expect(fields.find((f) => f.name === 'Window')!.value).toMatch(new RegExp(`× ${2 ** ('value' in ws ? ws.value : 0)} = `));
  });
});

describe('a real TLS 1.2 capture', () => {
  it("opens the Finished messages and the data with CLIENT_RANDOM's master secret", () => {
    const {trace, info} = traced('real-tls12');
    expect(info).toMatchObject({tls: '1.2', decrypted: true});
    expect(messages(trace)).toEqual(['ClientHello', 'ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone', 'ClientKeyExchange', 'Finished', 'NewSessionTicket', 'Finished']);
    const finished = trace.frames.flatMap((f) => f.tls).filter((r) => r.messages.includes('Finished'));
    expect(finished.every((r) => r.encrypted && r.keys === 'application')).toBe(true);
  });
});

describe("reading TLS back: the engine's own bytes", () => {
  it('picks the key log lines of this connection by its ClientHello random among others', () => {
    const trace = run('tls13');
    const chunks = trace.frames.filter((f) => f.tcp && f.tcp.len > 0).map((f) => {
      const b = Buffer.from(f.bytes, 'hex');
      return {from: f.from, data: new Uint8Array(b.subarray(20 + (b[32]! >> 4) * 4))};
    });
    const others = keyLogFile(run('tls13', {}, {seed: 2}))!.trim().split('\n');
    const own = keyLogFile(trace)!.trim().split('\n');
    const read = readTlsStreams(chunks, [...others, ...own]);
    expect(read.decrypted).toBe(true);
    expect(read.records.flat().flatMap((r) => r.messages)).toContain('CertificateVerify');
    expect(readTlsStreams(chunks, others).records.flat().flatMap((r) => r.messages)).not.toContain('CertificateVerify');
  });

  it('a simulated run stays as it was: documentation addresses named, trace valid', () => {
    const trace = run('tls13');
    expect(checkTrace(trace)).toEqual([]);
    expect(describeFields(trace.frames[0]!, trace).find((f) => f.name === 'Source address')!.explanation).toMatch(/192\.0\.2\.10 is the client/);
  });
});
