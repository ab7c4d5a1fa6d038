// A student's side of the network, headless: open protocol v2's link with the code (handshake.ts:
// the code proves the student, the host's key proves the instructor), keep the pure student state
// (student-state.ts) up to date from what the host sends, answer pings, and send the student's
// answers and follow/detach. A dropped link is retried by itself with a growing, jittered delay,
// and lands on the class's current frame (the host sends it after every join). The TUI and the
// tests drive the same class.
import {connect, type Socket} from 'node:net';
import {codeOf, FrameReader, SEAL_OVERHEAD, StudentLink} from './handshake.js';
import {MAX_HOST_LINE, type ClassPosition, type HostMessage, type StudentMessage} from './protocol.js';
import {cleanLine} from './sanitize.js';
import {canAnswer, initialStudentState, reduceStudent, type StudentEvent, type StudentState} from './student-state.js';

export interface ClientOptions {
  host: string;
  port: number;
  code: string;
  name: string;
  /** The id and secret a host gave (tests: to come back as the same student from another client). */
  resume?: {id: string; secret: string};
  following?: boolean;
  /** Reconnect delays: the first, doubling up to the last, each with up to half of it as jitter. */
  backoff?: {firstMs: number; maxMs: number};
  /** The host pings every few seconds; nothing from it for this long means the link is dead. */
  silenceMs?: number;
  connectTimeoutMs?: number;
}

/** Why the first join failed: nobody answers, or the host said no (the reason says why). */
export class JoinError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'JoinError';
  }
}

/** A network error as the end of a sentence a student can act on. */
export function describeNetworkError(error: NodeJS.ErrnoException | undefined, host: string, port: number): string {
  const where = `${host}:${port}`;
  switch (error?.code) {
    case 'ECONNREFUSED':
      return `nothing answers at ${where} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the address ${host} is not known here`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from this network`;
    case 'ETIMEDOUT':
      return `no answer from ${where}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset';
    case undefined:
      return error?.message === 'timeout' ? `no answer from ${where}` : 'the connection dropped';
    default:
      return `the connection failed (${error?.code})`;
  }
}

/** Every text of a class position made safe for a terminal (a host is trusted no more than a student). */
export function cleanPosition(at: ClassPosition): ClassPosition {
  return {
    ...at,
    lesson: {
      id: cleanLine(at.lesson.id, 64),
      title: cleanLine(at.lesson.title, 200),
      parts: at.lesson.parts.map((p) => ({...p, title: cleanLine(p.title, 200), scenario: cleanLine(p.scenario, 64)})),
    },
    frameId: cleanLine(at.frameId, 64),
    narration: at.narration === null ? null : cleanLine(at.narration, 8192),
  };
}

/** Tries of a first join the host turned away for a moment (`retry: true`) before giving up. */
const FIRST_RETRIES = 8;

export class ClassClient {
  /** The id and secret the host gave at the first welcome; every reconnect presents them. */
  resume: {id: string; secret: string} | null;
  /** The instructor's key, proven at the first join; a reconnect must meet the same one. */
  private hostKey: Buffer | null = null;
  private options: Required<Omit<ClientOptions, 'resume' | 'following'>>;
  private current: StudentState;
  private readonly listeners = new Set<(event: StudentEvent) => void>();
  private socket: Socket | null = null;
  private attempt = 0;
  private everJoined = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private silenceTimer: NodeJS.Timeout | undefined;
  private exploringAt: {part: number; frame: number} = {part: 0, frame: 0};
  private first: {resolve: () => void; reject: (error: JoinError) => void} | null = null;

  constructor(options: ClientOptions) {
    this.resume = options.resume ?? null;
    this.options = {
      host: options.host,
      port: options.port,
      code: options.code,
      name: options.name,
      backoff: options.backoff ?? {firstMs: 250, maxMs: 5000},
      silenceMs: options.silenceMs ?? 20_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
    };
    this.current = initialStudentState(options.following ?? true);
  }

  /** The code this program joins with: the one typed, or the new one after the instructor rotated it. */
  get code(): string {
    return this.options.code;
  }

  /** The host-given id, once welcomed. */
  get id(): string | null {
    return this.resume?.id ?? null;
  }

  get state(): StudentState {
    return this.current;
  }

  /** Calls `listener` after every change, with what changed; returns the way to stop. */
  subscribe(listener: (event: StudentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects and joins; resolves once the host welcomes us, rejects if the first attempt fails. Later drops reconnect by themselves. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.first = {resolve, reject};
      this.connect();
    });
  }

  /** Sends an answer to the question on screen; false when there is none to answer. */
  answer(choice: number): boolean {
    const q = this.current.question;
    if (!q || !canAnswer(this.current) || choice < 0 || choice >= q.choices.length) return false;
    this.apply({type: 'answered', choice});
    this.send({type: 'answer', question: q.id, choice});
    return true;
  }

  follow(): void {
    this.apply({type: 'follow'});
    this.send({type: 'follow'});
  }

  /** Explores alone from here; called again as the student moves, so the instructor sees where. */
  detach(part: number, frame: number): void {
    this.exploringAt = {part, frame};
    if (this.current.following) this.apply({type: 'detach'});
    this.send({type: 'detach', part, frame});
  }

  /** Leaves the class for good. */
  close(reason = 'you left the class'): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.silenceTimer);
    this.socket?.end();
    this.socket?.destroy();
    this.socket = null;
    if (this.current.link !== 'ended') this.apply({type: 'ended', reason});
  }

  /** Cuts the connection as a network failure would (tests): the client reconnects by itself. */
  dropConnection(): void {
    this.socket?.destroy();
  }

  private apply(event: StudentEvent): void {
    this.current = reduceStudent(this.current, event);
    for (const listener of this.listeners) listener(event);
  }

  private link: StudentLink | null = null;

  private send(message: StudentMessage): void {
    const socket = this.socket;
    if (socket && !socket.destroyed && socket.writable && this.current.link === 'joined' && this.link?.open) socket.write(this.link.seal(JSON.stringify(message)));
  }

  private armSilence(socket: Socket): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => socket.destroy(new Error('silent')), this.options.silenceMs);
    this.silenceTimer.unref();
  }

  private connect(): void {
    if (this.stopped) return;
    this.apply({type: 'connecting', attempt: this.attempt});
    const {host, port} = this.options;
    const socket = connect({host, port});
    this.socket = socket;
    socket.setNoDelay(true);
    const reader = new FrameReader(MAX_HOST_LINE + SEAL_OVERHEAD);
    const link = new StudentLink(this.options.code, this.hostKey);
    this.link = link;
    let welcomed = false;
    let bye: {reason: string; retry: boolean} | null = null;
    let failure: NodeJS.ErrnoException | undefined;
    let malformed: string | null = null;
    /** A failure never retried: a machine that knows the code but is not the instructor's. */
    let final = false;
    const connectTimer = setTimeout(() => socket.destroy(new Error('timeout')), this.options.connectTimeoutMs);
    connectTimer.unref();

    socket.on('connect', () => {
      clearTimeout(connectTimer);
      this.armSilence(socket);
      socket.write(link.hello());
    });
    socket.on('data', (chunk: Buffer) => {
      if (socket.destroyed) return;
      this.armSilence(socket);
      const {frames, tooLong, v1} = reader.push(chunk);
      if (v1) {
        // A host of protocol 1 answers in JSON lines (after its join timeout).
        malformed = "the instructor's hs-tutor speaks the older class protocol 1; use the same hs-tutor version as the instructor";
        final = true;
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        const out = link.receive(frame);
        for (const reply of out.reply) socket.write(reply);
        if (out.failure) {
          malformed = out.failure.reason;
          final = out.failure.final;
          socket.destroy();
          return;
        }
        if (out.opened) {
          this.hostKey = link.hostKey;
          const join: StudentMessage = {type: 'join', name: this.options.name, following: this.current.following, ...(this.resume ? {resume: this.resume} : {})};
          socket.write(link.seal(JSON.stringify(join)));
        }
        const message = out.message;
        if (!message) continue;
        if (message.type === 'welcome') welcomed = true;
        if (message.type === 'bye') bye = {reason: cleanLine(message.reason, 300), retry: message.retry};
        this.receive(socket, message);
        if (socket.destroyed) return;
      }
      if (tooLong) {
        malformed = 'the host sent a message over the size limit';
        socket.destroy();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      failure = error;
    });
    socket.on('close', () => {
      clearTimeout(connectTimer);
      clearTimeout(this.silenceTimer);
      if (this.socket === socket) this.socket = null;
      if (this.stopped) return;
      const reason = bye?.reason ?? malformed ?? (failure?.message === 'silent' ? 'the host went silent' : describeNetworkError(failure, host, port));
      // A busy class (its guess budget or its waiting places taken for a moment) is tried again a few times, even at first.
      const busy = bye?.retry === true && !this.everJoined && this.attempt < FIRST_RETRIES;
      if ((!this.everJoined && !busy) || final) {
        // The first attempt decides whether there is a class to join at all; an impostor ends it for good.
        this.stopped = true;
        this.apply({type: 'ended', reason});
        this.first?.reject(new JoinError(bye || final ? 'refused' : 'unreachable', reason));
        this.first = null;
        return;
      }
      if (bye && !bye.retry) {
        this.stopped = true;
        this.apply({type: 'ended', reason});
        return;
      }
      if (welcomed) this.attempt = 0;
      this.attempt += 1;
      const {firstMs, maxMs} = this.options.backoff;
      const base = Math.min(maxMs, firstMs * 2 ** Math.min(this.attempt - 1, 20));
      this.apply({type: 'lost', reason, attempt: this.attempt});
      this.retryTimer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
    });
  }

  private receive(socket: Socket, message: HostMessage): void {
    switch (message.type) {
      case 'welcome': {
        this.everJoined = true;
        this.resume = {id: message.id, secret: message.secret};
        this.apply({type: 'welcome', name: cleanLine(message.name, 64)});
        if (!this.current.following) this.send({type: 'detach', ...this.exploringAt});
        this.first?.resolve();
        this.first = null;
        return;
      }
      case 'frame':
        return this.apply({type: 'frame', seq: message.seq, at: cleanPosition(message.at)});
      case 'question': {
        const before = this.current;
        const question = message.question && {...message.question, prompt: cleanLine(message.question.prompt, 2000), choices: message.question.choices.map((c) => cleanLine(c, 300))};
        this.apply({type: 'question', question, chosen: message.chosen});
        // An answer given while the link was down is sent again once the host is back.
        // Not when the class votes again: a new round starts with no answer (peer instruction).
        const sameRound = before.question?.id === message.question?.id && before.question?.round === message.question?.round;
        if (message.question && sameRound && message.chosen === null && before.chosen !== null && canAnswer(this.current)) {
          this.apply({type: 'answered', choice: before.chosen});
          this.send({type: 'answer', question: message.question.id, choice: before.chosen});
        }
        return;
      }
      case 'reveal':
        return this.apply({...message, explanation: cleanLine(message.explanation, 4000)});
      case 'votes':
        return this.apply(message);
      case 'code': {
        // The instructor rotated the code; it comes inside the link the old key proved, and must name its key.
        const key = Buffer.from(message.key, 'base64');
        if (codeOf(key) === message.code) {
          this.options.code = message.code;
          this.hostKey = key;
        }
        return;
      }
      case 'ping':
        if (!socket.destroyed && this.link?.open) socket.write(this.link.seal(JSON.stringify({type: 'pong', t: message.t})));
        return;
      case 'bye':
        return;
    }
  }
}
