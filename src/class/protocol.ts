// The class protocol's messages, version 2: one JSON object with a `type` per frame, inside the
// encrypted link handshake.ts opens (the version and the code are settled there). Only the host drives:
// students may join, answer, follow or detach (with where they are) and answer pings. Every line
// read is size-capped first and then checked against an exact schema (unknown keys, wrong types
// and out-of-range numbers are all refusals), on both sides: a student trusts the host no more
// than the host trusts a student. No Ink here.
import {KNOB_NAMES, KNOBS, validateKnobs} from '../engine/knobs.js';
import type {Knobs} from '../engine/types.js';
import {RTT_MS} from '../engine/run-options.js';

export const PROTOCOL_VERSION = 2;
export const DEFAULT_PORT = 7443;

/** Longest line a student may send, in bytes (the newline not counted). A join is about 150. */
export const MAX_STUDENT_LINE = 1024;
/** Longest line the host may send: a frame with its lesson outline and narration, or a question. */
export const MAX_HOST_LINE = 64 * 1024;

export const MAX_NAME_INPUT = 64;
export const MAX_CODE_INPUT = 32;
export const MAX_CHOICES = 8;
const MAX_TITLE = 200;
const MAX_ID = 64;
const MAX_PARTS = 32;
const MAX_FRAME = 100_000;
const MAX_NARRATION = 8192;
const MAX_PROMPT = 2000;
const MAX_CHOICE = 300;
const MAX_EXPLANATION = 4000;
const MAX_REASON = 300;
const MAX_T = Number.MAX_SAFE_INTEGER;

/** A lesson as the class sees it: enough to simulate each part, without the lesson file. */
export interface WireLesson {
  id: string;
  title: string;
  parts: {title: string; scenario: string; knobs: Knobs}[];
}

/** Where the class is: the lesson, the part, the knobs and RTT in use, and the frame. */
export interface ClassPosition {
  lesson: WireLesson;
  part: number;
  knobs: Knobs;
  rttMs: number;
  frame: number;
  /** The frame's id, which survives knob changes and engine versions better than its index. */
  frameId: string;
  /** The lesson's words for this frame, so a student without the lesson file still reads them. */
  narration: string | null;
}

export type QuestionSource = 'quiz' | 'checkpoint';

/** A pushed question as students get it: no answer until the reveal. */
export interface WireQuestion {
  id: number;
  prompt: string;
  choices: string[];
  source: QuestionSource;
  /** Added: 2 when the class votes again after discussing (peer instruction); absent for the first vote. */
  round?: 2;
  /** Added: lock-step, the class stays on the instructor's frame until the answer is revealed. */
  lockStep?: true;
  /** Added: the question's review key, for the student's own spaced review after a miss. */
  key?: string;
}

export interface Reveal {
  question: number;
  answer: number;
  explanation: string;
  /** How many students chose each choice (the class's histogram, anonymous). */
  counts: number[];
  /** Added, after a second vote: the first vote's histogram, to see the shift. */
  firstCounts?: number[];
}

/** The votes so far, shown to the class without the answer (peer instruction, before the discussion). */
export interface Votes {
  question: number;
  counts: number[];
}

export type StudentMessage =
  /** `resume`: the id and secret a welcome gave, to come back as the same student. */
  | {type: 'join'; name: string; following: boolean; resume?: {id: string; secret: string}}
  | {type: 'answer'; question: number; choice: number}
  | {type: 'follow'}
  | {type: 'detach'; part: number; frame: number}
  | {type: 'pong'; t: number};

export type HostMessage =
  /** `id` and `secret`: issued by the host; the secret brings the student back as themselves after a drop. */
  | {type: 'welcome'; v: number; id: string; name: string; secret: string}
  | {type: 'frame'; seq: number; at: ClassPosition}
  | {type: 'question'; question: WireQuestion | null; chosen: number | null}
  | ({type: 'reveal'} & Reveal)
  | ({type: 'votes'} & Votes)
  /** The instructor rotated the code: the new one and the key it is the fingerprint of, for this student's reconnects. */
  | {type: 'code'; code: string; key: string}
  | {type: 'ping'; t: number}
  | {type: 'bye'; reason: string; retry: boolean};

/** One message as JSON text (the newline is v1's; a v2 frame carries the text without it). */
export function encode(message: StudentMessage | HostMessage): string {
  return `${JSON.stringify(message)}\n`;
}

export type Parsed<T> = {ok: true; message: T} | {ok: false; reason: string};

/** A schema slip: the reason, as the end of the sentence "malformed message: …". */
class Invalid extends Error {}

type Obj = Record<string, unknown>;

function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Invalid(`${what} is not an object`);
  return value as Obj;
}

/** The object's keys must be exactly `required` plus any of `optional`. */
function keys(obj: Obj, what: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const key of required) if (!Object.hasOwn(obj, key)) throw new Invalid(`${what} lacks '${key}'`);
  for (const key of Object.keys(obj)) {
    if (!required.includes(key) && !optional.includes(key)) throw new Invalid(`${what} has an unknown field '${key.slice(0, 20)}'`);
  }
}

function string(value: unknown, what: string, max: number): string {
  if (typeof value !== 'string') throw new Invalid(`${what} is not a string`);
  if (value.length > max) throw new Invalid(`${what} is longer than ${max} characters`);
  return value;
}

function int(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Invalid(`${what} is not a whole number`);
  if (value < min || value > max) throw new Invalid(`${what} is out of range`);
  return value;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new Invalid(`${what} is not true or false`);
  return value;
}

function array(value: unknown, what: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) throw new Invalid(`${what} is not a list`);
  if (value.length < min || value.length > max) throw new Invalid(`${what} has ${value.length} items`);
  return value;
}

function json(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new Invalid('not JSON');
  }
}

function parse<T>(line: string, read: (obj: Obj) => T): Parsed<T> {
  try {
    return {ok: true, message: read(object(json(line), 'the message'))};
  } catch (error) {
    if (error instanceof Invalid) return {ok: false, reason: error.message};
    throw error;
  }
}

const CLIENT_ID = /^[0-9a-f]{16,64}$/;
/** A resume secret: 256 bits in hex. */
const SECRET = /^[0-9a-f]{64}$/;

/** A student's line, checked against the schema of the student's messages. */
export function parseStudentMessage(line: string): Parsed<StudentMessage> {
  return parse(line, (m): StudentMessage => {
    switch (m.type) {
      case 'join': {
        keys(m, 'join', ['type', 'name', 'following'], ['resume']);
        const join = {type: 'join' as const, name: string(m.name, 'name', MAX_NAME_INPUT), following: bool(m.following, 'following')};
        if (m.resume === undefined) return join;
        const resume = object(m.resume, 'resume');
        keys(resume, 'resume', ['id', 'secret']);
        const id = string(resume.id, 'resume.id', MAX_ID);
        const secret = string(resume.secret, 'resume.secret', MAX_ID);
        if (!CLIENT_ID.test(id) || !SECRET.test(secret)) throw new Invalid('resume is not an id and a secret in hex');
        return {...join, resume: {id, secret}};
      }
      case 'answer':
        keys(m, 'answer', ['type', 'question', 'choice']);
        return {type: 'answer', question: int(m.question, 'question', 1, MAX_T), choice: int(m.choice, 'choice', 0, MAX_CHOICES - 1)};
      case 'follow':
        keys(m, 'follow', ['type']);
        return {type: 'follow'};
      case 'detach':
        keys(m, 'detach', ['type', 'part', 'frame']);
        return {type: 'detach', part: int(m.part, 'part', 0, MAX_PARTS - 1), frame: int(m.frame, 'frame', 0, MAX_FRAME)};
      case 'pong':
        keys(m, 'pong', ['type', 't']);
        return {type: 'pong', t: int(m.t, 't', 0, MAX_T)};
      default:
        throw new Invalid(typeof m.type === 'string' ? `'${m.type.slice(0, 20)}' is not a message a student may send` : 'it has no type');
    }
  });
}

function knobs(value: unknown, what: string): Knobs {
  const obj = object(value, what);
  keys(obj, what, KNOB_NAMES);
  for (const name of KNOB_NAMES) {
    const spec = KNOBS[name].values;
    const v = obj[name];
    const ok = 'min' in spec ? typeof v === 'number' && Number.isInteger(v) && v >= spec.min && v <= spec.max : (spec as readonly unknown[]).includes(v);
    if (!ok) throw new Invalid(`${what}.${name} is not one of its values`);
  }
  try {
    validateKnobs(obj as unknown as Knobs);
  } catch {
    throw new Invalid(`${what} is not a valid knob combination`);
  }
  return obj as unknown as Knobs;
}

function lesson(value: unknown): WireLesson {
  const obj = object(value, 'lesson');
  keys(obj, 'lesson', ['id', 'title', 'parts']);
  const parts = array(obj.parts, 'lesson.parts', 1, MAX_PARTS).map((p, i) => {
    const part = object(p, `part ${i + 1}`);
    keys(part, `part ${i + 1}`, ['title', 'scenario', 'knobs']);
    return {title: string(part.title, 'part title', MAX_TITLE), scenario: string(part.scenario, 'scenario', MAX_ID), knobs: knobs(part.knobs, `part ${i + 1} knobs`)};
  });
  return {id: string(obj.id, 'lesson id', MAX_ID), title: string(obj.title, 'lesson title', MAX_TITLE), parts};
}

function position(value: unknown): ClassPosition {
  const obj = object(value, 'at');
  keys(obj, 'at', ['lesson', 'part', 'knobs', 'rttMs', 'frame', 'frameId', 'narration']);
  const l = lesson(obj.lesson);
  return {
    lesson: l,
    part: int(obj.part, 'part', 0, l.parts.length - 1),
    knobs: knobs(obj.knobs, 'knobs'),
    rttMs: int(obj.rttMs, 'rttMs', RTT_MS.min, RTT_MS.max),
    frame: int(obj.frame, 'frame', 0, MAX_FRAME),
    frameId: string(obj.frameId, 'frameId', MAX_ID),
    narration: obj.narration === null ? null : string(obj.narration, 'narration', MAX_NARRATION),
  };
}

function reviewKey(value: unknown): string {
  const key = string(value, 'question.key', MAX_ID * 4);
  if (!/^[\x21-\x7e]+$/.test(key)) throw new Invalid('question.key is not printable ASCII');
  return key;
}

function question(value: unknown): WireQuestion {
  const obj = object(value, 'question');
  keys(obj, 'question', ['id', 'prompt', 'choices', 'source'], ['round', 'lockStep', 'key']);
  if (obj.lockStep !== undefined && obj.lockStep !== true) throw new Invalid('question.lockStep is not true');
  const source = obj.source;
  if (source !== 'quiz' && source !== 'checkpoint') throw new Invalid('question.source is not quiz or checkpoint');
  if (obj.round !== undefined && obj.round !== 2) throw new Invalid('question.round is not 2');
  return {
    id: int(obj.id, 'question id', 1, MAX_T),
    prompt: string(obj.prompt, 'prompt', MAX_PROMPT),
    choices: array(obj.choices, 'choices', 2, MAX_CHOICES).map((c) => string(c, 'a choice', MAX_CHOICE)),
    source,
    ...(obj.round === 2 ? {round: 2 as const} : {}),
    ...(obj.lockStep === true ? {lockStep: true as const} : {}),
    // Printable ASCII only: the student's program keeps it in their progress file.
    ...(obj.key === undefined ? {} : {key: reviewKey(obj.key)}),
  };
}

/** The host's line, checked against the schema of the host's messages. */
export function parseHostMessage(line: string): Parsed<HostMessage> {
  return parse(line, (m): HostMessage => {
    switch (m.type) {
      case 'welcome':
        keys(m, 'welcome', ['type', 'v', 'id', 'name', 'secret']);
        const id = string(m.id, 'id', MAX_ID);
        const secret = string(m.secret, 'secret', MAX_ID);
        if (!CLIENT_ID.test(id) || !SECRET.test(secret)) throw new Invalid('the welcome has no id and secret in hex');
        return {type: 'welcome', v: int(m.v, 'v', 0, 1_000_000), id, name: string(m.name, 'name', MAX_NAME_INPUT), secret};
      case 'frame':
        keys(m, 'frame', ['type', 'seq', 'at']);
        return {type: 'frame', seq: int(m.seq, 'seq', 0, MAX_T), at: position(m.at)};
      case 'question': {
        keys(m, 'question', ['type', 'question', 'chosen']);
        const q = m.question === null ? null : question(m.question);
        const chosen = m.chosen === null ? null : int(m.chosen, 'chosen', 0, (q?.choices.length ?? 1) - 1);
        return {type: 'question', question: q, chosen};
      }
      case 'reveal': {
        keys(m, 'reveal', ['type', 'question', 'answer', 'explanation', 'counts'], ['firstCounts']);
        const counts = array(m.counts, 'counts', 2, MAX_CHOICES).map((c) => int(c, 'a count', 0, 1_000_000));
        const firstCounts = m.firstCounts === undefined ? undefined : array(m.firstCounts, 'firstCounts', counts.length, counts.length).map((c) => int(c, 'a count', 0, 1_000_000));
        return {
          type: 'reveal',
          question: int(m.question, 'question', 1, MAX_T),
          answer: int(m.answer, 'answer', 0, counts.length - 1),
          explanation: string(m.explanation, 'explanation', MAX_EXPLANATION),
          counts,
          ...(firstCounts === undefined ? {} : {firstCounts}),
        };
      }
      case 'votes': {
        keys(m, 'votes', ['type', 'question', 'counts']);
        return {type: 'votes', question: int(m.question, 'question', 1, MAX_T), counts: array(m.counts, 'counts', 2, MAX_CHOICES).map((c) => int(c, 'a count', 0, 1_000_000))};
      }
      case 'code': {
        keys(m, 'code', ['type', 'code', 'key']);
        const code = string(m.code, 'code', 12);
        const key = string(m.key, 'key', 44);
        if (!/^\d{12}$/.test(code) || !/^[A-Za-z0-9+/]{43}=$/.test(key)) throw new Invalid('code is not 12 digits and a key');
        return {type: 'code', code, key};
      }
      case 'ping':
        keys(m, 'ping', ['type', 't']);
        return {type: 'ping', t: int(m.t, 't', 0, MAX_T)};
      case 'bye':
        keys(m, 'bye', ['type', 'reason', 'retry']);
        return {type: 'bye', reason: string(m.reason, 'reason', MAX_REASON), retry: bool(m.retry, 'retry')};
      default:
        throw new Invalid(typeof m.type === 'string' ? `'${m.type.slice(0, 20)}' is not a message the host sends` : 'it has no type');
    }
  });
}

/**
 * The schema's checks, for the class's other file from outside: the host's session journal
 * (journal.ts) is read with the same rules as the wire.
 */
export const checks = {object, keys, string, int, bool, array, position, knobs, parse, SchemaError: Invalid, MAX_ID, MAX_PROMPT, MAX_CHOICE, MAX_EXPLANATION, MAX_T, MAX_NAME_INPUT};
