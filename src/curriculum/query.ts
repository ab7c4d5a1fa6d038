// The small query language of lesson placeholders (`{{frame syn-ack tcp.ack}}`) and checkpoint
// answers (`expect: after server.tcp`). A query names one figure of a simulated trace; the
// engine computes it, so a lesson never states a number or a state that could drift from the
// simulation. Parsing is a split on spaces against fixed word lists: nothing is evaluated.
//
//   query    := [ "part" <n|part-id> ] expr
//   expr     := "summary." requestSentMs | requestSentRtt | responseReceivedMs | responseReceivedRtt
//             | "frame" [<frame-id>] <field>        a field of a frame (default: the narrated frame)
//             | "next" [<frame-id>] <field>         a field of the frame after it
//             | "after" [<frame-id>] <side>.<layer> a side's state after the frame (tcp, tls, quic)
//             | "count" [<frame-id>..[<frame-id>]]  how many frames (in a range, ends included)
//             | "messages" <side>                   the handshake messages a side sent, in order
//             | "enter" <side>.<layer> <STATE> [unit]  when the side first entered the state
//             | "dwell" <side>.<layer> <STATE> [unit]  how long it stayed there
//             | "elapsed" <frame-id> <frame-id> [unit] from the first's send to the second's arrival
//             | "knob" <name> | "rtt"
//   field    := id | label | from | to | sendMs | arriveMs | sendRtt | arriveRtt
//             | tcp.seq | tcp.ack | tcp.len | tcp.flags | udp.len | messages | wireBytes
//   unit     := ms (default) | rtt | s
//   A numeric query may end in "+ <n>" or "- <n>" (`frame syn tcp.seq + 1`): sequence arithmetic.
import {KNOB_NAMES} from '../engine/knobs.js';
import {didYouMean} from '../engine/suggest.js';
import type {Frame, KnobName, Side, Trace} from '../engine/types.js';
import type {LessonPart} from './types.js';
import {STATES, stateKey, type Layer} from './vocabulary.js';

export const FRAME_FIELDS = [
  'id',
  'label',
  'from',
  'to',
  'sendMs',
  'arriveMs',
  'sendRtt',
  'arriveRtt',
  'tcp.seq',
  'tcp.ack',
  'tcp.len',
  'tcp.flags',
  'udp.len',
  'messages',
  'wireBytes',
] as const;
export type FrameField = (typeof FRAME_FIELDS)[number];

export const SUMMARY_FIELDS = ['requestSentMs', 'requestSentRtt', 'responseReceivedMs', 'responseReceivedRtt', 'pageLoadedMs', 'pageLoadedRtt', 'connections'] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

const UNITS = ['ms', 'rtt', 's'] as const;
export type Unit = (typeof UNITS)[number];

const WORDS = ['summary.', 'frame', 'next', 'after', 'count', 'messages', 'enter', 'dwell', 'elapsed', 'knob', 'rtt'];
const SIDES: readonly Side[] = ['client', 'server'];
const LAYERS: readonly Layer[] = ['tcp', 'tls', 'quic'];

export const FRAME_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:#[0-9]+)?$/;
export const PART_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export type Expr =
  | {kind: 'summary'; field: SummaryField}
  | {kind: 'frame' | 'next'; frame: string | null; field: FrameField}
  | {kind: 'after'; frame: string | null; side: Side; layer: Layer}
  | {kind: 'count'; from: string | null; to: string | null}
  | {kind: 'messages'; side: Side}
  | {kind: 'enter' | 'dwell'; side: Side; layer: Layer; state: string; unit: Unit}
  | {kind: 'elapsed'; from: string; to: string; unit: Unit}
  | {kind: 'knob'; name: KnobName}
  | {kind: 'rtt'};

export interface Query {
  /** The query as written, trimmed. */
  text: string;
  /** `part 2` (1-based number) or `part <id>`; null for the part in context. */
  part: number | string | null;
  expr: Expr;
  /** A constant added to a numeric answer (`+ 1`, `- 1`); 0 when none. */
  offset: number;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

const fail = (error: string): {ok: false; error: string} => ({ok: false, error});

/** Parses a query; the error says what to write instead. */
export function parseQuery(source: string): Parsed<Query> {
  const text = source.trim().replace(/\s+/g, ' ');
  const tokens = text === '' ? [] : text.split(' ');
  let part: number | string | null = null;
  if (tokens[0] === 'part') {
    const ref = tokens[1];
    if (ref === undefined) return fail(`'part' needs a part number or id, as in 'part 2 summary.requestSentRtt'.`);
    if (/^[0-9]+$/.test(ref)) part = Number(ref);
    else if (PART_ID.test(ref)) part = ref;
    else return fail(`'${ref}' is not a part number or part id; write 'part 2 …' or 'part <id> …'.`);
    tokens.splice(0, 2);
  }
  let offset = 0;
  const sign = tokens[tokens.length - 2];
  if ((sign === '+' || sign === '-') && /^[0-9]+(\.[0-9]+)?$/.test(tokens[tokens.length - 1] ?? '')) {
    offset = Number(tokens[tokens.length - 1]) * (sign === '-' ? -1 : 1);
    tokens.splice(-2, 2);
  } else if (tokens.some((t) => /^[+-]/.test(t) || /[+]/.test(t))) {
    return fail(`arithmetic is only '<query> + <number>' or '<query> - <number>', with spaces around the sign, as in 'frame syn tcp.seq + 1'.`);
  }
  const expr = parseExpr(tokens);
  return expr.ok ? {ok: true, value: {text, part, expr: expr.value, offset}} : expr;
}

function parseExpr(tokens: string[]): Parsed<Expr> {
  const [word = '', ...args] = tokens;
  if (word.startsWith('summary.')) {
    const field = word.slice('summary.'.length);
    if (args.length > 0) return fail(`summary.${field} takes nothing after it.`);
    if (!isOneOf(SUMMARY_FIELDS, field)) return fail(`unknown summary field '${field}'; ${didYouMean(field, SUMMARY_FIELDS, `use one of ${SUMMARY_FIELDS.join(', ')}.`)}`);
    return {ok: true, value: {kind: 'summary', field}};
  }
  switch (word) {
    case 'frame':
    case 'next': {
      const parsed = frameAnd(word, args, 'a field, as in', `${word} syn-ack tcp.ack`);
      if (!parsed.ok) return parsed;
      const field = parsed.value.rest;
      if (!isOneOf(FRAME_FIELDS, field)) {
        const hint = isOneOf(FRAME_FIELDS, `tcp.${field}`) ? `did you mean 'tcp.${field}'?` : didYouMean(field, FRAME_FIELDS, `use one of ${FRAME_FIELDS.join(', ')}.`);
        return fail(`unknown frame field '${field}'; ${hint}`);
      }
      return {ok: true, value: {kind: word, frame: parsed.value.frame, field}};
    }
    case 'after': {
      const parsed = frameAnd(word, args, 'a side and layer, as in', 'after syn-ack server.tcp');
      if (!parsed.ok) return parsed;
      const sideLayer = parseSideLayer(parsed.value.rest);
      if (!sideLayer.ok) return sideLayer;
      return {ok: true, value: {kind: 'after', frame: parsed.value.frame, ...sideLayer.value}};
    }
    case 'count': {
      if (args.length === 0) return {ok: true, value: {kind: 'count', from: null, to: null}};
      const range = /^([^.\s]+)\.\.([^.\s]*)$/.exec(args[0] ?? '');
      if (args.length > 1 || !range) return fail(`count takes nothing or a range of frames, as in 'count fin..' or 'count syn..ack'.`);
      const from = range[1] ?? '';
      const to = range[2] === '' ? null : (range[2] ?? null);
      for (const id of [from, to]) if (id !== null && !FRAME_ID.test(id)) return fail(notFrameId(id));
      return {ok: true, value: {kind: 'count', from, to}};
    }
    case 'messages': {
      const side = args[0] ?? '';
      if (args.length !== 1 || !isOneOf(SIDES, side)) return fail(`messages takes a side: 'messages client' or 'messages server'.`);
      return {ok: true, value: {kind: 'messages', side}};
    }
    case 'enter':
    case 'dwell': {
      if (args.length < 2 || args.length > 3) return fail(`${word} takes a side, a layer, a state and an optional unit, as in '${word} client.tcp TIME-WAIT s'.`);
      const sideLayer = parseSideLayer(args[0] ?? '');
      if (!sideLayer.ok) return sideLayer;
      const raw = args[1] ?? '';
      const states = STATES[sideLayer.value.layer];
      const state = states.find((s) => s === raw);
      if (state === undefined) {
        const sameMeaning = states.find((s) => stateKey(s) === stateKey(raw));
        const hint = sameMeaning === undefined ? didYouMean(raw, states, `the ${sideLayer.value.layer} states are ${states.join(', ')}.`) : `write it '${sameMeaning}'.`;
        return fail(`'${raw}' is not a ${sideLayer.value.layer} state name; ${hint}`);
      }
      const unit = parseUnit(args[2]);
      if (!unit.ok) return unit;
      return {ok: true, value: {kind: word, ...sideLayer.value, state, unit: unit.value}};
    }
    case 'elapsed': {
      const [from = '', to = '', unitWord] = args;
      if (args.length < 2 || args.length > 3) return fail(`elapsed takes two frame ids and an optional unit, as in 'elapsed fin fin#2 rtt'.`);
      for (const id of [from, to]) if (!FRAME_ID.test(id)) return fail(notFrameId(id));
      const unit = parseUnit(unitWord);
      if (!unit.ok) return unit;
      return {ok: true, value: {kind: 'elapsed', from, to, unit: unit.value}};
    }
    case 'knob': {
      const name = args[0] ?? '';
      if (args.length !== 1) return fail(`knob takes one knob name, as in 'knob timeWait'.`);
      if (!isOneOf(KNOB_NAMES, name)) return fail(`unknown knob '${name}'; ${didYouMean(name, KNOB_NAMES, `the knobs are ${KNOB_NAMES.join(', ')}.`)}`);
      return {ok: true, value: {kind: 'knob', name}};
    }
    case 'rtt':
      return args.length === 0 ? {ok: true, value: {kind: 'rtt'}} : fail(`rtt takes nothing after it.`);
    default: {
      if (word === '') return fail(`the query is empty; a query starts with ${WORDS.join(', ')}.`);
      if (isOneOf(FRAME_FIELDS, word)) return fail(`'${word}' is a frame field; write 'frame ${[...args, word].join(' ')}' (or 'frame <frame-id> ${word}').`);
      if (/^(client|server)\.(tcp|tls|quic)$/.test(word)) return fail(`'${word}' is a side's state; write 'after ${word}' (or 'after <frame-id> ${word}').`);
      const hint = didYouMean(word, WORDS, '');
      return fail(`'${word}' does not start a query${hint === '' ? '' : ` (${hint})`}; a query starts with ${WORDS.join(', ')}.`);
    }
  }
}

/** `[<frame-id>] <rest>`: one argument is the rest (the frame comes from the context). */
function frameAnd(word: string, args: string[], what: string, example: string): Parsed<{frame: string | null; rest: string}> {
  if (args.length === 1) return {ok: true, value: {frame: null, rest: args[0] ?? ''}};
  if (args.length === 2) {
    const frame = args[0] ?? '';
    if (!FRAME_ID.test(frame)) return fail(notFrameId(frame));
    return {ok: true, value: {frame, rest: args[1] ?? ''}};
  }
  return fail(`${word} takes an optional frame id and ${what} '${example}'.`);
}

function parseSideLayer(text: string): Parsed<{side: Side; layer: Layer}> {
  const [side = '', layer = ''] = text.split('.');
  if (!isOneOf(SIDES, side) || !isOneOf(LAYERS, layer) || text.split('.').length !== 2) {
    return fail(`'${text}' is not <side>.<layer>; write client.tcp, server.tls, client.quic and so on.`);
  }
  return {ok: true, value: {side, layer}};
}

function parseUnit(word: string | undefined): Parsed<Unit> {
  if (word === undefined) return {ok: true, value: 'ms'};
  return isOneOf(UNITS, word) ? {ok: true, value: word} : fail(`unknown unit '${word}'; use ms, rtt or s.`);
}

function notFrameId(id: string): string {
  const lower = id.toLowerCase();
  return FRAME_ID.test(lower) && lower !== id
    ? `'${id}' is not a frame id: frame ids are lower case; write '${lower}'.`
    : `'${id}' is not a frame id: frame ids are kebab-case, like syn-ack, client-hello or server-flight#2.`;
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** What kind of answer a value is: checkpoints compare and offer choices by kind. */
export type ValueKind = 'state' | 'side' | 'number' | 'list' | 'frame' | 'label' | 'knob';

export interface Value {
  kind: ValueKind;
  value: string | number | string[];
  /** For states: the layer, and whose state after which frame (choices draw on its neighbours). */
  layer?: Layer;
  side?: Side;
  frameIndex?: number;
  /** For numbers: what they count, so choices and answers use the same scale. */
  unit?: Unit | 'seq' | 'bytes' | 'count';
  /** For knob values. */
  knob?: KnobName;
}

export interface PartTrace {
  part: LessonPart;
  trace: Trace;
}

export interface QueryContext {
  parts: readonly PartTrace[];
  /** The part the text belongs to (index), or null in lesson-wide text (then part 1). */
  part: number | null;
  /** The narrated frame, or null outside a frame's section. */
  frame: string | null;
}

export interface Evaluated {
  value: Value;
  /** The part (index) and trace the query was answered from. */
  part: number;
  trace: Trace;
}

/** The figure a query names in the context, or why there is none (a sentence fragment that says what to fix). */
export function evaluate(query: Query, ctx: QueryContext): Parsed<Evaluated> {
  const partIndex = resolvePart(query.part, ctx);
  if (!partIndex.ok) return partIndex;
  const current = ctx.parts[partIndex.value];
  if (!current) return fail(`the lesson has no part ${partIndex.value + 1}.`);
  // The narrated frame only stands in for a missing id within its own part.
  const contextFrame = partIndex.value === (ctx.part ?? 0) ? ctx.frame : null;
  const result = evaluateIn(query.expr, current, partIndex.value, contextFrame);
  if (!result.ok) return result;
  let value = result.value;
  if (query.offset !== 0) {
    if (typeof value.value !== 'number') return fail(`'${query.text}' is not a number, so nothing can be added to it.`);
    value = {...value, value: value.value + query.offset};
  }
  return {ok: true, value: {value, part: partIndex.value, trace: current.trace}};
}

function resolvePart(ref: number | string | null, ctx: QueryContext): Parsed<number> {
  if (ref === null) return {ok: true, value: ctx.part ?? 0};
  if (typeof ref === 'number') {
    return ref >= 1 && ref <= ctx.parts.length ? {ok: true, value: ref - 1} : fail(`the lesson has no part ${ref}; its parts are 1 to ${ctx.parts.length}.`);
  }
  const index = ctx.parts.findIndex((p) => p.part.id === ref);
  if (index >= 0) return {ok: true, value: index};
  const ids = ctx.parts.flatMap((p) => (p.part.id === null ? [] : [p.part.id]));
  return fail(`the lesson has no part with id '${ref}'; ${didYouMean(ref, ids, ids.length === 0 ? 'give the part an id, or use its number.' : `its part ids are ${ids.join(', ')}.`)}`);
}

export function describePart(pt: PartTrace): string {
  const set = Object.entries(pt.part.set).map(([k, v]) => ` ${k}=${v}`).join('');
  return `part ${pt.part.index + 1} (${pt.part.scenario}${set})`;
}

function findFrame(id: string | null, pt: PartTrace, partIndex: number, word: string): Parsed<Frame> {
  if (id === null) return fail(`'${word}' without a frame id only works in a frame's narration; name the frame, as in '${word} syn-ack …'.`);
  const frame = pt.trace.frames.find((f) => f.id === id);
  if (frame) return {ok: true, value: frame};
  const ids = pt.trace.frames.map((f) => f.id);
  return fail(`there is no frame '${id}' in ${describePart({...pt, part: {...pt.part, index: partIndex}})}; ${didYouMean(id, ids, `its frames are ${ids.join(', ')}.`)}`);
}

const perUnit = (ms: number, unit: Unit, trace: Trace): number => (unit === 'ms' ? ms : unit === 'rtt' ? ms / trace.rttMs : ms / 1000);

function evaluateIn(expr: Expr, pt: PartTrace, partIndex: number, contextFrame: string | null): Parsed<Value> {
  const {trace} = pt;
  switch (expr.kind) {
    case 'summary': {
      const value = trace.summary[expr.field];
      if (value === undefined) return fail(`summary.${expr.field} is empty in ${describePart(pt)}: it has no objects to load (set objects).`);
      if (value === null) return fail(`summary.${expr.field} is empty in ${describePart(pt)}: no request reaches the server's application there.`);
      return {ok: true, value: {kind: 'number', value, unit: expr.field === 'connections' ? 'count' : expr.field.endsWith('Rtt') ? 'rtt' : 'ms'}};
    }
    case 'frame':
    case 'next': {
      const found = findFrame(expr.frame ?? contextFrame, pt, partIndex, expr.kind);
      if (!found.ok) return found;
      let frame = found.value;
      if (expr.kind === 'next') {
        const next = trace.frames[frame.index + 1];
        if (!next) return fail(`no frame follows '${frame.id}' in ${describePart(pt)}; it is the last one.`);
        frame = next;
      }
      return frameField(frame, expr.field, trace);
    }
    case 'after': {
      const found = findFrame(expr.frame ?? contextFrame, pt, partIndex, 'after');
      if (!found.ok) return found;
      const state = found.value.after[expr.side][expr.layer] ?? null;
      if (state === null) return fail(`the ${expr.side} has no ${expr.layer} state in ${describePart(pt)} (${noLayer(expr.layer)}).`);
      return {ok: true, value: {kind: 'state', value: state, layer: expr.layer, side: expr.side, frameIndex: found.value.index}};
    }
    case 'count': {
      if (expr.from === null) return {ok: true, value: {kind: 'number', value: trace.frames.length, unit: 'count'}};
      const from = findFrame(expr.from, pt, partIndex, 'count');
      if (!from.ok) return from;
      const to = expr.to === null ? {ok: true as const, value: trace.frames[trace.frames.length - 1]!} : findFrame(expr.to, pt, partIndex, 'count');
      if (!to.ok) return to;
      if (to.value.index < from.value.index) return fail(`'${expr.to}' comes before '${expr.from}' in ${describePart(pt)}; swap them.`);
      return {ok: true, value: {kind: 'number', value: to.value.index - from.value.index + 1, unit: 'count'}};
    }
    case 'messages': {
      const messages = trace.frames.filter((f) => f.from === expr.side).flatMap(frameMessages);
      if (messages.length === 0) return fail(`the ${expr.side} sends no handshake messages in ${describePart(pt)}.`);
      return {ok: true, value: {kind: 'list', value: messages}};
    }
    case 'enter':
    case 'dwell': {
      const changes = trace.events.filter((e) => e.side === expr.side && e.layer === expr.layer);
      const entered = changes.find((e) => e.to === expr.state);
      if (!entered) return fail(`the ${expr.side} never enters ${expr.state} in ${describePart(pt)}.`);
      if (expr.kind === 'enter') return {ok: true, value: {kind: 'number', value: perUnit(entered.atMs, expr.unit, trace), unit: expr.unit}};
      const left = changes.slice(changes.indexOf(entered) + 1).find((e) => e.from === expr.state);
      if (!left) return fail(`the ${expr.side} is still in ${expr.state} when ${describePart(pt)} ends, so it has no duration.`);
      return {ok: true, value: {kind: 'number', value: perUnit(left.atMs - entered.atMs, expr.unit, trace), unit: expr.unit}};
    }
    case 'elapsed': {
      const from = findFrame(expr.from, pt, partIndex, 'elapsed');
      if (!from.ok) return from;
      const to = findFrame(expr.to, pt, partIndex, 'elapsed');
      if (!to.ok) return to;
      if (to.value.arriveMs === null) return fail(`frame '${expr.to}' is lost in ${describePart(pt)}, so it never arrives.`);
      const ms = to.value.arriveMs - from.value.sendMs;
      if (ms < 0) return fail(`'${expr.to}' arrives before '${expr.from}' is sent in ${describePart(pt)}; swap them.`);
      return {ok: true, value: {kind: 'number', value: perUnit(ms, expr.unit, trace), unit: expr.unit}};
    }
    case 'knob':
      return {ok: true, value: {kind: 'knob', value: trace.knobs[expr.name], knob: expr.name}};
    case 'rtt':
      return {ok: true, value: {kind: 'number', value: trace.rttMs, unit: 'ms'}};
  }
}

function noLayer(layer: Layer): string {
  if (layer === 'tcp') return 'it runs over QUIC';
  if (layer === 'quic') return 'it runs over TCP';
  return 'it runs without TLS';
}

export function frameMessages(frame: Frame): string[] {
  return [...frame.tls.flatMap((r) => r.messages), ...(frame.quic?.packets.flatMap((p) => p.messages) ?? [])];
}

function frameField(frame: Frame, field: FrameField, trace: Trace): Parsed<Value> {
  const tcp = frame.tcp;
  const needTcp = (): Parsed<never> => fail(`frame '${frame.id}' is a QUIC datagram and has no TCP header.`);
  switch (field) {
    case 'id':
      return {ok: true, value: {kind: 'frame', value: frame.id}};
    case 'label':
      return {ok: true, value: {kind: 'label', value: frame.label}};
    case 'from':
    case 'to':
      return {ok: true, value: {kind: 'side', value: frame[field]}};
    case 'sendMs':
      return {ok: true, value: {kind: 'number', value: frame.sendMs, unit: 'ms'}};
    case 'sendRtt':
      return {ok: true, value: {kind: 'number', value: frame.sendMs / trace.rttMs, unit: 'rtt'}};
    case 'arriveMs':
    case 'arriveRtt': {
      if (frame.arriveMs === null) return fail(`frame '${frame.id}' is lost, so it never arrives.`);
      return {ok: true, value: {kind: 'number', value: field === 'arriveMs' ? frame.arriveMs : frame.arriveMs / trace.rttMs, unit: field === 'arriveMs' ? 'ms' : 'rtt'}};
    }
    case 'tcp.seq':
      return tcp ? {ok: true, value: {kind: 'number', value: tcp.seq, unit: 'seq'}} : needTcp();
    case 'tcp.ack':
      if (!tcp) return needTcp();
      if (tcp.ack === null) return fail(`frame '${frame.id}' has no ACK flag, so it carries no acknowledgment number.`);
      return {ok: true, value: {kind: 'number', value: tcp.ack, unit: 'seq'}};
    case 'tcp.len':
      return tcp ? {ok: true, value: {kind: 'number', value: tcp.len, unit: 'bytes'}} : needTcp();
    case 'tcp.flags':
      return tcp ? {ok: true, value: {kind: 'list', value: [...tcp.flags]}} : needTcp();
    case 'messages': {
      const messages = frameMessages(frame);
      if (messages.length === 0) return fail(`frame '${frame.id}' carries no handshake message whole (a message split over segments is listed where it ends).`);
      return {ok: true, value: {kind: 'list', value: messages}};
    }
    case 'udp.len': {
      // A QUIC datagram's UDP payload: what anti-amplification counts (RFC 9000 §8.1).
      if (!frame.quic) return fail(`frame '${frame.id}' is a TCP segment and has no UDP payload.`);
      return {ok: true, value: {kind: 'number', value: frame.quic.packets.reduce((n, p) => n + p.length, 0), unit: 'bytes'}};
    }
    case 'wireBytes':
      return {ok: true, value: {kind: 'number', value: frame.wireBytes, unit: 'bytes'}};
  }
}

/** A value as lesson text shows it: numbers with at most two decimals, lists joined with commas. */
export function formatValue(value: Value): string {
  const v = value.value;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'number') return formatNumber(v);
  return v;
}

export function formatNumber(n: number): string {
  return String(Number(n.toFixed(2)));
}
