// A compiled lesson made playable: simulate its parts (with the learner's RTT and knob
// changes), then fill narration, checkpoints and corrections from those traces. Narration is
// keyed by frame id, so it follows its frame when unrelated knobs change, and quietly drops
// out when that frame no longer exists.
import {resolveKnobs} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import type {Knobs, Trace} from '../engine/types.js';
import {autoChoices, choiceText, sameAnswer} from './answers.js';
import {checkRunOptions, RTT_MS, SEED} from '../engine/run-options.js';
import {sameText, simulatePart, type CompiledCheckpoint, type CompiledLesson, type CompiledSection} from './compile.js';
import {evaluate, type PartTrace, type QueryContext} from './query.js';
import {safeText} from './sanitize.js';
import {fill} from './template.js';
import type {Checkpoint, Correction, Lesson, LessonPart, LessonPlay, PartPlay, PlayOptions, Section} from './types.js';

const EMPTY: Section = Object.freeze({text: '', checkpoints: [], corrections: []}) as Section;

export function makeLesson(compiled: CompiledLesson): Lesson {
  let defaults: LessonPlay | undefined;
  const byDefault = () => (defaults ??= lesson.play());
  const lesson: Lesson = {
    id: compiled.id,
    title: safeText(compiled.title),
    summary: compiled.summary === null ? null : safeText(compiled.summary),
    source: compiled.source,
    file: compiled.file,
    parts: compiled.parts,
    get objectives() {
      return byDefault().objectives;
    },
    get takeaways() {
      return byDefault().takeaways;
    },
    references: compiled.references.map((r) => ({...r, text: safeText(r.text)})),
    play: (options = {}) => play(compiled, lesson, options),
  };
  return lesson;
}

/** The knobs a part runs with after the learner's changes (`--set` semantics on top of the part's). */
export function partKnobs(part: LessonPart, overrides: Readonly<Record<string, string>> | undefined): Knobs {
  if (overrides === undefined || Object.keys(overrides).length === 0) return part.knobs;
  const preset = findPreset(part.scenario);
  return resolveKnobs(preset?.knobs ?? {}, {...part.set, ...overrides});
}

function play(compiled: CompiledLesson, lesson: Lesson, options: PlayOptions): LessonPlay {
  const rttMs = options.rttMs ?? RTT_MS.default;
  const seed = options.seed ?? SEED.default;
  checkRunOptions(rttMs, seed);

  const traces: PartTrace[] = compiled.parts.map((part) => {
    const knobs = partKnobs(part, options.overrides?.[part.index]);
    return {part, trace: simulatePart(knobs, rttMs, seed, part.scenario)};
  });
  const lessonWide: QueryContext = {parts: traces, part: null, frame: null};
  const text = (template: string, ctx: QueryContext) => safeText(fill(template, ctx).text);
  const intro = compiled.sections.find((s) => s.kind === 'intro');

  const parts = traces.map((pt, index) => partPlay(compiled, traces, index, pt.trace));
  return {
    lesson,
    rttMs,
    seed,
    intro: intro ? section(intro, lessonWide) : EMPTY,
    objectives: compiled.objectives.map((o) => text(o.text, lessonWide)),
    parts,
    takeaways: compiled.takeaways.map((t) => text(t.text, lessonWide)),
    references: lesson.references.map((r) => ({...r})),
    narration: (part, frameId) => parts[part]?.frame(frameId)?.text || undefined,
  };
}

function partPlay(compiled: CompiledLesson, traces: PartTrace[], index: number, trace: Trace): PartPlay {
  const part = compiled.parts[index]!;
  const ctx = (frame: string | null): QueryContext => ({parts: traces, part: index, frame});
  const applies = (s: CompiledSection) => s.part === index && Object.entries(s.when).every(([knob, value]) => String(trace.knobs[knob as keyof Knobs]) === value);
  // The most specific section wins: one whose 'when' holds before one without a condition.
  const find = (kind: CompiledSection['kind'], frame: string | null) =>
    compiled.sections
      .filter((s) => s.kind === kind && s.frame === frame && applies(s))
      .sort((a, b) => Object.keys(b.when).length - Object.keys(a.when).length)[0];
  const has = (id: string) => trace.frames.some((f) => f.id === id);
  // A frame's section is asked for on every redraw: filled (placeholders evaluated) once per play.
  const sections = new Map<string, Section | undefined>();
  const frame = (id: string): Section | undefined => {
    if (sections.has(id)) return sections.get(id);
    const found = has(id) ? find('frame', id) : undefined;
    const filled = found ? section(found, ctx(id)) : undefined;
    sections.set(id, filled);
    return filled;
  };
  const intro = find('part-intro', null);
  const end = find('end', null);
  return {
    part,
    knobs: trace.knobs,
    trace,
    intro: intro ? section(intro, ctx(null)) : EMPTY,
    end: end ? section(end, ctx(null)) : EMPTY,
    frame,
    narratedFrames: () => trace.frames.filter((f) => find('frame', f.id) !== undefined).map((f) => f.id),
  };
}

function section(compiled: CompiledSection, ctx: QueryContext): Section {
  const text = (template: string) => safeText(fill(template, ctx).text);
  return {
    text: text(compiled.text),
    checkpoints: compiled.checkpoints.flatMap((c) => checkpoint(c, ctx) ?? []),
    corrections: compiled.corrections.map(
      (c): Correction => ({source: text(c.source), claim: text(c.claim), actually: text(c.actually), why: text(c.why)}),
    ),
  };
}

/** The checkpoint as the player asks it, or null when it cannot be asked under these knobs. */
function checkpoint(compiled: CompiledCheckpoint, ctx: QueryContext): Checkpoint | null {
  const ask = fill(compiled.ask, ctx);
  const explain = fill(compiled.explain, ctx);
  if (ask.errors.length > 0) return null;
  const authorChoices = compiled.choices?.map((c) => safeText(fill(c, ctx).text)) ?? null;
  if (compiled.expect === null) {
    if (authorChoices === null || compiled.answer === null) return null;
    const answer = authorChoices.findIndex((c) => sameText(c, compiled.answer ?? ''));
    if (answer < 0) return null;
    const right = authorChoices[answer] ?? '';
    return {ask: safeText(ask.text), choices: authorChoices, answer, explain: safeText(explain.text), source: 'author', expect: null, check: (input) => sameText(input, right)};
  }
  const result = evaluate(compiled.expect, ctx);
  if (!result.ok) return null;
  const {value, trace} = result.value;
  // The author's choices when one of them still means the engine's answer; otherwise (the learner
  // changed knobs) choices made from the answer itself.
  let choices = authorChoices;
  let answer = choices?.findIndex((c) => sameAnswer(value, c, trace)) ?? -1;
  if (answer < 0) {
    choices = autoChoices(value, trace);
    answer = choices?.findIndex((c) => sameAnswer(value, c, trace)) ?? -1;
    if (choices !== null && answer < 0) {
      choices = [...choices, choiceText(value)];
      answer = choices.length - 1;
    }
  }
  if (choices === null || answer < 0) return null;
  return {
    ask: safeText(ask.text),
    choices: choices.map(safeText),
    answer,
    explain: safeText(explain.text),
    source: 'engine',
    expect: compiled.expect.text,
    check: (input) => sameAnswer(value, input, trace),
  };
}
