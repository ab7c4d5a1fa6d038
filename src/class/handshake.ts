// Class protocol v2's handshake and framing (design/class-security.md), one object per side of a
// connection: the student's StudentLink and the host's HostLink turn frames in into frames out
// and, once the link is open, into the JSON messages the rest of class mode already speaks. No
// sockets here: host.ts and client.ts feed bytes in and write what comes back.
//
//   student → host  hello {v: 2, nonce}                        plaintext frames, ≤ 512 bytes each
//   host → student  hello {v: 2, suite, nonce}                 sid = student nonce ‖ host nonce
//   student → host  share {share: Ya}                          CPace initiator (code = password)
//   host → student  share {share: Yb}                          a guess is taken before any curve math
//   student → host  confirm {mac}                              the student proves the code first
//   host → student  confirm {mac}, then sealed: hostkey {key, signature}
//   both ways       sealed JSON messages (join, welcome, frame, …) in ChaCha20-Poly1305 frames
//
// Every frame is a 4-byte big-endian length, then its body. A v1 student's first bytes are a JSON
// line ('{'), which no v2 frame can start with below 16 MiB: the host answers it in v1's words.
import {createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, timingSafeEqual, verify, type KeyObject} from 'node:crypto';
import {calculateGenerator, CpaceAbort, cpaceIsk, cpaceShare} from './cpace.js';
import {checks, parseHostMessage, type HostMessage} from './protocol.js';
import {ChannelDirection, ChannelError, joinCode} from './v2-keys.js';

export const SUITE = 'CPACE-X25519-SHA512';
/** Frames before the link is open (hello, share, confirm, a bye) are at most this long. */
export const PRE_AUTH_MAX = 512;
const NONCE_BYTES = 16;
const CI = Buffer.from('hs-tutor class v2');
const AD_STUDENT = Buffer.from('student');
const AD_HOST = Buffer.from('host');
const SIGNED = Buffer.from('hs-tutor class v2 host key');
/** Poly1305's tag on every sealed frame. */
export const SEAL_OVERHEAD = 16;

export {ChannelError};

/** A frame: its length, then the body. */
export function framed(body: Uint8Array): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

const plain = (message: object): Buffer => framed(Buffer.from(JSON.stringify(message)));

/**
 * Cuts a byte stream into frames; a length over `max` stops it (the peer is told, then cut). The
 * first byte of the stream being '{' marks a v1 peer, which sends JSON lines.
 */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private first = true;

  constructor(public max: number) {}

  push(chunk: Buffer): {frames: Buffer[]; tooLong: boolean; v1: boolean} {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (this.first && this.buffer.length > 0) {
      this.first = false;
      if (this.buffer[0] === 0x7b) return {frames: [], tooLong: false, v1: true};
    }
    const frames: Buffer[] = [];
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (length > this.max) return {frames, tooLong: true, v1: false};
      if (this.buffer.length < 4 + length) break;
      frames.push(this.buffer.subarray(0, 4 + length));
      this.buffer = this.buffer.subarray(4 + length);
    }
    return {frames, tooLong: false, v1: false};
  }
}

/** The instructor's key for one class: the join code is its fingerprint (v2-keys.ts joinCode). */
export interface HostKey {
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  code: string;
}

const rawPublic = (key: KeyObject): Buffer => Buffer.from(createPublicKey(key).export({format: 'jwk'}).x!, 'base64url');

/** scrypt is slow on purpose (~0.1 s); a program checks each key once. */
const codes = new Map<string, string>();
export function codeOf(publicKey: Buffer): string {
  const hex = publicKey.toString('hex');
  let code = codes.get(hex);
  if (code === undefined) {
    code = joinCode(publicKey);
    if (codes.size > 64) codes.clear();
    codes.set(hex, code);
  }
  return code;
}

export function newHostKey(): HostKey {
  return hostKeyOf(generateKeyPairSync('ed25519').privateKey);
}

export function hostKeyOf(privateKey: KeyObject): HostKey {
  const publicKey = rawPublic(privateKey);
  return {privateKey, publicKey, code: codeOf(publicKey)};
}

/** The key as the session journal keeps it (PKCS #8, base64), and back. */
export function exportHostKey(key: HostKey): string {
  return key.privateKey.export({format: 'der', type: 'pkcs8'}).toString('base64');
}

export function importHostKey(text: string): HostKey {
  const key = createPrivateKey({key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8'});
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the host key is not an Ed25519 key');
  return hostKeyOf(key);
}

const transcript = (sid: Uint8Array, ya: Uint8Array, yb: Uint8Array) => Buffer.concat([sid, ya, yb]);

/** What both sides derive from CPace's ISK: the confirmation MACs and the channel's two directions. */
function sessionKeys(isk: Uint8Array, sid: Uint8Array, ya: Uint8Array, yb: Uint8Array) {
  const mac = (who: string) => createHmac('sha512', Buffer.from(hkdfSync('sha512', isk, sid, `hs-tutor class v2 confirm ${who}`, 64))).update(transcript(sid, ya, yb)).digest();
  return {
    studentMac: mac('student'),
    hostMac: mac('host'),
    toHost: new ChannelDirection(isk, sid, 'student-to-host'),
    toStudent: new ChannelDirection(isk, sid, 'host-to-student'),
  };
}

const {keys, string, int, parse} = checks;

/** Base64 of exactly `bytes` bytes. */
function bytes(value: unknown, what: string, length: number): Buffer {
  const text = string(value, what, 4 * Math.ceil(length / 3));
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length !== length || decoded.toString('base64') !== text) throw new checks.SchemaError(`${what} is not ${length} bytes in base64`);
  return decoded;
}

type Pre = {type: 'hello'; v: number; nonce?: Buffer; suite?: string} | {type: 'share'; share: Buffer} | {type: 'confirm'; mac: Buffer} | {type: 'hostkey'; key: Buffer; signature: Buffer};

/** A plaintext handshake message (or a sealed hostkey), checked like every other message. */
function readPre(body: Buffer): {ok: true; message: Pre} | {ok: false; reason: string} {
  return parse(body.toString('utf8'), (m): Pre => {
    switch (m.type) {
      case 'hello': {
        // The version is read first, so any version gets the version message.
        const v = int(m.v, 'v', 0, 1_000_000);
        if (v !== 2) return {type: 'hello', v};
        keys(m, 'hello', ['type', 'v', 'nonce'], ['suite']);
        if (m.suite !== undefined && m.suite !== SUITE) throw new checks.SchemaError(`suite is not ${SUITE}`);
        return {type: 'hello', v, nonce: bytes(m.nonce, 'nonce', NONCE_BYTES), ...(m.suite === undefined ? {} : {suite: SUITE})};
      }
      case 'share':
        keys(m, 'share', ['type', 'share']);
        return {type: 'share', share: bytes(m.share, 'share', 32)};
      case 'confirm':
        keys(m, 'confirm', ['type', 'mac']);
        return {type: 'confirm', mac: bytes(m.mac, 'mac', 64)};
      case 'hostkey':
        keys(m, 'hostkey', ['type', 'key', 'signature']);
        return {type: 'hostkey', key: bytes(m.key, 'key', 32), signature: bytes(m.signature, 'signature', 64)};
      default:
        throw new checks.SchemaError(`'${String(m.type).slice(0, 20)}' is not a message before the link is open`);
    }
  });
}

/** Why the host turns a connection away in the handshake, in the host-state's words. */
export type HandshakeRefusal = {reason: string; why: 'malformed' | 'version' | 'wrong-code' | 'rate-limited'; retry: boolean};

export interface GuessPort {
  /** 0 when a guess may be made now (and it is taken), else the wait in ms; 'spent' when this code takes no more guesses at all. */
  take(): number | 'spent';
  /** The guess was the right code: it is given back. */
  refund(): void;
}

export const VERSION_SENTENCE = (theirs: number) =>
  `this class speaks protocol version 2, your hs-tutor version ${theirs}; install the instructor's hs-tutor version (npx hs-tutor@latest)`;

/** The host's end of one connection. */
export class HostLink {
  private phase: 'hello' | 'share' | 'confirm' | 'open' = 'hello';
  private readonly nonce = randomBytes(NONCE_BYTES);
  private sid: Buffer = Buffer.alloc(0);
  private studentShare: Buffer = Buffer.alloc(0);
  private hostShare: Buffer = Buffer.alloc(0);
  private keys: ReturnType<typeof sessionKeys> | null = null;
  /** A guess taken at the share and not yet given back: a hang-up now counts as a wrong code. */
  guessHeld = false;

  constructor(private readonly key: HostKey) {}

  get open(): boolean {
    return this.phase === 'open';
  }

  /** The longest frame the student may send now. */
  maxFrame(maxMessage: number): number {
    return this.open ? maxMessage + SEAL_OVERHEAD : PRE_AUTH_MAX;
  }

  /**
   * One frame from the student: what to send back, the message it carried once the link is open,
   * or why the connection must end.
   */
  receive(frame: Buffer, guesses: GuessPort): {reply: Buffer[]; message?: string; refuse?: HandshakeRefusal} {
    if (this.phase === 'open') {
      try {
        return {reply: [], message: Buffer.from(this.keys!.toHost.open(frame)).toString('utf8')};
      } catch (error) {
        if (error instanceof ChannelError) return {reply: [], refuse: {reason: error.message, why: 'malformed', retry: false}};
        throw error;
      }
    }
    const parsed = readPre(frame.subarray(4));
    if (!parsed.ok) return {reply: [], refuse: {reason: `malformed message: ${parsed.reason}`, why: 'malformed', retry: false}};
    const m = parsed.message;
    const malformed = (what: string): {reply: Buffer[]; refuse: HandshakeRefusal} => ({reply: [], refuse: {reason: `malformed message: ${what}`, why: 'malformed', retry: false}});
    switch (this.phase) {
      case 'hello': {
        if (m.type !== 'hello') return malformed('the first message must be a hello');
        if (m.v !== 2 || !m.nonce) return {reply: [], refuse: {reason: VERSION_SENTENCE(m.v), why: 'version', retry: false}};
        this.sid = Buffer.concat([m.nonce, this.nonce]);
        this.phase = 'share';
        return {reply: [plain({type: 'hello', v: 2, suite: SUITE, nonce: this.nonce.toString('base64')})]};
      }
      case 'share': {
        if (m.type !== 'share') return malformed('a share must follow the hello');
        // The class's guess budget is spent before any curve math (design: "takes a guess token now").
        const wait = guesses.take();
        if (wait === 'spent') return {reply: [], refuse: {reason: 'this join code has had too many wrong guesses and admits nobody now; the instructor can show a new one (R)', why: 'rate-limited', retry: false}};
        if (wait > 0) return {reply: [], refuse: {reason: `too many wrong codes were tried in this class; wait ${Math.max(1, Math.ceil(wait / 1000))} s and try again`, why: 'rate-limited', retry: true}};
        this.guessHeld = true;
        const scalar = randomBytes(32);
        const share = Buffer.from(cpaceShare(scalar, calculateGenerator(Buffer.from(this.key.code), CI, this.sid)));
        try {
          const isk = cpaceIsk({scalar, peerShare: m.share, sid: this.sid, initiator: {share: m.share, ad: AD_STUDENT}, responder: {share, ad: AD_HOST}});
          this.keys = sessionKeys(isk, this.sid, m.share, share);
        } catch (error) {
          if (error instanceof CpaceAbort) return malformed('the share is a low-order point');
          throw error;
        }
        this.studentShare = m.share;
        this.hostShare = share;
        this.phase = 'confirm';
        return {reply: [plain({type: 'share', share: share.toString('base64')})]};
      }
      case 'confirm': {
        if (m.type !== 'confirm') return malformed('a confirmation must follow the shares');
        if (!timingSafeEqual(m.mac, this.keys!.studentMac)) {
          // The guess stays spent: one wrong code, one token (design step 5).
          this.guessHeld = false;
          return {reply: [], refuse: {reason: "wrong join code; check the code on the instructor's screen", why: 'wrong-code', retry: false}};
        }
        guesses.refund();
        this.guessHeld = false;
        this.phase = 'open';
        const signature = sign(null, Buffer.concat([SIGNED, transcript(this.sid, this.studentShare, this.hostShare)]), this.key.privateKey);
        const hostkey = Buffer.from(JSON.stringify({type: 'hostkey', key: this.key.publicKey.toString('base64'), signature: signature.toString('base64')}));
        return {reply: [plain({type: 'confirm', mac: this.keys!.hostMac.toString('base64')}), Buffer.from(this.keys!.toStudent.seal(hostkey))]};
      }
      default:
        return malformed('unexpected');
    }
  }

  /** A message to the student: sealed once the link is open, plaintext before (only a bye is sent then). */
  seal(text: string): Buffer {
    return this.open ? Buffer.from(this.keys!.toStudent.seal(Buffer.from(text))) : framed(Buffer.from(text));
  }
}

/** Why a student's handshake failed; `final` failures are never retried (the evil twin). */
export interface LinkFailure {
  reason: string;
  final: boolean;
}

export const EVIL_TWIN = "this machine knows the code but is not the instructor's; ask the instructor, and do not type anything into it";

/** The student's end of one connection. */
export class StudentLink {
  private phase: 'hello' | 'share' | 'confirm' | 'hostkey' | 'open' = 'hello';
  private readonly nonce = randomBytes(NONCE_BYTES);
  private sid: Buffer = Buffer.alloc(0);
  private scalar: Buffer = Buffer.alloc(0);
  private share: Buffer = Buffer.alloc(0);
  private hostShare: Buffer = Buffer.alloc(0);
  private keys: ReturnType<typeof sessionKeys> | null = null;
  /** The host's key once proven; a reconnect must meet the same one. */
  hostKey: Buffer | null;

  constructor(
    private readonly code: string,
    pinned: Buffer | null = null,
  ) {
    this.hostKey = pinned;
  }

  get open(): boolean {
    return this.phase === 'open';
  }

  hello(): Buffer {
    return plain({type: 'hello', v: 2, nonce: this.nonce.toString('base64')});
  }

  /** One frame from the host: what to send back, a host message (plaintext bye, or sealed once open), or a failure. */
  receive(frame: Buffer): {reply: Buffer[]; message?: HostMessage; failure?: LinkFailure; opened?: boolean} {
    const fail = (reason: string, final = false) => ({reply: [], failure: {reason, final}});
    if (this.phase === 'open' || this.phase === 'hostkey') {
      let text: string;
      try {
        text = Buffer.from(this.keys!.toStudent.open(frame)).toString('utf8');
      } catch (error) {
        if (error instanceof ChannelError) return fail(`the link to the host broke (${error.message})`);
        throw error;
      }
      if (this.phase === 'hostkey') return this.checkHost(text);
      const parsed = parseHostMessage(text);
      return parsed.ok ? {reply: [], message: parsed.message} : fail(`the host sent a malformed message (${parsed.reason})`);
    }
    const text = frame.subarray(4).toString('utf8');
    // Before the link is open the host may only say goodbye, in plaintext, besides the handshake.
    const bye = parseHostMessage(text);
    if (bye.ok && bye.message.type === 'bye') return {reply: [], message: bye.message};
    const parsed = readPre(frame.subarray(4));
    if (!parsed.ok) return fail(`the host sent a malformed message (${parsed.reason})`);
    const m = parsed.message;
    switch (this.phase) {
      case 'hello': {
        if (m.type !== 'hello' || m.v !== 2 || !m.nonce) return fail("the host does not speak hs-tutor's class protocol 2; use the instructor's hs-tutor version");
        this.sid = Buffer.concat([this.nonce, m.nonce]);
        this.scalar = randomBytes(32);
        this.share = Buffer.from(cpaceShare(this.scalar, calculateGenerator(Buffer.from(this.code), CI, this.sid)));
        this.phase = 'share';
        return {reply: [plain({type: 'share', share: this.share.toString('base64')})]};
      }
      case 'share': {
        if (m.type !== 'share') return fail('the host broke the handshake');
        try {
          const isk = cpaceIsk({scalar: this.scalar, peerShare: m.share, sid: this.sid, initiator: {share: this.share, ad: AD_STUDENT}, responder: {share: m.share, ad: AD_HOST}});
          this.keys = sessionKeys(isk, this.sid, this.share, m.share);
        } catch (error) {
          if (error instanceof CpaceAbort) return fail('the host sent a low-order point');
          throw error;
        }
        this.hostShare = m.share;
        this.phase = 'confirm';
        return {reply: [plain({type: 'confirm', mac: this.keys.studentMac.toString('base64')})]};
      }
      case 'confirm': {
        // Only a machine that used the same code gets here: it must also hold the key the code names.
        if (m.type !== 'confirm' || !timingSafeEqual(m.mac, this.keys!.hostMac)) return fail(EVIL_TWIN, true);
        this.phase = 'hostkey';
        return {reply: []};
      }
      default:
        return fail('the host broke the handshake');
    }
  }

  private checkHost(text: string): {reply: Buffer[]; failure?: LinkFailure; opened?: boolean} {
    const parsed = readPre(Buffer.from(text));
    if (!parsed.ok || parsed.message.type !== 'hostkey') return {reply: [], failure: {reason: EVIL_TWIN, final: true}};
    const {key, signature} = parsed.message;
    const signed = Buffer.concat([SIGNED, transcript(this.sid, this.share, this.hostShare)]);
    const publicKey = createPublicKey({key: {kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url')}, format: 'jwk'});
    const pinnedOk = this.hostKey === null || this.hostKey.equals(key);
    if (!pinnedOk || codeOf(key) !== this.code || !verify(null, signed, publicKey, signature)) return {reply: [], failure: {reason: EVIL_TWIN, final: true}};
    this.hostKey = key;
    this.phase = 'open';
    return {reply: [], opened: true};
  }

  /** The longest frame the host may send now. */
  maxFrame(maxMessage: number): number {
    return maxMessage + SEAL_OVERHEAD;
  }

  seal(text: string): Buffer {
    if (!this.open) throw new Error('the link is not open');
    return Buffer.from(this.keys!.toHost.seal(Buffer.from(text)));
  }
}

/** A resume secret as the host keeps it: only its hash, so a journal that leaks gives no seat. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

export function secretMatches(secret: string, hash: string): boolean {
  return timingSafeEqual(Buffer.from(secretHash(secret), 'hex'), Buffer.from(hash.padEnd(64, '0').slice(0, 64), 'hex'));
}
