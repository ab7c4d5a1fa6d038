// Loopback helpers for the class tests: a host on 127.0.0.1 with a free port and a fixed code,
// headless students, raw sockets that misbehave, and a bounded wait.
import {connect, type Socket} from 'node:net';
import {ClassClient, type ClientOptions} from '../../src/class/client.js';
import {ClassHost, type HostLimits} from '../../src/class/host.js';
import type {ClassPosition} from '../../src/class/protocol.js';
import {resolveKnobs} from '../../src/engine/knobs.js';

export const CODE = '12345678';
const knobs = resolveKnobs({tls: '1.3'}, {});

/** A class position at `frame` (frame ids are made up: the protocol carries them, the engine is not asked). */
export function at(frame: number, narration: string | null = null): ClassPosition {
  return {
    lesson: {id: 'tls13', title: 'TLS 1.3', parts: [{title: 'One round trip', scenario: 'tls13', knobs}]},
    part: 0,
    knobs,
    rttMs: 100,
    frame,
    frameId: `frame-${frame}`,
    narration,
  };
}

export async function startHost(limits: Partial<HostLimits> = {}): Promise<ClassHost> {
  return ClassHost.start(at(0), {port: 0, host: '127.0.0.1', code: CODE, limits: {closeGraceMs: 200, ...limits}});
}

export function student(host: ClassHost, name: string, options: Partial<ClientOptions> = {}): ClassClient {
  return new ClassClient({host: '127.0.0.1', port: host.address().port, code: CODE, name, backoff: {firstMs: 20, maxMs: 200}, ...options});
}

/** Polls until `check` holds; a generous timeout guards against hangs, not speed. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Raw {
  socket: Socket;
  /** Every line the host sent. */
  lines: string[];
  closed: Promise<void>;
  isClosed(): boolean;
  /** The reason of the host's goodbye, once it came. */
  bye(): string | undefined;
  send(text: string | Buffer): void;
}

/** A bare TCP connection to the host, for sending what no hs-tutor would. */
export async function raw(host: ClassHost): Promise<Raw> {
  const socket = connect({host: '127.0.0.1', port: host.address().port});
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const lines: string[] = [];
  let buffer = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  return {
    socket,
    lines,
    closed: done,
    isClosed: () => closed,
    bye: () => {
      for (const line of lines) {
        const m = JSON.parse(line) as {type: string; reason?: string};
        if (m.type === 'bye') return m.reason;
      }
      return undefined;
    },
    send: (text) => void socket.write(text),
  };
}

export const joinLine = (name: string, code = CODE, id = 'feedfacefeedface0000000000000000') => `${JSON.stringify({type: 'join', v: 1, code, name, id, following: true})}\n`;
