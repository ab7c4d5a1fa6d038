// Class protocol v2's other two pieces of key material (design/class-security.md): the join code,
// which is both the CPace password and the fingerprint of the host's fresh Ed25519 key, and the
// encrypted channel the JSON messages ride in once CPace has given both sides the same ISK.
import {createCipheriv, createDecipheriv, hkdfSync, scryptSync} from 'node:crypto';

/** scrypt's work (design: N = 2^15, r = 8, p = 1): a guess costs ~0.1 s, an offline sweep of 10^12 codes years. */
const SCRYPT = {N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024} as const;
const CODE_SALT = 'hs-tutor class code v2';
const CODE_SPACE = 10n ** 12n;

/** The 12-digit join code of a host key: scrypt(publicKey) → 8 bytes → uint64 mod 10^12. */
export function joinCode(hostPublicKey: Uint8Array): string {
  const digest = scryptSync(hostPublicKey, CODE_SALT, 8, SCRYPT);
  return (digest.readBigUInt64BE(0) % CODE_SPACE).toString().padStart(12, '0');
}

/** The code as the projector shows it: three groups of four ("4821 0937 5512"). */
export function showCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`;
}

/** A typed code: spaces and dashes ignored; anything but 12 digits is undefined. */
export function parseCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{12}$/.test(digits) ? digits : undefined;
}

export type Direction = 'student-to-host' | 'host-to-student';

/** A frame longer than this is refused before any decryption (the host's limit, design: "frames"). */
export const MAX_FRAME = 64 * 1024;
const TAG = 16;

export class ChannelError extends Error {
  override name = 'ChannelError';
}

/**
 * One direction of the encrypted channel: ChaCha20-Poly1305 with a key from HKDF-SHA512(ISK,
 * salt = session id, info = direction), nonce = the frame's 64-bit counter, and the length
 * header authenticated as associated data. A frame out of order, replayed, altered or from
 * another session does not open, and the connection is closed.
 */
export class ChannelDirection {
  private counter = 0n;
  private readonly key: Buffer;

  constructor(isk: Uint8Array, sid: Uint8Array, direction: Direction) {
    this.key = Buffer.from(hkdfSync('sha512', isk, sid, `hs-tutor class v2 ${direction}`, 32));
  }

  private nonce(): Buffer {
    const nonce = Buffer.alloc(12);
    nonce.writeBigUInt64BE(this.counter, 4);
    return nonce;
  }

  /** A frame: 4-byte length, then the sealed message and its tag. */
  seal(message: Uint8Array): Uint8Array {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(message.length + TAG);
    const cipher = createCipheriv('chacha20-poly1305', this.key, this.nonce(), {authTagLength: TAG});
    cipher.setAAD(header, {plaintextLength: message.length});
    const sealed = Buffer.concat([header, cipher.update(message), cipher.final(), cipher.getAuthTag()]);
    this.counter++;
    return sealed;
  }

  /** The message in the next frame, in order; throws ChannelError for anything else. */
  open(frame: Uint8Array): Uint8Array {
    if (frame.length < 4 + TAG) throw new ChannelError('a frame shorter than its header and tag');
    const header = Buffer.from(frame.subarray(0, 4));
    const length = header.readUInt32BE(0);
    if (length > MAX_FRAME || length !== frame.length - 4) throw new ChannelError('a frame whose length is not what its header says');
    const decipher = createDecipheriv('chacha20-poly1305', this.key, this.nonce(), {authTagLength: TAG});
    decipher.setAAD(header, {plaintextLength: frame.length - 4 - TAG});
    decipher.setAuthTag(Buffer.from(frame.subarray(frame.length - TAG)));
    let message: Buffer;
    try {
      message = Buffer.concat([decipher.update(frame.subarray(4, frame.length - TAG)), decipher.final()]);
    } catch {
      throw new ChannelError('a frame that does not open: altered, replayed, out of order or from another session');
    }
    this.counter++;
    return new Uint8Array(message);
  }
}
