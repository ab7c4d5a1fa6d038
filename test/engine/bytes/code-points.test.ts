// One code-point table serves the encoders and the describer: every TLS code point any preset or
// knob sample writes is named when its bytes are described (none falls through to a bare number).
import {describe, expect, it} from 'vitest';
import {describeFields} from '../../../src/engine/bytes/fields.js';
import {CIPHER_SUITE, EXTENSION, HANDSHAKE_TYPE, NAMED_GROUP, names, SIGNATURE_SCHEME} from '../../../src/engine/bytes/code-points.js';
import {resolveKnobs} from '../../../src/engine/knobs.js';
import {findPreset, PRESETS} from '../../../src/engine/presets.js';
import {run} from '../../../src/engine/runs.js';
import {KNOB_SAMPLES} from '../../fixtures/knob-samples.js';

describe('TLS code points', () => {
  it('name each value once, and turn around without loss', () => {
    for (const table of [HANDSHAKE_TYPE, EXTENSION, CIPHER_SUITE, NAMED_GROUP, SIGNATURE_SCHEME]) {
      const reversed = names(table);
      expect(Object.keys(reversed)).toHaveLength(Object.keys(table).length);
      for (const [name, code] of Object.entries(table)) expect(reversed[code]).toBe(name);
    }
  });

  it('every code point the encoders write is named by the describer', () => {
    const runs = [
      ...PRESETS.map((p) => ({knobs: resolveKnobs(p.knobs, {}), scenario: p.id})),
      ...KNOB_SAMPLES.map((s) => ({knobs: resolveKnobs(findPreset(s.preset)!.knobs, s.set), scenario: s.preset})),
    ];
    let checked = 0;
    for (const request of runs) {
      const trace = run(request);
      for (const frame of trace.frames) {
        for (const field of describeFields(frame, trace)) {
          if (field.layer !== 'tls') continue;
          checked += 1;
          expect(field.value, `${request.scenario} ${frame.id}: ${field.name}`).not.toMatch(/\btype \d+\b|\b0x[0-9a-f]{4}\b(?! \()/);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
