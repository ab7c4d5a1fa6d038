// The screen-reader mode: plain sentences, each key saying only what it changed, the same model
// and progress as the drawn tutor.
import {TOPICS} from '../../src/quiz/topics.js';
import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {memoryProgress, type TutorLesson} from '../../src/ui/app/ports.js';
import {Reader} from '../../src/ui/reader/run.js';

const part = (scenario: string) => ({title: scenario, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [
  {id: 'tls13', title: 'TLS 1.3', summary: 'One round trip.', parts: [part('tls13')], narration: (_p, id) => (id === 'client-hello' ? 'The client offers its key share.' : undefined)},
  {id: 'sim', title: 'Simultaneous open', parts: [part('tcp-simultaneous-open')], narration: () => undefined},
];
const T0 = new Date('2026-12-03T12:00:00Z');

function reader(options: {lessonId?: string; quiz?: {kind: 'quiz'; count: number; seed: number}} = {}) {
  const said: string[][] = [];
  const progress = memoryProgress(() => T0);
  const r = new Reader({lessons: LESSONS, progress, now: () => T0, ...options}, (lines) => said.push([...lines]));
  r.start();
  const press = (...keys: string[]) => {
    for (const key of keys) r.key(key);
    return said.at(-1) ?? [];
  };
  return {r, said, press, progress};
}

/** Nothing a screen reader would read as noise: no box drawing, no escape codes. */
const plain = (lines: readonly string[]) => {
  for (const line of lines) expect(line).not.toMatch(/[│─┌┐└┘├┤╭╮╯╰▶◀\u001b]/);
};

describe('the screen-reader mode', () => {
  it('home says where the cursor is and what the lesson teaches', () => {
    const {said, press} = reader();
    expect(said[0]!.join(' ')).toContain('screen-reader mode');
    expect(said[0]!.at(-1)).toBe('1 of 8: TLS 1.3. One round trip.');
    expect(press('down')).toEqual(['2 of 8: Simultaneous open.']);
    // The counting setting: said, and enter switches it (kept with the progress).
    expect(press('down', 'down', 'down', 'down')).toEqual(['6 of 8: Counting "the handshake takes": until the client may send (enter: until the server is done too).']);
    expect(press('enter')).toEqual(['6 of 8: Counting "the handshake takes": until the server is done too (enter: until the client may send).']);
    plain(said.flat());
  });

  it('a lesson is read frame by frame in reading order: when, who sends what, what changed, the words', () => {
    const {press, said} = reader({lessonId: 'tls13'});
    expect(said[0]![0]).toMatch(/^Lesson: TLS 1\.3\. Right arrow: next frame/);
    expect(said[0]![1]).toBe('Frame 1 of 12, at 0 ms, 0 RTT.');
    expect(said[0]![2]).toBe('The client sends SYN to the server. Sequence number 1000. It arrives at 50 ms.');
    const second = press('right');
    expect(second[0]).toBe('Frame 2 of 12, at 50 ms, 0.5 RTT.');
    expect(second).toContain('Changed: server TCP LISTEN to SYN-RECEIVED.');
    const hello = press('right', 'right');
    expect(hello).toContain('The client offers its key share.');
    expect(press('left')[0]).toBe('Frame 3 of 12, at 100 ms, 1 RTT.');
    expect(press('g')[0]).toBe('Frame 1 of 12, at 0 ms, 0 RTT.');
    expect(press('left')).toEqual(['This is the first frame.']);
    plain(said.flat());
  });

  it('says each frame once: keys that change nothing say nothing, r says it again', () => {
    const {press, said} = reader({lessonId: 'tls13'});
    const before = said.length;
    press('o', 'i', 'p', 't');
    expect(said.length).toBe(before);
    expect(press('r')[1]).toBe('Frame 1 of 12, at 0 ms, 0 RTT.');
  });

  it('c says how the part compares, and ? lists this screen\'s keys from the table', () => {
    const {press} = reader({lessonId: 'tls13'});
    expect(press('c').join(' ')).toMatch(/Compared TLS 1\.2 instead of 1\.3: Request sent at 200 ms \(2 RTT\) as set, 300 ms/);
    const keys = press('?');
    expect(keys[0]).toBe('Keys here:');
    expect(keys).toContain('r: say this again.');
    expect(keys.join(' ')).not.toMatch(/knobs|bytes/);
  });

  it('keeps the place: leaving a lesson and coming back opens it where it was left', () => {
    const {press, progress} = reader({lessonId: 'tls13'});
    press('right', 'right', 'q');
    expect(progress.position('tls13')).toMatchObject({frame: 2});
    expect(press('enter').join(' ')).toContain('Frame 3 of 12');
  });

  it('a quiz: the question with numbered choices, the verdict with the explanation, the score', () => {
    const {said, press} = reader({quiz: {kind: 'quiz', count: 1, seed: 3}});
    expect(said[0]![0]).toMatch(/^Question 1 of 1\. /);
    expect(said[0]!.at(-1)).toMatch(/^Press 1 to \d\.$/);
    expect(press('down')[0]).toMatch(/^2: /);
    const verdict = press('1');
    expect(verdict[0]).toMatch(/^(Right\.|Not quite: it is \d, )/);
    expect(press('enter')[0]).toMatch(/^Score: \d of 1\./);
    plain(said.flat());
  });
});

describe('the screen-reader mode: predicting, a lesson\'s end, the drill\'s topic', () => {
  it('w turns predict mode on; the question is said with its choices; the answer says the verdict with the next frame', () => {
    const {press, said} = reader({lessonId: 'tls13'});
    const on = press('w');
    expect(on[0]).toBe('Predict mode on: before each frame, say what comes next with 1 to 4.');
    expect(on.join('\n')).toMatch(/\? What happens next\? After the client's "SYN" \(frame 1\)/);
    const after = press('1');
    expect(after[0]).toMatch(/^Frame 2 of \d+/);
    expect(after.join('\n')).toMatch(/^(✓ You predicted it|✗ You said)/m);
    plain(said.flat());
  });

  it('→ at the last frame says the end of the lesson: checkpoints, misses, the next lesson', () => {
    const {press} = reader({lessonId: 'tls13'});
    press('G');
    const end = press('right');
    expect(end[0]).toMatch(/^(Lesson complete|End of the lesson, skimmed): TLS 1\.3/);
    expect(end.at(-1)).toMatch(/next lesson, Simultaneous open/);
  });

  it('the drill asks which topic, and says each as the cursor moves', () => {
    const {press} = reader();
    for (let i = 0; i < 3; i++) press('down'); // tls13, sim, quiz, then the drill
    const asked = press('enter');
    expect(asked[0]).toBe('Interview drill: which topic? Up and down arrows choose, enter starts, escape goes back.');
    expect(asked[1]).toBe(`1 of ${TOPICS.length + 1}: Every topic, mixed.`);
    expect(press('down')).toEqual([`2 of ${TOPICS.length + 1}: TCP: the three-way handshake and its variants.`]);
  });
});
