// Protocol v2 on loopback, as design/class-security.md lists its tests: what crosses the network
// says nothing in the clear; a wrong code is one failure; a machine that knows the code but not
// the instructor's key is refused for good; a captured id gives no seat; a low-order share and a
// hang-up mid-handshake are handled; idle sockets from many addresses do not keep a student out.
import {createHash, generateKeyPairSync} from 'node:crypto';
import {connect, createServer, type Server, type Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import type {ClassClient} from '../../src/class/client.js';
import {EVIL_TWIN, FrameReader, framed, hostKeyOf, StudentLink, type HostKey} from '../../src/class/handshake.js';
import {ClassHost} from '../../src/class/host.js';
import {at, CODE, raw, startHost, student, TEST_KEY, waitFor} from './net-helpers.js';

let hosts: ClassHost[] = [];
let clients: ClassClient[] = [];
let sockets: Socket[] = [];
let servers: Server[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
  for (const h of hosts) await h.stop();
  hosts = [];
  clients = [];
  sockets = [];
  servers = [];
});

async function host(options: {hostKey?: HostKey} = {}): Promise<ClassHost> {
  const h = options.hostKey ? await ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: options.hostKey, limits: {closeGraceMs: 200}}) : await startHost();
  hosts.push(h);
  return h;
}

function join(h: ClassHost | {address(): {port: number}}, name: string, extra: Parameters<typeof student>[2] = {}): ClassClient {
  const c = student(h as ClassHost, name, extra);
  clients.push(c);
  return c;
}

/** A relay in front of the host that keeps every byte either way: what a classmate on the Wi-Fi sees. */
async function tap(target: number): Promise<{port: number; bytes: () => Buffer}> {
  const seen: Buffer[] = [];
  const server = createServer((inbound) => {
    const outbound = connect({host: '127.0.0.1', port: target});
    sockets.push(inbound, outbound);
    inbound.on('data', (b: Buffer) => (seen.push(b), outbound.write(b)));
    outbound.on('data', (b: Buffer) => (seen.push(b), inbound.write(b)));
    inbound.on('error', () => {});
    outbound.on('error', () => {});
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {port: (server.address() as {port: number}).port, bytes: () => Buffer.concat(seen)};
}

describe('class protocol v2 on loopback', {timeout: 60_000}, () => {
  it('a whole session on the wire holds none of: the code or its hash, the name, the id, the resume secret, the question, the answer', async () => {
    const h = await host();
    const wire = await tap(h.address().port);
    const ana = join({address: () => ({port: wire.port})}, 'Anastasia');
    await ana.start();
    h.setPosition(at(4, 'The server answers with its own key share.'));
    h.push({prompt: 'Which message carries the certificate?', choices: ['ServerHello', 'Certificate'], answer: 1, explanation: 'Encrypted under the handshake keys.', source: 'quiz', label: 'quiz'});
    await waitFor(() => ana.state.question !== null, 'the question');
    ana.answer(1);
    await waitFor(() => Object.keys(h.snapshot.questions[0]!.answers).length === 1, 'the answer');
    h.reveal();
    await waitFor(() => ana.state.reveal !== null, 'the reveal');
    const bytes = wire.bytes();
    const text = bytes.toString('latin1');
    const secrets = [CODE, createHash('sha256').update(CODE).digest('hex'), 'Anastasia', ana.id!, ana.resume!.secret, 'carries the certificate', 'Encrypted under the handshake keys', 'server answers with its own', '"choice"', '"answer"'];
    for (const secret of secrets) {
      expect(text.includes(secret), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
    }
    expect(Buffer.from(ana.id!, 'hex').length).toBe(16);
    expect(bytes.includes(Buffer.from(ana.id!, 'hex'))).toBe(false);
    expect(bytes.includes(Buffer.from(ana.resume!.secret, 'hex'))).toBe(false);
    // What does cross in the clear: the handshake's hello, shares and confirmations, then sealed frames.
    expect(text).toContain('"suite":"CPACE-X25519-SHA512"');
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it('a wrong code is refused at once and counted once; a hang-up after the share counts once too; the right code still joins', async () => {
    const h = await host();
    const wrong = String((Number(CODE) + 1) % 1e12).padStart(12, '0');
    const eve = join(h, 'Eve', {code: wrong});
    await expect(eve.start()).rejects.toMatchObject({kind: 'refused', message: "wrong join code; check the code on the instructor's screen"});
    expect(h.snapshot.refused).toEqual({'wrong-code': 1});
    // A guesser who sends a share and hangs up before confirming still spends the guess.
    const socket = connect({host: '127.0.0.1', port: h.address().port});
    sockets.push(socket);
    const link = new StudentLink(wrong);
    const reader = new FrameReader(4096);
    let frames = 0;
    socket.on('data', (chunk: Buffer) => {
      for (const frame of reader.push(chunk).frames) {
        frames++;
        // The host's hello gets the share; the host's share gets no confirmation: the line goes dead.
        if (frames === 1) for (const reply of link.receive(frame).reply) socket.write(reply);
        else socket.destroy();
      }
    });
    socket.on('connect', () => socket.write(link.hello()));
    expect(h.snapshot.refused['wrong-code']).toBe(1);
    await waitFor(() => h.snapshot.refused['wrong-code'] === 2, 'the hang-up counted');
    const ana = join(h, 'Ana');
    await ana.start();
    expect(ana.state.link).toBe('joined');
  });

  it('a machine that knows the code but not the instructor\'s key is refused for good, with the evil-twin message', async () => {
    const real = await host();
    const other = generateKeyPairSync('ed25519').privateKey;
    // It runs CPace with the right code, but its key's fingerprint is not the code…
    const twin = await host({hostKey: {...hostKeyOf(other), code: CODE}});
    const ana = join(twin, 'Ana');
    await expect(ana.start()).rejects.toMatchObject({kind: 'refused', message: EVIL_TWIN});
    expect(ana.state.link).toBe('ended');
    // …and relaying the real host's public key does not help: it cannot sign this session with it.
    const relay = await host({hostKey: {privateKey: other, publicKey: TEST_KEY.publicKey, code: CODE}});
    const bo = join(relay, 'Bo');
    await expect(bo.start()).rejects.toMatchObject({kind: 'refused', message: EVIL_TWIN});
    // The real host, with the same code, admits both.
    const cy = join(real, 'Cy');
    await cy.start();
    expect(real.snapshot.roster.map((s) => s.name)).toEqual(['Cy']);
  });

  it('a captured id without its secret gives no seat: it joins as someone new and the student stays', async () => {
    const h = await host();
    const ana = join(h, 'Ana');
    await ana.start();
    const mallory = join(h, 'Mallory', {resume: {id: ana.id!, secret: 'f'.repeat(64)}});
    await mallory.start();
    expect(mallory.id).not.toBe(ana.id);
    expect(h.snapshot.roster.map((s) => [s.name, s.connected])).toEqual([['Ana', true], ['Mallory', true]]);
    expect(ana.state.link).toBe('joined');
    // With the secret, a dropped student comes back as themselves (client.ts keeps it).
    ana.dropConnection();
    await waitFor(() => h.snapshot.roster[0]!.connected === false || ana.state.link !== 'joined', 'the drop seen');
    await waitFor(() => ana.state.link === 'joined' && h.snapshot.roster[0]!.connected, 'Ana back');
    expect(h.snapshot.roster.map((s) => s.name)).toEqual(['Ana', 'Mallory']);
  });

  it('a low-order share is refused without a crash', async () => {
    const h = await host();
    const r = await raw(h);
    sockets.push(r.socket);
    r.send(framed(Buffer.from(JSON.stringify({type: 'hello', v: 2, nonce: Buffer.alloc(16, 1).toString('base64')}))));
    await waitFor(() => r.socket.bytesRead > 0, 'the host hello');
    r.send(framed(Buffer.from(JSON.stringify({type: 'share', share: Buffer.alloc(32).toString('base64')}))));
    await r.closed;
    expect(r.bye()).toBe('malformed message: the share is a low-order point');
    const ana = join(h, 'Ana');
    await ana.start();
  });

  it('300 idle connections from 75 other addresses do not keep a student out', async () => {
    const h = await host();
    const idle: Socket[] = [];
    for (let a = 2; a < 77; a++) {
      for (let i = 0; i < 4; i++) {
        const s = connect({host: '127.0.0.1', port: h.address().port, localAddress: `127.0.0.${a}`});
        s.on('error', () => {});
        idle.push(s);
        sockets.push(s);
      }
    }
    await Promise.all(idle.map((s) => new Promise<void>((resolve) => (s.readyState === 'open' ? resolve() : s.once('connect', () => resolve())))));
    const ana = join(h, 'Ana');
    await ana.start();
    expect(ana.state.link).toBe('joined');
    expect(h.snapshot.refused.full).toBeGreaterThan(0);
  });

  it('closed to newcomers: a new student is told so, one on the roster comes back; a removed student is cut off and not let back in by their secret', async () => {
    const h = await host();
    const ana = join(h, 'Ana');
    const bo = join(h, 'Bo');
    await Promise.all([ana.start(), bo.start()]);
    h.setClosed(true);
    const cy = join(h, 'Cy');
    await expect(cy.start()).rejects.toMatchObject({kind: 'refused', message: 'the instructor has closed the class to new students; ask them to open it'});
    expect(h.snapshot.refused.closed).toBe(1);
    ana.dropConnection();
    await waitFor(() => ana.state.link !== 'joined', 'the drop');
    await waitFor(() => ana.state.link === 'joined', 'Ana back while closed');
    h.remove(bo.id!);
    await waitFor(() => bo.state.link === 'ended', 'Bo told');
    expect(bo.state.reason).toBe('the instructor removed you from the class');
    // His program's secret no longer opens his seat: with the class closed, it opens none.
    const again = join(h, 'Bo', {resume: bo.resume!});
    await expect(again.start()).rejects.toMatchObject({message: 'the instructor has closed the class to new students; ask them to open it'});
    expect(h.snapshot.roster.map((s) => [s.name, s.connected, s.removed ?? false])).toEqual([['Ana', true, false], ['Bo', false, true]]);
  });

  it('R rotates the code: students in the class get the new one and come back with it; the old one admits nobody; a code that ran out of guesses admits nobody until then', async () => {
    const h = await ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: TEST_KEY, limits: {closeGraceMs: 200, maxFailuresPerCode: 2}});
    hosts.push(h);
    const ana = join(h, 'Ana');
    await ana.start();
    const wrong = String((Number(CODE) + 1) % 1e12).padStart(12, '0');
    for (let i = 0; i < 2; i++) await expect(join(h, 'Eve', {code: wrong}).start()).rejects.toMatchObject({message: "wrong join code; check the code on the instructor's screen"});
    await expect(join(h, 'Bo').start()).rejects.toMatchObject({message: 'this join code has had too many wrong guesses and admits nobody now; the instructor can show a new one (R)'});
    h.rotate();
    expect(h.code).not.toBe(CODE);
    // Ana's program got the new code inside the link: after a drop it comes back with it.
    await waitFor(() => ana.code === h.code, 'the new code at Ana');
    ana.dropConnection();
    await waitFor(() => ana.state.link !== 'joined', 'the drop');
    await waitFor(() => ana.state.link === 'joined', 'Ana back with the new code');
    await expect(join(h, 'Cy').start()).rejects.toMatchObject({message: "wrong join code; check the code on the instructor's screen"});
    const dee = student(h, 'Dee', {code: h.code});
    clients.push(dee);
    await dee.start();
    expect(h.snapshot.roster.filter((s) => s.connected).map((s) => s.name)).toEqual(['Ana', 'Dee']);
    // The rotation is an event of the class: a host resumed from it (the journal) keeps the new code.
    const resumed = await ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: TEST_KEY, initial: h.snapshot});
    hosts.push(resumed);
    expect(resumed.code).toBe(h.code);
  });

  it('the guess budget is the class\'s, across 40 addresses: 30 wrong guesses, then everyone waits; a second later the right code joins from a guessing address', async () => {
    let clock = 1_000_000;
    const h = await ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: TEST_KEY, now: () => clock, limits: {closeGraceMs: 200}});
    hosts.push(h);
    const wrong = String((Number(CODE) + 1) % 1e12).padStart(12, '0');
    /** One whole handshake (and, once open, a join) from `address`; what the host said at the end. */
    const attempt = (address: string, code: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({host: '127.0.0.1', port: h.address().port, localAddress: address});
        sockets.push(socket);
        const link = new StudentLink(code);
        const reader = new FrameReader(1 << 16);
        socket.on('error', () => {});
        socket.on('connect', () => socket.write(link.hello()));
        socket.on('data', (chunk: Buffer) => {
          for (const frame of reader.push(chunk).frames) {
            const out = link.receive(frame);
            for (const reply of out.reply) socket.write(reply);
            if (out.opened) socket.write(link.seal(JSON.stringify({type: 'join', name: 'Ana', following: true})));
            if (out.message?.type === 'bye') resolve(out.message.reason);
            if (out.message?.type === 'welcome') resolve('welcome');
          }
        });
      });
    const said = await Promise.all(Array.from({length: 40}, (_, i) => attempt(`127.0.0.${i + 2}`, wrong)));
    expect(said.filter((s) => s.startsWith('wrong join code'))).toHaveLength(30);
    expect(said.filter((s) => s === 'too many wrong codes were tried in this class; wait 1 s and try again')).toHaveLength(10);
    expect(await attempt('127.0.0.2', CODE)).toMatch(/^too many wrong codes/);
    clock += 1000;
    expect(await attempt('127.0.0.2', CODE)).toBe('welcome');
    // The right code gave its guess back: the next wrong one is checked, not told to wait.
    expect(await attempt('127.0.0.3', wrong)).toMatch(/^wrong join code/);
    expect(h.snapshot.refused).toMatchObject({'wrong-code': 31, 'rate-limited': 11});
  });
});
