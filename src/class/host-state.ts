// The host's view of the class as plain data and one pure reducer: the roster (who is
// connected, following or exploring, and where), the class position, and the pushed questions
// with every answer. The network code feeds it events; the instructor's panels and the CSV read
// it. Nothing here touches a socket or a clock.
import type {ClassPosition, QuestionSource, Reveal, WireQuestion} from './protocol.js';

export interface RosterEntry {
  /** The id the host gave at the first join; it survives reconnects. */
  id: string;
  /** SHA-256 of the resume secret the host gave with the id (handshake.ts secretHash): only its holder comes back as this student. */
  secret?: string;
  /** Cleaned, and made unique in the class ("Ana", "Ana (2)"). */
  name: string;
  address: string;
  connected: boolean;
  following: boolean;
  /** Where a student exploring alone is, in the class lesson; null while following. */
  at: {part: number; frame: number} | null;
  joinedAt: number;
  /** The instructor removed this student: their resume secret is void, they are not let back in by it. */
  removed?: true;
}

/** A question the instructor can push: its answer stays on the host until the reveal. */
export interface HostQuestion {
  prompt: string;
  choices: string[];
  answer: number;
  explanation: string;
  source: QuestionSource;
  /** Where it comes from, for the instructor's picker ("checkpoint at client-hello", "quiz: tls13"). */
  label: string;
  /** The question's review key (a quiz key, or a lesson checkpoint's), so a student's miss enters their own spaced review. */
  key?: string;
  /** For each choice, the misconception a vote for it shows (quiz/misconceptions.ts), or null; kept on the host, for the report. */
  misconceptions?: (string | null)[];
}

export interface AskedQuestion extends HostQuestion {
  id: number;
  pushedAt: number;
  revealed: boolean;
  /** Student id → the choice and when it came, in the vote under way. A student may change their answer until the reveal. */
  answers: Record<string, {choice: number; at: number}>;
  /**
   * Peer instruction: 1 for the first vote; 2 once the class votes again after discussing, when
   * `firstAnswers` keeps the first vote. `shown`: the votes so far are on the students' screens.
   */
  round?: 1 | 2;
  /** Where the class was when it was pushed (the heat-map and the report). */
  where?: {part: number; frame: number; frameId: string};
  firstAnswers?: Record<string, {choice: number; at: number}>;
  shown?: boolean;
}

/** Connections the host turned away or cut, by why: the instructor sees that someone is knocking. */
export type Refusal = 'wrong-code' | 'rate-limited' | 'malformed' | 'too-long' | 'flood' | 'full' | 'timeout' | 'slow' | 'version' | 'closed';

export interface HostState {
  /** Bumped on every move, so students (and the bench) can tell frames apart. */
  seq: number;
  position: ClassPosition;
  roster: RosterEntry[];
  questions: AskedQuestion[];
  /** The question on the students' screens (an index into questions), or null. */
  current: number | null;
  refused: Partial<Record<Refusal, number>>;
  /** Lock-step: while a question is open (pushed, not yet revealed) every student stays on the class frame. */
  lockStep?: boolean;
  /** Closed to newcomers: the code admits no new student; those on the roster still come back. */
  closed?: boolean;
  /** After the instructor rotated the code: the class's key now (PKCS #8, base64), whose fingerprint is the code. */
  hostKey?: string;
}

export type HostEvent =
  | {type: 'position'; position: ClassPosition}
  | {type: 'joined'; id: string; name: string; address: string; following: boolean; now: number; secret?: string}
  | {type: 'left'; id: string}
  | {type: 'follow'; id: string}
  | {type: 'detach'; id: string; part: number; frame: number}
  | {type: 'answer'; id: string; question: number; choice: number; now: number}
  | {type: 'push'; question: HostQuestion; now: number}
  | {type: 'reveal'}
  /** Peer instruction: the votes so far, to the class, without the answer. */
  | {type: 'show'}
  /** Peer instruction: after the discussion, everyone votes again; the first vote is kept. */
  | {type: 'revote'; now: number}
  /** The instructor turns lock-step on or off. */
  | {type: 'lockStep'; on: boolean}
  /** The instructor closes the class to newcomers, or opens it again. */
  | {type: 'closed'; on: boolean}
  /** The instructor rotated the code: a new key (PKCS #8, base64). */
  | {type: 'rekey'; hostKey: string}
  /** The instructor removes a student (their connection is cut, their resume secret void). */
  | {type: 'remove'; id: string}
  | {type: 'clear'}
  | {type: 'refused'; why: Refusal};

export function initialHostState(position: ClassPosition): HostState {
  return {seq: 1, position, roster: [], questions: [], current: null, refused: {}};
}

/** `name`, or "name (2)", "name (3)"… so that no other student in `roster` has it. */
function uniqueName(roster: RosterEntry[], id: string, name: string): string {
  const taken = new Set(roster.filter((s) => s.id !== id).map((s) => s.name));
  const base = name === '' ? 'student' : name;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

function update(state: HostState, id: string, change: (s: RosterEntry) => RosterEntry): HostState {
  if (!state.roster.some((s) => s.id === id)) return state;
  return {...state, roster: state.roster.map((s) => (s.id === id ? change(s) : s))};
}

/** Whether lock-step holds everyone on the class frame now: it is on and a question is open. */
export function locked(state: HostState): boolean {
  const q = currentQuestion(state);
  return state.lockStep === true && q !== null && !q.revealed;
}

export function currentQuestion(state: HostState): AskedQuestion | null {
  return state.current === null ? null : (state.questions[state.current] ?? null);
}

function withCurrent(state: HostState, change: (q: AskedQuestion) => AskedQuestion): HostState {
  const q = currentQuestion(state);
  if (!q) return state;
  return {...state, questions: state.questions.map((x, i) => (i === state.current ? change(q) : x))};
}

export function reduceHost(state: HostState, event: HostEvent): HostState {
  switch (event.type) {
    case 'position':
      return {...state, seq: state.seq + 1, position: event.position};
    case 'joined': {
      const known = state.roster.find((s) => s.id === event.id);
      // A reconnect keeps the student's place in the list, their name and their answers.
      if (known) return update(state, event.id, (s) => ({...s, connected: true, address: event.address, following: event.following, at: event.following ? null : s.at}));
      const entry: RosterEntry = {
        id: event.id,
        name: uniqueName(state.roster, event.id, event.name),
        address: event.address,
        connected: true,
        following: event.following,
        at: null,
        joinedAt: event.now,
        ...(event.secret === undefined ? {} : {secret: event.secret}),
      };
      return {...state, roster: [...state.roster, entry]};
    }
    case 'left':
      return update(state, event.id, (s) => ({...s, connected: false}));
    case 'follow':
      return update(state, event.id, (s) => ({...s, following: true, at: null}));
    case 'detach':
      // In lock-step no one leaves the class frame while a question is open (the student's program keeps to it too).
      if (locked(state)) return state;
      return update(state, event.id, (s) => ({...s, following: false, at: {part: event.part, frame: event.frame}}));
    case 'lockStep':
      return {...state, lockStep: event.on};
    case 'closed':
      return {...state, closed: event.on};
    case 'rekey':
      return {...state, hostKey: event.hostKey};
    case 'remove':
      return update(state, event.id, ({secret: _void, ...s}) => ({...s, connected: false, following: true, at: null, removed: true}));
    case 'answer': {
      const q = currentQuestion(state);
      // An answer to an older question, after the reveal, off the choices, or from nobody: ignored.
      if (!q || q.id !== event.question || q.revealed || event.choice >= q.choices.length) return state;
      if (!state.roster.some((s) => s.id === event.id)) return state;
      return withCurrent(state, (x) => ({...x, answers: {...x.answers, [event.id]: {choice: event.choice, at: event.now}}}));
    }
    case 'push': {
      const {part, frame, frameId} = state.position;
      const asked: AskedQuestion = {...event.question, id: state.questions.length + 1, pushedAt: event.now, revealed: false, answers: {}, where: {part, frame, frameId}};
      return {...state, questions: [...state.questions, asked], current: state.questions.length};
    }
    case 'reveal':
      return withCurrent(state, (q) => ({...q, revealed: true}));
    case 'show':
      return withCurrent(state, (q) => (q.revealed ? q : {...q, shown: true}));
    case 'revote':
      return withCurrent(state, (q) => (q.revealed || q.round === 2 ? q : {...q, round: 2, firstAnswers: q.answers, answers: {}, shown: false, pushedAt: event.now}));
    case 'clear':
      return {...state, current: null};
    case 'refused':
      return {...state, refused: {...state.refused, [event.why]: (state.refused[event.why] ?? 0) + 1}};
  }
}

function countsOf(q: AskedQuestion, answers: AskedQuestion['answers']): number[] {
  const counts = q.choices.map(() => 0);
  for (const {choice} of Object.values(answers)) counts[choice] = (counts[choice] ?? 0) + 1;
  return counts;
}

/** How many students chose each choice of the current question in the vote under way (anonymous), or null when none is pushed. */
export function histogram(state: HostState): number[] | null {
  const q = currentQuestion(state);
  return q ? countsOf(q, q.answers) : null;
}

/** The first vote's histogram once the class has voted again, else null. */
export function firstHistogram(state: HostState): number[] | null {
  const q = currentQuestion(state);
  return q?.firstAnswers ? countsOf(q, q.firstAnswers) : null;
}

/** The votes so far, for the class to see without the answer (peer instruction), or null. */
export function votesOf(state: HostState): {question: number; counts: number[]} | null {
  const q = currentQuestion(state);
  return q && q.shown && !q.revealed ? {question: q.id, counts: countsOf(q, q.answers)} : null;
}

/** Who chose what, for the instructor's named view: choice → names, in roster order. */
export function answersByChoice(state: HostState): string[][] | null {
  const q = currentQuestion(state);
  if (!q) return null;
  const names = q.choices.map((): string[] => []);
  for (const student of state.roster) {
    const answer = q.answers[student.id];
    if (answer) names[answer.choice]?.push(student.name);
  }
  return names;
}

export interface RosterCounts {
  connected: number;
  following: number;
  exploring: number;
  offline: number;
  /** Students (connected or not) who answered the current question. */
  answered: number;
}

export function rosterCounts(state: HostState): RosterCounts {
  const q = currentQuestion(state);
  const connected = state.roster.filter((s) => s.connected);
  return {
    connected: connected.length,
    following: connected.filter((s) => s.following).length,
    exploring: connected.filter((s) => !s.following).length,
    offline: state.roster.length - connected.length,
    answered: q ? Object.keys(q.answers).length : 0,
  };
}

/** The current question as students see it (no answer), with one student's own choice. */
export function wireQuestion(state: HostState, studentId: string | null): {question: WireQuestion | null; chosen: number | null} {
  const q = currentQuestion(state);
  if (!q) return {question: null, chosen: null};
  return {
    question: {
      id: q.id,
      prompt: q.prompt,
      choices: q.choices,
      source: q.source,
      ...(q.round === 2 ? {round: 2 as const} : {}),
      ...(locked(state) ? {lockStep: true as const} : {}),
      ...(q.key === undefined ? {} : {key: q.key}),
    },
    chosen: studentId === null ? null : (q.answers[studentId]?.choice ?? null),
  };
}

/** What everyone gets when the instructor reveals the current question. */
export function revealOf(state: HostState): Reveal | null {
  const q = currentQuestion(state);
  const counts = histogram(state);
  if (!q || !q.revealed || !counts) return null;
  const first = firstHistogram(state);
  return {question: q.id, answer: q.answer, explanation: q.explanation, counts, ...(first ? {firstCounts: first} : {})};
}

/** One frame of the live heat-map: wrong answers to questions asked there, and students exploring alone there now. */
export interface HeatSpot {
  part: number;
  frame: number;
  wrong: number;
  alone: number;
}

/** Where the class struggles, the hardest first: from the answers (last vote) and from where explorers stop. */
export function heatMap(state: HostState): HeatSpot[] {
  const spots = new Map<string, HeatSpot>();
  const spot = (part: number, frame: number) => {
    const key = `${part}:${frame}`;
    if (!spots.has(key)) spots.set(key, {part, frame, wrong: 0, alone: 0});
    return spots.get(key)!;
  };
  for (const q of state.questions) {
    if (!q.where) continue;
    const wrong = Object.values(q.answers).filter((a) => a.choice !== q.answer).length;
    if (wrong > 0) spot(q.where.part, q.where.frame).wrong += wrong;
  }
  for (const s of state.roster) if (s.connected && !s.following && s.at) spot(s.at.part, s.at.frame).alone += 1;
  return [...spots.values()].sort((a, b) => b.wrong + b.alone - (a.wrong + a.alone) || a.part - b.part || a.frame - b.frame);
}
