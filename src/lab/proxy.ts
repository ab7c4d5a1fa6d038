// The lab's path: an in-process TCP relay between the real client and the real server that
// delays each direction by half a round trip, and notes every chunk of bytes it relays with the
// moment it left its sender and the moment it reached the other end (a capture at both ends).
//
// A user-space relay cannot delay the kernel's own SYN and SYN-ACK: on loopback they take
// microseconds. So the relay gives the handshake the round trip a real path would: the client's
// connect() is answered one RTT after it was called (the SYN-ACK's return), and the relay opens
// its own connection to the server only 1.5 RTT in, when the handshake's final ACK would reach
// it, which is when a real server's accept() returns (RFC 9293 §3.5, figure 6).
import {createServer, connect, type Server, type Socket} from 'node:net';
import type {Side} from '../engine/types.js';

export interface Relayed {
  from: Side;
  /** When the sender's bytes reached the relay (its send time, loopback adds microseconds). */
  sentMs: number;
  /** When the relay handed them to the receiver, half a round trip later. */
  arrivedMs: number;
  kind: 'data' | 'fin' | 'reset';
  bytes: Uint8Array;
}

export interface PathClock {
  /** Milliseconds since the lab's t = 0 (the client's connect()). */
  now(): number;
}

/** A relay that delays one connection by rttMs/2 each way; listen() gives its port. */
export class DelayPath {
  readonly relayed: Relayed[] = [];
  /** When the relay's connection to the server was accepted (the server's accept()). */
  acceptedMs: number | null = null;
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly rttMs: number,
    private readonly clock: PathClock,
    private readonly target: {port: number},
  ) {
    // Half-open allowed: a FIN is relayed as a FIN, never answered by the relay itself.
    this.server = createServer({noDelay: true, allowHalfOpen: true}, (client) => this.relay(client));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as {port: number}).port));
    });
  }

  /** At `atMs` on the lab's clock (at once when it has passed). */
  at(atMs: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, Math.max(0, atMs - this.clock.now()));
    this.timers.add(timer);
  }

  private relay(client: Socket): void {
    const half = this.rttMs / 2;
    const acceptedAt = this.clock.now();
    this.sockets.add(client);
    client.pause();
    let upstream: Socket | null = null;
    const waiting: (() => void)[] = [];
    const toServer = (run: (s: Socket) => void) => (upstream ? run(upstream) : waiting.push(() => run(upstream!)));
    // The server side of the handshake: connect when the final ACK would arrive.
    this.at(acceptedAt + 1.5 * this.rttMs, () => {
      const s = connect({port: this.target.port, host: '127.0.0.1', noDelay: true, allowHalfOpen: true}, () => {
        this.acceptedMs = this.clock.now();
        upstream = s;
        for (const run of waiting.splice(0)) run();
        s.resume();
      });
      s.pause();
      this.sockets.add(s);
      this.pipe(s, 'server', half, (run) => run(client));
    });
    this.pipe(client, 'client', half, toServer);
    client.resume();
  }

  /** Relays what `from`'s socket sends to the other end, half a round trip later, in order. */
  private pipe(source: Socket, from: Side, half: number, deliver: (run: (to: Socket) => void) => void): void {
    let last = 0;
    const schedule = (kind: Relayed['kind'], bytes: Uint8Array, act: (to: Socket) => void) => {
      const sentMs = this.clock.now();
      const due = Math.max(sentMs + half, last);
      last = due;
      const entry: Relayed = {from, sentMs, arrivedMs: due, kind, bytes};
      this.relayed.push(entry);
      this.at(due, () =>
        deliver((to) => {
          entry.arrivedMs = this.clock.now();
          if (!to.destroyed) act(to);
        }),
      );
    };
    source.on('data', (chunk: Buffer) => schedule('data', new Uint8Array(chunk), (to) => to.write(chunk)));
    source.on('end', () => schedule('fin', new Uint8Array(0), (to) => to.end()));
    source.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') schedule('reset', new Uint8Array(0), (to) => to.resetAndDestroy());
    });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }
}
