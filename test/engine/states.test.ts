// The engine's state names: one list per layer and side, and every state a trace shows is on it.
import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {PRESETS} from '../../src/engine/presets.js';
import {run} from '../../src/engine/runs.js';
import {QUIC_STATES, STATE_NAMES, stateName, TLS12_STATES, TLS13_STATES, TLS_STATE_NAMES} from '../../src/engine/states.js';

describe('state names', () => {
  it('the TLS menu order holds exactly the names of both versions and sides', () => {
    const union = new Set<string>([...TLS13_STATES.client, ...TLS13_STATES.server, ...TLS12_STATES.client, ...TLS12_STATES.server]);
    expect([...TLS_STATE_NAMES].sort()).toEqual([...union].sort());
    expect(new Set(TLS_STATE_NAMES).size).toBe(TLS_STATE_NAMES.length);
  });

  it('every state of every preset at every layer is a listed name, on the side that uses it', () => {
    for (const preset of PRESETS) {
      const trace = run({knobs: resolveKnobs(preset.knobs, {}), scenario: preset.id});
      const version = trace.knobs.tls === '1.2' ? TLS12_STATES : TLS13_STATES;
      for (const frame of trace.frames) {
        for (const side of ['client', 'server'] as const) {
          const states = frame.after[side];
          if (states.tcp !== null) expect(STATE_NAMES.tcp, preset.id).toContain(states.tcp);
          if (states.tls !== null) expect(version[side] as readonly string[], `${preset.id} ${side}`).toContain(states.tls);
          if (states.quic) expect(QUIC_STATES[side] as readonly string[], `${preset.id} ${side}`).toContain(states.quic);
        }
      }
    }
  });

  it('says which names an RFC defines and which are the tutor\'s', () => {
    expect(stateName('tcp', 'TIME-WAIT')).toMatchObject({rfc: true, source: 'RFC 9293 §3.3.2'});
    expect(stateName('tls', 'WAIT_EE')).toMatchObject({rfc: true, source: 'RFC 8446 Appendix A'});
    expect(stateName('tls', 'WAIT_CKE')?.rfc).toBe(false);
    expect(stateName('quic', 'INITIAL_SENT')?.rfc).toBe(false);
    expect(stateName('tcp', 'CLOSE')).toBeUndefined();
  });
});
