// A captured connection as something the lesson player can step (`hs-tutor open <file> --step`):
// one part holding the capture's trace as it is, and for each packet a sentence of what it is,
// where and when the capture saw it, and what it changed on each side (states inferred).
import type {CaptureTraceInfo} from '../engine/bytes/capture-trace.js';
import type {Frame, Side, Trace} from '../engine/types.js';
import type {TutorLesson} from '../ui/app/ports.js';
import {oneLine} from './tell.js';

const ms = (value: number) => `${Math.round(value * 1000) / 1000} ms`;

function changes(trace: Trace, frame: Frame): string[] {
  const before = trace.frames[frame.index - 1]?.after;
  const out: string[] = [];
  for (const side of ['client', 'server'] as const satisfies readonly Side[]) {
    const was = before ? before[side].tcp : null;
    const now = frame.after[side].tcp;
    if (now !== was) out.push(`the ${side} ${was === null ? 'is' : 'moves to'} ${now}`);
  }
  return out;
}

export function captureLesson(file: string, number: number, trace: Trace, info: CaptureTraceInfo): TutorLesson {
  const name = oneLine(file);
  const where =
    info.capturedAt === 'unknown'
      ? "The capture does not hold this connection's handshake, so the arrows are drawn level, at the capture's own times."
      : `The handshake says this capture was taken at the ${info.capturedAt}, with a round trip of ${ms(info.rttMs!)}; the ${info.capturedAt}'s times are the capture's, the other end's are half a round trip away.`;
  const tls = info.tls === null ? 'No TLS was seen.' : `TLS ${info.tls}${info.decrypted ? ', its protected records opened with the key log.' : info.tls === '1.3' ? '; with --keylog its protected records are opened too.' : '.'}`;
  const words = new Map<string, string>();
  for (const frame of trace.frames) {
    const seen = frame.from === info.capturedAt || info.capturedAt === 'unknown' ? frame.sendMs : frame.arriveMs!;
    const moved = changes(trace, frame);
    words.set(
      frame.id,
      `Packet ${frame.id.slice('packet-'.length)}, from the ${frame.from}: ${frame.label}. ` +
        `The capture saw it at ${ms(seen)}${moved.length > 0 ? `; ${moved.join(' and ')} (inferred from what the capture saw)` : ''}.`,
    );
  }
  return {
    id: `capture:${name}:${number}`,
    title: `${name}, connection ${number}`,
    parts: [{title: `connection ${number}`, scenario: name, knobs: trace.knobs, trace}],
    narration: (_part, frameId) => words.get(frameId),
    partText: () => ({intro: `${where} ${tls}`, end: 'The end of what the capture holds for this connection.'}),
    transient: true,
  };
}
