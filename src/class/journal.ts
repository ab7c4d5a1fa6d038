// The host's session journal: every event of the class (host-state.ts HostEvent) appended as one
// JSON line as it happens, after a header with what the class needs to start again (its key,
// port, lesson and results file). The write goes to the system at once, so a host killed with
// SIGKILL loses nothing it had; `class host --resume <journal>` replays it and reopens the class
// where it was, with the same key and so the same code, and the students' programs reconnect by
// themselves, known again by their resume secrets (kept here only as hashes). The file is the
// instructor's alone (0600): it holds the class's private key. Read back with the wire's
// schema: a torn last line (a crash mid-write) ends the journal, nothing before it is lost.
import {closeSync, constants, fdatasyncSync, openSync, writeSync} from 'node:fs';
import {importHostKey} from './handshake.js';
import {initialHostState, reduceHost, type HostEvent, type HostQuestion, type HostState} from './host-state.js';
import {checks, type ClassPosition, type QuestionSource} from './protocol.js';

export interface JournalHeader {
  journal: 'hs-tutor class';
  v: 1;
  /** The class's Ed25519 key (PKCS #8, base64): the join code is its fingerprint, so a resumed class keeps both. */
  hostKey: string;
  host: string;
  port: number;
  lessonId: string;
  csv: string;
  startedAt: string;
}

/** The journal beside a results file: class.csv → class.journal. */
export function journalPathFor(csvPath: string): string {
  return /\.csv$/i.test(csvPath) ? csvPath.replace(/\.csv$/i, '.journal') : `${csvPath}.journal`;
}

/** Bytes of a journal read back at most: a long class of 200 students stays far below. */
export const MAX_JOURNAL_BYTES = 64 * 1024 * 1024;
/** Written through at once; flushed to the disk at most this often (a power cut may lose this much). */
const SYNC_EVERY_MS = 200;

export class JournalWriter {
  private readonly fd: number;
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  /** A new journal (never through a link, readable by the instructor only), or one to go on with. */
  constructor(readonly path: string, header: JournalHeader | null) {
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | (header ? constants.O_CREAT | constants.O_EXCL : 0);
    this.fd = openSync(path, flags, 0o600);
    if (header) this.line(header);
    this.timer = setInterval(() => this.sync(), SYNC_EVERY_MS);
    this.timer.unref();
  }

  /** The system's code (ENOSPC, EIO…) of the first write that failed; the journal stops there, the class goes on. */
  problem: string | null = null;

  private line(value: unknown): void {
    if (this.problem !== null) return;
    try {
      writeSync(this.fd, `${JSON.stringify(value)}\n`);
      this.dirty = true;
    } catch (error) {
      // A write that fails must not end the class: its answers still reach the CSV.
      this.problem = (error as NodeJS.ErrnoException).code ?? 'EIO';
    }
  }

  /** Refusals are not kept: they are a live view of who knocks, and a guessing flood must not grow the file. */
  event(event: HostEvent): void {
    if (event.type !== 'refused') this.line(event);
  }

  private sync(): void {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      fdatasyncSync(this.fd);
    } catch {
      // A disk that refuses to sync still has the writes in the system's cache.
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.sync();
    closeSync(this.fd);
  }
}

const {object, keys, string, int, bool, array, position, parse, MAX_ID, MAX_PROMPT, MAX_CHOICE, MAX_EXPLANATION, MAX_T, MAX_NAME_INPUT} = checks;

function header(line: string): JournalHeader {
  const parsed = parse(line, (m): JournalHeader => {
    keys(m, 'the journal header', ['journal', 'v', 'hostKey', 'host', 'port', 'lessonId', 'csv', 'startedAt']);
    if (m.journal !== 'hs-tutor class' || m.v !== 1) throw new Error('not an hs-tutor class journal of version 1');
    return {
      journal: 'hs-tutor class',
      v: 1,
      hostKey: string(m.hostKey, 'hostKey', 200),
      host: string(m.host, 'host', 64),
      port: int(m.port, 'port', 1, 65535),
      lessonId: string(m.lessonId, 'lessonId', MAX_ID),
      csv: string(m.csv, 'csv', 4096),
      startedAt: string(m.startedAt, 'startedAt', 40),
    };
  });
  if (!parsed.ok) throw new Error(`its first line is not a class journal's header (${parsed.reason})`);
  try {
    importHostKey(parsed.message.hostKey);
  } catch {
    throw new Error('its host key is not an Ed25519 key');
  }
  return parsed.message;
}

function question(value: unknown): HostQuestion {
  const q = object(value, 'question');
  keys(q, 'question', ['prompt', 'choices', 'answer', 'explanation', 'source', 'label'], ['key', 'misconceptions']);
  const choices = array(q.choices, 'choices', 2, 8).map((c) => string(c, 'a choice', MAX_CHOICE));
  if (q.source !== 'quiz' && q.source !== 'checkpoint') throw new Error('question.source is not quiz or checkpoint');
  return {
    prompt: string(q.prompt, 'prompt', MAX_PROMPT),
    choices,
    answer: int(q.answer, 'answer', 0, choices.length - 1),
    explanation: string(q.explanation, 'explanation', MAX_EXPLANATION),
    source: q.source as QuestionSource,
    label: string(q.label, 'label', 200),
    ...(q.key === undefined ? {} : {key: string(q.key, 'key', MAX_ID * 4)}),
    ...(q.misconceptions === undefined ? {} : {misconceptions: array(q.misconceptions, 'misconceptions', choices.length, choices.length).map((t) => (t === null ? null : string(t, 'a misconception', MAX_ID)))}),
  };
}

function event(line: string): HostEvent | null {
  const parsed = parse(line, (m): HostEvent => {
    const id = () => string(m.id, 'id', MAX_ID);
    const now = () => int(m.now, 'now', 0, MAX_T);
    switch (m.type) {
      case 'position':
        keys(m, 'position', ['type', 'position']);
        return {type: 'position', position: position(m.position) as ClassPosition};
      case 'joined': {
        keys(m, 'joined', ['type', 'id', 'name', 'address', 'following', 'now'], ['secret']);
        const secret = m.secret === undefined ? undefined : string(m.secret, 'secret', 64);
        if (secret !== undefined && !/^[0-9a-f]{64}$/.test(secret)) throw new Error('secret is not a SHA-256 in hex');
        return {type: 'joined', id: id(), name: string(m.name, 'name', MAX_NAME_INPUT), address: string(m.address, 'address', 64), following: bool(m.following, 'following'), now: now(), ...(secret === undefined ? {} : {secret})};
      }
      case 'left':
      case 'follow':
        keys(m, m.type, ['type', 'id']);
        return {type: m.type, id: id()};
      case 'detach':
        keys(m, 'detach', ['type', 'id', 'part', 'frame']);
        return {type: 'detach', id: id(), part: int(m.part, 'part', 0, 1000), frame: int(m.frame, 'frame', 0, 100_000)};
      case 'answer':
        keys(m, 'answer', ['type', 'id', 'question', 'choice', 'now']);
        return {type: 'answer', id: id(), question: int(m.question, 'question', 1, MAX_T), choice: int(m.choice, 'choice', 0, 7), now: now()};
      case 'push':
        keys(m, 'push', ['type', 'question', 'now']);
        return {type: 'push', question: question(m.question), now: now()};
      case 'reveal':
      case 'show':
      case 'clear':
        keys(m, m.type, ['type']);
        return {type: m.type};
      case 'revote':
        keys(m, 'revote', ['type', 'now']);
        return {type: 'revote', now: now()};
      case 'lockStep':
      case 'closed':
        keys(m, m.type, ['type', 'on']);
        return {type: m.type, on: bool(m.on, 'on')};
      case 'remove':
        keys(m, 'remove', ['type', 'id']);
        return {type: 'remove', id: id()};
      case 'rekey': {
        keys(m, 'rekey', ['type', 'hostKey']);
        const hostKey = string(m.hostKey, 'hostKey', 200);
        importHostKey(hostKey);
        return {type: 'rekey', hostKey};
      }
      default:
        throw new Error('not an event of a class');
    }
  });
  return parsed.ok ? parsed.message : null;
}

export interface ReadJournal {
  header: JournalHeader;
  state: HostState;
  events: number;
  /** Every event read, in order (the report replays them to see where each question was asked). */
  log: HostEvent[];
  /** Lines after the last whole event that could not be read (a crash mid-write). */
  ignored: number;
}

/** The class as the journal left it: every event replayed; everyone offline until they reconnect. */
export function readJournal(text: string): ReadJournal {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error('it is empty');
  const head = header(lines[0]!);
  let state: HostState | null = null;
  let events = 0;
  const log: HostEvent[] = [];
  let at = 1;
  for (; at < lines.length; at++) {
    const e = event(lines[at]!);
    if (e === null) break;
    if (state === null) {
      // The first event is where the class started.
      if (e.type !== 'position') break;
      state = initialHostState(e.position);
    }
    state = reduceHost(state, e);
    log.push(e);
    events++;
  }
  if (state === null) throw new Error('it has no class position');
  for (const student of state.roster) if (student.connected) state = reduceHost(state, {type: 'left', id: student.id});
  return {header: head, state, events, log, ignored: lines.length - at};
}
