import {describe, expect, it} from 'vitest';
import {defaultKnobs} from '../../src/engine/knobs.js';
import type {EndpointStates, Frame, Side, TcpState, Trace} from '../../src/engine/types.js';
import {renderLadder} from '../../src/render/ladder.js';

function frame(index: number, from: Side, label: string, sendMs: number, fields: Partial<Frame> & {states: [TcpState, TcpState]; tlsStates: [string, string]}): Frame {
  const {states, tlsStates, ...rest} = fields;
  const after = (i: 0 | 1): EndpointStates => ({tcp: states[i], tls: tlsStates[i]});
  return {
    index,
    id: label.toLowerCase(),
    from,
    to: from === 'client' ? 'server' : 'client',
    sendMs,
    arriveMs: sendMs + 50,
    dropped: false,
    label,
    tcp: {srcPort: 50000, dstPort: 443, flags: ['SYN'], seq: 1000, ack: null, len: 0, seqLen: 1, window: 64240, options: []},
    tls: [],
    quic: null,
    app: null,
    delivered: false,
    after: {client: after(0), server: after(1)},
    wireBytes: 60,
    notes: [],
    bytes: '',
    ...rest,
  };
}

const tcp = (seq: number, ack: number | null, len = 0) =>
  ({srcPort: 50000, dstPort: 443, flags: ['ACK'], seq, ack, len, seqLen: len, window: 64240, options: []}) as Frame['tcp'];

const trace: Trace = {
  schemaVersion: 1,
  scenario: 'tcp-syn-lost',
  knobs: {...defaultKnobs('tcp'), open: 'syn-lost', tls: '1.3'},
  rttMs: 100,
  seed: 1,
  frames: [
    frame(0, 'client', 'SYN', 0, {dropped: true, arriveMs: null, states: ['SYN-SENT', 'LISTEN'], tlsStates: ['START', 'START']}),
    frame(1, 'client', 'SYN', 1000, {id: 'syn#2', states: ['SYN-SENT', 'SYN-RECEIVED'], tlsStates: ['START', 'START']}),
    frame(2, 'server', 'SYN-ACK', 1050, {tcp: tcp(7000, 1001), states: ['ESTABLISHED', 'SYN-RECEIVED'], tlsStates: ['WAIT_SH', 'START']}),
    frame(3, 'client', 'ACK', 1100, {tcp: tcp(1001, 7001), states: ['ESTABLISHED', 'ESTABLISHED'], tlsStates: ['WAIT_SH', 'START']}),
    frame(4, 'client', 'ClientHello with a label far too long to fit on any arrow at all, surely', 1100, {
      tcp: tcp(1001, 7001, 517),
      states: ['ESTABLISHED', 'ESTABLISHED'],
      tlsStates: ['WAIT_SH', 'RECVD_CH'],
    }),
  ],
  summary: {requestSentMs: 1200, requestSentRtt: 12, responseReceivedMs: 1300, responseReceivedRtt: 13},
  events: [
    {atMs: 500, side: 'client', layer: 'tcp', from: 'SYN-SENT', to: 'SYN-SENT', cause: 'Too early to list: it happens before the last frame.'},
    {atMs: 61150, side: 'client', layer: 'tcp', from: 'TIME-WAIT', to: 'CLOSED', cause: '2×MSL timer expired.'},
  ],
  endMs: 61150,
};

const lineOf = (text: string, needle: string) => text.split('\n').find((line) => line.includes(needle)) ?? '';

describe('renderLadder', () => {
  const text = renderLadder(trace, {width: 80});
  const lines = text.split('\n');

  it('never exceeds the width', () => {
    for (const width of [80, 100, 137]) {
      for (const line of renderLadder(trace, {width}).split('\n')) expect([...line].length).toBeLessThanOrEqual(width);
    }
  });

  it('starts with a header naming scenario, title, RTT, seed and the changed knobs', () => {
    expect(lines[0]).toContain('tcp-syn-lost');
    // The preset with tls=1.3 added is no longer what its title says.
    expect(text.replace(/\s+/g, ' ')).toContain('changed from: TCP handshake with a lost SYN');
    expect(text).toContain('RTT 100 ms');
    expect(text).toContain('seed 1');
    expect(text).toContain('open=syn-lost tls=1.3');
    expect(text).toMatch(/ms +RTT +client +server/);
  });

  it('points client frames right and server frames left, with seq and ack', () => {
    const synAck = lineOf(text, 'SYN-ACK');
    expect(synAck).toContain('◀');
    expect(synAck).not.toContain('▶');
    expect(synAck).toContain('seq=7000 ack=1001');
    const ack = lineOf(text, 'ACK seq=1001');
    expect(ack).toContain('▶');
    expect(ack.indexOf('ACK seq=1001')).toBeLessThan(ack.indexOf('▶'));
  });

  it('draws a dropped frame as a lost arrow ending in ✕', () => {
    const lost = lineOf(text, '(lost)');
    expect(lost).toContain('SYN seq=1000');
    expect(lost).toContain('✕');
    expect(lost).not.toContain('▶');
    expect(lost.indexOf('(lost)')).toBeLessThan(lost.indexOf('✕'));
  });

  it('shows the time in ms and RTT, and each side\'s state as it is at that moment', () => {
    // The retransmitted SYN has not reached the server yet: it still listens.
    const retransmission = lines.find((line) => /^ *1000 +10 /.test(line)) ?? '';
    expect(retransmission).toMatch(/SYN-SENT +─ SYN seq=1000 ─+▶ +LISTEN$/);
    // The SYN-ACK leaves at 1050 ms: the server is in SYN-RECEIVED, the client still in SYN-SENT.
    const synAck = lineOf(text, 'SYN-ACK');
    expect(synAck).toMatch(/^ *1050 +10\.5 +SYN-SENT +◀/);
    expect(synAck.indexOf('SYN-RECEIVED')).toBeGreaterThan(synAck.indexOf('◀'));
    // It arrives at 1100 ms, when the client sends its ACK: ESTABLISHED from that row on.
    expect(lineOf(text, 'ACK seq=1001')).toMatch(/^ *1100 +11 +ESTABLISHED +─ ACK/);
  });

  it('puts TLS states on an indented line under the TCP states, where a TLS state moved', () => {
    const ackIndex = lines.findIndex((line) => line.includes('ACK seq=1001'));
    const tlsLine = lines[ackIndex + 1] ?? '';
    expect(tlsLine).toMatch(/^ +WAIT_SH +START$/);
    expect(tlsLine.indexOf('WAIT_SH')).toBe((lines[ackIndex] ?? '').indexOf('ESTABLISHED') + 2);
  });

  it('a frame whose arrival changes its receiver\'s state, with nothing sent then, has a row of its own', () => {
    // The ClientHello arrives at 1150 ms and moves the server's TLS state; the server sends nothing then.
    const arrival = lines.find((line) => line.includes('ClientHello') && line.includes('▷')) ?? '';
    expect(arrival).toMatch(/^ *1150 +11\.5 +ESTABLISHED +·+ ClientHello with a label .*▷ +ESTABLISHED$/);
  });

  it('adds no TLS line when there is no TLS', () => {
    const plain = trace.frames.map((f) => ({...f, after: {client: {...f.after.client, tls: null}, server: {...f.after.server, tls: null}}}));
    const ladder = renderLadder({...trace, frames: plain, events: []}, {width: 80}).split('\n');
    const heads = ladder.findIndex((line) => line.includes('client'));
    expect(ladder.slice(heads + 1, heads + 1 + plain.length).every((line) => /[▶◀✕]/.test(line))).toBe(true);
  });

  it('shows the state of the transport over QUIC, where there is no TCP', () => {
    // A one-frame trace: the server's state before the frame arrives is the one it shows.
    const quicFrame: Frame = {
      ...frame(0, 'client', 'Initial[CRYPTO CH]', 0, {states: ['CLOSED', 'LISTEN'], tlsStates: ['WAIT_SH', 'START']}),
      tcp: null,
      after: {client: {tcp: null, tls: 'WAIT_SH', quic: 'HANDSHAKING'}, server: {tcp: null, tls: 'RECVD_CH', quic: 'ADDRESS-PENDING'}},
    };
    const quic = renderLadder({...trace, frames: [quicFrame], events: []}, {width: 80});
    expect(lineOf(quic, 'Initial')).toMatch(/HANDSHAKING +─ Initial\[CRYPTO CH\] ─+▶ +ADDRESS-PENDING$/);
    expect(lineOf(quic, 'Initial')).not.toContain('seq=');
  });

  it('wraps a long label onto the lines under its arrow: nothing it says is cut', () => {
    const at = lines.findIndex((line) => line.includes('─ ClientHello'));
    const label = lines
      .slice(at, at + 3)
      .map((line) => line.replace(/^.*?─ /, '').replace(/ ─+▶.*$/, '').trim())
      .join(' ');
    expect(label).toBe('ClientHello with a label far too long to fit on any arrow at all, surely seq=1001 ack=7001 len=517');
    expect(text).not.toContain('…');
  });

  it('lists state changes after the last frame, and only those', () => {
    expect(text).not.toContain('Too early');
    expect(lineOf(text, 'TIME-WAIT → CLOSED')).toMatch(/^ *61 150 +client TIME-WAIT → CLOSED \(2×MSL timer expired\)$/);
  });

  it('ends with the summary of the engine', () => {
    expect(lines.at(-1)).toBe('Request sent at 1200 ms (12 RTT) · response received at 1300 ms (13 RTT)');
    const none = renderLadder({...trace, knobs: {...trace.knobs, data: 'none'}}, {width: 80});
    expect(none.split('\n').at(-1)).toBe('No application data (data=none)');
  });

  it('colours only when asked, dimming pure ACKs', () => {
    expect(text).not.toContain('\x1b[');
    const coloured = renderLadder(trace, {width: 80, color: true});
    expect(lineOf(coloured, 'ACK seq=1001')).toMatch(/^\x1b\[2m.*\x1b\[22m$/);
    expect(lineOf(coloured, 'SYN-ACK')).not.toContain('\x1b[2m');
  });
});

describe('TLS states in the ladder', () => {
  it('prints the TLS line only under frames after which a TLS state moved', async () => {
    const {run} = await import('../helpers/run.js');
    const lines = renderLadder(run('tls13'), {width: 100}).split('\n');
    const under = (text: string) => lines[lines.findIndex((l) => l.includes(text)) + 1] ?? '';
    expect(under('─ ChangeCipherSpec + {Finished}')).toMatch(/^\s+CONNECTED\s+WAIT_FINISHED$/);
    // The request changes no TLS state: the next line is the next frame, not a TLS line.
    expect(under(' request seq=')).toContain('NewSessionTicket');
  });
});
