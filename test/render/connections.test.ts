// A page over several connections in one trace (persistent=off, parallel above 1): the ladder names
// each frame's connection and shows that connection's states on its row; the state panel under the
// ladder shows the current frame's connection, and changes only against that connection's past.
import {describe, expect, it} from 'vitest';
import {renderLadder} from '../../src/render/ladder.js';
import {timeline} from '../../src/render/timeline.js';
import {statesAround} from '../../src/ui/player/StatesPanel.js';
import {contrastsFor} from '../../src/engine/contrasts.js';
import {nonDefaultKnobs} from '../../src/engine/knobs.js';
import {resultLines} from '../../src/ui/player/compare-layout.js';
import {run} from '../helpers/run.js';

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
