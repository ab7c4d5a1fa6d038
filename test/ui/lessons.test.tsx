// The real curriculum in the player: narration filled from the learner's own run, checkpoints
// answered with a number, and the presenter's view without them.
import {afterEach, describe, expect, it} from 'vitest';
import {tutorLesson} from '../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
import {pendingCheckpoint} from '../../src/ui/player/checkpoints.js';
import {frameTexts} from '../../src/ui/player/layout.js';
import {openLesson, tick, updatePlayer} from '../../src/ui/player/model.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const lessons = loadCurriculum({env: {}}).lessons.map(tutorLesson);

describe('curriculum lessons in the player', () => {
  it('every built-in lesson of CLI.md is there, with its parts', () => {
    const ids = lessons.map((l) => l.id);
    for (const id of ['tcp-handshake', 'tcp-close', 'tcp-modern', 'tls12', 'tls13', 'tfo', 'tls13-resumption', 'fastest-connection']) expect(ids).toContain(id);
    expect(lessons.every((l) => l.parts.length > 0 && l.parts.every((p) => p.title !== ''))).toBe(true);
  });

  it('narration states the figures of the run on screen, also after the learner changes the RTT', () => {
    // TFO's part 4: a middlebox drops the SYN with data; the narration says when the request finally leaves.
    const tfo = lessons.find((l) => l.id === 'tfo')!;
    const knobs = tfo.parts[3]!.knobs;
    expect(tfo.narration(3, 'request', {knobs, rttMs: 100})).toContain('1100 ms');
    expect(tfo.narration(3, 'request', {knobs, rttMs: 300})).toContain('1300 ms');
  });

  it('a checkpoint is asked before its answer shows: no narration, the answer masked, → points at it once', async () => {
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId="tcp-handshake" />);
    // Frame 1 asks what state the server reaches when the SYN arrives; nothing on screen may say it.
    let screen = ui.screen();
    expect(screen).toMatch(/\? What state is the server in once the SYN has arrived\?/);
    expect(screen.replace(/^ +\d\) .*$/gm, '')).not.toContain('SYN-RECEIVED');
    expect(screen).not.toContain('The client picks its initial sequence number');
    await ui.press('l');
    expect(ui.screen()).toContain('Answer first: press 1–4, or s to see the answer');
    expect(ui.screen()).toContain('frame 1/');
    await ui.press('2');
    screen = ui.screen();
    expect(screen).toMatch(/✗ Not quite: it is 3\) SYN-RECEIVED\./);
    // Frame 2 asks two questions, in order; the ack number is masked until they are answered.
    await ui.press('l');
    expect(ui.screen()).toMatch(/\? What acknowledgment number does the SYN-ACK carry\?/);
    expect(ui.screen()).toMatch(/SYN-ACK seq=7000 ack=\?{4}/);
    await ui.press('s');
    expect(ui.screen()).toMatch(/Answer: \d\) 1001\./);
    expect(ui.screen()).toMatch(/\? Who speaks next\?/);
    await ui.press('1');
    expect(ui.screen()).toMatch(/SYN-ACK seq=7000 ack=1001/);
  });

  it('autoplay stops at a checkpoint', async () => {
    const lesson = lessons.find((l) => l.id === 'tcp-handshake')!;
    let player = openLesson(lesson);
    player = updatePlayer(updatePlayer(player, 'show'), 'autoplay');
    for (let i = 0; i < 5; i++) player = tick(player);
    expect(player.autoplay).toBe(false);
    expect(player.frame).toBe(1);
    expect(pendingCheckpoint(player)?.checkpoint.ask).toMatch(/acknowledgment number/);
  });

  it('answers go to progress: the first try, a miss into review, the misconception counted', async () => {
    const progress = memoryProgress(() => new Date('2026-12-03T12:00:00Z'));
    const ui = await renderTui(<App lessons={lessons} progress={progress} lessonId="tcp-handshake" />);
    await ui.press('3', 'l');
    // The SYN-ACK's ack: the ISN itself is the classic slip.
    const choices = pendingChoices(ui.screen());
    await ui.press(String(choices.indexOf('1000') + 1));
    const saved = progress.checkpoints('tcp-handshake');
    expect(saved).toEqual([
      {id: '0:syn:0', frame: 0, firstTry: 'correct', attempts: 1},
      {id: '0:syn-ack:0', frame: 1, firstTry: 'wrong', attempts: 1},
    ]);
    expect(Object.keys(progress.reviewDeck().review)).toEqual(['lesson:tcp-handshake:0:syn-ack:0']);
    expect(progress.misconceptions()).toEqual({'ack-names-last-byte': 1});
  });

  it('--presenter shows the diagram and the words, but no checkpoints and no frame fields', async () => {
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId="tcp-handshake" presenter />);
    await ui.press('l');
    expect(ui.screen()).not.toContain('? What acknowledgment number');
    expect(ui.screen()).not.toMatch(/^TCP SYN,ACK seq=/m);
    expect(ui.screen()).toContain('SYN-ACK seq=');
  });

  it('after the answer: the verdict and its explanation, then the narration that was held back', () => {
    const lesson = lessons.find((l) => l.id === 'tcp-handshake')!;
    const asked = openLesson(lesson);
    expect(frameTexts(asked, false).join('\n')).not.toContain('The client picks its initial sequence number');
    const texts = frameTexts(updatePlayer(asked, 'pick', '3'), false);
    expect(texts[0]).toMatch(/^\? What state is the server in once the SYN has arrived\? +✓ Right\./);
    expect(texts.join('\n')).toContain('The client picks its initial sequence number');
  });

  it('a correction shows the article\'s claim, the correct picture and why', () => {
    let player = openLesson(lessons.find((l) => l.id === 'tcp-close')!);
    let seen = false;
    for (let i = 0; i < 15 && !seen; i++) {
      for (let k = 0; k < 3; k++) player = updatePlayer(player, 'show');
      seen = /✎ .* says: .* Actually: .* Why: /s.test(frameTexts(player, false).join('\n'));
      player = updatePlayer(player, 'next');
    }
    expect(seen).toBe(true);
  });
});

/** The choices of the checkpoint on screen, in order. */
function pendingChoices(screen: string): string[] {
  return [...screen.matchAll(/^ +\d\) (.*)$/gm)].map((m) => m[1]!.trim());
}
