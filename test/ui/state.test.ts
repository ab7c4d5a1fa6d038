// The reducer behind every key: pure, so each key's effect is checked without a terminal.
import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import type {TutorLesson} from '../../src/ui/app/ports.js';
import {initialState, modeOf, reduce, type State} from '../../src/ui/app/model.js';
import {TOPIC_IDS} from '../../src/quiz/topics.js';
import {continueTarget, homeItems, type SessionKind} from '../../src/ui/home/model.js';
import {newSession} from '../../src/ui/app/effects.js';
import {memoryProgress} from '../../src/ui/app/ports.js';
import {comparison, OPTION_ROWS, positionOf} from '../../src/ui/player/model.js';
import type {Action} from '../../src/ui/common/keys.js';

const part = (scenario: string) => ({title: scenario, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [
  {id: 'tls13', title: 'TLS 1.3', parts: [part('tls13')], narration: () => undefined},
  {id: 'tfo', title: 'TFO', parts: [part('tfo-request'), part('tfo-cookie')], narration: () => undefined},
];

const press = (state: State, ...actions: Action[]) => actions.reduce((s, action) => reduce(s, {type: 'key', action}), state);
const open = (id: string) => initialState(LESSONS, {lessonId: id});

describe('lesson player state', () => {
  it('steps forward and back within the trace', () => {
    let s = open('tls13');
    expect(s.player!.frame).toBe(0);
    s = press(s, 'next', 'next', 'next');
    expect(s.player!.frame).toBe(3);
    s = press(s, 'previous');
    expect(s.player!.frame).toBe(2);
    s = press(s, 'last', 'next');
    // → at the last frame of the last part ends the lesson: its completion screen.
    expect(s.player!.frame).toBe(s.player!.trace.frames.length - 1);
    expect(s.player!.overlay).toBe('complete');
    s = press(s, 'previous');
    expect(s.player!.overlay).toBe('none');
    expect(s.player!.frame).toBe(s.player!.trace.frames.length - 1);
    s = press(s, 'first', 'previous');
    expect(s.player!.frame).toBe(0);
  });

  it('→ at the end of a part goes on to the next part; at the end of the lesson to its completion, then the next lesson', () => {
    let s = press(open('tfo'), 'last', 'next');
    expect(s.player!.part).toBe(1);
    expect(s.player!.frame).toBe(0);
    s = press(s, 'last', 'next');
    expect(s.player!.overlay).toBe('complete');
    expect(positionOf(s.player!).status).toBe('completed'); // these lessons ask nothing
    s = press(s, 'nextLesson');
    expect(s.screen).toBe('home'); // tfo is the last lesson here
    s = press(open('tls13'), 'last', 'next', 'nextLesson');
    expect(s.player!.lesson.id).toBe('tfo');
  });

  it('changing a knob re-simulates at once and keeps the frame by id', () => {
    let s = press(open('tls13'), 'next', 'next', 'next', 'next'); // client-hello… then server-flight
    const id = s.player!.trace.frames[s.player!.frame]!.id;
    s = press(s, 'options');
    for (let i = 0; i < OPTION_ROWS.indexOf('tfo'); i++) s = press(s, 'down');
    s = press(s, 'right', 'right'); // tfo: off → request → cookie
    expect(s.player!.knobs.tfo).toBe('cookie');
    expect(s.player!.trace.frames[0]!.label).toContain('TFO cookie');
    expect(s.player!.trace.frames[s.player!.frame]!.id).toBe(id);
  });

  it('a change the rules need more for sets what it needs, with the engine\'s sentence', () => {
    let s = press(open('tls13'), 'options');
    for (let i = 0; i < OPTION_ROWS.indexOf('earlyData'); i++) s = press(s, 'down');
    s = press(s, 'right'); // earlyData=accepted needs resume=on
    expect(s.player!.knobs).toMatchObject({earlyData: 'accepted', resume: 'on'});
    expect(s.player!.options.changed).toMatchObject([{knob: 'resume', to: 'on'}]);
    expect(s.player!.options.changed[0]!.why).toMatch(/needs a ticket/);
    expect(s.player!.trace.summary.requestSentRtt).toBe(1);
    expect(s.player!.options.error).toBeNull();
  });

  it('the RTT row re-simulates with the new round-trip time', () => {
    let s = press(open('tls13'), 'options');
    for (let i = 0; i < OPTION_ROWS.indexOf('rttMs'); i++) s = press(s, 'down');
    s = press(s, 'right');
    expect(s.player!.rttMs).toBe(150);
    expect(s.player!.trace.summary.requestSentMs).toBe(300);
  });

  it('compare offers TLS 1.2 beside TLS 1.3, and tab cycles the contrasts', () => {
    let s = press(open('tls13'), 'compare');
    expect(s.player!.overlay).toBe('compare');
    const first = comparison(s.player!)!;
    expect(first.label).toBe('TLS 1.2 instead of 1.3');
    expect(first.trace.summary.requestSentRtt).toBe(3);
    s = press(s, 'cycle');
    expect(comparison(s.player!)!.label).not.toBe(first.label);
  });

  it('parts switch with ] and [, and the last frame of the last part completes the lesson', () => {
    let s = press(open('tfo'), 'nextPart');
    expect(s.player!.part).toBe(1);
    expect(s.player!.knobs.tfo).toBe('cookie');
    expect(positionOf(s.player!).status).toBe('in-progress');
    s = press(s, 'last');
    expect(positionOf(s.player!).status).toBe('completed');
    s = press(s, 'previousPart');
    expect(s.player!.part).toBe(0);
  });

  it('reopens at a saved position by frame id', () => {
    const s = initialState(LESSONS, {lessonId: 'tls13', position: {part: 0, frame: 99, frameId: 'client-hello', status: 'in-progress'}});
    expect(s.player!.trace.frames[s.player!.frame]!.id).toBe('client-hello');
  });

  it('autoplay ticks forward and stops at the end', () => {
    let s = press(open('tls13'), 'autoplay');
    expect(s.player!.autoplay).toBe(true);
    for (let i = 0; i < 50; i++) s = reduce(s, {type: 'tick'});
    expect(s.player!.autoplay).toBe(false);
    expect(s.player!.frame).toBe(s.player!.trace.frames.length - 1);
  });

  it('back leaves overlays first, then the player; quit ends from anywhere', () => {
    let s = press(open('tls13'), 'help');
    expect(s.player!.overlay).toBe('help');
    s = press(s, 'back');
    expect(s.player!.overlay).toBe('none');
    s = press(s, 'back');
    expect(s.screen).toBe('home');
    expect(press(open('tls13'), 'options', 'quit').quit).toBe(true);
  });
});

describe('home state', () => {
  it('moves with up/down, wraps, and opens the selected lesson at its saved place', () => {
    let s = initialState(LESSONS);
    const context = {position: (id: string) => (id === 'tfo' ? {part: 1, frame: 0, frameId: 'syn-ack', status: 'in-progress' as const} : undefined)};
    s = reduce(s, {type: 'key', action: 'down'}, context);
    s = reduce(s, {type: 'key', action: 'select'}, context);
    expect(s.player!.lesson.id).toBe('tfo');
    expect(s.player!.part).toBe(1);
    expect(s.player!.trace.frames[s.player!.frame]!.id).toBe('syn-ack');
    s = reduce(initialState(LESSONS), {type: 'key', action: 'up'}, context);
    const items = homeItems(initialState(LESSONS).lessons);
    expect(items[s.home.cursor]!.kind).toBe('quit'); // wrapped to the last item
  });

  it('Continue goes to the lesson seen last until it is done, then to the first one not done, then to review', () => {
    const lessons = [{id: 'a'}, {id: 'b'}, {id: 'c'}];
    const done = (...ids: string[]) => (id: string) => (ids.includes(id) ? 'completed' : id === 'b' ? 'in-progress' : undefined);
    expect(continueTarget(lessons, done(), undefined, 3)).toBeUndefined(); // nothing started yet
    expect(continueTarget(lessons, done(), 'b', 0)).toEqual({lessonId: 'b'});
    expect(continueTarget(lessons, done('c'), 'c', 0)).toEqual({lessonId: 'a'});
    expect(continueTarget(lessons, done('a', 'c'), 'a', 0)).toEqual({lessonId: 'b'});
    expect(continueTarget(lessons, done('a', 'b', 'c'), 'c', 2)).toEqual({review: true});
    expect(continueTarget(lessons, done('a', 'b', 'c'), 'c', 0)).toBeUndefined();
    expect(continueTarget(lessons, done(), 'gone', 0)).toBeUndefined(); // a lesson pack no longer loaded
    expect(homeItems(lessons, {review: true})[0]).toEqual({kind: 'continue'});
    expect(homeItems(lessons, {lessonId: 'gone'})[0]!.kind).toBe('lesson');
  });

  it('a Continue that names no lesson starts a review session', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const progress = memoryProgress(() => now);
    const context = {
      target: {review: true} as const,
      position: () => undefined,
      session: (kind: SessionKind) => ({session: newSession(kind, progress, now), now}),
    };
    const s = reduce(initialState(LESSONS), {type: 'key', action: 'select'}, context);
    expect(s.screen).toBe('quiz');
    expect(s.quiz!.session.mode).toBe('review');
  });
});

describe('the interview drill asks for a topic', () => {
  it('enter on the drill opens the topic list; a topic starts a drill on it alone; esc goes back to the menu', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const progress = memoryProgress(() => now);
    const context = {position: () => undefined, session: (kind: SessionKind, options = {}) => ({session: newSession(kind, progress, now, {...options, count: 4, seed: 3}), now})};
    let s = initialState(LESSONS);
    const items = homeItems(s.lessons);
    const drill = items.findIndex((i) => i.kind === 'interview');
    for (let i = 0; i < drill; i++) s = reduce(s, {type: 'key', action: 'down'}, context);
    s = reduce(s, {type: 'key', action: 'select'}, context);
    expect(s.screen).toBe('home');
    expect(modeOf(s)).toBe('topics');
    s = reduce(s, {type: 'key', action: 'back'}, context);
    expect(modeOf(s)).toBe('home');
    expect(s.home.cursor).toBe(drill);
    s = reduce(reduce(s, {type: 'key', action: 'select'}, context), {type: 'key', action: 'down'}, context);
    s = reduce(s, {type: 'key', action: 'select'}, context);
    expect(s.screen).toBe('quiz');
    expect(s.quiz!.session.mode).toBe('interview');
    const topics = new Set(s.quiz!.session.questions.map((q) => q.topic));
    expect([...topics]).toEqual([TOPIC_IDS[0]]);
  });
});

describe('the lab overlay (r)', () => {
  const fakeReport = {schemaVersion: 1} as unknown as import('../../src/lab/index.js').LabReport;

  it('asks the root for a run of the knobs on show, takes only its own result, and keeps it while the knobs stay', () => {
    let s = press(open('tls13'), 'next', 'autoplay', 'lab');
    expect(modeOf(s)).toBe('lab');
    expect(s.player!.autoplay).toBe(false);
    const lab = s.player!.lab!;
    expect(lab).toMatchObject({status: 'running', key: expect.stringContaining('tls13 100 ')});
    // A result for other knobs (a run asked for before a change) is not this one.
    expect(reduce(s, {type: 'lab-done', key: 'tls12 100 {}', report: fakeReport})).toBe(s);
    s = reduce(s, {type: 'lab-done', key: lab.key, report: fakeReport});
    expect(s.player!.lab).toEqual({key: lab.key, status: 'done', report: fakeReport});
    s = press(s, 'lab');
    expect(modeOf(s)).toBe('player');
    expect(s.player!.frame).toBe(1);
    s = press(s, 'lab');
    expect(s.player!.lab!.status).toBe('done'); // not run again
    s = press(s, 'back');
    expect(modeOf(s)).toBe('player');
  });

  it('a lab that cannot run shows its sentence; other knobs run it again', () => {
    let s = press(open('tfo'), 'lab');
    const first = s.player!.lab!.key;
    s = reduce(s, {type: 'lab-done', key: first, message: 'The lab cannot run this.'});
    expect(s.player!.lab).toMatchObject({status: 'failed', message: 'The lab cannot run this.'});
    s = press(s, 'back', 'nextPart', 'lab');
    expect(s.player!.lab).toMatchObject({status: 'running'});
    expect(s.player!.lab!.key).not.toBe(first);
  });
});
