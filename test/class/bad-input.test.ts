// What a hostile or broken client can do to a class, on loopback: wrong codes, garbage before and
// inside the v2 link, frames over the cap, escape sequences in a name, floods, half-open and
// silent connections, a client that never reads, a full room. Each is turned away with a reason (or dropped when it cannot be
// told), counted for the instructor, and the students already in class keep getting every frame.
import {randomBytes} from 'node:crypto';
import {framed} from '../../src/class/handshake.js';
import {afterEach, describe, expect, it} from 'vitest';
import type {ClassClient} from '../../src/class/client.js';
import type {ClassHost, HostLimits} from '../../src/class/host.js';
import {rosterCounts} from '../../src/class/host-state.js';
import {at, CODE, raw, startHost, student, waitFor, type Raw} from './net-helpers.js';

let host: ClassHost | undefined;
let clients: ClassClient[] = [];
let raws: Raw[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  for (const r of raws) r.socket.destroy();
  clients = [];
  raws = [];
  await host?.stop();
  host = undefined;
});

let frame = 100;
/** A class of three who must keep up whatever else happens. */
async function classOfThree(limits: Partial<HostLimits> = {}): Promise<ClassHost> {
  host = await startHost(limits);
  clients = ['Ana', 'Bo', 'Cy'].map((name) => student(host!, name));
  await Promise.all(clients.map((c) => c.start()));
  return host;
}

/** The instructor steps once more; every good student must get there. */
async function everyoneFollows(): Promise<void> {
  frame += 1;
  const target = frame;
  host!.setPosition(at(target));
  await waitFor(() => clients.every((c) => c.state.classAt?.frame === target && c.state.link === 'joined'), `the good students at frame ${target}`);
  expect(rosterCounts(host!.snapshot).connected).toBeGreaterThanOrEqual(3);
}

async function attacker(h: ClassHost): Promise<Raw> {
  const r = await raw(h);
  raws.push(r);
  return r;
}

describe('bad input never costs the class', {timeout: 60_000}, () => {
  it('wrong codes spend a budget shared by the whole class; when it is spent guesses wait, but the right code from the same address still joins', async () => {
    await classOfThree({guesses: {burst: 3, perSecond: 2}});
    const wrong = (i: number) => String((Number(CODE) + 1 + i) % 1e12).padStart(12, '0');
    for (let i = 0; i < 3; i++) {
      const r = await attacker(host!);
      await r.join('mallory', wrong(i));
      await r.closed;
      expect(r.bye()).toBe("wrong join code; check the code on the instructor's screen");
    }
    const blocked = await attacker(host!);
    await blocked.join('mallory', wrong(99));
    await blocked.closed;
    expect(blocked.bye()).toMatch(/^too many wrong codes were tried in this class; wait 1 s and try again$/);
    expect(host!.snapshot.refused).toMatchObject({'wrong-code': 3, 'rate-limited': 1});
    await everyoneFollows();
    // From the address that was guessing (one classroom behind one NAT), the right code joins once a guess is free.
    await waitFor(() => true, 'nothing');
    await new Promise((r) => setTimeout(r, 550));
    const later = student(host!, 'Dee');
    clients.push(later);
    await later.start();
    await everyoneFollows();
  });

  it('idle connections from one address cannot hold the door: at most 4 waiting per address', async () => {
    await classOfThree();
    const idle: Raw[] = [];
    for (let i = 0; i < 4; i++) idle.push(await attacker(host!));
    const fifth = await attacker(host!);
    await fifth.closed;
    expect(fifth.bye()).toBe('too many connections are waiting to join; try again in a moment');
    // A student joins all the same (a connection that joins stops waiting), and the class goes on.
    await idle[0]!.join('Eve');
    await waitFor(() => idle[0]!.lines.some((l) => l.includes('"welcome"')), 'Eve welcomed');
    await everyoneFollows();
  });

  it('the roster has a cap: the next new student is told the class is full', async () => {
    await classOfThree({maxStudents: 3});
    const r = await attacker(host!);
    await r.join('Eve');
    await r.closed;
    expect(r.bye()).toBe('the class is full (3 students)');
    await everyoneFollows();
  });

  it('garbage bytes, a message out of turn and another protocol version close that connection with a reason', async () => {
    await classOfThree();
    const cases: [string | Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from([0x80]), randomBytes(300)]), /^a message was longer than 512 bytes$/],
      [framed(randomBytes(40)), /^malformed message: not JSON$/],
      [framed(Buffer.from('{"type":"answer","question":1,"choice":0}')), /^malformed message: 'answer' is not a message before the link is open$/],
      [framed(Buffer.from(JSON.stringify({type: 'share', share: Buffer.alloc(32).toString('base64')}))), /^malformed message: the first message must be a hello$/],
      [framed(Buffer.from('{"type":"hello","v":3,"nonce":"AAAAAAAAAAAAAAAAAAAAAA=="}')), /^this class speaks protocol version 2, your hs-tutor version 3; install the instructor's hs-tutor version/],
      // An hs-tutor of protocol 1 is told in its own words (a JSON line).
      ['{"type":"join","v":1,"code":"12345678","name":"old","id":"feedfacefeedface","following":true}\n', /^this class speaks protocol version 2, your hs-tutor version 1;/],
    ];
    for (const [input, reason] of cases) {
      const r = await attacker(host!);
      r.send(input);
      await r.closed;
      expect(r.bye()).toMatch(reason);
    }
    expect(host!.snapshot.refused).toMatchObject({version: 2});
    await everyoneFollows();
    // Inside the link, a malformed message costs only that student its seat.
    const r = await attacker(host!);
    await r.join('Eve');
    await waitFor(() => r.lines.some((l) => l.includes('"welcome"')), 'Eve welcomed');
    r.message('{"type":"answer","question":"1","choice":0}');
    await r.closed;
    expect(r.bye()).toBe('malformed message: question is not a whole number');
    // A frame that is not sealed with the link's key (altered, injected, replayed) ends that link too.
    const forged = await attacker(host!);
    await forged.join('Fay');
    await waitFor(() => forged.lines.some((l) => l.includes('"welcome"')), 'Fay welcomed');
    forged.send(framed(randomBytes(40)));
    await forged.closed;
    expect(forged.bye()).toMatch(/does not open: altered, replayed, out of order or from another session/);
    await everyoneFollows();
    expect(host!.snapshot.roster.filter((s) => s.name === 'Eve' || s.name === 'Fay').map((s) => s.connected)).toEqual([false, false]);
  });

  it('oversized frames are cut off at the cap, before the body arrives', async () => {
    await classOfThree();
    for (const input of [framed(Buffer.alloc(5000)), Buffer.from('y'.repeat(2_000_000))]) {
      const r = await attacker(host!);
      r.send(input);
      await r.closed;
      expect(r.bye()).toBe('a message was longer than 512 bytes');
    }
    // Inside the link the cap is a student's message, 1 KiB.
    const r = await attacker(host!);
    await r.join('x'.repeat(2000));
    await r.closed;
    expect(r.bye()).toBe('a message was longer than 1024 bytes');
    expect(host!.snapshot.refused['too-long']).toBe(3);
    await everyoneFollows();
  });

  it('escape sequences in a name never reach the roster', async () => {
    await classOfThree();
    const r = await attacker(host!);
    await r.join('\u001b[2J\u001b]0;owned\u0007Eve\u001b[31m\u202e\u0000');
    await waitFor(() => host!.snapshot.roster.length === 4 && r.lines.length > 0, 'Eve on the roster and welcomed');
    const eve = host!.snapshot.roster[3]!;
    expect(eve.name).toBe('Eve');
    expect(JSON.parse(r.lines[0]!)).toMatchObject({type: 'welcome', name: 'Eve'});
    for (const s of host!.snapshot.roster) expect(s.name).toMatch(/^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e]*$/);
    await everyoneFollows();
  });

  it('a flood of messages is cut off; a full room turns the next one away', async () => {
    await classOfThree({maxConnections: 6});
    const flood = await attacker(host!);
    await flood.join('Flo');
    for (let i = 0; i < 500; i++) flood.message('{"type":"pong","t":1}');
    await flood.closed;
    expect(flood.bye()).toBe('too many messages too fast');
    await everyoneFollows();
    const idle = [await attacker(host!), await attacker(host!), await attacker(host!)];
    const extra = await attacker(host!);
    await extra.closed;
    expect(extra.bye()).toMatch(/^the class is full \(6 connections\)/);
    expect(idle.every((r) => !r.isClosed())).toBe(true);
    await everyoneFollows();
  });

  it('half-open and silent connections time out; students who answer pings stay', async () => {
    await classOfThree({joinTimeoutMs: 300, idleTimeoutMs: 400, pingEveryMs: 50});
    const mute = await attacker(host!);
    const partial = await attacker(host!);
    partial.send(Buffer.from([0, 0, 0, 60, 0x7b, 0x22]));
    const silent = await attacker(host!);
    // Joins, then never says anything again (it does not answer pings).
    await silent.join('Sid');
    await Promise.all([mute.closed, partial.closed, silent.closed]);
    expect(mute.bye()).toBe('no join within 1 s');
    expect(partial.bye()).toBe('no join within 1 s');
    expect(silent.bye()).toBe('nothing heard for 1 s');
    expect(host!.snapshot.roster.find((s) => s.name === 'Sid')?.connected).toBe(false);
    expect(host!.snapshot.refused.timeout).toBe(3);
    // Well past the idle timeout, the real students (who answer pings) are all still there.
    await new Promise((r) => setTimeout(r, 600));
    expect(clients.every((c) => c.state.link === 'joined')).toBe(true);
    await everyoneFollows();
  });

  it('a client that never reads is dropped once its backlog passes the cap, and the host never waits for it', async () => {
    await classOfThree({maxBufferedBytes: 64 * 1024});
    const sloth = await attacker(host!);
    await sloth.join('Sloth');
    await waitFor(() => host!.snapshot.roster.length === 4, 'Sloth on the roster');
    sloth.socket.pause();
    const narration = 'n'.repeat(8000);
    let steps = 0;
    // Bounded: the loopback buffers hold a few MB; each step sends about 8 KB to everyone.
    while (host!.snapshot.refused.slow === undefined && steps < 5000) {
      frame += 1;
      const started = performance.now();
      host!.setPosition(at(frame, narration));
      // One fan-out is a loop of non-blocking writes.
      expect(performance.now() - started).toBeLessThan(1000);
      steps += 1;
      if (steps % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(host!.snapshot.refused.slow).toBe(1);
    expect(host!.snapshot.roster.find((s) => s.name === 'Sloth')?.connected).toBe(false);
    await everyoneFollows();
  });
});
