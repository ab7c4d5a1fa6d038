// Property tests (fast-check): for any knob combination, RTT and seed, the engine either refuses
// the combination with one sentence, or simulates it and every invariant of ARCHITECTURE.md holds.
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../src/engine/errors.js';
import {checkTrace} from '../../src/engine/invariants.js';
import {validateKnobs} from '../../src/engine/knobs.js';
import {simulate} from '../../src/engine/simulate.js';
import type {Knobs} from '../../src/engine/types.js';
import {anyKnobs} from './arbitrary-knobs.js';

/** Bends any combination into a valid one, rule by rule, as CLI.md's table and conflicts describe. */
function makeValid(k: Knobs): Knobs {
  const v = {...k};
  if (v.transport === 'quic') Object.assign(v, {tls: '1.3', compat: 'on', open: 'normal', piggyback: 'off', tfo: 'off', close: 'none'});
  else v.retry = 'off';
  if (v.tls !== '1.3') Object.assign(v, {compat: 'on', earlyData: 'off', hrr: 'off'});
  if (v.tls !== '1.2') v.falseStart = 'off';
  if (v.tls === 'none') Object.assign(v, {resume: 'off', clientAuth: 'off'});
  // vectors=rfc8448 replays RFC 8448 §3/§4: TLS 1.3 over TCP, no compat records, HRR or client certificate.
  if (v.vectors === 'rfc8448' && (v.transport !== 'tcp' || v.tls !== '1.3')) v.vectors = 'off';
  if (v.vectors === 'rfc8448') Object.assign(v, {compat: 'off', hrr: 'off', clientAuth: 'off', earlyData: v.earlyData === 'rejected' ? 'accepted' : v.earlyData});
  if (v.resume === 'on') Object.assign(v, {clientAuth: 'off', falseStart: 'off'});
  if (v.resume === 'off') v.earlyData = 'off';
  if (v.earlyData === 'accepted' && v.hrr === 'on') v.earlyData = 'rejected';
  if (v.clientAuth === 'on') v.falseStart = 'off';
  if (v.open !== 'normal') v.tfo = 'off';
  if (v.open === 'refused') Object.assign(v, {tls: 'none', data: 'none', close: 'none', piggyback: 'off', resume: 'off', clientAuth: 'off', falseStart: 'off', earlyData: 'off', hrr: 'off', compat: 'on', vectors: 'off'});
  if (v.data === 'none' && v.tls === 'none') v.piggyback = 'off';
  if (v.close === 'none') Object.assign(v, {closer: 'client', closeDelayMs: 0, timeWait: 'linux'});
  // lose: a segment of the handshake needs the normal open, one of the close a close with FINs.
  if (v.transport !== 'tcp') v.lose = 'none';
  if ((v.lose === 'syn-ack' || v.lose === 'handshake-ack') && (v.open !== 'normal' || v.tfo !== 'off')) v.lose = 'none';
  if ((v.lose === 'fin' || v.lose === 'fin-ack' || v.lose === 'last-ack') && v.close !== 'four-way' && v.close !== 'three-way') v.lose = 'none';
  if (v.transport !== 'tcp' || v.close !== 'none') v.crash = 'none';
  // TLS 1.2's key exchange and how it resumes apply only there.
  if (v.tls !== '1.2') Object.assign(v, {keyExchange: 'ecdhe', resumeWith: 'ticket'});
  if (v.resume === 'off') v.resumeWith = 'ticket';
  // A page's objects need the request and its response, over TCP, on a connection not left half-open.
  if (v.transport !== 'tcp' || v.data === 'none' || v.crash !== 'none') v.objects = 0;
  if (v.objects === 0) v.pipelining = 'off';
  if (v.open === 'simultaneous') v.dnsLookups = 0;
  // A response's size needs a response, over TCP, and not RFC 8448's own bytes; a rate is over TCP.
  if (v.transport !== 'tcp' || v.data === 'none' || v.vectors === 'rfc8448') v.objectBytes = 200;
  if (v.transport !== 'tcp') v.bandwidth = 'off';
  // Non-persistent needs a response and a close one side starts; parallel connections share 2+ objects,
  // and over persistent connections the browser (the client) closes them.
  if (v.transport !== 'tcp' || v.data === 'none' || v.close === 'none' || v.close === 'simultaneous') v.persistent = 'on';
  if (v.transport !== 'tcp' || v.objects < 2) v.parallel = 1;
  if (v.parallel > 1 && v.persistent === 'on' && (v.closer === 'server' || v.close === 'simultaneous')) v.parallel = 1;
  // A page over several connections opens each normally, without TFO, loss, pipelining or RFC 8448's keys.
  if (v.objects > 0 && (v.persistent === 'off' || v.parallel > 1)) Object.assign(v, {pipelining: 'off', open: 'normal', tfo: 'off', lose: 'none', vectors: 'off'});
  return v;
}

const rtt = fc.integer({min: 1, max: 999});
const seed = fc.integer({min: 0, max: 2 ** 31 - 1});

describe('engine properties', () => {
  it('every valid combination simulates and keeps every invariant (any RTT, any seed, 32-bit ISNs)', () => {
    fc.assert(
      fc.property(anyKnobs.map(makeValid), rtt, seed, fc.boolean(), (knobs, rttMs, s, randomIsn) => {
        expect(() => validateKnobs(knobs)).not.toThrow();
        const trace = simulate(knobs, {rttMs, seed: s, isn: randomIsn ? 'random' : 'readable'});
        expect(checkTrace(trace)).toEqual([]);
        expect(trace.frames.length).toBeGreaterThan(0);
      }),
      {numRuns: 400},
    );
  });

  it('any combination at all is either refused with one sentence, or simulates cleanly', () => {
    fc.assert(
      fc.property(anyKnobs, rtt, seed, (knobs, rttMs, s) => {
        let error: unknown;
        try {
          validateKnobs(knobs);
        } catch (e) {
          error = e;
        }
        if (error) {
          expect(error).toBeInstanceOf(UsageError);
          const message = (error as Error).message;
          expect(message).not.toContain('\n');
          expect(message).toMatch(/\.$/);
          expect(() => simulate(knobs, {rttMs, seed: s})).toThrow(UsageError);
          return;
        }
        expect(checkTrace(simulate(knobs, {rttMs, seed: s}))).toEqual([]);
      }),
      {numRuns: 400},
    );
  });

  it('is deterministic: the same knobs, RTT and seed give the same trace', () => {
    fc.assert(
      fc.property(anyKnobs.map(makeValid), rtt, seed, (knobs, rttMs, s) => {
        expect(JSON.stringify(simulate(knobs, {rttMs, seed: s}))).toBe(JSON.stringify(simulate(knobs, {rttMs, seed: s})));
      }),
      {numRuns: 100},
    );
  });

  it('frame ids depend on content, not on unrelated knobs: the handshake keeps its ids whatever the close', () => {
    fc.assert(
      fc.property(anyKnobs.map(makeValid), (knobs) => {
        // Non-persistent HTTP closes each connection by its nature: there is no run without a close to compare.
        fc.pre(knobs.transport === 'tcp' && knobs.open !== 'refused' && knobs.persistent === 'on');
        const open = simulate({...knobs, close: 'none', closer: 'client', closeDelayMs: 0, timeWait: 'linux', lose: ['fin', 'fin-ack', 'last-ack'].includes(knobs.lose) ? 'none' : knobs.lose}, {rttMs: 100, seed: 1});
        const closed = simulate({...knobs, close: 'four-way', crash: 'none'}, {rttMs: 100, seed: 1});
        const firstFin = closed.frames.findIndex((f) => f.tcp!.flags.includes('FIN'));
        const before = closed.frames.slice(0, firstFin).map((f) => f.id);
        expect(open.frames.map((f) => f.id).slice(0, before.length - 1)).toEqual(before.slice(0, -1));
      }),
      {numRuns: 100},
    );
  });
});
