// The v2 link in memory (handshake.ts), without sockets: a student's and the host's ends run the
// whole handshake frame by frame; a wrong code ends it at the student's confirmation; and a frame
// sealed for one student opens for no other.
import {describe, expect, it} from 'vitest';
import {HostLink, StudentLink, type GuessPort} from '../../src/class/handshake.js';
import {CODE, TEST_KEY} from './net-helpers.js';

function budget(): GuessPort & {taken: number; refunded: number} {
  const b = {taken: 0, refunded: 0, take: () => (b.taken++, 0), refund: () => void b.refunded++};
  return b;
}

/** Runs the handshake to its end; returns both ends and what the host refused, if anything. */
function handshake(code: string, guesses = budget()) {
  const student = new StudentLink(code);
  const host = new HostLink(TEST_KEY);
  let toHost = [student.hello()];
  let refused: string | undefined;
  let failure: string | undefined;
  for (let round = 0; round < 5 && toHost.length > 0 && !refused && !failure; round++) {
    const toStudent: Buffer[] = [];
    for (const frame of toHost) {
      const out = host.receive(frame, guesses);
      toStudent.push(...out.reply);
      refused ??= out.refuse?.reason;
    }
    toHost = [];
    for (const frame of toStudent) {
      const out = student.receive(frame);
      toHost.push(...out.reply);
      failure ??= out.failure?.reason;
    }
  }
  return {student, host, refused, failure, guesses};
}

describe('the v2 handshake in memory', () => {
  it('opens both ends with the right code, takes one guess and gives it back', () => {
    const {student, host, refused, failure, guesses} = handshake(CODE);
    expect([refused, failure]).toEqual([undefined, undefined]);
    expect([student.open, host.open]).toEqual([true, true]);
    expect(student.hostKey?.equals(TEST_KEY.publicKey)).toBe(true);
    expect([guesses.taken, guesses.refunded]).toEqual([1, 1]);
    const out = host.receive(student.seal('{"type":"follow"}'), guesses);
    expect(out.message).toBe('{"type":"follow"}');
    expect(student.receive(host.seal('{"type":"ping","t":1}')).message).toEqual({type: 'ping', t: 1});
  });

  it('ends at the student\'s confirmation with a wrong code, the guess spent', () => {
    const {student, host, refused, guesses} = handshake(String((Number(CODE) + 7) % 1e12).padStart(12, '0'));
    expect(refused).toBe("wrong join code; check the code on the instructor's screen");
    expect([student.open, host.open]).toEqual([false, false]);
    expect([guesses.taken, guesses.refunded]).toEqual([1, 0]);
  });

  it('a frame sealed in one student\'s link opens in no other, nor twice, nor altered', () => {
    const ana = handshake(CODE);
    const bo = handshake(CODE);
    const frame = ana.student.seal('{"type":"answer","question":1,"choice":0}');
    expect(bo.host.receive(frame, budget()).refuse?.reason).toMatch(/does not open/);
    const forHost = ana.host.receive(frame, budget());
    expect(forHost.message).toBe('{"type":"answer","question":1,"choice":0}');
    expect(ana.host.receive(frame, budget()).refuse?.reason).toMatch(/does not open/);
    const toBo = bo.host.seal('{"type":"ping","t":2}');
    expect(ana.student.receive(toBo).failure?.reason).toMatch(/the link to the host broke/);
  });
});
