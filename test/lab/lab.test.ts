// The lab: real Node/OpenSSL stacks on loopback through the delaying relay, held against the
// simulation. What is asserted is what a run shows on any machine under any load: which
// flights went, what they carried (TLS 1.3 opened with the stacks' own secrets), and that
// nothing arrives before the path allows it. How close the times come is measured, not
// asserted (README, "The lab").
import {describe, expect, it} from 'vitest';
import {keyLogFile} from '../../src/engine/bytes/keylog.js';
import {resolveKnobs, validateKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {simulate} from '../../src/engine/simulate.js';
import {UsageError} from '../../src/engine/errors.js';
import {simulatedFlights} from '../../src/lab/compare.js';
import {labPlan, runLab, type LabReport} from '../../src/lab/index.js';
import type {Relayed} from '../../src/lab/proxy.js';
import {nameChunks} from '../../src/lab/records.js';
import {labLines} from '../../src/lab/report.js';
import {hsTutor, isOneSentence} from '../cli/run-cli.js';

const knobsOf = (preset: string, set: Record<string, string> = {}) => resolveKnobs(findPreset(preset)!.knobs, set);
const RTT = 20;
const reports = new Map<string, Promise<LabReport>>();
const lab = (preset: string) => {
  if (!reports.has(preset)) reports.set(preset, runLab(preset, knobsOf(preset), RTT));
  return reports.get(preset)!;
};
const realNames = (r: LabReport) => r.real.flights.map((f) => `${f.side === 'client' ? '→' : '←'} ${f.names.join(' + ')}`);

describe('what the lab can run', () => {
  it.each([
    ['quic', /Node 20–24 has no QUIC/],
    ['tcp-syn-lost', /open=syn-lost happens in the kernel/],
    ['tcp-fin-lost', /lose=fin loses a TCP segment/],
    ['tcp-half-open', /host crash/],
    ['tcp-simultaneous-close', /simultaneous close/],
    ['page-load-non-persistent', /persistent=off loads the page over several connections/],
    ['page-load-parallel', /several connections/],
  ])('refuses %s in one sentence that says why', (preset, why) => {
    expect(() => labPlan(preset, knobsOf(preset))).toThrow(UsageError);
    expect(() => labPlan(preset, knobsOf(preset))).toThrow(why);
  });

  it('runs the nearest variant of what Node cannot do, saying what it left out and why, with knobs the engine accepts', () => {
    const plan = labPlan('tfo-tls13-0rtt', knobsOf('tfo-tls13-0rtt'));
    expect(plan.dropped.map((d) => d.knob)).toEqual(['tfo', 'earlyData']);
    expect(plan.dropped[0]!.why).toMatch(/TCP_FASTOPEN/);
    expect(plan.knobs).toMatchObject({tfo: 'off', earlyData: 'off', resume: 'on'});
    expect(() => validateKnobs(plan.knobs)).not.toThrow();
    expect(labPlan('tls12-false-start', knobsOf('tls12-false-start')).dropped.map((d) => d.knob)).toEqual(['falseStart']);
    expect(labPlan('tls13', knobsOf('tls13')).dropped).toEqual([]);
  });
});

describe('reading the relayed bytes', () => {
  /** The engine's own run as if the relay had carried it: each frame's TCP payload, with the engine's key log. */
  function asRelayed(preset: string): {relayed: Relayed[]; keylog: string[]} {
    const trace = simulate(knobsOf(preset), {rttMs: 100, seed: 1, scenario: preset});
    const relayed = trace.frames
      .filter((f) => f.tcp !== null && f.tcp.len > 0)
      .map((f) => {
        const bytes = Buffer.from(f.bytes, 'hex');
        const tcpAt = (bytes[0]! & 0x0f) * 4;
        const payload = bytes.subarray(tcpAt + (bytes[tcpAt + 12]! >> 4) * 4);
        return {from: f.from, sentMs: f.sendMs, arrivedMs: f.arriveMs!, kind: 'data' as const, bytes: new Uint8Array(payload)};
      });
    return {relayed, keylog: keyLogFile(trace)!.trim().split('\n')};
  }

  it.each(['tls13', 'tls13-client-auth', 'tls13-hrr'])('names every message of the engine\'s own %s bytes, the encrypted ones opened with its key log', (preset) => {
    const {relayed, keylog} = asRelayed(preset);
    const names = nameChunks(relayed, {keylog}).flatMap((c) => c.names);
    const trace = simulate(knobsOf(preset), {rttMs: 100, seed: 1, scenario: preset});
    expect(names).toEqual(simulatedFlights(trace).flatMap((f) => f.names));
    expect(names).toContain('EncryptedExtensions');
  });

  it('without the secrets, an encrypted record is only that', () => {
    const {relayed} = asRelayed('tls13');
    const names = nameChunks(relayed, {keylog: []}).flatMap((c) => c.names);
    expect(names).toContain('encrypted record');
    expect(names).not.toContain('Certificate');
  });
});

describe('the lab on loopback', () => {
  it.each(['tls13', 'tls12', 'tls13-hrr', 'tls13-client-auth', 'tcp-close'])('%s: the real flights carry what the simulated ones do, in the same order', async (preset) => {
    const report = await lab(preset);
    const trace = simulate(report.knobs, {rttMs: RTT, seed: 1, scenario: preset});
    const simulated = simulatedFlights(trace).map((f) => `${f.side === 'client' ? '→' : '←'} ${f.names.join(' + ')}`);
    expect(realNames(report)).toEqual(simulated);
    expect(report.comparison.rows.every((r) => r.realMs !== null && r.simulatedMs !== null)).toBe(true);
  });

  it('tls13: OpenSSL sends two tickets after a full handshake, and the lab says both servers did', async () => {
    const report = await lab('tls13');
    expect(report.tls).toMatchObject({version: 'TLSv1.3', suite: 'TLS_AES_128_GCM_SHA256', resumed: false});
    expect(report.comparison.differences).toContain("Both servers sent 2 NewSessionTickets, OpenSSL's default after a full handshake (SSL_CTX_set_num_tickets).");
  });

  it('tls13-psk resumes for real: no certificate, and no new ticket after the resumption', async () => {
    const report = await lab('tls13-psk');
    expect(report.tls?.resumed).toBe(true);
    expect(realNames(report)).toEqual(['→ ClientHello', '← ServerHello + ChangeCipherSpec + EncryptedExtensions + Finished', '→ ChangeCipherSpec + Finished + request', '← response']);
  });

  it('no flight arrives before the path allows: every reply leaves at least a round trip after what it answers left', async () => {
    for (const preset of ['tls13', 'tcp-close']) {
      const flights = (await lab(preset)).real.flights;
      for (let i = 1; i < flights.length; i++) {
        if (flights[i]!.side !== flights[i - 1]!.side) expect(flights[i]!.sentMs - flights[i - 1]!.sentMs).toBeGreaterThanOrEqual(RTT / 2 - 2);
      }
      const moments = (await lab(preset)).comparison.moments;
      // libuv's timers count whole milliseconds, so one may fire up to a millisecond before performance.now() says.
      for (const m of moments) expect(m.realMs!).toBeGreaterThanOrEqual(m.simulatedMs! - 2);
    }
  });

  it('the report fits its width and gives every difference a reason', async () => {
    const lines = labLines(await lab('tls13'), 80);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines).toContain('What differs, and why:');
    expect(lines.join(' ').replace(/\s+/g, ' ')).toMatch(/the kernel sends ACKs below the sockets/);
  });
});

describe('hs-tutor lab', () => {
  it('--json prints the report', async () => {
    const result = await hsTutor(['lab', 'tcp-handshake', '--rtt', '10', '--json']);
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({schemaVersion: 1, scenario: 'tcp-handshake', rttMs: 10, tls: null, dropped: []});
    expect(doc.real.flights.map((f: {names: string[]}) => f.names.join('+'))).toEqual(['request', 'response']);
  });

  it('a scenario it cannot run: exit 2 and one sentence', async () => {
    const result = await hsTutor(['lab', 'quic']);
    expect(result.status).toBe(2);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stdout).toBe('');
  });
});
