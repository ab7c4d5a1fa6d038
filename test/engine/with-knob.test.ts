// The engine's rules for changing one knob (withKnob), the contrasts the compare view offers, and
// the shared run cache: the facts the UI, the curriculum and the quiz used to re-implement.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {contrastsFor} from '../../src/engine/contrasts.js';
import {DEFAULT_KNOBS, KNOBS, knobsProblem, resolveKnobs, withKnob} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {encodings} from '../../src/engine/bytes/frames.js';
import {RunCache} from '../../src/engine/runs.js';
import type {Knobs} from '../../src/engine/types.js';
import {aChange, validKnobs} from './arbitrary-knobs.js';

const preset = (id: string): Knobs => resolveKnobs(findPreset(id)!.knobs, {});

describe('withKnob', () => {
  it('keeps the chosen value and returns a knob set that simulates, from any valid set', () => {
    fc.assert(
      fc.property(validKnobs, aChange, (knobs, [name, value]) => {
        const result = withKnob(knobs, name, value as Knobs[typeof name]);
        expect(result.problem).toBeUndefined();
        expect(result.knobs[name]).toBe(value);
        expect(knobsProblem(result.knobs)).toBeUndefined();
        for (const change of result.changed) {
          expect(change.knob).not.toBe(name);
          if (change.kind === 'reset') expect(change.to).toBe(KNOBS[change.knob].default);
          expect(change.why).toMatch(/\.$/);
        }
      }),
      {seed: 12, numRuns: 400},
    );
  });

  it('changes nothing else when the change is valid as it is', () => {
    const result = withKnob(preset('tls13'), 'hrr', 'on');
    expect(result.changed).toEqual([]);
    expect(result.knobs).toEqual({...preset('tls13'), hrr: 'on'});
  });

  it('brings TLS 1.3 with QUIC and drops what only TCP has', () => {
    const result = withKnob({...preset('tfo-tls13'), close: 'four-way'}, 'transport', 'quic');
    expect(result.knobs).toMatchObject({transport: 'quic', tls: '1.3', tfo: 'off', close: 'none'});
    expect(result.changed.map((c) => [c.knob, c.kind])).toEqual([
      ['tfo', 'reset'],
      ['close', 'reset'],
    ]);
  });

  it('sets what a chosen value needs: a Fast Open cookie over QUIC brings TCP back, 0-RTT brings resumption', () => {
    expect(withKnob(preset('quic'), 'tfo', 'cookie').changed).toMatchObject([{knob: 'transport', kind: 'needed', from: 'quic', to: 'tcp'}]);
    const zeroRtt = withKnob(preset('tls13'), 'earlyData', 'accepted');
    expect(zeroRtt.knobs).toMatchObject({resume: 'on', earlyData: 'accepted'});
    expect(zeroRtt.changed[0]!.why).toContain('earlyData=accepted needs a ticket');
  });

  it('resolves a clash in favour of the knob just chosen', () => {
    const hrr = withKnob(preset('tls13-0rtt'), 'hrr', 'on');
    expect(hrr.knobs).toMatchObject({hrr: 'on', earlyData: 'rejected'});
    const refused = withKnob(preset('tls13'), 'open', 'refused');
    expect(refused.knobs).toMatchObject({open: 'refused', tls: 'none', data: 'none'});
  });

  it('a page over several connections: non-persistent brings a close, a knob it cannot have brings one connection back', () => {
    const off = withKnob(preset('page-load'), 'persistent', 'off');
    expect(off.knobs).toMatchObject({persistent: 'off', close: 'four-way'});
    expect(off.changed.map((c) => [c.knob, c.kind])).toEqual([['close', 'needed']]);
    const lost = withKnob(preset('page-load-parallel'), 'lose', 'fin');
    expect(lost.knobs).toMatchObject({lose: 'fin', persistent: 'on', parallel: 1});
    expect(lost.changed.every((c) => c.kind === 'needed')).toBe(true);
    const parallel = withKnob(preset('page-load-pipelined'), 'parallel', 3);
    expect(parallel.knobs).toMatchObject({parallel: 3, pipelining: 'off'});
  });

  it('refuses a value out of range with the sentence validateKnobs gives', () => {
    const result = withKnob(DEFAULT_KNOBS, 'closeDelayMs', 10_001);
    expect(result.problem).toBe("closeDelayMs must be a whole number of milliseconds from 0 to 10000, not '10001'.");
  });
});

describe('contrastsFor', () => {
  const labels = (id: string) => contrastsFor(preset(id)).map((c) => c.label);

  it('offers the contrasts each lesson teaches, each a valid knob set', () => {
    expect(labels('tls13')).toEqual(['TLS 1.2 instead of 1.3', 'with a TCP Fast Open cookie', 'resumed with 0-RTT early data', 'data on the final ACK', 'QUIC instead of TCP']);
    expect(labels('quic')).toEqual(['resumed with 0-RTT early data', 'TCP + TLS 1.3 instead of QUIC']);
    expect(labels('tcp-close')).toContain('three-segment close');
    for (const id of ['tls13', 'quic', 'tcp-close', 'tfo-tls13-0rtt', 'tls12-client-auth']) {
      for (const c of contrastsFor(preset(id))) expect(knobsProblem(c.knobs)).toBeUndefined();
    }
  });

  it('drops only what no longer applies: TLS 1.2 instead of 1.3 turns off 0-RTT, HRR and compat mode', () => {
    const tls12 = contrastsFor({...preset('tls13-0rtt'), compat: 'off'}).find((c) => c.label === 'TLS 1.2 instead of 1.3')!;
    expect(tls12.knobs).toMatchObject({tls: '1.2', resume: 'on', earlyData: 'off', compat: 'on'});
  });

  it('offers no contrast that would have to change something else the scenario depends on', () => {
    // Fast Open only changes a normal open; piggybacking needs a handshake.
    expect(labels('tcp-simultaneous-open')).not.toContain('with a TCP Fast Open cookie');
    expect(labels('tcp-refused')).not.toContain('data on the final ACK');
  });
});

describe('the shared run cache', () => {
  it('simulates a knob set once and hands out the same frozen trace', () => {
    const cache = new RunCache(4);
    const a = cache.get({knobs: preset('tls13'), rttMs: 80});
    const b = cache.get({knobs: {...preset('tls13')}, rttMs: 80});
    expect(b).toBe(a);
    expect(cache.simulations).toBe(1);
    expect(Object.isFrozen(a.frames[0])).toBe(true);
    expect(() => {
      (a.frames as unknown as unknown[]).push(null);
    }).toThrow(TypeError);
    cache.get({knobs: preset('tls13'), rttMs: 81});
    expect(cache.simulations).toBe(2);
  });

  it('freezes a trace without encoding its bytes: only reading them does, once for the whole trace', () => {
    const cache = new RunCache(4);
    const before = encodings.traces;
    const trace = cache.get({knobs: preset('tls13'), rttMs: 77});
    expect(encodings.traces).toBe(before);
    expect(trace.frames[3]!.bytes).toMatch(/^45/);
    expect(trace.frames[0]!.bytes).toMatch(/^45/);
    expect(encodings.traces).toBe(before + 1);
    expect(JSON.parse(JSON.stringify(trace)).frames[5].bytes).toBe(trace.frames[5]!.bytes);
  });

  it('keeps only the most recent runs', () => {
    const cache = new RunCache(2);
    const first = cache.get({knobs: preset('tls13')});
    cache.get({knobs: preset('tls12')});
    cache.get({knobs: preset('tls13')});
    cache.get({knobs: preset('quic')});
    expect(cache.get({knobs: preset('tls13')})).toBe(first);
    expect(cache.simulations).toBe(3);
    cache.get({knobs: preset('tls12')});
    expect(cache.simulations).toBe(4);
  });
});
