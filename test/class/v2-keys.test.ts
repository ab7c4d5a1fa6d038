// Class protocol v2's join code and encrypted channel (design/class-security.md): the code is a
// fingerprint of the host key, and the channel refuses every frame that is not the next one of
// its own session, generated cases included (seeded).
import {generateKeyPairSync} from 'node:crypto';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ChannelDirection, ChannelError, joinCode, parseCode, showCode} from '../../src/class/v2-keys.js';

const isk = Uint8Array.from({length: 64}, (_, i) => i);
const sid = Uint8Array.from({length: 32}, (_, i) => 255 - i);
const pair = () => [new ChannelDirection(isk, sid, 'host-to-student'), new ChannelDirection(isk, sid, 'host-to-student')] as const;
const text = (s: string) => new TextEncoder().encode(s);

describe('the join code', () => {
  it('is 12 digits derived from the host key alone: the same key, the same code; another key, another code', () => {
    const key = new Uint8Array(32).fill(7);
    const code = joinCode(key);
    expect(code).toMatch(/^\d{12}$/);
    expect(joinCode(key)).toBe(code);
    expect(joinCode(new Uint8Array(32).fill(8))).not.toBe(code);
    const real = generateKeyPairSync('ed25519').publicKey.export({format: 'der', type: 'spki'}).subarray(-32);
    expect(joinCode(real)).toMatch(/^\d{12}$/);
  });

  it('is shown in three groups and read back with spaces or dashes, nothing else', () => {
    expect(showCode('482109375512')).toBe('4821 0937 5512');
    expect(parseCode('4821 0937 5512')).toBe('482109375512');
    expect(parseCode('4821-0937-5512')).toBe('482109375512');
    expect(parseCode('48210937551')).toBeUndefined();
    expect(parseCode('4821 0937 551x')).toBeUndefined();
  });
});

describe('the encrypted channel', () => {
  it('carries messages in order, each frame sealed and its length authenticated', () => {
    const [send, receive] = pair();
    for (const m of ['hello', '', '{"type":"frame","n":3}']) {
      const frame = send.seal(text(m));
      if (m !== '') expect(Buffer.from(frame).includes(Buffer.from(m))).toBe(false); // nothing in the clear
      expect(new TextDecoder().decode(receive.open(frame))).toBe(m);
    }
  });

  it('refuses a replayed, reordered, truncated or altered frame, or one from another session or direction (generated)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({maxLength: 64}), {minLength: 2, maxLength: 5}), fc.nat(), fc.nat(), (messages, at, bit) => {
        const [send, receive] = pair();
        const frames = messages.map((m) => send.seal(m));
        // Reordered: the second frame first.
        expect(() => pair()[1].open(frames[1]!)).toThrow(ChannelError);
        // Altered: one bit of the first frame flipped.
        const altered = Uint8Array.from(frames[0]!);
        const i = at % altered.length;
        altered[i] = altered[i]! ^ (1 << (bit % 8));
        expect(() => pair()[1].open(altered)).toThrow(ChannelError);
        // Truncated.
        expect(() => pair()[1].open(frames[0]!.subarray(0, frames[0]!.length - 1))).toThrow(ChannelError);
        // Another session, another direction.
        expect(() => new ChannelDirection(isk, Uint8Array.from(sid).reverse(), 'host-to-student').open(frames[0]!)).toThrow(ChannelError);
        expect(() => new ChannelDirection(isk, sid, 'student-to-host').open(frames[0]!)).toThrow(ChannelError);
        // In order it opens; the same frame again (a replay) does not.
        expect(receive.open(frames[0]!)).toEqual(messages[0]);
        expect(() => receive.open(frames[0]!)).toThrow(ChannelError);
      }),
      {seed: 18, numRuns: 60},
    );
  });

  it('refuses a length header that lies or asks for more than a frame may hold, before decrypting', () => {
    const [send, receive] = pair();
    const frame = Uint8Array.from(send.seal(text('hi')));
    new DataView(frame.buffer).setUint32(0, 2 ** 31);
    expect(() => receive.open(frame)).toThrow(/length/);
  });
});
