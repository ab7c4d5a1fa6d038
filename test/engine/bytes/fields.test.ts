import {describe, expect, it} from 'vitest';
import {describeFields, fieldAt, nextField, type Field} from '../../../src/engine/bytes/fields.js';
import {traceSession} from '../../../src/engine/bytes/frames.js';
import {PRESET_IDS} from '../../../src/engine/presets.js';
import type {Trace} from '../../../src/engine/types.js';
import {KNOB_SAMPLES} from '../../fixtures/knob-samples.js';
import {run} from '../../helpers/run.js';

const named = (fields: Field[], name: string): Field => {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name} in ${fields.map((f) => f.name).join(', ')}`);
  return found;
};

function checkAll(trace: Trace): void {
  for (const frame of trace.frames) {
    const fields = describeFields(frame, trace);
    const size = frame.bytes.length / 2;
    expect(fields.length).toBeGreaterThan(10);
    for (const f of fields) {
      expect(f.offset, f.name).toBeGreaterThanOrEqual(0);
      expect(f.length, f.name).toBeGreaterThan(0);
      expect(f.offset + f.length, f.name).toBeLessThanOrEqual(size);
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.explanation, f.name).toMatch(/RFC \d+/);
      expect(f.explanation, f.name).toMatch(/[.)]$/);
    }
    // Fields come in byte order.
    const starts = fields.map((f) => f.offset);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Every header byte is covered: IPv4 and TCP/UDP headers have no gaps.
    const header = frame.tcp ? 20 + 20 + frame.tcp.options.reduce((n, o) => n + o.length, 0) : 28;
    for (let i = 0; i < header; i++) expect(fieldAt(fields, i), `byte ${i} of ${frame.id}`).toBeGreaterThanOrEqual(0);
  }
}

describe('describeFields', () => {
  it.each(PRESET_IDS)('%s: every field lies inside its frame, in order, explained with an RFC', (id) => checkAll(run(id)));

  it.each(KNOB_SAMPLES.map((s) => [s.preset, s.set] as const))('%s %o', (preset, set) => checkAll(run(preset, set)));

  it('names the IPv4 and TCP header fields and the SYN options with their values', () => {
    const trace = run('tfo-tls13-0rtt');
    const fields = describeFields(trace.frames[0]!, trace);
    expect(named(fields, 'Total length')).toMatchObject({layer: 'ipv4', offset: 2, length: 2, value: `${trace.frames[0]!.wireBytes} bytes`});
    expect(named(fields, 'Source address').value).toBe('192.0.2.10');
    expect(named(fields, 'Sequence number')).toMatchObject({layer: 'tcp', offset: 24, length: 4, value: `${trace.frames[0]!.tcp!.seq}`});
    expect(named(fields, 'Flags').value).toBe('SYN (0x02)');
    expect(named(fields, 'Option: Maximum segment size').value).toBe('1460 bytes');
    const tfo = named(fields, 'Option: TCP Fast Open');
    expect(tfo.value).toMatch(/^cookie [0-9a-f]{16}$/);
    expect(tfo.explanation).toContain('RFC 7413 §4.1.1');
  });

  it('walks the ClientHello: record header, handshake header, and its extensions, pre_shared_key last', () => {
    const trace = run('tfo-tls13-0rtt');
    const fields = describeFields(trace.frames[0]!, trace).filter((f) => f.layer === 'tls');
    expect(fields[0]).toMatchObject({name: 'Record content type', value: '22 (handshake)'});
    expect(named(fields, 'Record version').value).toBe('0x0301 (TLS 1.0)');
    expect(named(fields, 'Handshake type').value).toBe('1 (ClientHello)');
    const extensions = fields.filter((f) => f.name.startsWith('Extension: ')).map((f) => f.name.slice(11));
    expect(extensions).toEqual(
      expect.arrayContaining(['server_name', 'supported_groups', 'signature_algorithms', 'supported_versions', 'key_share', 'psk_key_exchange_modes', 'early_data', 'padding', 'pre_shared_key']),
    );
    expect(extensions.at(-1)).toBe('pre_shared_key');
    expect(named(fields, 'Extension: server_name').value).toBe('example.com');
    expect(named(fields, 'Encrypted record').value).toBe('the request, under early keys');
  });

  it('follows a record across segments: the second segment of a TLS 1.2 server flight starts inside a certificate', () => {
    const trace = run('tls12');
    const second = trace.frames.find((f) => f.id === 'server-flight#2')!;
    const tls = describeFields(second, trace).filter((f) => f.layer === 'tls');
    expect(tls[0]!.name).toMatch(/\(part\)$/);
    expect(tls.map((f) => f.value)).toContain('14 (ServerHelloDone)');
  });

  it('marks a HelloRetryRequest by its fixed Random', () => {
    const trace = run('tls13-hrr');
    const hrr = trace.frames.find((f) => f.id === 'hello-retry-request')!;
    const fields = describeFields(hrr, trace);
    expect(named(fields, 'Handshake type').value).toBe('2 (HelloRetryRequest)');
    expect(named(fields, 'Random').value).toMatch(/^cf21ad74/);
    expect(named(fields, 'Extension: cookie').value).toBe('6 bytes');
  });

  it('decrypts QUIC Initial packets with their public keys, and the other packets with the session keys', () => {
    const trace = run('quic');
    const hello = traceSession(trace)!.messages().find((m) => m.name === 'ClientHello')!.bytes;
    const fields = describeFields(trace.frames[0]!, trace);
    expect(named(fields, 'Initial packet: first byte').layer).toBe('quic');
    expect(named(fields, 'Packet number (protected)').value).toBe('0');
    expect(named(fields, 'CRYPTO frame header').value).toBe(`offset 0, length ${hello.length}`);
    expect(named(fields, 'Handshake type')).toMatchObject({layer: 'tls', value: '1 (ClientHello)'});
    expect(named(fields, 'Extension: quic_transport_parameters').layer).toBe('tls');
    expect(named(fields, 'PADDING frames').value).toMatch(/bytes$/);
    const server = describeFields(trace.frames[1]!, trace);
    const types = server.filter((f) => f.name === 'Handshake type').map((f) => f.value);
    expect(types).toEqual(['2 (ServerHello)', '8 (EncryptedExtensions)', '11 (Certificate)']);
    expect(named(server, 'Certificate 1 (part)').layer).toBe('tls'); // the chain goes on in the next datagram
    expect(named(server, 'Extension: application_layer_protocol_negotiation').value).toBe('h3');
    expect(server.find((f) => f.value === '8 (EncryptedExtensions)')!.explanation).toContain('shown decrypted with the session keys');
    const request = describeFields(trace.frames.find((f) => f.app === 'request')!, trace);
    expect(named(request, 'STREAM frame header').value).toMatch(/^stream 0, offset 0, length \d+, FIN$/);
  });

  it('CRYPTO offsets run on through the Initial stream: the ClientHello after a HelloRetryRequest starts where the first ended', () => {
    const trace = run('quic', {hrr: 'on'});
    const messages = traceSession(trace)!.messages();
    const [first, second] = messages.filter((m) => m.name === 'ClientHello').map((m) => m.bytes.length);
    const hrr = messages.find((m) => m.name === 'HelloRetryRequest')!.bytes.length;
    const sh = messages.find((m) => m.name === 'ServerHello')!.bytes.length;
    expect(named(describeFields(trace.frames.find((f) => f.id === 'client-hello#2')!, trace), 'CRYPTO frame header').value).toBe(`offset ${first}, length ${second}`);
    const server = trace.frames.filter((f) => f.from === 'server');
    expect(named(describeFields(server[1]!, trace), 'CRYPTO frame header').value).toBe(`offset ${hrr}, length ${sh}`);
  });

  it('opens TLS 1.3 records with the session keys: the messages inside, their real type, the request', () => {
    const trace = run('tls13');
    const flight = trace.frames.filter((f) => f.id.startsWith('server-flight')).flatMap((f) => describeFields(f, trace)).filter((f) => f.layer === 'tls');
    expect(flight.filter((f) => f.name.startsWith('Handshake type')).map((f) => f.value)).toEqual(['2 (ServerHello)', '8 (EncryptedExtensions)', '11 (Certificate)', '15 (CertificateVerify)', '20 (Finished)']);
    expect(named(flight, 'Inner content type').value).toBe('22 (handshake)');
    expect(named(flight, 'Verify data').value).toMatch(/^[0-9a-f]{32}…/);
    const request = describeFields(trace.frames.find((f) => f.id === 'request')!, trace);
    expect(named(request, 'HTTP request').value).toBe('GET / HTTP/1.1');
    expect(named(request, 'Inner content type').explanation).toContain('application traffic keys');
  });

  it('opens TLS 1.2 records after ChangeCipherSpec: the client\'s Finished, 12 bytes of verify data', () => {
    const trace = run('tls12');
    const fields = describeFields(trace.frames.find((f) => f.id === 'client-key-exchange')!, trace);
    expect(fields.filter((f) => f.name === 'Handshake type').map((f) => f.value)).toEqual(['16 (ClientKeyExchange)', '20 (Finished)']);
    expect(named(fields, 'Verify data').explanation).toContain('RFC 5246 §7.4.9');
  });

  it('names the SYN cookie\'s layout as RFC 4987 Appendix A\'s, and plain HTTP\'s port 80', () => {
    const trace = run('tcp-syn-cookies');
    const seq = named(describeFields(trace.frames.find((f) => f.id === 'syn-ack')!, trace), 'Sequence number');
    expect(seq.explanation).toContain("RFC 4987 Appendix A's layout (not Linux's");
    const plain = run('tcp-handshake');
    expect(named(describeFields(plain.frames[1]!, plain), 'Source port')).toMatchObject({value: '80'});
    expect(named(describeFields(plain.frames[1]!, plain), 'Source port').explanation).toContain('Port 80');
  });

  it('decrypts the Initial after a Retry with keys from the new connection id, and shows the Retry', () => {
    const trace = run('quic-retry');
    const retry = describeFields(trace.frames.find((f) => f.id === 'retry')!, trace);
    expect(named(retry, 'Retry token').value).toBe('40 bytes');
    expect(named(retry, 'Retry integrity tag').length).toBe(16);
    const again = describeFields(trace.frames.find((f) => f.id === 'client-hello#2')!, trace);
    expect(named(again, 'Token length').value).toBe('40');
    expect(named(again, 'Handshake type').value).toBe('1 (ClientHello)');
  });

  it('plain TCP data is one HTTP field', () => {
    const trace = run('tcp-handshake');
    const request = trace.frames.find((f) => f.id === 'request')!;
    expect(named(describeFields(request, trace), 'HTTP request').value).toBe('GET / HTTP/1.1');
  });
});

describe('moving between fields', () => {
  const fields = describeFields(run('tcp-handshake').frames[0]!, run('tcp-handshake'));

  it('nextField steps and stops at both ends', () => {
    expect(nextField(fields, 0, 1)).toBe(1);
    expect(nextField(fields, 0, -1)).toBe(0);
    expect(nextField(fields, fields.length - 1, 1)).toBe(fields.length - 1);
    expect(nextField([], 3, 1)).toBe(0);
  });

  it('fieldAt finds the field under a byte', () => {
    expect(fields[fieldAt(fields, 13)]!.name).toBe('Source address');
    expect(fields[fieldAt(fields, 5)]!.name).toBe('Identification');
    expect(fieldAt(fields, 10_000)).toBe(-1);
  });
});
