// The class screens with ink-testing-library, every render and key inside act(): the panels on
// their own, then the instructor's and a student's root driven by keys over fake network ends.
import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanName} from '../../../src/class/sanitize.js';
import {initialHostState, reduceHost, type HostEvent, type HostQuestion, type HostState} from '../../../src/class/host-state.js';
import type {ClassPosition} from '../../../src/class/protocol.js';
import {initialStudentState, reduceStudent, type StudentEvent, type StudentState} from '../../../src/class/student-state.js';
import {resolveKnobs} from '../../../src/engine/knobs.js';
import {findPreset} from '../../../src/engine/presets.js';
import type {TutorLesson} from '../../../src/ui/app/ports.js';
import {openLesson} from '../../../src/ui/player/model.js';
import {ClassPanel} from '../../../src/ui/class/ClassPanel.js';
import {HostApp, sideWidth, type HostPort} from '../../../src/ui/class/HostApp.js';
import {bigCode, JoinBanner} from '../../../src/ui/class/JoinBanner.js';
import {classPosition} from '../../../src/ui/class/position.js';
import {QuestionPanel, questionPanelLines} from '../../../src/ui/class/QuestionPanel.js';
import {findMisconception} from '../../../src/quiz/index.js';
import {StudentApp, type StudentPort} from '../../../src/ui/class/StudentApp.js';
import {statusLine, StudentQuestion} from '../../../src/ui/class/StudentPanels.js';
import {KEYS, renderTui, unmountAll} from '../../helpers/tui.js';

afterEach(unmountAll);

const part = (scenario: string) => ({title: findPreset(scenario)!.title, scenario, knobs: resolveKnobs(findPreset(scenario)!.knobs, {})});
const LESSONS: TutorLesson[] = [
  {id: 'tls13', title: 'TLS 1.3: one round trip', parts: [part('tls13')], narration: (_p, id) => (id === 'client-hello' ? 'The client offers its key share.' : undefined)},
  {id: 'tcp-close', title: 'Closing', parts: [part('tcp-close')], narration: () => undefined},
];
const start = classPosition(openLesson(LESSONS[0]!));
const question: HostQuestion = {prompt: 'How many round trips before the request?', choices: ['0 RTT', '1 RTT', '2 RTT'], answer: 1, explanation: 'One: the key share rides the ClientHello.', source: 'quiz', label: 'quiz'};
const joined = (id: string, name: string, following = true): HostEvent => ({type: 'joined', id, name: cleanName(name), address: '10.0.0.2', following, now: 0});

function classWith(events: HostEvent[]): HostState {
  return events.reduce(reduceHost, initialHostState(start));
}

const screen = (tree: React.ReactElement) => {
  let out = '';
  act(() => {
    out = render(tree).lastFrame() ?? '';
  });
  return out;
};


describe('class panels', () => {
  it('the roster says who is connected, following or alone (and where), and offline; names never carry escapes', () => {
    const state = classWith([
      joined('a', 'Ana'),
      joined('b', '\u001b[2J\u001b]0;x\u0007Bo\u001b[31m'),
      joined('c', 'Cy'),
      {type: 'detach', id: 'b', part: 0, frame: 4},
      {type: 'left', id: 'c'},
      {type: 'refused', why: 'wrong-code'},
    ]);
    const out = screen(<ClassPanel state={state} width={60} height={8} />);
    expect(out).toContain('Class: 2 connected · 1 following · 1 alone · 1 offline');
    expect(out).toMatch(/● Ana +following/);
    expect(out).toMatch(/○ Bo +alone: frame 5/);
    expect(out).toMatch(/✕ Cy +offline/);
    expect(out).toContain('Turned away: wrong code 1');
    expect(out).not.toContain('\u001b');
  });

  it('the histogram is anonymous by default, names on request, and marks the right answer after the reveal', () => {
    let state = classWith([joined('a', 'Ana'), joined('b', 'Bo'), joined('c', 'Cy'), {type: 'push', question, now: 0}]);
    state = [
      {type: 'answer', id: 'a', question: 1, choice: 1, now: 1},
      {type: 'answer', id: 'b', question: 1, choice: 1, now: 1},
      {type: 'answer', id: 'c', question: 1, choice: 2, now: 1},
    ].reduce((s, e) => reduceHost(s, e as HostEvent), state);
    const anonymous = screen(<QuestionPanel state={state} named={false} width={60} height={10} />);
    expect(anonymous).toContain('Question 1 (quiz) · 3 answered');
    expect(anonymous).toMatch(/ 2 1 RTT +█+ 2/);
    expect(anonymous).toMatch(/ 3 2 RTT +█+ 1/);
    expect(anonymous).toMatch(/ 1 0 RTT +0/);
    expect(anonymous).not.toContain('Ana');
    expect(screen(<QuestionPanel state={state} named width={60} height={10} />)).toContain('2: Ana, Bo');
    const revealed = screen(<QuestionPanel state={reduceHost(state, {type: 'reveal'})} named={false} width={60} height={10} />);
    expect(revealed).toMatch(/✓2 1 RTT/);
    expect(revealed).toContain('One: the key share rides the ClientHello.');
  });

  it('the join screen shows the exact line to type, boxed, and the code in large digits', () => {
    const line = 'hs-tutor class join 192.168.1.20:7443 --code 482109375512';
    const out = screen(<JoinBanner line={line} code="482109375512" others={['hs-tutor class join 10.0.0.5:7443 --code 482109375512']} counts={{connected: 2, following: 2, exploring: 0, offline: 0, answered: 0}} width={100} height={20} />);
    expect(out).toContain(`║  ${line}`);
    expect(out).toContain('or: hs-tutor class join 10.0.0.5:7443');
    expect(out).toContain('2 connected');
    for (const row of bigCode('482109375512', 100)) expect(out).toContain(row.trimEnd());
    expect(bigCode('10')).toEqual(['  ██    ██████', '████    ██  ██', '  ██    ██  ██', '  ██    ██  ██', '██████  ██████']);
    // Twelve digits in three groups: doubled where 104 columns allow, single below (80, 100), none where even that does not fit.
    expect([...bigCode('482109375512', 104)[0]!]).toHaveLength(102);
    expect(bigCode('482109375512', 100)).toEqual(bigCode('482109375512', 80));
    expect(bigCode('482109375512', 80)[4]).toBe('  █ ███ ███ ███   ███ ███ ███   █   ███ ███ ███ ███');
    expect(bigCode('482109375512', 52)).toEqual([]);
  });

  it("a student's question: choose, change, then the reveal with the class's answers", () => {
    let net: StudentState = [{type: 'welcome', name: 'Ana'}, {type: 'question', question: {id: 1, prompt: question.prompt, choices: question.choices, source: 'quiz'}, chosen: null}].reduce(
      (s, e) => reduceStudent(s, e as StudentEvent),
      initialStudentState(),
    );
    expect(screen(<StudentQuestion net={net} width={80} height={8} />)).toContain('Press 1–3 to answer.');
    net = reduceStudent(net, {type: 'answered', choice: 0});
    expect(screen(<StudentQuestion net={net} width={80} height={8} />)).toMatch(/›1\) 0 RTT[\s\S]*You answered 1; you can change it/);
    net = reduceStudent(net, {type: 'reveal', question: 1, answer: 1, explanation: 'One.', counts: [4, 20, 1]});
    const out = screen(<StudentQuestion net={net} width={80} height={8} />);
    expect(out).toMatch(/✗1 0 RTT +█+ 4/);
    expect(out).toMatch(/✓2 1 RTT +█+ 20/);
    expect(out).toContain('Not quite: the answer is 2.');
  });

  it("a student's peer instruction: the class's votes without the answer, a second vote from scratch, the reveal with both", () => {
    const q = {id: 1, prompt: question.prompt, choices: question.choices, source: 'quiz' as const};
    let net = [{type: 'welcome', name: 'Ana'}, {type: 'question', question: q, chosen: null}, {type: 'answered', choice: 0}, {type: 'votes', question: 1, counts: [6, 3, 1]}].reduce(
      (s, e) => reduceStudent(s, e as StudentEvent),
      initialStudentState(),
    );
    let out = screen(<StudentQuestion net={net} width={80} height={10} />);
    expect(out).toMatch(/›1 0 RTT +█+ 6/);
    expect(out).not.toMatch(/[✓✗]/); // no answer in the votes
    expect(out).toContain('Here is how the class voted; discuss it');
    net = reduceStudent(net, {type: 'question', question: {...q, round: 2}, chosen: null});
    expect(screen(<StudentQuestion net={net} width={80} height={10} />)).toContain('Vote again, now that you have discussed it: press 1–3.');
    net = reduceStudent(reduceStudent(net, {type: 'answered', choice: 1}), {type: 'reveal', question: 1, answer: 1, explanation: 'One.', counts: [2, 8, 0], firstCounts: [6, 3, 1]});
    out = screen(<StudentQuestion net={net} width={80} height={14} />);
    expect(out).toContain('Right!');
    expect(out).toMatch(/first vote 3 → second 8/);
  });

  it("a student's status line says following, alone (with both places) or reconnecting", () => {
    const net = reduceStudent(reduceStudent(initialStudentState(), {type: 'welcome', name: 'Ana'}), {type: 'frame', seq: 2, at: {...start, frame: 3}});
    expect(statusLine(net, true, null, 'h:7443')).toBe('● Following the instructor · Ana in the class at h:7443 · f explores alone');
    expect(statusLine(net, false, openLesson(LESSONS[0]!), 'h:7443')).toBe('○ Exploring alone · you are at frame 1; the class is at frame 4 · f goes back to the class');
    expect(statusLine(reduceStudent(net, {type: 'lost', reason: 'the connection was reset', attempt: 2}), true, null, 'h:7443')).toBe(
      'Link lost (the connection was reset); reconnecting to h:7443, attempt 2…',
    );
  });
});

/** A network host in memory: the real reducer, no sockets. */
function fakeHost(): HostPort & {positions: ClassPosition[]; emit(e: HostEvent): void} {
  const listeners = new Set<() => void>();
  const fake = {
    snapshot: initialHostState(start),
    positions: [] as ClassPosition[],
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: HostEvent) {
      fake.snapshot = reduceHost(fake.snapshot, event);
      for (const l of listeners) l();
    },
    setPosition(position: ClassPosition) {
      fake.positions.push(position);
      fake.emit({type: 'position', position});
    },
    push: (q: HostQuestion) => fake.emit({type: 'push', question: q, now: 0}),
    reveal: () => fake.emit({type: 'reveal'}),
    clearQuestion: () => fake.emit({type: 'clear'}),
    showVotes: () => fake.emit({type: 'show'}),
    revote: () => fake.emit({type: 'revote', now: 0}),
    setLockStep: (on: boolean) => fake.emit({type: 'lockStep', on}),
    setClosed: (on: boolean) => fake.emit({type: 'closed', on}),
    remove: (id: string) => fake.emit({type: 'remove', id}),
    code: '482109375512',
    rotate: () => {
      fake.code = '111122223333';
      fake.emit({type: 'rekey', hostKey: 'a new key'});
    },
  };
  return fake;
}

describe('the misconception behind a wrong choice', () => {
  it('shows under the choices that got votes, only once revealed (the screen may be on the projector)', () => {
    const tagged: HostQuestion = {...question, misconceptions: ['0rtt-skips-tcp', null, null]};
    const asked = [joined('a', 'Ana'), joined('b', 'Bo'), {type: 'push', question: tagged, now: 0} as HostEvent, {type: 'answer', id: 'a', question: 1, choice: 0, now: 1} as HostEvent].reduce(reduceHost, initialHostState(start));
    const text = (state: HostState) => questionPanelLines(state, false, 100)!.choices.flatMap((c) => c.lines).join('\n');
    const short = findMisconception('0rtt-skips-tcp')!.short;
    expect(text(asked)).not.toContain('the misconception');
    expect(text(reduceHost(asked, {type: 'reveal'}))).toContain(`the misconception: ${short}`);
  });
});

describe("the instructor's screen", () => {
  const props = (host: HostPort, saved: string[] = []) => ({
    host,
    lessons: LESSONS,
    lessonId: 'tls13',
    joinLine: 'hs-tutor class join 10.0.0.1:7443 --code 482109375512',
    otherJoinLines: [],
    code: '482109375512',
    csvPath: 'results.csv',
    save: (state: HostState) => {
      saved.push(String(state.questions.length));
      return 'Saved to results.csv.';
    },
    candidates: () => [question],
  });

  /** The host's screen at 130×40 with two students joined, Ana (a) and Bo (b). */
  async function hostWithAnaAndBo() {
    const host = fakeHost();
    const ui = await renderTui(<HostApp {...props(host)} />);
    await ui.resize(130, 40);
    host.emit(joined('a', 'Ana'));
    host.emit(joined('b', 'Bo'));
    return {host, ui};
  }

  it('opens on the join screen; stepping moves the class; a pushes, the histogram fills, r reveals; q asks before ending', async () => {
    const host = fakeHost();
    const saved: string[] = [];
    const ui = await renderTui(<HostApp {...props(host, saved)} />);
    await ui.resize(130, 40);
    expect(ui.screen()).toContain('Students, type this in a terminal to join:');
    expect(ui.screen()).toContain('║  hs-tutor class join 10.0.0.1:7443 --code 482109375512');
    host.emit(joined('a', 'Ana'));
    await ui.press(KEYS.enter);
    expect(ui.screen()).toContain(' Join: hs-tutor class join 10.0.0.1:7443 --code 482109375512');
    expect(ui.screen()).toContain('Class: 1 connected · 1 following');
    await ui.press(KEYS.right, KEYS.right, KEYS.right);
    expect(ui.screen()).toContain('frame 4/');
    expect(host.positions.at(-1)).toMatchObject({frame: 3, frameId: 'client-hello', narration: 'The client offers its key share.'});

    await ui.press('a');
    expect(ui.screen()).toContain('Push a question to every student');
    expect(ui.screen()).toContain('Right answer (students do not see it until r): 2) 1 RTT');
    await ui.press(KEYS.enter);
    await act(async () => host.emit({type: 'answer', id: 'a', question: 1, choice: 1, now: 5}));
    expect(ui.screen()).toContain('Question 1 (quiz) · 1 answered');
    expect(ui.screen()).toMatch(/ 2 1 RTT +█+ 1/);
    await ui.press('r');
    expect(ui.screen()).toMatch(/✓2 1 RTT/);
    await ui.press('s');
    expect(ui.screen()).toContain('Saved to results.csv.');
    expect(saved).toEqual(['1']);

    await ui.press('q');
    expect(ui.screen()).toContain('End the class? Results go to results.csv. y ends · n goes back');
    await ui.press('n');
    expect(ui.screen()).not.toContain('End the class?');
  });

  it('peer instruction: v shows the class its votes, V starts a second vote, and the panel shows how each choice moved', async () => {
    const {host, ui} = await hostWithAnaAndBo();
    await ui.press(KEYS.enter, KEYS.right, KEYS.right, KEYS.right, 'a', KEYS.enter);
    await act(async () => {
      host.emit({type: 'answer', id: 'a', question: 1, choice: 1, now: 5});
      host.emit({type: 'answer', id: 'b', question: 1, choice: 0, now: 6});
    });
    await ui.press('v');
    expect(ui.screen()).toContain('Question 1 (quiz) · 2 answered · votes shown to');
    expect(host.snapshot.questions[0]!.shown).toBe(true);
    await ui.press('V');
    expect(ui.screen()).toContain('Question 1 (quiz) · 0 answered · second vote');
    await act(async () => {
      host.emit({type: 'answer', id: 'a', question: 1, choice: 1, now: 7});
      host.emit({type: 'answer', id: 'b', question: 1, choice: 1, now: 8});
    });
    expect(ui.screen()).toMatch(/first vote 1 → now 2 \(\+1\)/);
    expect(ui.screen()).toMatch(/first vote 1 → now 0 \(−1\)/);
    // Only one second vote.
    await ui.press('V');
    expect(host.snapshot.questions[0]!.round).toBe(2);
  });

  it('C closes the class to newcomers and opens it again; X removes the student chosen from the list', async () => {
    const {host, ui} = await hostWithAnaAndBo();
    await ui.press(KEYS.enter, 'C');
    expect(host.snapshot.closed).toBe(true);
    expect(ui.screen()).toContain('closed to newcomers (C opens)');
    await ui.press('C');
    expect(ui.screen()).not.toContain('closed to newcomers');
    await ui.press('X');
    expect(ui.screen()).toContain('Remove a student from the class');
    await ui.press(KEYS.down, KEYS.enter);
    expect(host.snapshot.roster.map((r) => [r.name, r.removed ?? false])).toEqual([['Ana', false], ['Bo', true]]);
    expect(ui.screen()).toMatch(/⊘ Bo +removed/);
    // The list offers only those not removed yet; esc closes it.
    await ui.press('X');
    expect(ui.screen()).not.toMatch(/^.*› Bo/m);
    await ui.press(KEYS.escape);
    expect(ui.screen()).not.toContain('Remove a student');
    // R: a new code, on the top line, the join screen and in a notice.
    await ui.press('R');
    expect(ui.screen()).toContain(' Join: hs-tutor class join 10.0.0.1:7443 --code 111122223333');
    expect(ui.screen()).toContain('A new code: 111122223333. The old one admits nobody now');
    await ui.press('J');
    expect(ui.screen()).toContain('║  hs-tutor class join 10.0.0.1:7443 --code 111122223333');
  });

  it('o changes a knob for the whole class; L switches the lesson', async () => {
    const host = fakeHost();
    const ui = await renderTui(<HostApp {...props(host)} />);
    await ui.press(KEYS.enter, 'o', KEYS.down, KEYS.down, KEYS.down, KEYS.right, KEYS.right, KEYS.escape);
    expect(host.positions.at(-1)?.knobs.tfo).toBe('cookie');
    await ui.press('L');
    expect(ui.screen()).toContain('Switch the class to a lesson');
    await ui.press(KEYS.down, KEYS.enter);
    expect(host.positions.at(-1)?.lesson.id).toBe('tcp-close');
    expect(ui.screen()).toContain('Closing · frame 1/');
  });
});

/** A student's network end in memory: the real reducer, no sockets. */
function fakeClient(): StudentPort & {emit(e: StudentEvent): void; sent: string[]} {
  const listeners = new Set<() => void>();
  const fake = {
    state: initialStudentState(),
    sent: [] as string[],
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: StudentEvent) {
      fake.state = reduceStudent(fake.state, event);
      for (const l of listeners) l();
    },
    answer(choice: number) {
      fake.sent.push(`answer ${choice}`);
      fake.emit({type: 'answered', choice});
      return true;
    },
    follow() {
      fake.sent.push('follow');
      fake.emit({type: 'follow'});
    },
    detach(p: number, f: number) {
      fake.sent.push(`detach ${p}:${f}`);
      fake.emit({type: 'detach'});
    },
    close() {
      fake.sent.push('close');
    },
  };
  return fake;
}

describe("a student's screen", () => {
  it('after a reveal the question enters the student\'s own review once: a miss as a miss, an unknown key not at all', async () => {
    const client = fakeClient();
    const outcomes: unknown[] = [];
    client.emit({type: 'welcome', name: 'Ana'});
    const ui = await renderTui(<StudentApp client={client} lessons={LESSONS} address="10.0.0.1:7443" review={(o) => outcomes.push(...o)} />);
    const ask = async (id: number, key: string, chosen: number) => {
      await act(async () => client.emit({type: 'question', question: {id, prompt: 'Which?', choices: ['a', 'b'], source: 'quiz', key}, chosen: null}));
      await act(async () => client.emit({type: 'answered', choice: chosen}));
      await act(async () => client.emit({type: 'reveal', question: id, answer: 1, explanation: 'B.', counts: [1, 0]}));
    };
    await ask(1, 'requestSentRtt?tls=1.3', 0);
    expect(outcomes).toEqual([{key: 'requestSentRtt?tls=1.3', correct: false}]);
    await act(async () => client.emit({type: 'reveal', question: 1, answer: 1, explanation: 'B.', counts: [1, 0]}));
    expect(outcomes).toHaveLength(1);
    await ask(2, 'lesson:tls13:0:client-hello:0', 1);
    expect(outcomes.at(-1)).toEqual({key: 'lesson:tls13:0:client-hello:0', correct: true});
    await ask(3, 'no-such-measure?x=1', 0);
    expect(outcomes).toHaveLength(2);
    ui.unmount();
  });

  it('lock-step: a question brings an explorer back to the class frame, and f stays refused until the reveal', async () => {
    const client = fakeClient();
    client.emit({type: 'welcome', name: 'Ana'});
    const ui = await renderTui(<StudentApp client={client} lessons={LESSONS} address="10.0.0.1:7443" />);
    await act(async () => client.emit({type: 'frame', seq: 2, at: {...start, frame: 3, frameId: 'client-hello', narration: null}}));
    await ui.press('f', KEYS.left);
    expect(ui.screen()).toContain('○ Exploring alone');
    const q = {id: 1, prompt: 'Which?', choices: ['a', 'b'], source: 'quiz' as const, lockStep: true as const};
    await act(async () => client.emit({type: 'question', question: q, chosen: null}));
    expect(ui.screen()).toContain('● Following the instructor');
    expect(ui.screen()).toContain('frame 4/');
    expect(client.sent.at(-1)).toBe('follow');
    await ui.press('f');
    expect(ui.screen()).toContain('The instructor keeps the class together on this frame until the answer is revealed.');
    expect(client.sent.at(-1)).toBe('follow');
    await act(async () => client.emit({type: 'reveal', question: 1, answer: 0, explanation: 'A.', counts: [1, 0]}));
    await ui.press('f');
    expect(client.sent.at(-1)).toBe('detach 0:3');
  });

  it('follows the class, detaches with f to explore, and f lands back on the class frame', async () => {
    const client = fakeClient();
    client.emit({type: 'welcome', name: 'Ana'});
    // A lesson the student does not have: the host's narration is shown.
    const foreign = {...start, lesson: {...start.lesson, id: 'instructor-pack'}};
    const ui = await renderTui(<StudentApp client={client} lessons={LESSONS} address="10.0.0.1:7443" />);
    await act(async () => client.emit({type: 'frame', seq: 2, at: {...foreign, frame: 3, frameId: 'client-hello', narration: 'Words from the instructor.'}}));
    expect(ui.screen()).toContain('● Following the instructor · Ana in the class at 10.0.0.1:7443');
    expect(ui.screen()).toContain('frame 4/');
    expect(ui.screen()).toContain('Words from the instructor.');
    await ui.press(KEYS.right);
    expect(ui.screen()).toContain('You are following the class: press f to explore on your own.');
    expect(ui.screen()).toContain('frame 4/');

    await ui.press('f', KEYS.left, KEYS.left);
    expect(client.sent).toEqual(['detach 0:3', 'detach 0:2', 'detach 0:1']);
    expect(ui.screen()).toContain('○ Exploring alone · you are at frame 2; the class is at frame 4');
    await act(async () => client.emit({type: 'frame', seq: 3, at: {...foreign, frame: 5, frameId: 'server-flight', narration: null}}));
    expect(ui.screen()).toContain('frame 2/');
    await ui.press('f');
    expect(client.sent.at(-1)).toBe('follow');
    // The frame is found by its id (server-flight is the fifth frame here).
    expect(ui.screen()).toContain('frame 5/');
    expect(ui.screen()).toContain('● Following the instructor');
  });

  it('answers a pushed question with a digit and shows the reveal', async () => {
    const client = fakeClient();
    client.emit({type: 'welcome', name: 'Ana'});
    client.emit({type: 'frame', seq: 2, at: start});
    const ui = await renderTui(<StudentApp client={client} lessons={LESSONS} address="h:1" />);
    await ui.resize(100, 34);
    await act(async () => client.emit({type: 'question', question: {id: 1, prompt: question.prompt, choices: question.choices, source: 'quiz'}, chosen: null}));
    expect(ui.screen()).toContain('Question from the instructor (quiz)');
    await ui.press('8');
    expect(ui.screen()).toContain('This question has 3 choices.');
    await ui.press('2');
    expect(client.sent).toEqual(['answer 1']);
    expect(ui.screen()).toContain('You answered 2');
    await act(async () => client.emit({type: 'reveal', question: 1, answer: 1, explanation: 'One.', counts: [0, 2, 0]}));
    expect(ui.screen()).toContain('Right!');
    await ui.press('q');
    expect(ui.screen()).toContain('Leave the class? y leaves · n stays');
    await ui.press('y');
    expect(client.sent.at(-1)).toBe('close');
  });
});

describe('class screens at every size', () => {
  const SIZES = [[80, 24], [100, 30], [120, 40], [200, 60]] as const;
  const long: HostQuestion = {
    prompt: 'Connection: TCP + TLS 1.3, full handshake, RTT 100 ms. How many round trips pass before the client can send its request, counting from its SYN?',
    choices: ['None: the request rides in the first flight with the ClientHello', 'One: the key share rides in the ClientHello, so one round trip suffices', 'Two: one for TCP and one for TLS 1.3, the request after the client Finished', 'Three: TCP, then two for TLS'],
    answer: 2,
    explanation: 'Two: the TCP handshake takes one round trip, and TLS 1.3 one more before the client sends Finished and the request with it.',
    source: 'quiz',
    label: 'quiz',
  };
  const twin: HostQuestion = {...long, prompt: `${long.prompt.slice(0, -1)} when the server asks for a certificate?`, label: 'checkpoint'};
  const fits = (screen: string, width: number, rows: number, where: string) => {
    const lines = screen.split('\n');
    expect(lines.length, where).toBeLessThan(rows);
    for (const line of lines) {
      expect([...line].length, `${where}: ${line}`).toBeLessThanOrEqual(width);
      expect(line, `${where}: ${line}`).not.toMatch(/\w…$/);
    }
  };

  it('the instructor sees the whole join line, both long questions apart, every choice of the histogram and the whole footer', async () => {
    for (const [width, rows] of SIZES) {
      const host = fakeHost();
      const ui = await renderTui(
        <HostApp host={host} lessons={LESSONS} lessonId="tls13" joinLine="hs-tutor class join 192.168.100.123:7443 --code 482109375512" otherJoinLines={[]} code="482109375512" csvPath="/home/instructor/classes/2026-12-03/results.csv" save={() => 'Saved.'} candidates={() => [long, twin]} />,
      );
      await ui.resize(width, rows);
      fits(ui.screen(), width, rows, `join ${width}×${rows}`);
      expect(ui.screen().replace(/[\s║]+/g, ' ')).toContain('hs-tutor class join 192.168.100.123:7443 --code 482109375512');
      host.emit(joined('a', 'Ana'));
      await ui.press(KEYS.enter, 'a');
      const picker = ui.screen().replace(/\s+/g, ' ');
      fits(ui.screen(), width, rows, `picker ${width}×${rows}`);
      // Both prompts whole: they differ only at their ends.
      expect(picker).toContain('counting from its SYN?');
      expect(picker).toContain('when the server asks for a certificate?');
      await ui.press(KEYS.enter);
      await act(async () => host.emit({type: 'answer', id: 'a', question: 1, choice: 2, now: 5}));
      const asked = ui.screen();
      fits(asked, width, rows, `histogram ${width}×${rows}`);
      for (const n of [1, 2, 3, 4]) expect(asked, `choice ${n} at ${width}×${rows}`).toMatch(new RegExp(`(^|\\s)[ ✓]?${n} [A-Z]`, 'm'));
      // Beside the lesson on wide screens: read the panel's column alone.
      const side = sideWidth(width);
      const panel = side > 0 ? asked.split('\n').map((line) => [...line].slice(width - side).join('')).join('\n') : asked;
      // The choice wraps in its column; its count stands on its first line.
      expect(panel.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ')).toMatch(/Three: TCP, then two for (\d+ )?TLS/);
      await ui.press('q');
      fits(ui.screen(), width, rows, `end ${width}×${rows}`);
      expect(ui.screen().replace(/\s+/g, ' ')).toContain('End the class? Results go to /home/instructor/classes/2026-12-03/results.csv. y ends · n goes back');
      await unmountAll();
    }
  });

  it('a student sees the whole question, every choice and the reveal', async () => {
    for (const [width, rows] of SIZES) {
      const client = fakeClient();
      client.emit({type: 'welcome', name: 'Ana'});
      client.emit({type: 'frame', seq: 2, at: start});
      const ui = await renderTui(<StudentApp client={client} lessons={LESSONS} address="192.168.100.123:7443" />);
      await ui.resize(width, rows);
      await act(async () => client.emit({type: 'question', question: {id: 1, prompt: long.prompt, choices: long.choices, source: 'quiz'}, chosen: null}));
      fits(ui.screen(), width, rows, `question ${width}×${rows}`);
      const asked = ui.screen().replace(/\s+/g, ' ');
      for (const choice of long.choices) expect(asked, `${width}×${rows}`).toContain(choice);
      await ui.press('3');
      await act(async () => client.emit({type: 'reveal', question: 1, answer: 2, explanation: long.explanation, counts: [1, 5, 20, 0]}));
      fits(ui.screen(), width, rows, `reveal ${width}×${rows}`);
      expect(ui.screen()).toContain('Right!');
      await unmountAll();
    }
  });
});
