// The real curriculum in the player: narration filled from the learner's own run, checkpoints
// answered with a number, and the presenter's view without them.
import {afterEach, describe, expect, it} from 'vitest';
import {tutorLesson} from '../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
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

  it('a checkpoint is asked at its frame, answered with a number, and keeps its verdict', async () => {
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId="tcp-handshake" />);
    await ui.press('l');
    expect(ui.screen()).toMatch(/\? What acknowledgment number does the SYN-ACK carry\?.*1\) 1000/s);
    await ui.press('2');
    expect(ui.screen()).toMatch(/✓ Right/);
    await ui.press('1');
    expect(ui.screen()).toMatch(/✓ Right|✗ Not quite/);
  });

  it('--presenter shows the diagram and the words, but no checkpoints and no frame fields', async () => {
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId="tcp-handshake" presenter />);
    await ui.press('l');
    expect(ui.screen()).not.toContain('? What acknowledgment number');
    expect(ui.screen()).not.toMatch(/^TCP SYN,ACK seq=/m);
    expect(ui.screen()).toContain('SYN-ACK seq=');
  });

  it('a correction shows the article\'s claim, the correct picture and why', async () => {
    const withCorrections = lessons.find((l) => l.id === 'tcp-close')!;
    const ui = await renderTui(<App lessons={[withCorrections]} progress={memoryProgress()} lessonId="tcp-close" />);
    let seen = false;
    for (let i = 0; i < 15 && !seen; i++) {
      seen = /✎ .* says: .* Actually: .* Why: /s.test(ui.screen());
      await ui.press(KEYS.right);
    }
    expect(seen).toBe(true);
  });
});
