// Loopback helpers for the class tests: a host on 127.0.0.1 with a free port and a fixed code,
// headless students, raw sockets that misbehave (before or inside the v2 link), and a bounded wait.
import {connect, type Socket} from 'node:net';
import {ClassClient, type ClientOptions} from '../../src/class/client.js';
import {FrameReader, framed, importHostKey, StudentLink} from '../../src/class/handshake.js';
import {ClassHost, type HostLimits} from '../../src/class/host.js';
import type {ClassPosition} from '../../src/class/protocol.js';
import {resolveKnobs} from '../../src/engine/knobs.js';

/** The class key of every test host (a fixed Ed25519 seed), and the code it makes. */
export const TEST_KEY = importHostKey(Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 7)]).toString('base64'));
export const CODE = TEST_KEY.code;
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
  return ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: TEST_KEY, limits: {closeGraceMs: 200, ...limits}});
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
  /** Every message the host sent, as JSON text: plaintext goodbyes before the link opens, then the sealed messages opened. */
  lines: string[];
  closed: Promise<void>;
  isClosed(): boolean;
  /** The reason of the host's goodbye, once it came. */
  bye(): string | undefined;
  /** Bytes as they are, outside any frame. */
  send(bytes: string | Buffer): void;
  /** Runs the v2 handshake with `code` (a hello, a share, a confirmation), then sends the join inside the link. */
  join(name: string, code?: string, extra?: object): Promise<void>;
  /** A message inside the open link (sealed), as JSON text or any text at all. */
  message(text: string): void;
  /** A plaintext frame of this body (before the link is open). */
  frame(body: string | Buffer): void;
}

/** A bare TCP connection to the host, for sending what no hs-tutor would. */
export async function raw(host: ClassHost): Promise<Raw> {
  const socket = connect({host: '127.0.0.1', port: host.address().port});
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const lines: string[] = [];
  let link: StudentLink | null = null;
  let opened: (() => void) | null = null;
  const reader = new FrameReader(1 << 20);
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    const {frames, v1} = reader.push(chunk);
    if (v1) lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    for (const frame of frames) {
      if (!link) {
        lines.push(frame.subarray(4).toString('utf8'));
        continue;
      }
      const out = link.receive(frame);
      for (const reply of out.reply) socket.write(reply);
      if (out.message) lines.push(JSON.stringify(out.message));
      if (out.failure) lines.push(JSON.stringify({type: 'failure', reason: out.failure.reason}));
      if (out.opened) opened?.();
    }
  });
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      opened?.();
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
    send: (bytes) => void socket.write(bytes),
    join: async (name, code = CODE, extra = {}) => {
      const mine = new StudentLink(code);
      link = mine;
      await new Promise<void>((resolve) => {
        opened = resolve;
        socket.write(mine.hello());
      });
      opened = null;
      if (mine.open) socket.write(mine.seal(JSON.stringify({type: 'join', name, following: true, ...extra})));
    },
    message: (text) => {
      if (link?.open) socket.write(link.seal(text));
    },
    frame: (body) => void socket.write(framed(typeof body === 'string' ? Buffer.from(body) : body)),
  };
}
