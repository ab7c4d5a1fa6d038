import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {simulate} from '../../src/engine/simulate.js';
import type {Frame, Side, Trace} from '../../src/engine/types.js';

/** Simulates a preset with `--set`-style overrides, as the CLI would. */
export function run(preset: string, overrides: Record<string, string> = {}, options: {rttMs?: number; seed?: number} = {}): Trace {
  const found = findPreset(preset);
  if (!found) throw new Error(`no preset ${preset}`);
  return simulate(resolveKnobs(found.knobs, overrides), {rttMs: options.rttMs ?? 100, seed: options.seed ?? 1, scenario: preset});
}

export const frame = (trace: Trace, id: string): Frame => {
  const found = trace.frames.find((f) => f.id === id);
  if (!found) throw new Error(`no frame ${id} in ${trace.frames.map((f) => f.id).join(', ')}`);
  return found;
};

/** The TCP states one side went through, in order, starting from CLOSED. */
export function tcpPath(trace: Trace, side: Side): string[] {
  const changes = trace.events.filter((e) => e.side === side && e.layer === 'tcp');
  return ['CLOSED', ...changes.map((e) => e.to!)];
}

/** Handshake messages a side sent, in order (each listed once, where its record ends). */
export function messagesFrom(trace: Trace, side: Side): string[] {
  return trace.frames.filter((f) => f.from === side).flatMap((f) => [...f.tls.flatMap((r) => r.messages), ...(f.quic?.packets.flatMap((p) => p.messages) ?? [])]);
}

export const seqLine = (f: Frame): string => `${f.tcp!.flags.join(',')} seq=${f.tcp!.seq} ack=${f.tcp!.ack} len=${f.tcp!.len}`;
