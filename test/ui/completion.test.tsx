// A lesson that ends: its completion screen (what was attempted, what was missed with a key back
// to its frame, the takeaways, the next lesson), 'completed' against 'skimmed', Continue after it,
// missed checkpoints in review with "show me", and practice on the learner's misconceptions.
import {afterEach, describe, expect, it} from 'vitest';
import {tutorLesson} from '../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {App} from '../../src/ui/app/App.js';
import {newSession, readHome, savePlace} from '../../src/ui/app/effects.js';
import {initialState, reduce, type Context, type State} from '../../src/ui/app/model.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
import type {Action} from '../../src/ui/common/keys.js';
import {homeItems} from '../../src/ui/home/model.js';
import {completionLines, completionOf, lessonCheckpoints} from '../../src/ui/player/completion.js';
import {openLesson, positionOf, updatePlayer, type PlayerState} from '../../src/ui/player/model.js';
import {renderTui, unmountAll} from '../helpers/tui.js';

afterEach(unmountAll);

const lessons = loadCurriculum({env: {}}).lessons.map(tutorLesson);
const handshake = lessons.find((l) => l.id === 'tcp-handshake')!;

/** Steps to the end of the lesson, answering every checkpoint on the way with `answer` (or showing it). */
function walk(player: PlayerState, answer: (ask: string, choices: readonly string[], right: number) => Action | number): PlayerState {
  for (let guard = 0; guard < 200 && player.overlay !== 'complete'; guard++) {
    const here = lessonCheckpoints(player).find((c) => c.part === player.part && c.frameId === player.trace.frames[player.frame]!.id && player.answers[c.key] === undefined);
    if (here) {
      const how = answer(here.checkpoint.ask, here.checkpoint.choices, here.checkpoint.answer);
      player = typeof how === 'number' ? updatePlayer(player, 'pick', String(how + 1)) : updatePlayer(player, how);
      continue;
    }
    player = updatePlayer(player, 'next');
  }
  return player;
}

describe('the end of a lesson', () => {
  it('lists what was missed, right on the first try, the takeaways; done only with every checkpoint attempted', () => {
    const wrongFirst = walk(openLesson(handshake), (ask, _choices, right) => (/^What state/.test(ask) ? (right + 1) % 4 : /^Who speaks/.test(ask) ? 'show' : right));
    expect(wrongFirst.overlay).toBe('complete');
    const summary = completionOf(wrongFirst);
    expect(summary.status).toBe('completed');
    expect(summary.total).toBe(lessonCheckpoints(wrongFirst).length);
    expect(summary.attempted).toBe(summary.total);
    expect(summary.correct).toBe(summary.total - 2);
    expect(summary.missed.map((m) => m.checkpoint.ask)).toEqual(['What state is the server in once the SYN has arrived?', 'Who speaks next?']);
    expect(summary.takeaways.length).toBeGreaterThan(0);
    expect(positionOf(wrongFirst).status).toBe('completed');
    const text = completionLines(wrongFirst, summary, 'Closing a TCP connection', 200).map((l) => l.text).join('\n');
    expect(text).toContain('Lesson complete: The TCP three-way handshake');
    expect(text).toMatch(/1\) What state is the server in once the SYN has arrived\? \(wrong first time\): SYN-RECEIVED/);
    expect(text).toMatch(/2\) Who speaks next\? \(answer shown\): client/);
    expect(text).toContain('Key takeaways:');
    expect(text).toContain('next lesson, Closing a TCP connection');
    // Its number goes back to that frame, the verdict there to read again.
    const back = updatePlayer(wrongFirst, 'pick', '1');
    expect(back.overlay).toBe('none');
    expect(back.trace.frames[back.frame]!.id).toBe('syn');
  });

  it('jumping to the end is allowed, and counts as skimmed; the unattempted keep their answers to themselves', () => {
    const skimmed = updatePlayer(updatePlayer(openLesson(handshake), 'last'), 'next');
    expect(skimmed.overlay).toBe('complete');
    expect(positionOf(skimmed).status).toBe('skimmed');
    const text = completionLines(skimmed, completionOf(skimmed), undefined, 80).map((l) => l.text).join('\n');
    expect(text).toContain('End of the lesson, skimmed');
    expect(text).toMatch(/What state is the server in once the SYN has arrived\? \(not attempted\)$/m);
    expect(text).not.toContain('SYN-RECEIVED');
  });

  it('a status never goes down: done stays done, skimmed stays skimmed until done', () => {
    const progress = memoryProgress();
    savePlace(progress, updatePlayer(updatePlayer(openLesson(handshake), 'last'), 'next'));
    expect(progress.position('tcp-handshake')!.status).toBe('skimmed');
    savePlace(progress, openLesson(handshake));
    expect(progress.position('tcp-handshake')!.status).toBe('skimmed');
    savePlace(progress, walk(openLesson(handshake), (_a, _c, right) => right));
    expect(progress.position('tcp-handshake')!.status).toBe('completed');
    savePlace(progress, openLesson(handshake));
    expect(progress.position('tcp-handshake')!.status).toBe('completed');
  });

  it('in the tutor: → at the end shows the completion screen, n opens the next lesson, Continue points past the done one', async () => {
    const progress = memoryProgress();
    const ui = await renderTui(<App lessons={lessons} progress={progress} lessonId="tcp-handshake" />);
    for (let i = 0; i < 12; i++) await ui.press('s', 's', 'l');
    expect(ui.screen()).toContain('Lesson complete: The TCP three-way handshake');
    expect(ui.screen()).toContain('Checkpoints: 5 of 5 attempted, 0 right on the first try.');
    expect(ui.screen()).toContain('n next lesson');
    await ui.press('n');
    expect(ui.screen()).toMatch(/^Closing a TCP connection/);
    expect(progress.position('tcp-handshake')!.status).toBe('completed');
    await ui.press('q');
    expect(ui.screen()).toMatch(/Continue: Closing a TCP connection/);
  });
});

describe('the last lesson', () => {
  it('offers no next lesson at its end: the bar has only what a key does there', async () => {
    const last = lessons.at(-1)!;
    const ui = await renderTui(<App lessons={lessons} progress={memoryProgress()} lessonId={last.id} />);
    for (let part = 1; part < last.parts.length; part++) await ui.press(']');
    await ui.press('G');
    await ui.press('l');
    expect(ui.screen()).toContain(`End of the lesson, skimmed: ${last.title}`);
    expect(ui.screen()).not.toContain('next lesson');
  });
});

describe('misses come back in review, with "show me"', () => {
  const at = new Date('2026-12-03T12:00:00Z');
  const later = new Date('2026-12-05T12:00:00Z');

  it('a missed checkpoint is asked in review and o opens its lesson at its frame; back returns to the review', () => {
    const progress = memoryProgress(() => at);
    progress.recordCheckpoint('tcp-handshake', {id: '0:syn-ack:0', frame: 1, firstTry: 'wrong', attempts: 1});
    const session = newSession('review', progress, later, {}, lessons);
    expect(session.questions.map((q) => q.prompt)).toEqual(['What acknowledgment number does the SYN-ACK carry?']);
    const context: Context = {position: () => undefined, answers: () => ({})};
    let state: State = reduce(initialState(lessons), {type: 'quiz-start', session, now: later});
    const wrong = session.questions[0]!.answer === 0 ? 1 : 0;
    state = reduce(state, {type: 'key', action: 'pick', key: String(wrong + 1), now: later}, context);
    state = reduce(state, {type: 'key', action: 'open', now: later}, context);
    expect(state.screen).toBe('player');
    expect(state.player!.lesson.id).toBe('tcp-handshake');
    expect(state.player!.trace.frames[state.player!.frame]!.id).toBe('syn-ack');
    // A look from review is not a place: progress keeps where the learner was.
    savePlace(progress, state.player!);
    expect(progress.position('tcp-handshake')).toBeUndefined();
    state = reduce(state, {type: 'key', action: 'back', now: later}, context);
    expect(state.screen).toBe('quiz');
  });
});

describe('practise this', () => {
  it('the home screen offers the most frequent misconceptions, and one starts a short quiz that tests it', () => {
    const progress = memoryProgress();
    progress.recordCheckpoint('tcp-handshake', {id: '0:syn-ack:0', frame: 1, firstTry: 'wrong', attempts: 1}, ['ack-names-last-byte']);
    for (let i = 0; i < 2; i++) progress.recordQuiz({entry: {at: '2026-12-03T12:00:00.000Z', mode: 'quiz', asked: 1, correct: 0, topics: {}}, outcomes: [], misconceptions: ['time-wait-on-server']});
    const home = readHome(progress, lessons, new Date());
    expect(home.practice.map((p) => [p.id, p.count])).toEqual([
      ['time-wait-on-server', 2],
      ['ack-names-last-byte', 1],
    ]);
    const items = homeItems(lessons, undefined, home.practice);
    const first = items.findIndex((i) => i.kind === 'practise');
    expect(items[first]!.practice!.id).toBe('time-wait-on-server');
    const context: Context = {
      position: () => undefined,
      practice: home.practice,
      session: (kind, options = {}) => ({session: newSession(kind, progress, new Date(), options, lessons), now: new Date()}),
    };
    let state = initialState(lessons);
    for (let i = 0; i < first + 1; i++) state = reduce(state, {type: 'key', action: 'down'}, context);
    state = reduce(state, {type: 'key', action: 'select'}, context);
    expect(state.screen).toBe('quiz');
    const questions = state.quiz!.session.questions;
    expect(questions.length).toBe(5);
    expect(questions[0]!.prompt).toBe('What acknowledgment number does the SYN-ACK carry?');
    expect(questions[0]!.misconceptions).toContain('ack-names-last-byte');
  });
});
