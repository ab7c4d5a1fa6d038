// What the built-in lessons say in words must agree with the engine and its bytes (issue 16,
// "Fix first"): each check reads the lesson's own sentence and holds it against a run, so a
// wrong fact coming back — in the text or in the engine — fails here.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {describeFields} from '../../src/engine/bytes/fields.js';
import type {Frame, Trace} from '../../src/engine/types.js';
import {run} from '../helpers/run.js';
import {loadCurriculum} from '../../src/curriculum/index.js';

const lesson = (file: string): string => readFileSync(new URL(`../../lessons/${file}`, import.meta.url), 'utf8');

/** The narration under `## @<frame>` in the given part (1-based), up to the next heading. */
function section(text: string, frame: string, part = 1): string {
  const parts = text.split(/^# @part \d+$/m);
  const body = parts[parts.length > 1 ? part : 0] ?? '';
  const match = new RegExp(`^## @${frame.replace('#', '\\#')}\\n([\\s\\S]*?)(?=^#|(?![\\s\\S]))`, 'm').exec(body);
  if (!match) throw new Error(`no section @${frame} in part ${part}`);
  return match[1]!.replace(/\s+/g, ' ');
}

const field = (trace: Trace, frame: Frame, name: string): string => {
  const found = describeFields(frame, trace).find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name} in ${frame.id}`);
  return found.value;
};

const GROUPS = ['x25519', 'secp256r1', 'secp384r1', 'x448'];
const groupsNamed = (text: string): string[] => GROUPS.filter((g) => text.includes(g));

describe('lesson 13 (HelloRetryRequest): the key shares it names are the ones on the wire', () => {
  const text = lesson('13-tls13-hrr.md');
  const trace = run('tls13-hrr');
  const frame = (id: string) => trace.frames.find((f) => f.id === id)!;
  // The dissector reads the groups back from the bytes: "secp256r1, 65-byte key", "send x25519".
  const firstShare = field(trace, frame('client-hello'), 'Extension: key_share').split(',')[0]!;
  const wanted = field(trace, frame('hello-retry-request'), 'Extension: key_share').replace(/^send /, '');
  const secondShare = field(trace, frame('client-hello#2'), 'Extension: key_share').split(',')[0]!;

  it('the bytes: the first ClientHello guesses secp256r1, the HelloRetryRequest asks for x25519, the second ClientHello sends it', () => {
    expect([firstShare, wanted, secondShare]).toEqual(['secp256r1', 'x25519', 'x25519']);
  });

  it('the first ClientHello\'s narration names the share it sends before the group the server wants', () => {
    const words = section(text, 'client-hello');
    expect(words).toMatch(new RegExp(`key share for one group only: ${firstShare}`));
    expect(words.indexOf(firstShare)).toBeLessThan(words.indexOf(wanted));
    expect(words).toMatch(new RegExp(`server wants ${wanted}`));
  });

  it('the HelloRetryRequest and the second ClientHello name the group asked for, and no other', () => {
    expect(groupsNamed(section(text, 'hello-retry-request'))).toEqual([wanted]);
    expect(groupsNamed(section(text, 'client-hello#2'))).toEqual([secondShare]);
  });
});

describe('lesson 01 (TCP handshake): options that only a SYN may carry, and timestamps', () => {
  const words = section(lesson('01-tcp-handshake.md'), 'syn');
  const trace = run('tcp-handshake');
  const OPTION_WORDS: Record<string, string> = {MSS: 'MSS', 'SACK-permitted': 'SACK_PERM', 'window scale': 'WS', timestamps: 'TS'};

  it('every option the text calls SYN-only is on no other segment of the run', () => {
    const synOnly = /(.*?) may appear only on a\s+SYN/.exec(words);
    expect(synOnly, 'the @syn narration says which options may appear only on a SYN').not.toBeNull();
    const named = Object.keys(OPTION_WORDS).filter((w) => synOnly![1]!.includes(w));
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const word of named) {
      const elsewhere = trace.frames.filter((f) => f.tcp && !f.tcp.flags.includes('SYN') && f.tcp.options.some((o) => o.name === OPTION_WORDS[word]));
      expect(elsewhere.map((f) => f.id), `${word} is called SYN-only but rides on`).toEqual([]);
    }
  });

  it('timestamps are not among them, and ride on every segment once negotiated (RFC 7323 §3.2)', () => {
    expect(/(.*?) may appear only on a\s+SYN/.exec(words)![1]).not.toMatch(/timestamp/i);
    expect(words).toMatch(/timestamps[^.]*every segment[^.]*RFC 7323 §3\.2/);
    for (const f of trace.frames) expect(f.tcp!.options.some((o) => o.name === 'TS'), f.id).toBe(true);
  });
});

describe('lesson 16 (QUIC): packet-number spaces and the anti-amplification limit', () => {
  const text = lesson('16-quic.md');

  it('0-RTT and 1-RTT packets share one packet-number space, in the engine (RFC 9000 §12.3)…', () => {
    for (const trace of [run('quic-0rtt'), run('quic-0rtt', {retry: 'on'})]) {
      const numbers = trace.frames.filter((f) => f.from === 'client').flatMap((f) => f.quic!.packets.filter((p) => p.type === '0rtt' || p.type === '1rtt').map((p) => p.pn!));
      expect(numbers.length).toBeGreaterThan(1);
      expect(numbers, 'one sequence across 0-RTT and 1-RTT: no number used twice, always rising').toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
  });

  it('…and in the lesson, which no longer gives every packet type a space of its own', () => {
    const words = section(text, 'server-flight');
    expect(words).not.toMatch(/each packet type has its own (keys and )?packet-number space/i);
    expect(words).toMatch(/0-RTT and 1-RTT packets share/);
    expect(words).toContain('RFC 9000 §12.3');
  });

  it('the limit counts UDP payload: the lesson adds udp.len figures and says so (RFC 9000 §8.1)', () => {
    const words = section(text, 'server-flight#3');
    expect(words).not.toContain('wireBytes');
    expect(words).toMatch(/\{\{frame server-flight udp\.len\}\}.*\{\{frame client-hello udp\.len\}\}/);
    expect(words).toMatch(/UDP payload.*RFC 9000 §8\.1/);
  });

  it('the engine keeps the server within three times the UDP payload it received until the address is validated', () => {
    for (const set of [{}, {clientAuth: 'on'}, {hrr: 'on'}, {resume: 'on'}, {retry: 'on'}] as Record<string, string>[]) {
      const trace = run('quic', set);
      const validated = trace.frames.find((f) => f.from === 'client' && f.quic!.packets.some((p) => p.type === 'handshake'));
      const udp = (f: Frame) => f.quic!.packets.reduce((n, p) => n + p.length, 0);
      for (const f of trace.frames.filter((g) => g.from === 'server' && (!validated || g.sendMs < validated.arriveMs!))) {
        const sent = trace.frames.filter((g) => g.from === 'server' && g.index <= f.index).reduce((n, g) => n + udp(g), 0);
        const received = trace.frames.filter((g) => g.from === 'client' && g.arriveMs !== null && g.arriveMs <= f.sendMs).reduce((n, g) => n + udp(g), 0);
        const retried = trace.frames.some((g) => g.quic!.packets.some((p) => p.type === 'retry'));
        if (!retried) expect(sent, `${JSON.stringify(set)} ${f.id}`).toBeLessThanOrEqual(3 * received);
      }
    }
  });
});

describe('lessons 04 and 15 (TLS 1.2): one record per message', () => {
  it('the server flight\'s narration lists the ServerHello in the segment where its own record ends', () => {
    const trace = run('tls12');
    expect(trace.frames.find((f) => f.id === 'server-flight')!.tls.map((r) => r.messages)).toEqual([['ServerHello']]);
    expect(section(lesson('04-tls12.md'), 'server-flight')).toMatch(/each message travels in its own record/);
  });
});

describe('lesson 06 (TFO): the cookie is cached per client IP and server IP (RFC 7413 §4.1.3)', () => {
  it('says so where the cookie arrives', () => {
    const words = section(lesson('06-tfo.md'), 'syn-ack');
    expect(words).toMatch(/per pair of client IP and server IP/);
    expect(words).not.toMatch(/per server IP address,/);
  });
});

describe('lesson 09 (RST): an abort as the RFC writes it and as Linux sends it', () => {
  it("names the engine's bare RST as the RFC's and Linux's RST+ACK beside it", () => {
    const trace = run('tcp-abort');
    const rst = trace.frames.find((f) => f.tcp?.flags.includes('RST'))!;
    expect(rst.tcp!.flags).toEqual(['RST']);
    const words = section(lesson('09-tcp-rst.md'), 'rst', 2);
    expect(words).toMatch(/no ACK flag/);
    expect(words).toMatch(/That bare RST is the RFC's; a Linux host sends the same reset with the ACK flag set/);
  });
});

describe('lesson 02 (close): the slow peer part holds at every RTT, not only at 100 ms', () => {
  it.each([7, 100, 999])('at RTT %i ms the late FIN is one round trip plus the delay, and 2 RTT only for a delay of one round trip', (rttMs) => {
    const lessons = loadCurriculum({env: {}}).lessons;
    const play = lessons.find((l) => l.id === 'tcp-close')!.play({rttMs});
    const text = play.narration(2, 'fin#2')!;
    const trace = play.parts[2]!.trace;
    const at = (id: string) => trace.frames.find((f) => f.id === id)!;
    const elapsedRtt = (at('fin#2').arriveMs! - at('fin').sendMs) / rttMs;
    // The engine's own figure is 1 RTT plus the application's delay, as the text says.
    expect(elapsedRtt).toBeCloseTo(1 + 100 / rttMs, 1);
    expect(text).toContain(`one round trip (${rttMs} ms) plus the application's 100 ms`);
    expect(text).toMatch(/Only when that delay is about one round trip does it come to the textbook's "2 RTT"/);
  });
});
