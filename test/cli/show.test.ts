import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {keyLogFile} from '../../src/engine/bytes/keylog.js';
import {KNOB_NAMES, resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {simulate} from '../../src/engine/simulate.js';
import type {Trace} from '../../src/engine/types.js';
import {ACCEPTED, CONFLICTS, DOES_NOT_APPLY} from '../fixtures/knob-cases.js';
import {hsTutor, isOneSentence} from './run-cli.js';

async function showJson(args: string[]): Promise<Trace> {
  const result = await hsTutor(['show', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Trace;
}

/** CLI.md: a failing --json command exits 2, prints nothing on stdout and one sentence on stderr. */
async function expectUsageError(args: string[]): Promise<string> {
  const result = await hsTutor(['show', ...args, '--json']);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(isOneSentence(result.stderr)).toBe(true);
  return result.stderr;
}

describe('show --keylog', () => {
  it('writes the key log of the trace it prints, and prints nothing when it cannot write it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-show-'));
    try {
      const file = join(dir, 'tls13.keys');
      const result = await hsTutor(['show', 'tls13-rfc8448', '--json', '--keylog', file]);
      expect(result.status).toBe(0);
      const trace = simulate(resolveKnobs(findPreset('tls13-rfc8448')!.knobs, {}), {rttMs: 100, seed: 1, scenario: 'tls13-rfc8448'});
      expect(result.stdout).toBe(`${JSON.stringify(trace, null, 2)}\n`);
      expect(readFileSync(file, 'utf8')).toBe(keyLogFile(trace));
      const again = await hsTutor(['show', 'tls13', '--json', '--keylog', file]);
      expect(again.status).toBe(1);
      expect(again.stdout).toBe('');
      expect(isOneSentence(again.stderr)).toBe(true);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('show --json', () => {
  it('prints exactly the JSON of the engine trace', async () => {
    const result = await hsTutor(['show', 'tls13', '--json']);
    const knobs = resolveKnobs(findPreset('tls13')?.knobs ?? {}, {});
    const trace = simulate(knobs, {rttMs: 100, seed: 1, scenario: 'tls13'});
    expect(result.stdout).toBe(`${JSON.stringify(trace, null, 2)}\n`);
  });

  it('has every field CLI.md lists', async () => {
    const trace = await showJson(['tls13']);
    expect(trace.schemaVersion).toBe(1);
    expect(trace.scenario).toBe('tls13');
    expect(Object.keys(trace.knobs).sort()).toEqual([...KNOB_NAMES].sort());
    expect(trace.knobs.tls).toBe('1.3');
    expect(trace.rttMs).toBe(100);
    expect(trace.seed).toBe(1);
    expect(Array.isArray(trace.frames)).toBe(true);
    for (const [index, frame] of trace.frames.entries()) {
      expect(frame.index).toBe(index);
      expect(typeof frame.id).toBe('string');
      expect(['client', 'server']).toContain(frame.from);
      expect(['client', 'server']).toContain(frame.to);
      expect(typeof frame.sendMs).toBe('number');
      expect(frame.arriveMs === null ? frame.dropped : typeof frame.arriveMs === 'number').toBe(true);
      expect(typeof frame.dropped).toBe('boolean');
      expect(typeof frame.label).toBe('string');
      expect(frame.tcp === null || typeof frame.tcp.seq === 'number').toBe(true);
      expect(Array.isArray(frame.tls)).toBe(true);
      expect(frame.quic === null || Array.isArray(frame.quic.packets)).toBe(true);
      expect([null, 'request', 'response']).toContain(frame.app);
      expect(typeof frame.delivered).toBe('boolean');
      for (const side of ['client', 'server'] as const) {
        expect(frame.after[side]).toHaveProperty('tcp');
        expect(frame.after[side]).toHaveProperty('tls');
      }
    }
    expect(Object.keys(trace.summary).sort()).toEqual(
      ['requestSentMs', 'requestSentRtt', 'responseReceivedMs', 'responseReceivedRtt'].sort(),
    );
  });

  // Waits for the engine: the stub simulate() returns no frames.
  it('simulates a TCP handshake into frames', async () => {
    expect((await showJson(['tcp-handshake'])).frames.length).toBeGreaterThan(0);
  });

  it('takes --rtt, --seed and repeated --set', async () => {
    const trace = await showJson(['tls13', '--rtt', '80', '--seed', '7', '--set', 'hrr=on', '--set', 'compat=off']);
    expect(trace.rttMs).toBe(80);
    expect(trace.seed).toBe(7);
    expect(trace.knobs).toMatchObject({tls: '1.3', hrr: 'on', compat: 'off'});
  });

  it('accepts the ends of the --rtt and --seed ranges', async () => {
    expect((await showJson(['tcp-handshake', '--rtt', '1', '--seed', '0'])).rttMs).toBe(1);
    expect((await showJson(['tcp-handshake', '--rtt', '999'])).rttMs).toBe(999);
  });
});

describe('show usage errors', () => {
  it('suggests the closest scenario', async () => {
    expect(await expectUsageError(['tls14'])).toContain("did you mean 'tls13'?");
    expect(await expectUsageError(['nothing-like-it'])).toContain("'hs-tutor list'");
  });

  it('needs exactly one scenario', async () => {
    await expectUsageError([]);
    await expectUsageError(['tls13', 'quic']);
  });

  it.each(['0', '1000', 'abc', '1.5', '', '1e2'])('rejects --rtt %j', async (rtt) => {
    expect(await expectUsageError(['tls13', `--rtt=${rtt}`])).toContain('--rtt');
  });

  it.each(['-1', 'x', '1.5', ''])('rejects --seed %j', async (seed) => {
    expect(await expectUsageError(['tls13', `--seed=${seed}`])).toContain('--seed');
  });

  it('needs --set in knob=value form', async () => {
    expect(await expectUsageError(['tls13', '--set', 'hrr'])).toContain('<knob>=<value>');
    expect(await expectUsageError(['tls13', '--set', '=on'])).toContain('<knob>=<value>');
  });

  it('suggests the closest knob and value', async () => {
    expect(await expectUsageError(['tls13', '--set', 'hr=on'])).toContain("did you mean 'hrr'?");
    const badValue = await expectUsageError(['tls13', '--set', 'hrr=yes']);
    expect(badValue).toContain('off, on');
  });

  it.each([...DOES_NOT_APPLY, ...CONFLICTS].map((c) => [c.why, c] as const))('exits 2 for %s', async (_, c) => {
    const stderr = await expectUsageError([c.preset, ...c.set.flatMap((s) => ['--set', s])]);
    for (const name of c.names) expect(stderr).toContain(name);
  });

  it.each(ACCEPTED.map((c) => [c.why, c] as const))('accepts %s', async (_, c) => {
    await showJson([c.preset, ...c.set.flatMap((s) => ['--set', s])]);
  });
});

describe('show as a ladder', () => {
  it('prints a header, column heads and a summary without colour when piped', async () => {
    const result = await hsTutor(['show', 'tls13', '--rtt', '80']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('tls13');
    expect(lines[0]).toContain('TLS 1.3 full handshake over TCP');
    expect(lines[0]).toContain('RTT 80 ms');
    expect(lines[0]).toContain('tls=1.3');
    expect(result.stdout).toMatch(/ms +RTT +client +server/);
    expect(result.stdout).not.toContain('\x1b[');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(100);
  });

  it('says when there is no application data', async () => {
    expect((await hsTutor(['show', 'tcp-refused'])).stdout).toContain('No application data (data=none)');
  });
});
