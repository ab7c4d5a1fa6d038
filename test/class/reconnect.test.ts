// A student whose connection dies mid-lesson reconnects by itself and lands on the class's
// current frame, under the same name and with their answer kept; a host that ends the class is
// not retried.
import {afterEach, describe, expect, it} from 'vitest';
import type {ClassClient} from '../../src/class/client.js';
import type {ClassHost} from '../../src/class/host.js';
import {histogram, rosterCounts} from '../../src/class/host-state.js';
import {at, startHost, student, waitFor} from './net-helpers.js';

let host: ClassHost | undefined;
let clients: ClassClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await host?.stop();
  host = undefined;
});

describe('reconnecting', {timeout: 60_000}, () => {
  it('a killed connection comes back by itself at the current frame, with its name, place and answer', async () => {
    host = await startHost();
    clients = ['Ana', 'Bo', 'Cy'].map((name) => student(host!, name));
    await Promise.all(clients.map((c) => c.start()));
    host.setPosition(at(3));
    host.push({prompt: 'Which?', choices: ['a', 'b'], answer: 0, explanation: '', source: 'quiz', label: 'quiz'});
    await waitFor(() => clients.every((c) => c.state.classAt?.frame === 3 && c.state.question !== null), 'frame 3 and the question');
    const bo = clients[1]!;
    bo.answer(1);
    await waitFor(() => histogram(host!.snapshot)?.[1] === 1, "Bo's answer");

    const links: string[] = [];
    bo.subscribe(() => links.push(bo.state.link));
    bo.dropConnection();
    // The class moves on while Bo is away.
    host.setPosition(at(4));
    host.setPosition(at(5));
    await waitFor(() => links.includes('reconnecting'), 'Bo noticing the drop');
    await waitFor(() => bo.state.link === 'joined' && bo.state.classAt?.frame === 5, 'Bo back at frame 5');
    expect(bo.state).toMatchObject({name: 'Bo', chosen: 1, attempt: 0});
    expect(host.snapshot.roster.map((s) => s.name)).toEqual(['Ana', 'Bo', 'Cy']);
    expect(rosterCounts(host.snapshot)).toMatchObject({connected: 3, offline: 0});
    expect(histogram(host.snapshot)).toEqual([0, 1]);
    // And it keeps following.
    host.setPosition(at(6));
    await waitFor(() => clients.every((c) => c.state.classAt?.frame === 6), 'everyone at frame 6');
  });

  it('an explorer comes back still exploring, at the same place on the roster', async () => {
    host = await startHost();
    clients = [student(host, 'Ana')];
    await clients[0]!.start();
    clients[0]!.detach(0, 4);
    await waitFor(() => host!.snapshot.roster[0]?.at?.frame === 4, 'Ana exploring');
    clients[0]!.dropConnection();
    await waitFor(() => host!.snapshot.roster[0]?.connected === false, 'Ana offline');
    await waitFor(() => host!.snapshot.roster[0]?.connected === true && host!.snapshot.roster[0]?.at?.frame === 4, 'Ana back, exploring at frame 4');
    expect(clients[0]!.state.following).toBe(false);
  });

  it('keeps trying while the host is away, and stops when the host ends the class', async () => {
    host = await startHost();
    const ana = student(host, 'Ana');
    clients = [ana];
    await ana.start();
    await host.stop();
    host = undefined;
    await waitFor(() => ana.state.link === 'ended', 'the end of the class');
    expect(ana.state.reason).toBe('the instructor ended the class');
  });

  it('the first join fails plainly when nobody listens or the code is wrong', async () => {
    host = await startHost();
    const {port} = host.address();
    const wrong = student(host, 'Ana', {code: '00000000'});
    await expect(wrong.start()).rejects.toMatchObject({kind: 'refused', message: "wrong join code; check the code on the instructor's screen"});
    await host.stop();
    host = undefined;
    const nobody = student({address: () => ({host: '127.0.0.1', port})} as ClassHost, 'Ana');
    await expect(nobody.start()).rejects.toMatchObject({kind: 'unreachable', message: `nothing answers at 127.0.0.1:${port} (connection refused)`});
  });
});
