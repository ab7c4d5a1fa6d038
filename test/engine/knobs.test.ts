import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/engine/errors.js';
import {
  DEFAULT_KNOBS,
  defaultKnobs,
  describeKnobs,
  KNOB_NAMES,
  KNOBS,
  nonDefaultKnobs,
  resolveKnobs,
  validateKnobs,
  withKnob,
} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {closest} from '../../src/engine/suggest.js';
import type {Knobs} from '../../src/engine/types.js';
import {ACCEPTED, CONFLICTS, DOES_NOT_APPLY, type RejectedCase} from '../fixtures/knob-cases.js';

function overrides(set: string[]): Record<string, string> {
  return Object.fromEntries(set.map((s) => s.split('=') as [string, string]));
}

function resolveCase(c: {preset: string; set: string[]}): Knobs {
  const preset = findPreset(c.preset);
  if (preset === undefined) throw new Error(`fixture names unknown preset ${c.preset}`);
  return resolveKnobs(preset.knobs, overrides(c.set));
}

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError, but nothing was thrown');
}

/** One sentence on one line, ending like a sentence. */
function expectOneSentence(message: string): void {
  expect(message).not.toContain('\n');
  expect(message).toMatch(/[.?]$/);
}

describe('the knob table', () => {
  it('has every knob of CLI.md, in its order', () => {
    expect(KNOB_NAMES).toEqual([
      'transport', 'open', 'piggyback', 'tfo', 'tls', 'compat', 'resume', 'earlyData', 'falseStart',
      'hrr', 'clientAuth', 'retry', 'data', 'close', 'closer', 'closeDelayMs', 'timeWait', 'vectors', 'lose', 'crash',
      'keyExchange', 'resumeWith', 'dnsLookups', 'objects', 'pipelining', 'objectBytes', 'bandwidth', 'persistent', 'parallel',
    ]);
  });

  it('has CLI.md defaults, with TLS 1.3 the default over QUIC', () => {
    expect(DEFAULT_KNOBS).toEqual({
      transport: 'tcp', open: 'normal', piggyback: 'off', tfo: 'off', tls: 'none', compat: 'on', resume: 'off',
      earlyData: 'off', falseStart: 'off', hrr: 'off', clientAuth: 'off', retry: 'off', data: 'request-response',
      close: 'none', crash: 'none', closer: 'client', closeDelayMs: 0, timeWait: 'linux', vectors: 'off', lose: 'none',
      keyExchange: 'ecdhe', resumeWith: 'ticket', dnsLookups: 0, objects: 0, pipelining: 'off', objectBytes: 200, bandwidth: 'off',
      persistent: 'on', parallel: 1,
    });
    expect(defaultKnobs('quic')).toEqual({...DEFAULT_KNOBS, transport: 'quic', tls: '1.3'});
  });

  it('describes every knob with its values and default', () => {
    const rows = describeKnobs();
    expect(rows.map((r) => r.name)).toEqual(KNOB_NAMES);
    expect(rows.find((r) => r.name === 'closeDelayMs')).toMatchObject({values: '0–10000', default: '0'});
    expect(rows.find((r) => r.name === 'tls')?.default).toBe('none (tcp), 1.3 (quic)');
    expect(rows.find((r) => r.name === 'open')?.values).toBe('normal, simultaneous, refused, syn-lost, syn-cookies');
    for (const row of rows) expect(row.description).not.toBe('');
  });

  it('lists only the knobs that differ from the defaults of the transport', () => {
    expect(nonDefaultKnobs(defaultKnobs('quic'))).toEqual({transport: 'quic'});
    expect(nonDefaultKnobs({...DEFAULT_KNOBS, tls: '1.3', closeDelayMs: 5})).toEqual({tls: '1.3', closeDelayMs: 5});
  });
});

describe('resolveKnobs', () => {
  it('fills in defaults, with the tls default following the transport', () => {
    expect(resolveKnobs({}, {})).toEqual(DEFAULT_KNOBS);
    expect(resolveKnobs({}, {transport: 'quic'}).tls).toBe('1.3');
    expect(resolveKnobs({transport: 'quic'}, {}).tls).toBe('1.3');
  });

  it('applies overrides on top of the preset', () => {
    const knobs = resolveKnobs({tls: '1.3', resume: 'on'}, {resume: 'off', tfo: 'cookie'});
    expect(knobs).toMatchObject({tls: '1.3', resume: 'off', tfo: 'cookie'});
  });

  it('parses closeDelayMs as a whole number in 0–10000', () => {
    const close = {close: 'four-way'} as const;
    expect(resolveKnobs(close, {closeDelayMs: '0'}).closeDelayMs).toBe(0);
    expect(resolveKnobs(close, {closeDelayMs: '10000'}).closeDelayMs).toBe(10000);
    for (const bad of ['10001', '-1', '1.5', 'abc', '', '1e3']) {
      const error = usageError(() => resolveKnobs(close, {closeDelayMs: bad}));
      expect(error.message).toContain('closeDelayMs');
      expect(error.message).toContain('0 to 10000');
      expectOneSentence(error.message);
    }
  });

  it('suggests the closest knob for an unknown name', () => {
    const error = usageError(() => resolveKnobs({}, {tsl: '1.3'}));
    expect(error.message).toBe("Unknown knob 'tsl'; did you mean 'tls'?");
    expect(usageError(() => resolveKnobs({}, {earlydata: 'off'})).message).toContain("'earlyData'");
    expect(usageError(() => resolveKnobs({}, {zzzzzz: 'x'})).message).toContain('the knobs are transport, open,');
  });

  it('lists the allowed values and suggests the closest for a bad value', () => {
    const error = usageError(() => resolveKnobs({}, {tls: '1.4'}));
    expect(error.message).toBe("Unknown value '1.4' for tls (allowed: none, 1.2, 1.3); did you mean '1.3'?");
    expect(usageError(() => resolveKnobs({}, {open: 'refuse'})).message).toContain("did you mean 'refused'?");
    const far = usageError(() => resolveKnobs({}, {transport: 'carrier-pigeon'}));
    expect(far.message).toBe("Unknown value 'carrier-pigeon' for transport; use one of tcp, quic.");
  });

  it('gives every error as a UsageError (the CLI turns it into exit 2)', () => {
    expect(usageError(() => resolveKnobs({}, {tls: 'x'}))).toBeInstanceOf(UsageError);
  });
});

describe('validateKnobs', () => {
  const rejects = (c: RejectedCase) => {
    const error = usageError(() => resolveCase(c));
    for (const name of c.names) expect(error.message).toContain(name);
    expectOneSentence(error.message);
    // Every sentence names the way out, not only the problem.
    expect(error.message).toMatch(/\b(set|use)\b/);
  };

  it.each(DOES_NOT_APPLY.map((c) => [c.why, c] as const))('rejects a knob that does not apply: %s', (_, c) => rejects(c));
  it.each(CONFLICTS.map((c) => [c.why, c] as const))('rejects a conflict: %s', (_, c) => rejects(c));
  it.each(ACCEPTED.map((c) => [c.why, c] as const))('accepts %s', (_, c) => {
    expect(() => resolveCase(c)).not.toThrow();
  });

  it('checks values too, for knob sets that did not come through resolveKnobs', () => {
    expect(() => validateKnobs({...DEFAULT_KNOBS, closeDelayMs: 2.5})).toThrow(UsageError);
    expect(() => validateKnobs({...DEFAULT_KNOBS, tls: '1.4' as Knobs['tls']})).toThrow(/tls/);
  });

  it('blames QUIC for a TLS version QUIC cannot carry before anything that version breaks', () => {
    const error = usageError(() => resolveKnobs({transport: 'quic', resume: 'on', earlyData: 'accepted'}, {tls: '1.2'}));
    expect(error.message).toMatch(/^tls=1\.2 is impossible over QUIC/);
  });

  it('answers any knob set with either acceptance or one sentence naming a knob', () => {
    const value = <K extends keyof Knobs>(name: K) => {
      const values = KNOBS[name].values;
      return 'min' in values ? fc.integer({min: values.min, max: values.max}) : fc.constantFrom(...(values as Knobs[K][]));
    };
    const knobs = fc.record(Object.fromEntries(KNOB_NAMES.map((n) => [n, value(n)])) as {[K in keyof Knobs]: fc.Arbitrary<Knobs[K]>});
    fc.assert(
      fc.property(knobs, (k) => {
        try {
          validateKnobs(k);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          expectOneSentence(error.message);
          expect(KNOB_NAMES.some((name) => error.message.includes(name))).toBe(true);
        }
      }),
      {numRuns: 2000},
    );
  });
});

describe('closest', () => {
  it('forgives typos, case and partial names', () => {
    expect(closest('tls14', ['tls12', 'tls13', 'quic'])).toBe('tls13');
    expect(closest('tls31', ['tls12', 'tls13', 'quic'])).toBe('tls13');
    expect(closest('SHWO', ['list', 'show'])).toBe('show');
    expect(closest('tfo', ['tcp-handshake', 'tfo-request', 'tfo-cookie'])).toBe('tfo-request');
    expect(closest('tls13-0rtt-accepted', ['tls13', 'tls13-0rtt', 'quic'])).toBe('tls13-0rtt');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closest('banana', ['tls13', 'quic'])).toBeUndefined();
    expect(closest('x', ['tls', 'hrr'])).toBeUndefined();
  });
});

describe('vectors=rfc8448', () => {
  const tls13 = resolveKnobs({tls: '1.3'}, {});

  it('turns compatibility mode off when chosen, since RFC 8448 §3 and §4 run without it', () => {
    const result = withKnob(tls13, 'vectors', 'rfc8448');
    expect(result.problem).toBeUndefined();
    expect(result.knobs).toMatchObject({vectors: 'rfc8448', compat: 'off'});
    expect(result.changed).toEqual([expect.objectContaining({knob: 'compat', kind: 'needed', to: 'off'})]);
  });

  it('goes back off when a knob it cannot replay is chosen: compat, hrr, clientAuth, rejected early data, QUIC', () => {
    const vectors = resolveKnobs(findPreset('tls13-rfc8448')!.knobs, {});
    for (const [knob, value] of [['compat', 'on'], ['hrr', 'on'], ['clientAuth', 'on'], ['transport', 'quic']] as const) {
      const result = withKnob(vectors, knob, value as never);
      expect(result.problem, knob).toBeUndefined();
      expect(result.knobs.vectors, knob).toBe('off');
    }
    const early = withKnob(resolveKnobs(findPreset('tls13-rfc8448-0rtt')!.knobs, {}), 'earlyData', 'rejected');
    expect(early.knobs.vectors).toBe('off');
  });
});
