// End-to-end: the real binary in a real pseudo-terminal (tmux), driven key by key: the lessons, the
// quiz and what a learner sees at 80×24 and 100×30 (the terminal itself: tui.test.ts).
import {describe, expect, it} from 'vitest';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {run} from '../../src/engine/runs.js';
import {startInterview} from '../../src/quiz/session.js';
import {tmuxSessions} from '../helpers/tmux.js';

const session = tmuxSessions();

// A real program in a real terminal: seconds, not milliseconds; the waits inside guard against hangs.
describe('hs-tutor in a terminal: lessons, quizzes and what a learner sees', {timeout: 60_000}, () => {
  it('opens a lesson, steps, changes a knob, survives a resize, and gives the terminal back on quit', async () => {
    const t = session();
    t.start('lesson tls13');
    await t.waitFor('frame 1/');
    t.keys('Right', 'Right', 'Right');
    await t.waitFor('frame 4/');
    expect(t.screen()).toContain('ClientHello seq=');
    t.keys('o');
    await t.waitFor('Knobs of this part');
    t.keys('Down', 'Down', 'Down', 'Right', 'Right', 'Escape');
    await t.waitFor('SYN + TFO cookie + ClientHello');
    t.resize(80, 24);
    // Redrawn for the new width: every line fits (tmux would cut longer ones anyway, so look for the redrawn rule).
    await t.waitFor((screen) => screen.includes(`${'─'.repeat(80)}\n`) && !screen.includes('─'.repeat(81)));
    t.resize(60, 20);
    await t.waitFor('needs a window of at least 80×24');
    t.resize(100, 30);
    await t.waitFor('frame ');
    t.keys('q', 'q');
    const after = await t.waitFor(/EXIT=\d+\n-?icanon/);
    expect(after).toContain('EXIT=0');
    // Cooked mode and echo are back: no leftover raw mode.
    expect(after).toMatch(/^icanon echo\s*$/m);
  });

  it.each([['tls13'], ['fastest-connection']])('at 80×24, stepping %s shows every handshake message by its full name', async (id) => {
    const lesson = loadCurriculum({env: {}}).lessons.find((l) => l.id === id)!;
    const t = session();
    t.start(`lesson ${id}`, {columns: 80, rows: 24});
    let seen = await t.waitFor('frame 1/');
    const expected = new Set<string>();
    for (const [p, part] of lesson.parts.entries()) {
      const trace = run({knobs: part.knobs, scenario: part.scenario});
      for (const frame of trace.frames) for (const record of frame.tls) for (const message of record.messages) expected.add(message);
      for (let frame = 1; frame < trace.frames.length; frame++) {
        // Any question here is shown rather than answered, so the step goes on.
        t.keys('s', 's', 's', 'Right');
        seen += await t.waitFor(`frame ${frame + 1}/${trace.frames.length}`);
      }
      if (p < lesson.parts.length - 1) {
        t.keys(']');
        seen += await t.waitFor(`part ${p + 2}/`);
      }
    }
    expect(expected.size).toBeGreaterThan(5);
    for (const message of expected) expect(seen, message).toMatch(new RegExp(`\\b${message}\\b`));
    // Nothing was cut: no word on screen ends in an ellipsis.
    expect(seen).not.toMatch(/\w…/);
  });

  it.each([
    ['NO_COLOR=1', 'lesson tls13'],
    ['', 'lesson tls13 --no-color'],
  ])('%s %s: no colour at all, and what changed is still marked', async (env, args) => {
    const t = session();
    t.start(args, undefined, env);
    await t.waitFor('frame 1/');
    t.keys('Right', 'Right');
    const screen = await t.waitFor('frame 3/');
    expect(screen).toMatch(/client +TCP ESTABLISHED\* +TLS WAIT_SH\*/);
    expect(t.screen(true)).not.toMatch(/\x1b\[[0-9;]*m/);
  });

  it.each([
    [100, 30],
    [80, 24],
  ])('at %i×%i: find TLS 1.3, step, move the request into the first flight, compare with TLS 1.2, quit, come back to the same frame', async (columns, rows) => {
    const t = session();
    t.start('', {columns, rows});
    await t.waitFor('Pick a lesson');
    t.keys('j', 'j', 'j', 'j', 'Enter'); // the fifth lesson of the default path is TLS 1.3
    await t.waitFor(/TLS 1\.3[\s\S]*frame 1\//);
    t.keys('l', 'l', 'l', 'l');
    const stepped = await t.waitFor(/frame 5\//);
    const frameId = /^(\S+) · server → client/m.exec(stepped)?.[1];
    expect(frameId).toBe('server-flight');
    // Knobs: tfo → cookie, resume → on, earlyData → accepted.
    t.keys('o');
    await t.waitFor('Knobs of this part');
    t.keys('j', 'j', 'j', 'l', 'l', 'j', 'j', 'j', 'l', 'j', 'l');
    await t.waitFor('‹ accepted ›');
    // Escape goes alone: ESC followed by a letter in one read is how terminals send Alt+letter.
    t.keys('Escape');
    await t.waitFor((screen) => !screen.includes('Knobs of this part'));
    // The request now rides in the very first frame: the SYN's fields say it carries it.
    t.keys('g');
    await t.waitFor('SYN + TFO cookie');
    await t.waitFor(/^syn · client → server · carries the request, delivered · sent 0 ms/m);
    // The SYN's TLS records are in the fields under the lesson's words: scroll down to them.
    t.keys('PageDown', 'PageDown', 'PageDown');
    await t.waitFor(/application data\s+\(encrypted with early\s+keys\)/);
    t.keys('c');
    const compare = await t.waitFor('TLS 1.2 instead of 1.3');
    expect(compare).toContain('Request sent at 0 ms (0 RTT)');
    // Back to where we were before quitting: the frame id is what progress keeps.
    // Escape goes alone: ESC followed by a letter in one write is how terminals send Alt+letter.
    t.keys('Escape');
    await t.waitFor((screen) => !screen.includes('≠ differs'));
    t.keys('l', 'l');
    await t.waitFor(/^server-flight · server → client/m);
    t.keys('q', 'q');
    await t.waitFor(/EXIT=0/);

    const again = session(t.home);
    again.start('', {columns, rows});
    await again.waitFor(/Continue: The TLS 1\.3 full handshake/);
    again.keys('Enter');
    const back = await again.waitFor(/^\S+ · \S+ → \S+ · sent/m);
    expect(/^(\S+) · \S+ → \S+ · sent/m.exec(back)?.[1]).toBe(frameId);
  });

  it('an interview drill, then the next day its misses come back in review', async () => {
    const drill = session();
    drill.start('quiz --interview --count 2 --seed 5', undefined, 'HS_TUTOR_NOW=2026-11-27T10:00:00Z');
    await drill.waitFor('Interview drill · question 1/2');
    for (const question of startInterview({seed: 5, now: new Date('2026-11-27T10:00:00Z'), count: 2}).questions) {
      drill.keys(String(question.answer === 0 ? 2 : 1));
      await drill.waitFor('Not quite.');
      drill.keys('Enter');
    }
    const score = await drill.waitFor('Saved to your progress.');
    expect(score).toContain('Score: 0 of 2');
    drill.keys('q', 'q');
    await drill.waitFor(/EXIT=0/);

    const review = session(drill.home);
    review.start('review', undefined, 'HS_TUTOR_NOW=2026-11-28T10:00:00Z');
    await review.waitFor('Review · question 1/2');
  });

});
