// A host and 100 headless students on 127.0.0.1: every student reaches every frame the
// instructor moves to, and a histogram of 100 answers is exactly right, on the host and on
// every student's screen after the reveal.
import {afterEach, describe, expect, it} from 'vitest';
import type {ClassClient} from '../../src/class/client.js';
import type {ClassHost} from '../../src/class/host.js';
import {firstHistogram, histogram, rosterCounts, type HostQuestion} from '../../src/class/host-state.js';
import {resultsCsv} from '../../src/class/csv.js';
import {at, startHost, student, waitFor} from './net-helpers.js';

let host: ClassHost | undefined;
let clients: ClassClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await host?.stop();
  host = undefined;
});

const question: HostQuestion = {prompt: 'How many round trips before the request?', choices: ['0', '1', '2', '3'], answer: 1, explanation: 'TLS 1.3 needs one.', source: 'quiz', label: 'quiz'};


/**
 * A host and `n` students joined on loopback. All come from 127.0.0.1 here; in a classroom each
 * has its own address, which the per-address caps are for, so they are raised to `n`.
 */
async function classOf(n: number): Promise<ClassHost> {
  const started = await startHost({maxPendingPerAddress: n, maxPending: n, maxJoinedPerAddress: n});
  host = started;
  clients = Array.from({length: n}, (_, i) => student(started, `student ${i + 1}`));
  await Promise.all(clients.map((c) => c.start()));
  await waitFor(() => rosterCounts(started.snapshot).connected === n, `${n} students on the roster`);
  return started;
}

describe('a class of 100 on loopback', {timeout: 120_000}, () => {
  it('every student reaches each new frame, and 100 answers make the right histogram', async () => {
    host = await classOf(100);
    expect(new Set(host.snapshot.roster.map((s) => s.name)).size).toBe(100);

    for (let frame = 1; frame <= 6; frame++) {
      host.setPosition(at(frame, `narration ${frame}`));
      await waitFor(() => clients.every((c) => c.state.classAt?.frame === frame), `every student at frame ${frame}`);
      expect(clients.every((c) => c.state.classAt?.narration === `narration ${frame}` && c.state.seq === host!.snapshot.seq)).toBe(true);
    }

    host.push(question);
    await waitFor(() => clients.every((c) => c.state.question !== null), 'the question on every screen');
    // 40 / 30 / 20 / 10, and a first answer changed by five students (only the last one counts).
    const choiceOf = (i: number) => (i < 40 ? 0 : i < 70 ? 1 : i < 90 ? 2 : 3);
    clients.forEach((c, i) => expect(c.answer(i < 5 ? 3 : choiceOf(i))).toBe(true));
    clients.slice(0, 5).forEach((c, i) => c.answer(choiceOf(i)));
    await waitFor(() => (histogram(host!.snapshot) ?? []).reduce((a, b) => a + b, 0) === 100 && histogram(host!.snapshot)![3] === 10, '100 answers');
    expect(histogram(host.snapshot)).toEqual([40, 30, 20, 10]);

    host.reveal();
    await waitFor(() => clients.every((c) => c.state.reveal !== null), 'the reveal on every screen');
    for (const c of clients) expect(c.state.reveal).toEqual({question: 1, answer: 1, explanation: 'TLS 1.3 needs one.', counts: [40, 30, 20, 10]});
    // A late answer after the reveal changes nothing.
    expect(clients[0]!.answer(1)).toBe(false);
  });

  it('students exploring alone keep the class position for later, and the host shows where they are', async () => {
    host = await startHost();
    clients = Array.from({length: 4}, (_, i) => student(host!, `s${i}`));
    await Promise.all(clients.map((c) => c.start()));
    clients[0]!.detach(0, 7);
    await waitFor(() => host!.snapshot.roster[0]?.at?.frame === 7, 'the explorer on the roster');
    host.setPosition(at(2));
    await waitFor(() => clients.every((c) => c.state.classAt?.frame === 2), 'everyone has the class position');
    expect(clients[0]!.state.following).toBe(false);
    expect(rosterCounts(host.snapshot)).toMatchObject({following: 3, exploring: 1});
    clients[0]!.follow();
    await waitFor(() => rosterCounts(host!.snapshot).following === 4, 'the explorer following again');
  });
});

describe('peer instruction with 30 students on loopback', {timeout: 120_000}, () => {
  it('vote, see the votes without the answer, discuss, vote again, reveal both votes and the shift', async () => {
    host = await classOf(30);
    host.push(question);
    await waitFor(() => clients.every((c) => c.state.question !== null), 'the question on every screen');
    // First vote: 10 right (1), 20 wrong (2).
    clients.forEach((c, i) => c.answer(i < 10 ? 1 : 2));
    await waitFor(() => (histogram(host!.snapshot) ?? []).reduce((a, b) => a + b, 0) === 30, '30 first votes');
    expect(histogram(host.snapshot)).toEqual([0, 10, 20, 0]);

    host.showVotes();
    await waitFor(() => clients.every((c) => c.state.votes !== null && c.state.votes !== undefined), 'the votes on every screen');
    // The votes say how the class answered, never which answer is right.
    for (const c of clients) {
      expect(c.state.votes).toEqual([0, 10, 20, 0]);
      expect(c.state.reveal).toBeNull();
    }

    host.revote();
    await waitFor(() => clients.every((c) => c.state.question?.round === 2), 'the second vote on every screen');
    // A second vote starts with no answer: nothing from the first is sent again by itself.
    for (const c of clients) expect(c.state.chosen).toBeNull();
    expect(histogram(host.snapshot)).toEqual([0, 0, 0, 0]);
    // After discussing, 25 right, 5 still wrong.
    clients.forEach((c, i) => c.answer(i < 25 ? 1 : 2));
    await waitFor(() => (histogram(host!.snapshot) ?? []).reduce((a, b) => a + b, 0) === 30, '30 second votes');
    expect(firstHistogram(host.snapshot)).toEqual([0, 10, 20, 0]);
    expect(histogram(host.snapshot)).toEqual([0, 25, 5, 0]);

    host.reveal();
    await waitFor(() => clients.every((c) => c.state.reveal !== null), 'the reveal on every screen');
    for (const c of clients) expect(c.state.reveal).toEqual({question: 1, answer: 1, explanation: 'TLS 1.3 needs one.', counts: [0, 25, 5, 0], firstCounts: [0, 10, 20, 0]});
    // The results keep both votes: the last as the answer, the first beside it.
    const csv = resultsCsv(host.snapshot).split('\r\n');
    expect(csv[0]).toBe('question,source,prompt,right_answer,student,answer,correct,seconds,first_answer');
    expect(csv.find((row) => row.includes(',student 12,'))).toMatch(/,student 12,1,yes,[\d.]+,2$/);
  });
});
