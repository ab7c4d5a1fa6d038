// A page over several connections in one trace (persistent=off, parallel above 1): the ladder names
// each frame's connection and shows that connection's states on its row; the state panel under the
// ladder shows the current frame's connection, and changes only against that connection's past.
import {afterEach, describe, expect, it} from 'vitest';
import {renderLadder} from '../../src/render/ladder.js';
import {timeline} from '../../src/render/timeline.js';
import {statesAround} from '../../src/ui/player/StatesPanel.js';
import {contrastsFor} from '../../src/engine/contrasts.js';
import {nonDefaultKnobs} from '../../src/engine/knobs.js';
import {resultLines} from '../../src/ui/player/compare-layout.js';
import {StatesPanel} from '../../src/ui/player/StatesPanel.js';
import {openLesson} from '../../src/ui/player/model.js';
import {linkLesson} from '../../src/ui/quiz/model.js';
import {sayFrame} from '../../src/ui/reader/narrate.js';
import {run} from '../helpers/run.js';
import {renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const ladderLine = (text: string, start: string) => text.split('\n').find((line) => line.includes(start))!;

describe('a page over several connections', () => {
  const trace = run('page-load-parallel');

  it('gives each frame its connection, and each row the states of its own connection', () => {
    const rows = timeline(trace);
    const c2Syn = rows.find((r) => r.kind === 'send' && r.frame.id === 'c2-syn')!;
    // Connection 1's server is closing at that moment (FIN-WAIT-1); connection 2's listens.
    expect(c2Syn.states.server.tcp).toBe('LISTEN');
    expect(c2Syn.states.client.tcp).toBe('SYN-SENT');
    const c1Fin = rows.find((r) => r.kind === 'send' && r.frame.id === 'fin')!;
    expect(c1Fin.states.client.tcp).toBe('LAST-ACK');
    expect(new Set(trace.frames.map((f) => f.connection))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('draws the connection on every arrow and says so in the header', () => {
    const text = renderLadder(trace, {width: 80});
    expect(text).toContain("4 connections, c1 the base page's: each row shows its connection's states");
    expect(ladderLine(text, 'c3 SYN seq=')).toMatch(/SYN-SENT +─ c3 SYN seq=\d+ ─+▶ +LISTEN/);
    expect(text.replace(/\s+/g, ' ')).toMatch(/page with 3 objects loaded over 4 connections at 600 ms \(6 RTT\)/);
    expect(text.split('\n')[1]).toMatch(/^  The same non-persistent page/);
    // A run of one connection is drawn as before: no connection marks.
    expect(renderLadder(run('page-load'), {width: 80})).not.toMatch(/\bc1 /);
  });

  it("shows the current frame's connection in the state panel, changed only against its own past", () => {
    const at = (id: string) => statesAround(trace, trace.frames.findIndex((f) => f.id === id), 80)!;
    // c3's SYN follows c2's: c2 is no "before" for c3.
    expect(at('c3-syn')).toEqual({now: {client: expect.objectContaining({tcp: 'SYN-SENT'}), server: expect.objectContaining({tcp: 'LISTEN'})}, before: undefined});
    const c3Ack = at('c3-ack');
    expect(c3Ack.now.client.tcp).toBe('ESTABLISHED');
    expect(c3Ack.before?.client.tcp).toBe('SYN-SENT');
  });
});

describe('comparing page strategies', () => {
  it('offers persistent beside non-persistent, names each row\'s connection and compares when the page was loaded', () => {
    const trace = run('page-load-parallel');
    const contrast = contrastsFor(trace.knobs).find((c) => c.label === 'persistent HTTP instead of non-persistent')!;
    expect(contrast.knobs).toMatchObject({persistent: 'on', parallel: 1, objects: 3});
    const other = run('tcp-handshake', Object.fromEntries(Object.entries(nonDefaultKnobs(contrast.knobs)).map(([k, v]) => [k, String(v)])));
    expect(resultLines(trace, other, contrast.label, 200).join(' ')).toContain('Page loaded at 600 ms (6 RTT) as set, 700 ms (7 RTT) persistent HTTP instead of non-persistent: 100 ms (1 RTT) later.');
    // A contrast never quietly turns a page over several connections into one.
    expect(contrastsFor(trace.knobs).map((c) => c.label)).not.toContain('with a TCP Fast Open cookie');
  });
});

describe('what the learner reads of a page over several connections', () => {
  const trace = run('page-load-parallel');
  const lesson = {id: 'try', title: 'Try', parts: [{title: 'the page', scenario: 'page-load-parallel', knobs: trace.knobs}], narration: () => undefined, transient: true};

  it('the screen reader names the connection, and reads that connection\'s states', () => {
    const player = openLesson(lesson);
    const at = trace.frames.findIndex((f) => f.id === 'c3-syn');
    const said = sayFrame({...player, frame: at}).join(' ');
    expect(said).toContain('The client sends SYN to the server on connection 3.');
    expect(said).toContain('Now the client is TCP SYN-SENT; the server is TCP LISTEN.');
  });

  it('the state panel labels each side with the connection it shows', async () => {
    const ui = await renderTui(<StatesPanel trace={trace} frame={trace.frames.findIndex((f) => f.id === 'c3-syn')} width={80} />);
    expect(ui.screen()).toMatch(/client c3 +TCP SYN-SENT/);
    expect(ui.screen()).toMatch(/server c3 +TCP LISTEN/);
  });

  it('the compare view offers the same page over one connection at a time', () => {
    const labels = contrastsFor(trace.knobs).map((c) => c.label);
    expect(labels.slice(0, 2)).toEqual(['one connection at a time', 'persistent HTTP instead of non-persistent']);
    expect(contrastsFor(trace.knobs)[0]!.knobs).toMatchObject({parallel: 1, persistent: 'off'});
  });

  it('a quiz answer\'s link to a preset with knobs changed is titled with the question\'s setup, not the preset\'s title', () => {
    const linked = linkLesson({scenario: 'tcp-close', set: {dnsLookups: '2', objects: '3', persistent: 'off'}, rttMs: 100, frameId: null, frame: null, lesson: null} as never);
    expect(linked.title).toMatch(/^Where the answer shows: Plain TCP, with a four-way close .*a page of one base file and 3 objects \(non-persistent HTTP/);
    expect(linkLesson({scenario: 'tcp-close', set: {}, rttMs: 100, frameId: null, frame: null, lesson: null} as never).title).toBe('Where the answer shows: TCP four-way close');
  });
});
