// The placeholder language: each query names one figure of a simulated trace; nothing is evaluated.
import {describe, expect, it} from 'vitest';
import {evaluate, fill, formatValue, parseQuery} from '../../src/curriculum/index.js';
import type {PartTrace, QueryContext} from '../../src/curriculum/query.js';
import type {LessonPart} from '../../src/curriculum/types.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {run} from '../helpers/run.js';

function part(index: number, scenario: string, set: Record<string, string> = {}, id: string | null = null): PartTrace {
  const knobs = resolveKnobs(findPreset(scenario)!.knobs, set);
  const lessonPart: LessonPart = {index, id, title: null, scenario, set, setKnobs: {}, knobs};
  return {part: lessonPart, trace: run(scenario, set)};
}

const parts = [part(0, 'tcp-close', {}, 'classic'), part(1, 'tls13', {}, 'tls')];
const ctx = (frame: string | null = null, index: number | null = 0): QueryContext => ({parts, part: index, frame});

function value(query: string, context = ctx()): string {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error);
  const result = evaluate(parsed.value, context);
  if (!result.ok) throw new Error(result.error);
  return formatValue(result.value.value);
}

describe('queries answer from the trace', () => {
  it.each([
    ['summary.requestSentRtt', '1'],
    ['summary.responseReceivedMs', '200'],
    ['frame syn tcp.seq', '1000'],
    ['frame syn-ack tcp.ack', '1001'],
    ['frame syn tcp.seq + 1', '1001'],
    ['frame syn-ack tcp.ack - 1', '1000'],
    ['frame request tcp.len', '100'],
    ['frame syn tcp.flags', 'SYN'],
    ['frame ack arriveRtt', '1.5'],
    ['frame fin#2 from', 'server'],
    ['frame fin label', 'FIN'],
    ['after syn server.tcp', 'SYN-RECEIVED'],
    ['after fin#2 client.tcp', 'TIME-WAIT'],
    ['next syn-ack from', 'client'],
    ['next fin id', 'ack-fin'],
    ['count', '9'],
    ['count fin..', '4'],
    ['count syn..ack', '3'],
    ['enter server.tcp ESTABLISHED rtt', '1.5'],
    ['enter client.tcp TIME-WAIT ms', '300'],
    ['dwell client.tcp TIME-WAIT s', '60'],
    ['elapsed fin fin#2 rtt', '1'],
    ['elapsed fin ack-fin-2 rtt', '1.5'],
    ['knob close', 'four-way'],
    ['knob closeDelayMs', '0'],
    ['rtt', '100'],
    ['part 2 summary.requestSentRtt', '2'],
    ['part tls messages server', 'ServerHello, ChangeCipherSpec, EncryptedExtensions, Certificate, CertificateVerify, Finished, NewSessionTicket, NewSessionTicket'],
    ['part tls after client-hello server.tls', 'WAIT_FINISHED'],
    ['part tls frame server-flight#3 messages', 'CertificateVerify, Finished'],
  ])('%s → %s', (query, expected) => {
    expect(value(query)).toBe(expected);
  });

  it('takes the narrated frame when the id is left out', () => {
    expect(value('frame tcp.ack', ctx('syn-ack'))).toBe('1001');
    expect(value('after server.tcp', ctx('syn'))).toBe('SYN-RECEIVED');
    expect(value('next from', ctx('syn-ack'))).toBe('client');
  });

  it('does not take another part\'s narrated frame', () => {
    const parsed = parseQuery('part 2 frame tcp.seq');
    expect(parsed.ok && evaluate(parsed.value, ctx('syn', 0)).ok).toBe(false);
  });
});

describe('queries that cannot be answered say why and what to write', () => {
  it.each([
    ['', /empty/],
    ['frame', /optional frame id/],
    ['frame syn seq', /did you mean 'tcp.seq'\?/],
    ['frame Syn tcp.seq', /lower case; write 'syn'/],
    ['after syn server', /not <side>\.<layer>/],
    ['enter client.tcp TIME_WAIT', /write it 'TIME-WAIT'/],
    ['enter client.tls WAIT-SH', /write it 'WAIT_SH'/],
    ['dwell client.tcp TIMEWAIT hours', /unknown unit|write it/],
    ['knob tlss', /did you mean 'tls'\?/],
    ['summary.requestSent', /did you mean 'requestSentMs'\?|requestSentRtt/],
    ['count fin', /range/],
    ['frame syn tcp.seq+1', /spaces around the sign/],
    ['part Two summary.requestSentRtt', /not a part number/],
    ['process.exit()', /does not start a query/],
    ['constructor', /does not start a query/],
  ])('%j', (query, message) => {
    const parsed = parseQuery(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it.each([
    ['frame syn-ak tcp.seq', /did you mean 'syn-ack'\?/],
    ['frame syn tcp.ack', /no ACK flag/],
    ['frame ack', /did you mean 'tcp.ack'\?/],
    ['next ack-fin-2 from', /last one/],
    ['enter server.tcp TIME-WAIT', /never enters TIME-WAIT/],
    ['count ack-fin-2..syn', /swap them/],
    ['after fin server.quic', /runs over TCP/],
    ['part 3 rtt', /no part 3/],
    ['part cookie rtt', /no part with id 'cookie'.*classic, tls/],
    ['frame syn tcp.flags + 1', /not a number/],
  ])('%s', (query, message) => {
    const parsed = parseQuery(query);
    const result = parsed.ok ? evaluate(parsed.value, ctx()) : parsed;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('fill', () => {
  it('fills every placeholder and keeps escaped braces', () => {
    const out = fill('SYN {{frame syn tcp.seq}}, ack {{frame syn-ack tcp.ack}}; literal \\{{x}}.', ctx());
    expect(out).toEqual({text: 'SYN 1000, ack 1001; literal {{x}}.', errors: []});
  });

  it('shows ? for a placeholder that does not resolve, with the line it is on', () => {
    const out = fill('line one\nack {{frame nope tcp.ack}}', ctx());
    expect(out.text).toBe('line one\nack ?');
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]?.lineOffset).toBe(1);
  });
});
