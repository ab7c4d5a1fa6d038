// The host's session journal (journal.ts): what a crashed host had is read back as the same
// class, a torn last line costs nothing before it, and the file is opened as the CSV is (never
// through a link, never over an earlier class's journal).
import {appendFileSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ClassHost} from '../../src/class/host.js';
import {initialHostState, reduceHost, type HostEvent} from '../../src/class/host-state.js';
import {journalPathFor, JournalWriter, readJournal, type JournalHeader} from '../../src/class/journal.js';
import {exportHostKey, importHostKey} from '../../src/class/handshake.js';
import {at, student, TEST_KEY, waitFor} from './net-helpers.js';

const header: JournalHeader = {journal: 'hs-tutor class', v: 1, hostKey: exportHostKey(TEST_KEY), host: '127.0.0.1', port: 7443, lessonId: 'tls13', csv: 'class.csv', startedAt: '2026-12-04T09:00:00.000Z'};
const question = {prompt: 'Which flight carries the Finished?', choices: ['first', 'second', 'third'], answer: 1, explanation: 'The server’s first flight.', source: 'quiz' as const, label: 'quiz: tls13', key: 'quiz:tls13:finished'};

const events: HostEvent[] = [
  {type: 'position', position: at(0)},
  {type: 'joined', id: 'a'.repeat(32), name: 'Ana', address: '127.0.0.1', following: true, now: 10},
  {type: 'joined', id: 'b'.repeat(32), name: 'Ana', address: '127.0.0.1', following: true, now: 11},
  {type: 'position', position: at(3, 'The server answers.')},
  {type: 'push', question, now: 20},
  {type: 'answer', id: 'a'.repeat(32), question: 1, choice: 0, now: 25},
  {type: 'answer', id: 'b'.repeat(32), question: 1, choice: 1, now: 26},
  {type: 'show'},
  {type: 'revote', now: 30},
  {type: 'answer', id: 'a'.repeat(32), question: 1, choice: 1, now: 35},
  {type: 'detach', id: 'b'.repeat(32), part: 0, frame: 5},
  {type: 'lockStep', on: true},
  {type: 'closed', on: true},
  {type: 'left', id: 'b'.repeat(32)},
  {type: 'joined', id: 'c'.repeat(32), name: 'Cy', address: '127.0.0.2', following: true, now: 40, secret: 'd'.repeat(64)},
  {type: 'remove', id: 'c'.repeat(32)},
];

function written(list: HostEvent[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hs-tutor-journal-')), 'class.journal');
  const journal = new JournalWriter(path, header);
  for (const e of list) journal.event(e);
  journal.close();
  return path;
}

describe('the session journal', () => {
  it('replays to the class the host had: roster (names as shown), position, both votes, lock-step; everyone offline', () => {
    const text = readFileSync(written(events), 'utf8');
    const read = readJournal(text);
    let expected = initialHostState(at(0));
    for (const e of events) expected = reduceHost(expected, e);
    expected = reduceHost(expected, {type: 'left', id: 'a'.repeat(32)});
    expect(read.header).toEqual(header);
    expect(read.events).toBe(events.length);
    expect(read.ignored).toBe(0);
    expect(read.state).toEqual(expected);
    expect(read.state.roster.map((s) => [s.name, s.connected, s.removed ?? false, s.secret ?? null])).toEqual([['Ana', false, false, null], ['Ana (2)', false, false, null], ['Cy', false, true, null]]);
    expect(read.state.closed).toBe(true);
    expect(read.state.questions[0]!.firstAnswers).toEqual({['a'.repeat(32)]: {choice: 0, at: 25}, ['b'.repeat(32)]: {choice: 1, at: 26}});
    expect(read.state.position.frame).toBe(3);
  });

  it('a line torn by a crash mid-write ends the journal; nothing before it is lost', () => {
    const path = written(events.slice(0, 7));
    appendFileSync(path, '{"type":"answer","id":"aaaa');
    const read = readJournal(readFileSync(path, 'utf8'));
    expect(read.events).toBe(7);
    expect(read.ignored).toBe(1);
    expect(Object.keys(read.state.questions[0]!.answers)).toHaveLength(2);
  });

  it('keeps no refusals: a guessing flood does not grow it', () => {
    const path = written([events[0]!, ...Array.from({length: 500}, () => ({type: 'refused', why: 'wrong-code'}) as HostEvent)]);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  it('refuses what is not a journal, in words', () => {
    expect(() => readJournal('')).toThrow('it is empty');
    expect(() => readJournal('question,source\n')).toThrow(/first line is not a class journal's header/);
    expect(() => readJournal(`${JSON.stringify({...header, v: 2})}\n`)).toThrow(/version 1/);
    expect(() => readJournal(`${JSON.stringify({...header, hostKey: 'AAAA'})}\n`)).toThrow('its host key is not an Ed25519 key');
    expect(() => readJournal(`${JSON.stringify(header)}\n`)).toThrow('it has no class position');
    // An event the wire's schema refuses (a prototype key, a choice out of range) ends the replay there.
    const bad = [JSON.stringify(header), JSON.stringify(events[0]), '{"type":"answer","id":"x","question":1,"choice":99,"now":1}', JSON.stringify(events[1])].join('\n');
    expect(readJournal(bad).events).toBe(1);
    expect(readJournal(bad).ignored).toBe(2);
  });

  it('is never written through a link or over an earlier journal; only its owner reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-journal-'));
    const path = join(dir, 'class.journal');
    writeFileSync(join(dir, 'target'), 'keep');
    symlinkSync(join(dir, 'target'), path);
    expect(() => new JournalWriter(path, header)).toThrow(/EEXIST/);
    expect(() => new JournalWriter(path, null)).toThrow(/ELOOP/);
    expect(readFileSync(join(dir, 'target'), 'utf8')).toBe('keep');
    const own = written(events.slice(0, 1));
    expect(() => new JournalWriter(own, header)).toThrow(/EEXIST/);
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });

  it('sits beside the results file', () => {
    expect(journalPathFor('class.csv')).toBe('class.journal');
    expect(journalPathFor('out/Results.CSV')).toBe('out/Results.journal');
    expect(journalPathFor('results')).toBe('results.journal');
  });

  it('a host started from a journal has its roster, question and answers, and students coming back are known again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hs-tutor-journal-')), 'class.journal');
    let journal = new JournalWriter(path, header);
    journal.event({type: 'position', position: at(0)});
    const host = await ClassHost.start(at(0), {port: 0, host: '127.0.0.1', hostKey: TEST_KEY, record: (e) => journal.event(e), limits: {closeGraceMs: 200}});
    const ana = student(host, 'Ana');
    await ana.start();
    host.setPosition(at(2));
    host.push(question);
    await waitFor(() => ana.state.question !== null, 'the question');
    ana.answer(2);
    await waitFor(() => Object.keys(host.snapshot.questions[0]!.answers).length === 1, "Ana's answer");
    await host.stop();
    ana.close();
    journal.close();

    const read = readJournal(readFileSync(path, 'utf8'));
    journal = new JournalWriter(path, null);
    const again = await ClassHost.start(read.state.position, {port: 0, host: '127.0.0.1', hostKey: importHostKey(read.header.hostKey), initial: read.state, record: (e) => journal.event(e), limits: {closeGraceMs: 200}});
    expect(again.snapshot.position.frame).toBe(2);
    expect(again.snapshot.roster.map((s) => [s.name, s.connected])).toEqual([['Ana', false]]);
    // Ana's program again, with the id and secret the first host gave: known by the secret's hash in the journal.
    const back = student(again, 'Ana', {resume: ana.resume!});
    await back.start();
    await waitFor(() => back.state.question !== null, 'the question again');
    expect(back.state.chosen).toBe(2);
    expect(again.snapshot.roster.map((s) => [s.name, s.connected])).toEqual([['Ana', true]]);
    await again.stop();
    back.close();
    journal.close();
    expect(readJournal(readFileSync(path, 'utf8')).state.roster).toHaveLength(1);
  });
});
