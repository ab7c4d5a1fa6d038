// The instructor's side of the network: a TCP server that admits students through protocol v2's
// handshake (handshake.ts: CPace with the join code, then the host's key, then an encrypted link),
// keeps the pure host state (host-state.ts) up to date from what they send, and fans the class
// position, questions and reveals out to everyone, sealed for each. One bad client never costs the
// others: every frame is size-capped and schema-checked, floods and silence are cut off, wrong
// codes spend one budget for the whole class, and a client that does not read is dropped once its
// unread messages pass a cap, so a write never waits on anyone.
import {randomBytes} from 'node:crypto';
import {createServer, type Server, type Socket} from 'node:net';
import {exportHostKey, FrameReader, framed, HostLink, importHostKey, newHostKey, newSecret, secretHash, secretMatches, VERSION_SENTENCE, type GuessPort, type HostKey} from './handshake.js';
import {initialHostState, reduceHost, revealOf, votesOf, wireQuestion, type HostEvent, type HostQuestion, type HostState, type Refusal} from './host-state.js';
import {DEFAULT_GUESSES, GuessBudget, MessageBudget, type GuessPolicy} from './limits.js';
import {encode, MAX_STUDENT_LINE, parseStudentMessage, PROTOCOL_VERSION, type ClassPosition, type HostMessage, type StudentMessage} from './protocol.js';
import {cleanName} from './sanitize.js';

export interface HostLimits {
  /** Open connections at most, joined or not; more are told the class is full. */
  maxConnections: number;
  /** A connection must finish the handshake and join within this. */
  joinTimeoutMs: number;
  /** A joined student who sends nothing (not even the answer to a ping) for this long is cut off. */
  idleTimeoutMs: number;
  pingEveryMs: number;
  /** A student whose unread messages pass this many bytes is dropped (it stopped reading). */
  maxBufferedBytes: number;
  maxLineBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Join-code guesses for the whole class (limits.ts GuessBudget). */
  guesses: GuessPolicy;
  /** Connections that have not joined yet, per address and in all: idle sockets cannot hold the door. */
  maxPendingPerAddress: number;
  maxPending: number;
  /** Students joined from one address at once, and on the roster in all. */
  maxJoinedPerAddress: number;
  maxStudents: number;
  /** After a goodbye, how long the other side has to close before the socket is destroyed. */
  closeGraceMs: number;
  /** Wrong guesses one code takes before it admits nobody until the instructor rotates it (design: 10,000). */
  maxFailuresPerCode: number;
}

export const DEFAULT_HOST_LIMITS: HostLimits = {
  maxConnections: 256,
  joinTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  pingEveryMs: 5_000,
  maxBufferedBytes: 1024 * 1024,
  maxLineBytes: MAX_STUDENT_LINE,
  messagesPerSecond: 20,
  messageBurst: 40,
  guesses: DEFAULT_GUESSES,
  maxPendingPerAddress: 4,
  maxPending: 64,
  maxJoinedPerAddress: 64,
  maxStudents: 200,
  closeGraceMs: 1000,
  maxFailuresPerCode: 10_000,
};

export interface HostOptions {
  /** 0 lets the system pick a free port. */
  port: number;
  /** The address to listen on ('0.0.0.0' for every IPv4 interface). */
  host: string;
  /** The class's key (a resumed class's, or a fixed one in tests); otherwise a fresh one. Its fingerprint is the join code. */
  hostKey?: HostKey;
  limits?: Partial<HostLimits>;
  now?: () => number;
  /** The class as a session journal left it (`class host --resume`): roster, questions and answers, position. */
  initial?: HostState;
  /** Called with every event as it is applied, before anyone hears of it (the session journal). */
  record?: (event: HostEvent) => void;
}

interface Connection {
  socket: Socket;
  address: string;
  reader: FrameReader;
  link: HostLink;
  budget: MessageBudget;
  openedAt: number;
  lastHeard: number;
  studentId: string | null;
  closed: boolean;
}

/** A goodbye before any handshake: a plaintext frame. */
const plainBye = (reason: string, retry: boolean) => framed(Buffer.from(JSON.stringify({type: 'bye', reason, retry})));

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`;

export class ClassHost {
  private key: HostKey;
  /** Wrong codes (and hang-ups after the share) since this code was made. */
  private failures = 0;
  readonly limits: HostLimits;
  private readonly now: () => number;
  private readonly conns = new Set<Connection>();
  private readonly byStudent = new Map<string, Connection>();
  private readonly guesses: GuessBudget;
  private readonly listeners = new Set<() => void>();
  private state: HostState;
  private timer: NodeJS.Timeout | undefined;
  private lastPing: number;
  private stopped = false;
  private readonly record: ((event: HostEvent) => void) | undefined;

  private constructor(
    private readonly server: Server,
    position: ClassPosition,
    options: HostOptions,
  ) {
    this.key = options.initial?.hostKey ? importHostKey(options.initial.hostKey) : (options.hostKey ?? newHostKey());
    this.limits = {...DEFAULT_HOST_LIMITS, ...options.limits};
    this.now = options.now ?? Date.now;
    this.guesses = new GuessBudget(this.limits.guesses, this.now());
    this.state = options.initial ?? initialHostState(position);
    this.record = options.record;
    this.lastPing = this.now();
  }

  /** Listens on `options.host`:`options.port`; rejects with the system's error (EADDRINUSE, EACCES…). */
  static async start(position: ClassPosition, options: HostOptions): Promise<ClassHost> {
    const server = createServer({noDelay: true});
    const host = new ClassHost(server, position, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({port: options.port, host: options.host}, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Accept errors (too many open files…) must not end the class.
    server.on('error', () => {});
    server.on('connection', (socket) => host.accept(socket));
    const {pingEveryMs, joinTimeoutMs, idleTimeoutMs} = host.limits;
    host.timer = setInterval(() => host.sweep(), Math.max(10, Math.min(pingEveryMs, joinTimeoutMs, idleTimeoutMs) / 4));
    host.timer.unref();
    return host;
  }

  /** The class's key now; the join code is its fingerprint. */
  get hostKey(): HostKey {
    return this.key;
  }

  get code(): string {
    return this.key.code;
  }

  /**
   * A new key, so a new code (the old one admits nobody from now on): for a code that was seen by
   * someone who should not have it, or that ran out of guesses. Students in the class get the new
   * code inside their link, so their programs come back with it after a drop; students offline now
   * need the new code from the screen.
   */
  rotate(key: HostKey = newHostKey()): void {
    this.key = key;
    this.failures = 0;
    this.apply({type: 'rekey', hostKey: exportHostKey(key)});
    const message = encode({type: 'code', code: key.code, key: key.publicKey.toString('base64')});
    for (const conn of this.byStudent.values()) this.write(conn, message);
  }

  /** The address and port the server listens on. */
  address(): {host: string; port: number} {
    const address = this.server.address();
    if (address === null || typeof address === 'string') return {host: '', port: 0};
    return {host: address.address, port: address.port};
  }

  get snapshot(): HostState {
    return this.state;
  }

  /** Calls `listener` after every change of the state; returns the way to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The instructor moved: every student gets the new position (followers show it, explorers keep it for later). */
  setPosition(position: ClassPosition): void {
    this.apply({type: 'position', position});
    this.broadcast(encode({type: 'frame', seq: this.state.seq, at: position}));
  }

  push(question: HostQuestion): void {
    this.apply({type: 'push', question, now: this.now()});
    this.broadcast(encode({type: 'question', ...wireQuestion(this.state, null)}));
  }

  reveal(): void {
    this.apply({type: 'reveal'});
    const reveal = revealOf(this.state);
    if (reveal) this.broadcast(encode({type: 'reveal', ...reveal}));
  }

  /** Peer instruction: the votes so far go to every student, without the answer, before they discuss. */
  showVotes(): void {
    this.apply({type: 'show'});
    const votes = votesOf(this.state);
    if (votes) this.broadcast(encode({type: 'votes', ...votes}));
  }

  /** Peer instruction: after the discussion everyone votes again (the first vote is kept for the shift). */
  revote(): void {
    this.apply({type: 'revote', now: this.now()});
    this.broadcast(encode({type: 'question', ...wireQuestion(this.state, null)}));
  }

  /** Lock-step on or off; students learn it with the question on their screens. */
  setLockStep(on: boolean): void {
    this.apply({type: 'lockStep', on});
    // Each student gets the question again with their own answer, so nothing is answered again.
    if (this.state.current === null) return;
    for (const [id, conn] of this.byStudent) this.write(conn, encode({type: 'question', ...wireQuestion(this.state, id)}));
  }

  /** Closed: the code admits no new student (students on the roster still come back); open again with false. */
  setClosed(on: boolean): void {
    this.apply({type: 'closed', on});
  }

  /** Removes a student: told why, cut off, their resume secret void; with the class closed they cannot come back. */
  remove(id: string): void {
    const conn = this.byStudent.get(id);
    this.apply({type: 'remove', id});
    if (conn) this.close(conn, 'the instructor removed you from the class', null, false);
  }

  clearQuestion(): void {
    this.apply({type: 'clear'});
    this.broadcast(encode({type: 'question', question: null, chosen: null}));
  }

  /** Says goodbye to everyone and stops listening. */
  async stop(reason = 'the instructor ended the class'): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const sockets = [...this.conns].map((c) => c.socket);
    for (const conn of [...this.conns]) this.close(conn, reason, null, false);
    this.server.close();
    // The goodbyes get a moment to leave (this timer holds the process open for it); then whatever is left is cut.
    const deadline = Date.now() + Math.min(500, this.limits.closeGraceMs);
    while (Date.now() < deadline && sockets.some((s) => !s.destroyed)) await new Promise((r) => setTimeout(r, 10));
    for (const socket of sockets) socket.destroy();
  }

  private apply(event: HostEvent): void {
    // Journaled first: what a student was told is always in the journal.
    this.record?.(event);
    this.state = reduceHost(this.state, event);
    for (const listener of this.listeners) listener();
  }

  private accept(socket: Socket): void {
    socket.on('error', () => {});
    const now = this.now();
    if (this.stopped || this.conns.size >= this.limits.maxConnections) {
      this.apply({type: 'refused', why: 'full'});
      socket.end(plainBye(`the class is full (${this.limits.maxConnections} connections); try again in a moment`, true));
      setTimeout(() => socket.destroy(), this.limits.closeGraceMs).unref();
      return;
    }
    // Connections that have not joined are capped per address and in all, so idle sockets from a
    // few machines cannot keep the class full (class-security.md "Limits").
    const address = socket.remoteAddress ?? 'unknown';
    const pending = [...this.conns].filter((c) => c.studentId === null);
    if (pending.filter((c) => c.address === address).length >= this.limits.maxPendingPerAddress) {
      this.apply({type: 'refused', why: 'full'});
      socket.end(plainBye('too many connections are waiting to join; try again in a moment', true));
      setTimeout(() => socket.destroy(), this.limits.closeGraceMs).unref();
      return;
    }
    // With every waiting place taken, the one waiting longest goes: a real handshake takes
    // milliseconds, so idle sockets from many addresses cannot keep a student out.
    if (pending.length >= this.limits.maxPending) this.close(pending[0]!, 'too many connections are waiting to join; try again in a moment', 'full', true);
    socket.setNoDelay(true);
    const conn: Connection = {
      socket,
      address: socket.remoteAddress ?? 'unknown',
      reader: new FrameReader(0),
      link: new HostLink(this.key),
      budget: new MessageBudget(this.limits.messagesPerSecond, this.limits.messageBurst, now),
      openedAt: now,
      lastHeard: now,
      studentId: null,
      closed: false,
    };
    conn.reader.max = conn.link.maxFrame(this.limits.maxLineBytes);
    this.conns.add(conn);
    socket.on('data', (chunk: Buffer) => this.read(conn, chunk));
    socket.on('close', () => this.forget(conn));
  }

  private read(conn: Connection, chunk: Buffer): void {
    if (conn.closed) return;
    const {frames, tooLong, v1} = conn.reader.push(chunk);
    if (v1) {
      // An older hs-tutor: told in its own words (a JSON line) what to do.
      this.apply({type: 'refused', why: 'version'});
      conn.socket.end(`${JSON.stringify({type: 'bye', reason: VERSION_SENTENCE(1), retry: false})}\n`);
      setTimeout(() => conn.socket.destroy(), this.limits.closeGraceMs).unref();
      return this.forget(conn);
    }
    for (const frame of frames) {
      if (conn.closed) return;
      const now = this.now();
      if (!conn.budget.take(now)) return this.close(conn, 'too many messages too fast', 'flood', false);
      conn.lastHeard = now;
      const out = conn.link.receive(frame, this.guessPort);
      for (const reply of out.reply) conn.socket.write(reply);
      if (out.refuse?.why === 'wrong-code') this.failures++;
      if (out.refuse) return this.close(conn, out.refuse.reason, out.refuse.why, out.refuse.retry);
      if (out.message !== undefined) this.message(conn, out.message);
      conn.reader.max = conn.link.maxFrame(this.limits.maxLineBytes);
    }
    if (tooLong) this.close(conn, `a message was longer than ${conn.link.open ? this.limits.maxLineBytes : conn.reader.max} bytes`, 'too-long', false);
  }

  /** The class's guess budget as the handshake takes it: before any curve math, given back to the right code. */
  private readonly guessPort: GuessPort = {
    take: () => {
      if (this.failures >= this.limits.maxFailuresPerCode) return 'spent';
      const now = this.now();
      const wait = this.guesses.waitMs(now);
      if (wait === 0) this.guesses.spend(now);
      return wait;
    },
    refund: () => this.guesses.refund(),
  };

  /** One message from a student, once the link is open. */
  private message(conn: Connection, line: string): void {
    const now = this.now();
    const parsed = parseStudentMessage(line);
    if (!parsed.ok) return this.close(conn, `malformed message: ${parsed.reason}`, 'malformed', false);
    const message = parsed.message;
    const id = conn.studentId;
    if (id === null) {
      if (message.type !== 'join') return this.close(conn, 'the first message must be a join', 'malformed', false);
      return this.join(conn, message, now);
    }
    switch (message.type) {
      case 'join':
        return this.close(conn, 'a student joins once per connection', 'malformed', false);
      case 'answer':
        return this.apply({type: 'answer', id, question: message.question, choice: message.choice, now});
      case 'follow':
        return this.apply({type: 'follow', id});
      case 'detach':
        return this.apply({type: 'detach', id, part: message.part, frame: message.frame});
      case 'pong':
        return;
    }
  }

  /** The handshake proved the code; the join says who: a new student, or one coming back with their resume secret. */
  private join(conn: Connection, message: Extract<StudentMessage, {type: 'join'}>, now: number): void {
    // A known id without its secret never displaces anyone: it joins as someone new.
    const resume = message.resume;
    const known = resume ? this.state.roster.find((s) => s.id === resume.id && s.secret !== undefined && secretMatches(resume.secret, s.secret)) : undefined;
    if (!known && this.state.closed === true) return this.close(conn, 'the instructor has closed the class to new students; ask them to open it', 'closed', false);
    const id = known?.id ?? randomBytes(16).toString('hex');
    const secret = known ? resume!.secret : newSecret();
    const previous = this.byStudent.get(id);
    if (!known && this.state.roster.length >= this.limits.maxStudents) {
      return this.close(conn, `the class is full (${this.limits.maxStudents} students)`, 'full', false);
    }
    const fromHere = [...this.byStudent.values()].filter((c) => c.address === conn.address && c !== previous).length;
    if (fromHere >= this.limits.maxJoinedPerAddress) {
      return this.close(conn, `too many students have joined from ${conn.address}`, 'full', false);
    }
    if (previous && previous !== conn) this.close(previous, 'the same student connected again', null, false);
    conn.studentId = id;
    this.byStudent.set(id, conn);
    this.apply({type: 'joined', id, name: cleanName(message.name), address: conn.address, following: message.following, now, ...(known ? {} : {secret: secretHash(secret)})});
    const entry = this.state.roster.find((s) => s.id === id)!;
    this.send(conn, {type: 'welcome', v: PROTOCOL_VERSION, id, name: entry.name, secret});
    this.send(conn, {type: 'frame', seq: this.state.seq, at: this.state.position});
    const question = wireQuestion(this.state, id);
    if (question.question) this.send(conn, {type: 'question', ...question});
    const reveal = revealOf(this.state);
    if (reveal) this.send(conn, {type: 'reveal', ...reveal});
  }

  private send(conn: Connection, message: HostMessage): void {
    this.write(conn, encode(message));
  }

  private broadcast(line: string): void {
    for (const conn of this.byStudent.values()) this.write(conn, line);
  }

  /** Never waits: a student whose unread backlog passes the cap is dropped instead. Sealed for this student alone. */
  private write(conn: Connection, line: string): void {
    if (conn.closed || conn.socket.destroyed) return;
    conn.socket.write(conn.link.seal(line.endsWith('\n') ? line.slice(0, -1) : line));
    if (conn.socket.writableLength > this.limits.maxBufferedBytes) {
      this.apply({type: 'refused', why: 'slow'});
      conn.socket.destroy();
      this.forget(conn);
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const conn of [...this.conns]) {
      if (conn.studentId === null && now - conn.openedAt > this.limits.joinTimeoutMs) {
        this.close(conn, `no join within ${seconds(this.limits.joinTimeoutMs)}`, 'timeout', false);
      } else if (conn.studentId !== null && now - conn.lastHeard > this.limits.idleTimeoutMs) {
        this.close(conn, `nothing heard for ${seconds(this.limits.idleTimeoutMs)}`, 'timeout', true);
      }
    }
    if (now - this.lastPing >= this.limits.pingEveryMs) {
      this.lastPing = now;
      this.broadcast(encode({type: 'ping', t: now}));
    }
  }

  /** Says why, stops reading, and lets the socket go; the roster keeps the student as offline. */
  private close(conn: Connection, reason: string, why: Refusal | null, retry: boolean): void {
    if (conn.closed) return;
    if (why) this.apply({type: 'refused', why});
    const {socket} = conn;
    // Reading goes on (and is ignored) so the other side's close is seen; the timer cuts a peer that never closes.
    if (!socket.destroyed && socket.writable) socket.end(conn.link.seal(JSON.stringify({type: 'bye', reason, retry})));
    setTimeout(() => socket.destroy(), this.limits.closeGraceMs).unref();
    this.forget(conn);
  }

  private forget(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    // A hang-up between the share and the confirmation is a guess like any other (design step 5).
    if (conn.link.guessHeld) {
      conn.link.guessHeld = false;
      this.failures++;
      this.apply({type: 'refused', why: 'wrong-code'});
    }
    this.conns.delete(conn);
    const id = conn.studentId;
    if (id !== null && this.byStudent.get(id) === conn) {
      this.byStudent.delete(id);
      this.apply({type: 'left', id});
    }
  }
}
