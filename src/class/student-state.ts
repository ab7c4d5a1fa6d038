// A student's view of the class as plain data and one pure reducer: the link to the host, where
// the class is, whether this student follows it, and the pushed question with their answer and
// the reveal. The client feeds it what the host sends and what the student does.
import type {ClassPosition, Reveal, Votes, WireQuestion} from './protocol.js';

export type Link = 'connecting' | 'joined' | 'reconnecting' | 'ended';

export interface StudentState {
  link: Link;
  /** Reconnection attempts since the link was last up. */
  attempt: number;
  /** When the link is down: why, in words the student can act on. */
  reason: string | null;
  /** The name the host shows for this student. */
  name: string | null;
  following: boolean;
  /** Where the class is (the last frame message), kept while the link is down. */
  classAt: ClassPosition | null;
  seq: number;
  question: WireQuestion | null;
  /** This student's answer to `question`, as last sent or as the host remembers it. */
  chosen: number | null;
  reveal: Reveal | null;
  /** The class's votes so far, shown by the instructor before a discussion (no answer in them). */
  votes?: number[] | null;
}

export type StudentEvent =
  | {type: 'connecting'; attempt: number}
  | {type: 'welcome'; name: string}
  | {type: 'frame'; seq: number; at: ClassPosition}
  | {type: 'question'; question: WireQuestion | null; chosen: number | null}
  | ({type: 'reveal'} & Reveal)
  | ({type: 'votes'} & Votes)
  | {type: 'answered'; choice: number}
  | {type: 'follow'}
  | {type: 'detach'}
  | {type: 'lost'; reason: string; attempt: number}
  | {type: 'ended'; reason: string};

export function initialStudentState(following = true): StudentState {
  return {link: 'connecting', attempt: 0, reason: null, name: null, following, classAt: null, seq: 0, question: null, chosen: null, reveal: null};
}

/** Whether a digit key answers now: a question is up, not yet revealed. */
export function canAnswer(state: StudentState): boolean {
  return state.question !== null && (state.reveal === null || state.reveal.question !== state.question.id);
}

export function reduceStudent(state: StudentState, event: StudentEvent): StudentState {
  switch (event.type) {
    case 'connecting':
      return {...state, link: state.link === 'ended' ? 'ended' : state.attempt === 0 && state.name === null ? 'connecting' : 'reconnecting', attempt: event.attempt};
    case 'welcome':
      return {...state, link: 'joined', attempt: 0, reason: null, name: event.name};
    case 'frame':
      // Over one TCP connection frames come in order; after a reconnect the host restarts from its current one.
      return {...state, classAt: event.at, seq: event.seq};
    case 'question': {
      if (event.question === null) return {...state, question: null, chosen: null, reveal: null, votes: null};
      // The same question in the same round keeps what the student did; a second vote starts afresh.
      const same = state.question?.id === event.question.id && state.question?.round === event.question.round;
      const chosen = event.chosen ?? (same ? state.chosen : null);
      return {...state, question: event.question, chosen, reveal: same ? state.reveal : null, votes: same ? (state.votes ?? null) : null};
    }
    case 'votes': {
      if (state.question?.id !== event.question) return state;
      return {...state, votes: event.counts};
    }
    case 'reveal': {
      const {type: _, ...reveal} = event;
      if (state.question?.id !== event.question) return state;
      return {...state, reveal};
    }
    case 'answered':
      return canAnswer(state) && event.choice < state.question!.choices.length ? {...state, chosen: event.choice} : state;
    case 'follow':
      return {...state, following: true};
    case 'detach':
      return {...state, following: false};
    case 'lost':
      return state.link === 'ended' ? state : {...state, link: 'reconnecting', reason: event.reason, attempt: event.attempt};
    case 'ended':
      return {...state, link: 'ended', reason: event.reason};
  }
}
