// Every screen at 80×24, 100×30, 120×40 and 200×60: it fits, no line ends in a word cut with "…",
// and what scrolls reaches its last line. The player is checked on every built-in lesson's every
// frame of every part (as pure layouts: the same functions the views draw from).
import {afterEach, describe, expect, it} from 'vitest';
import {tutorLesson} from '../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {width as columns} from '../../src/render/text.js';
import {App} from '../../src/ui/app/App.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
import {scrollWindow, maxScroll} from '../../src/ui/common/scroll.js';
import {allLadderLines} from '../../src/ui/player/LadderView.js';
import {bodyRows, layoutPlayer} from '../../src/ui/player/layout.js';
import {openLesson, type PlayerState} from '../../src/ui/player/model.js';
import {KEYS, renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const SIZES = [[80, 24], [100, 30], [120, 40], [200, 60]] as const;
const lessons = loadCurriculum({env: {}}).lessons.map(tutorLesson);

function* everyFrame(): Generator<PlayerState> {
  for (const lesson of lessons) {
    for (let part = 0; part < lesson.parts.length; part++) {
      const first = openLesson(lesson, {part, frame: 0, frameId: '', status: 'in-progress'});
      for (let frame = 0; frame < first.trace.frames.length; frame++) yield {...first, frame};
    }
  }
}
const frames = [...everyFrame()];

const cut = (line: string) => /\w…$/.test(line.trimEnd());

describe('the player on every lesson\'s every frame', () => {
  it('lays out within the terminal, cuts nothing, and the text scrolls to its last line', () => {
    expect(frames.length).toBeGreaterThan(150);
    for (const [width, rows] of SIZES) {
      const height = rows - 1;
      for (const player of frames) {
        const layout = layoutPlayer(player, width, height, false);
        const where = `${player.lesson.id} part ${player.part + 1} frame ${player.frame + 1} at ${width}×${rows}`;
        // The header, the ladder's and the text's rows, then the rule, the states (two lines) and the help bar.
        expect(layout.header.length + layout.ladderRows + layout.textRows + 4, where).toBeLessThanOrEqual(height);
        expect(layout.ladderRows, where).toBeGreaterThanOrEqual(2);
        for (const line of [...layout.header, ...layout.text.map((l) => l.text)]) {
          expect(columns(line), `${where}: ${line}`).toBeLessThanOrEqual(width);
          expect(cut(line), `${where}: ${line}`).toBe(false);
        }
        // Scrolled to the end, the last line of the text is on screen.
        const end = scrollWindow(layout.text.length, layout.textRows, maxScroll(layout.text.length, layout.textRows));
        expect(end.start + end.shown, where).toBe(layout.text.length);
      }
    }
  });

  it('the ladder says what every frame carries, whole, at every width', () => {
    for (const [width] of SIZES) {
      for (const lesson of lessons) {
        for (let part = 0; part < lesson.parts.length; part++) {
          const player = openLesson(lesson, {part, frame: 0, frameId: '', status: 'in-progress'});
          const last = player.trace.frames.length - 1;
          const {lines} = allLadderLines(player.trace, last, width);
          for (const line of lines) expect(columns(line.text)).toBeLessThanOrEqual(width);
          // Labels wrap inside the arrow column: join the lines and every label is there.
          const joined = lines.map((l) => l.text.replace(/[─▶◀▷◁·]+/g, ' ')).join(' ').replace(/\s+/g, ' ');
          for (const f of player.trace.frames) {
            for (const word of f.label.split(/\s+/)) expect(joined, `${lesson.id} ${f.id} at ${width}`).toContain(word);
          }
        }
      }
    }
  });

  it('body rows for the overlays leave the header, the states and the help bar in place', () => {
    for (const [width, rows] of SIZES) for (const player of frames.slice(0, 40)) expect(bodyRows(player, width, rows - 1)).toBeGreaterThanOrEqual(rows - 1 - 2 - 4 - 1);
  });
});

describe('every screen, drawn', () => {
  const drawn = async (keys: string[], props: Partial<Parameters<typeof App>[0]> = {}) => {
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} now={() => new Date('2026-12-03T12:00:00Z')} {...props} />);
    const screens: {name: string; width: number; rows: number; screen: string}[] = [];
    for (const [width, rows] of SIZES) {
      await ui.resize(width, rows);
      await ui.press(...keys);
      screens.push({name: keys.join(''), width, rows, screen: ui.screen()});
    }
    return screens;
  };

  it('fit at every size: home, help, player, knobs, compare, bytes, quiz, drill, review, a lesson\'s end, predict mode', async () => {
    const all = [
      ...(await drawn([])),
      ...(await drawn(['?'])),
      ...(await drawn(['l', 'l', 'l'], {lessonId: 'fastest-connection'})),
      ...(await drawn(['o', KEYS.down], {lessonId: 'tls13'})),
      ...(await drawn(['c', 'l'], {lessonId: 'tls13'})),
      ...(await drawn(['i', KEYS.down], {lessonId: 'tls13'})),
      ...(await drawn(['?', KEYS.pageDown], {lessonId: 'tls13'})),
      ...(await drawn([], {quiz: {kind: 'quiz', count: 3, seed: 5}})),
      ...(await drawn(['1'], {quiz: {kind: 'quiz', count: 3, seed: 5}})),
      ...(await drawn([], {quiz: {kind: 'interview', count: 3, seed: 5}})),
      ...(await drawn([], {quiz: {kind: 'review'}})),
      // The end of a lesson (G, then →), and a predict-mode run.
      ...(await drawn([']', ']', ']', 'G', 'l'], {lessonId: 'fastest-connection'})),
      ...(await drawn(['1'], {lessonId: 'tls13', predict: 3})),
    ];
    expect(all.filter((s) => s.screen.includes('End of the lesson, skimmed: The fastest connection')).length).toBe(SIZES.length);
    expect(all.filter((s) => /You (predicted it|said)/.test(s.screen)).length).toBe(SIZES.length);
    for (const {name, width, rows, screen} of all) {
      const lines = screen.split('\n');
      expect(lines.length, `${name} ${width}×${rows}`).toBeLessThan(rows);
      for (const line of lines) {
        expect(columns(line), `${name} ${width}×${rows}: ${line}`).toBeLessThanOrEqual(width);
        expect(cut(line), `${name} ${width}×${rows}: ${line}`).toBe(false);
      }
    }
  });
});
