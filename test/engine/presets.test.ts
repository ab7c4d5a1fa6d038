import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset, PRESET_IDS, PRESETS} from '../../src/engine/presets.js';
import type {Knobs} from '../../src/engine/types.js';

// CLI.md's preset table, written out again so a change to presets.ts cannot pass unnoticed.
const CLI_MD_PRESETS: Record<string, Partial<Knobs>> = {
  'tcp-handshake': {},
  'tcp-modern': {piggyback: 'on', close: 'three-way'},
  'tcp-close': {close: 'four-way'},
  'tcp-close-3way': {close: 'three-way'},
  'tcp-simultaneous-open': {open: 'simultaneous'},
  'tcp-simultaneous-close': {close: 'simultaneous'},
  'tcp-refused': {open: 'refused', data: 'none'},
  'tcp-syn-lost': {open: 'syn-lost'},
  'tcp-syn-cookies': {open: 'syn-cookies'},
  'tcp-abort': {close: 'abort'},
  tls12: {tls: '1.2'},
  'tls12-resumed': {tls: '1.2', resume: 'on'},
  'tls12-false-start': {tls: '1.2', falseStart: 'on'},
  'tls12-client-auth': {tls: '1.2', clientAuth: 'on'},
  tls13: {tls: '1.3'},
  'tls13-hrr': {tls: '1.3', hrr: 'on'},
  'tls13-psk': {tls: '1.3', resume: 'on'},
  'tls13-client-auth': {tls: '1.3', clientAuth: 'on'},
  'tls13-0rtt': {tls: '1.3', resume: 'on', earlyData: 'accepted'},
  'tls13-0rtt-rejected': {tls: '1.3', resume: 'on', earlyData: 'rejected'},
  'tfo-request': {tfo: 'request'},
  'tfo-cookie': {tfo: 'cookie'},
  'tfo-tls13': {tfo: 'cookie', tls: '1.3'},
  'tfo-tls13-0rtt': {tfo: 'cookie', tls: '1.3', resume: 'on', earlyData: 'accepted'},
  quic: {transport: 'quic', tls: '1.3'},
  'quic-0rtt': {transport: 'quic', tls: '1.3', resume: 'on', earlyData: 'accepted'},
  'quic-retry': {transport: 'quic', tls: '1.3', retry: 'on'},
};

describe('presets', () => {
  it.each(Object.entries(CLI_MD_PRESETS))('%s sets exactly the knobs CLI.md lists', (id, knobs) => {
    expect(findPreset(id)?.knobs).toEqual(knobs);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s resolves to a valid knob set and has a title', (_, preset) => {
    expect(() => resolveKnobs(preset.knobs, {})).not.toThrow();
    expect(preset.title.length).toBeGreaterThan(5);
  });

  it('has unique ids in kebab-case', () => {
    expect(new Set(PRESET_IDS).size).toBe(PRESETS.length);
    for (const id of PRESET_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('finds nothing for an unknown id', () => {
    expect(findPreset('tls14')).toBeUndefined();
  });
});
