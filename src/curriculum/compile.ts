// One lesson file → a compiled lesson and every problem in it. Pure: the text comes in, the
// engine simulates each part to check frame ids, placeholders and checkpoint answers against
// real traces, and nothing is read from or written to disk.
import {UsageError} from '../engine/errors.js';
import {KNOB_NAMES, KNOBS, rangeSentence, resolveKnobs, type IntRange} from '../engine/knobs.js';
import {findPreset, PRESET_IDS} from '../engine/presets.js';
import {RTT_MS, SEED} from '../engine/run-options.js';
import {run} from '../engine/runs.js';
import {didYouMean} from '../engine/suggest.js';
import type {KnobName, Knobs, Trace} from '../engine/types.js';
import {autoChoices, sameAnswer} from './answers.js';
import {parseBody, tidy, type RawBlock, type RawSection, type SectionKind, type SourceLine} from './body.js';
import {describePart, evaluate, FRAME_ID, parseQuery, PART_ID, type PartTrace, type Query, type QueryContext} from './query.js';
import {findControls, neutralize} from './sanitize.js';
import {fill} from './template.js';
import type {LessonPart, LessonSource, Problem, Reference} from './types.js';
import {parseYaml, seqItem, type YamlDoc} from './yaml.js';

/** A lesson file is a page or two of Markdown; anything far bigger is a mistake or an attack. */
export const MAX_LESSON_BYTES = 128 * 1024;
export const MAX_PARTS = 12;
/** Narration is read beside the ladder: a few sentences per frame. */
export const MAX_NARRATION_CHARS = 1000;
export const MAX_TITLE_CHARS = 80;

export const LESSON_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LESSON_KEYS = ['id', 'title', 'summary', 'scenario', 'set', 'parts', 'objectives', 'takeaways', 'references'];
const PART_KEYS = ['id', 'title', 'scenario', 'set'];
const CHECKPOINT_KEYS = ['ask', 'expect', 'answer', 'choices', 'explain'];
const CORRECTION_KEYS = ['claim', 'actually', 'why', 'source'];

export interface TextLine {
  text: string;
  line: number;
}

export interface CompiledCheckpoint {
  line: number;
  ask: string;
  explain: string;
  expect: Query | null;
  /** The author's answer: checked against the engine when there is an `expect`. */
  answer: string | null;
  /** The author's choices, or null for choices made from the engine's answer. */
  choices: string[] | null;
}

export interface CompiledCorrection {
  line: number;
  source: string;
  claim: string;
  actually: string;
  why: string;
}

export interface CompiledSection {
  kind: SectionKind;
  /** Part index; null for the lesson's introduction. */
  part: number | null;
  frame: string | null;
  when: Partial<Record<KnobName, string>>;
  line: number;
  /** Narration with placeholders, tidied into paragraphs. */
  text: string;
  checkpoints: CompiledCheckpoint[];
  corrections: CompiledCorrection[];
}

export interface CompiledLesson {
  id: string;
  title: string;
  summary: string | null;
  source: LessonSource;
  file: string;
  parts: LessonPart[];
  objectives: TextLine[];
  takeaways: TextLine[];
  references: Reference[];
  sections: CompiledSection[];
  /** The line of `id:`, for problems about the id found later (duplicates). */
  idLine: number;
}

export interface CompileResult {
  lesson: CompiledLesson | null;
  problems: Problem[];
}

export interface LessonFile {
  /** Display path of the file. */
  file: string;
  text: string;
  source: LessonSource;
}

/** A part's run, from the engine's shared runs (the player and the quiz ask for the same ones). */
export function simulatePart(knobs: Knobs, rttMs: number = RTT_MS.default, seed: number = SEED.default, scenario?: string): Trace {
  return run({knobs, rttMs, seed, ...(scenario === undefined ? {} : {scenario})});
}

/** Compiles one lesson file; `lesson` is null when an error keeps it from loading. */
export function compileLesson({file, text: raw, source}: LessonFile): CompileResult {
  const problems: Problem[] = [];
  let fatal = false;
  let lessonId: string | undefined;
  // Problems in file order, whatever order the checks found them in.
  const finish = (lesson: CompiledLesson | null): CompileResult => ({lesson, problems: problems.sort((a, b) => a.line - b.line)});
  const report = (line: number, message: string, severity: Problem['severity'] = 'warning') => {
    if (severity === 'error') fatal = true;
    problems.push({file, line, message: neutralize(message), severity, ...(lessonId === undefined ? {} : {lessonId}), source});
  };

  const bytes = new TextEncoder().encode(raw).length;
  if (bytes > MAX_LESSON_BYTES) {
    report(0, `the file is ${Math.ceil(bytes / 1024)} KiB, more than the ${MAX_LESSON_BYTES / 1024} KiB a lesson file may have; split it into several lessons.`, 'error');
    return finish(null);
  }
  const unbom = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  for (const finding of findControls(unbom)) {
    report(finding.line, `the line contains ${finding.what}, which hs-tutor removes before showing lesson text; delete it.`);
  }
  const text = neutralize(unbom);

  // Front matter: the file starts with a line '---' and the YAML ends at the next '---' (or '...').
  const lines = text.split('\n');
  if ((lines[0] ?? '').trim() !== '---') {
    report(1, `a lesson file must start with YAML front matter: a line '---', then 'id:', 'title:' and 'scenario:' (or 'parts:'), then '---'.`, 'error');
    return finish(null);
  }
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (close < 0) {
    report(1, `the front matter opened on line 1 is never closed; end it with a line '---' before the lesson text.`, 'error');
    return finish(null);
  }
  const yaml = parseYaml(lines.slice(1, close).join('\n'), 2);
  for (const e of yaml.errors) report(e.line, e.message, 'error');
  for (const w of yaml.warnings) report(w.line, w.message);
  const data = yaml.data;
  if (yaml.errors.length > 0) return finish(null);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report(2, `the front matter must be a map of keys (id: …, title: …), not ${data === null || data === undefined ? 'empty' : 'a list or a single value'}.`, 'error');
    return finish(null);
  }
  const fm = data as Record<string, unknown>;
  const lineOfKey = (key: string, map?: unknown) => yaml.lineOf(yaml.pair(key, map)?.key ?? null);
  const lineOfValue = (key: string, map?: unknown) => {
    const pair = yaml.pair(key, map);
    return yaml.lineOf(pair?.value ?? pair?.key ?? null);
  };

  // id and title.
  const id = fm.id;
  if (id === undefined || id === null || id === '') report(2, `the front matter has no 'id'; add a line like 'id: my-lesson' (kebab-case, unique).`, 'error');
  else if (typeof id !== 'string' || !LESSON_ID.test(id) || id.length > 40) {
    report(lineOfValue('id'), `the id '${String(id)}' is not kebab-case; use lower-case words joined by hyphens (at most 40 characters), like 'tcp-basics'.`, 'error');
  } else lessonId = id;
  const title = fm.title;
  if (title === undefined || title === null || (typeof title === 'string' && title.trim() === '')) {
    report(2, `the front matter has no 'title'; add a line like 'title: The TCP three-way handshake'.`, 'error');
  } else if (typeof title !== 'string') report(lineOfValue('title'), `'title' must be text; put it in quotes.`, 'error');
  else if (title.length > MAX_TITLE_CHARS) report(lineOfValue('title'), `the title is ${title.length} characters; keep it under ${MAX_TITLE_CHARS} so it fits in menus (put the rest in 'summary').`);
  const summary = optionalText(fm, 'summary', lineOfValue, report);

  for (const key of Object.keys(fm)) {
    if (!LESSON_KEYS.includes(key)) {
      report(lineOfKey(key), `unknown key '${key}' is ignored; ${didYouMean(key, LESSON_KEYS, `the keys are ${LESSON_KEYS.join(', ')}.`)}`);
    }
  }

  // Parts: 'scenario' (+ 'set') for one flow, or 'parts' for several.
  const parts = compileParts(fm, yaml, lineOfKey, lineOfValue, report);
  const objectives = textList(fm, 'objectives', yaml, report);
  const takeaways = textList(fm, 'takeaways', yaml, report);
  const references = textList(fm, 'references', yaml, report).map((r) => parseReference(r.text));

  // The body.
  const body = parseBody(lines.slice(close + 1).join('\n'), close + 2);
  for (const p of body.problems) report(p.line, p.message);

  if (parts === null) {
    // Without parts nothing can be simulated; still report what the body's blocks get wrong in their YAML.
    for (const section of body.sections) for (const block of section.blocks) for (const e of block.yaml.errors) report(e.line, e.message);
    return finish(null);
  }

  const traces: PartTrace[] = parts.map((part) => ({part, trace: simulatePart(part.knobs, RTT_MS.default, SEED.default, part.scenario)}));
  const variants = new Map<string, Trace>();
  const traceFor = (partIndex: number, when: Partial<Record<KnobName, string>>): Trace | null => {
    const base = traces[partIndex];
    if (!base) return null;
    if (Object.keys(when).length === 0) return base.trace;
    const key = `${partIndex}|${JSON.stringify(when)}`;
    if (!variants.has(key)) variants.set(key, simulatePart(resolveKnobs(base.part.knobs, when as Record<string, string>), RTT_MS.default, SEED.default, base.part.scenario));
    return variants.get(key) ?? null;
  };

  const sections: CompiledSection[] = [];
  const seen = new Map<string, number>();
  for (const raw of body.sections) {
    const section = compileSection(raw, parts, traces, traceFor, report);
    if (section === null) continue;
    if (section.kind !== 'intro') {
      const key = `${section.kind}|${section.part}|${section.frame}|${JSON.stringify(section.when)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        const what = section.kind === 'frame' ? `frame '${section.frame}'` : section.kind === 'end' ? "'@end'" : 'the introduction';
        report(section.line, `part ${(section.part ?? 0) + 1} already has a section for ${what} (line ${first}); merge the two, since only the first is shown.`);
        continue;
      }
      seen.set(key, section.line);
    }
    sections.push(section);
  }
  const lessonWide: QueryContext = {parts: traces, part: null, frame: null};
  for (const item of [...objectives, ...takeaways]) checkText(item.text, item.line, lessonWide, report);

  if (fatal || lessonId === undefined || typeof title !== 'string') return finish(null);
  return finish({id: lessonId, title, summary, source, file, parts, objectives, takeaways, references, sections, idLine: lineOfValue('id')});
}

type Report = (line: number, message: string, severity?: Problem['severity']) => void;

function optionalText(map: Record<string, unknown>, key: string, lineOf: (key: string) => number, report: Report): string | null {
  const value = map[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  report(lineOf(key), `'${key}' must be text; put it in quotes.`);
  return null;
}

/** A list of text lines (a single string counts as a list of one). */
function textList(map: Record<string, unknown>, key: string, yaml: YamlDoc, report: Report): TextLine[] {
  const value = map[key];
  const pair = yaml.pair(key);
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{text: value.trim(), line: yaml.lineOf(pair?.value)}];
  if (!Array.isArray(value)) {
    report(yaml.lineOf(pair?.key), `'${key}' must be a list of lines, each starting with '- '.`);
    return [];
  }
  const out: TextLine[] = [];
  value.forEach((item, i) => {
    const line = yaml.lineOf(seqItem(pair?.value, i));
    if (typeof item === 'string' && item.trim() !== '') out.push({text: item.trim(), line});
    else if (typeof item === 'number') out.push({text: String(item), line});
    else report(line, `item ${i + 1} of '${key}' is not a line of text; write '- some text' (in quotes if it contains ': ').`);
  });
  return out;
}

function compileParts(
  fm: Record<string, unknown>,
  yaml: YamlDoc,
  lineOfKey: (key: string, map?: unknown) => number,
  lineOfValue: (key: string, map?: unknown) => number,
  report: Report,
): LessonPart[] | null {
  const hasScenario = fm.scenario !== undefined && fm.scenario !== null;
  const hasParts = fm.parts !== undefined && fm.parts !== null;
  if (hasScenario && hasParts) {
    report(lineOfKey('parts'), `the front matter has both 'scenario' and 'parts'; keep 'scenario' for one flow, or move it into the first of the 'parts'.`, 'error');
    return null;
  }
  if (!hasScenario && !hasParts) {
    report(2, `the front matter has no 'scenario' (or 'parts'); add a line like 'scenario: tcp-handshake' ('hs-tutor list' shows the scenarios).`, 'error');
    return null;
  }
  if (hasScenario) {
    const part = compilePart({scenario: fm.scenario, set: fm.set}, 0, yaml.root, yaml, report);
    return part === null ? null : [part];
  }
  if (fm.set !== undefined) report(lineOfKey('set'), `'set' next to 'parts' is ignored; give each part its own 'set'.`);
  const list = fm.parts;
  const partsNode = yaml.pair('parts')?.value;
  if (!Array.isArray(list) || list.length === 0) {
    report(lineOfValue('parts'), `'parts' must be a list of parts, each '- scenario: <id>' with an optional 'title', 'id' and 'set'.`, 'error');
    return null;
  }
  if (list.length > MAX_PARTS) {
    report(lineOfValue('parts'), `a lesson may have at most ${MAX_PARTS} parts, and this one has ${list.length}; split it into two lessons.`, 'error');
    return null;
  }
  const parts: LessonPart[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const node = seqItem(partsNode, i);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      report(yaml.lineOf(node), `part ${i + 1} must be a map like '- scenario: tcp-handshake'.`, 'error');
      ok = false;
      return;
    }
    const map = item as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      if (!PART_KEYS.includes(key)) report(lineOfKey(key, node), `unknown key '${key}' in part ${i + 1} is ignored; ${didYouMean(key, PART_KEYS, `a part has ${PART_KEYS.join(', ')}.`)}`);
    }
    const part = compilePart(map, i, node, yaml, report);
    if (part === null) ok = false;
    else parts.push(part);
  });
  const ids = new Map<string, number>();
  for (const part of parts) {
    if (part.id === null) continue;
    if (ids.has(part.id)) {
      report(lineOfValue('id', seqItem(partsNode, part.index)), `parts ${(ids.get(part.id) ?? 0) + 1} and ${part.index + 1} both have the id '${part.id}'; give each part its own.`, 'error');
      ok = false;
    }
    ids.set(part.id, part.index);
  }
  return ok ? parts : null;
}

function compilePart(map: Record<string, unknown>, index: number, node: unknown, yaml: YamlDoc, report: Report): LessonPart | null {
  const lineOf = (key: string) => {
    const pair = yaml.pair(key, node);
    return yaml.lineOf(pair?.value ?? pair?.key ?? node);
  };
  const where = index === 0 && yaml.pair('scenario') !== undefined ? '' : ` in part ${index + 1}`;
  let ok = true;

  let id: string | null = null;
  if (map.id !== undefined && map.id !== null) {
    if (typeof map.id === 'string' && PART_ID.test(map.id)) id = map.id;
    else {
      report(lineOf('id'), `the part id '${String(map.id)}'${where} must be kebab-case and start with a letter, like 'first-visit'.`, 'error');
      ok = false;
    }
  }
  let title: string | null = null;
  if (map.title !== undefined && map.title !== null) {
    if (typeof map.title === 'string') title = map.title.trim();
    else report(lineOf('title'), `the part title${where} must be text; put it in quotes.`);
  }

  const scenario = map.scenario;
  const preset = typeof scenario === 'string' ? findPreset(scenario) : undefined;
  if (typeof scenario !== 'string' || scenario === '') {
    report(lineOf('scenario'), `'scenario'${where} must be a scenario id, like 'tcp-handshake' ('hs-tutor list' shows them).`, 'error');
    ok = false;
  } else if (preset === undefined) {
    report(lineOf('scenario'), `unknown scenario '${scenario}'${where}; ${didYouMean(scenario, PRESET_IDS, "'hs-tutor list' shows the scenarios.")}`, 'error');
    ok = false;
  }

  const set = readSet(map.set, yaml.pair('set', node), yaml, where, report);
  if (set === null) ok = false;
  if (!ok || preset === undefined || set === null) return null;
  let knobs: Knobs;
  try {
    knobs = resolveKnobs(preset.knobs, set.values);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const knob = KNOB_NAMES.find((name) => error.message.startsWith(`${name}=`) || error.message.includes(`'${name}'`));
    report(knob === undefined ? set.line : (set.lines[knob] ?? set.line), `${scenario}${describeSet(set.values)}${where}: ${error.message}`, 'error');
    return null;
  }
  const setKnobs = Object.fromEntries(Object.keys(set.values).map((name) => [name, knobs[name as KnobName]])) as Partial<Knobs>;
  return {index, id, title, scenario: preset.id, set: set.values, setKnobs, knobs};
}

const describeSet = (set: Record<string, string>) => Object.entries(set).map(([k, v]) => ` ${k}=${v}`).join('');

/** `set:` as a map (`tls: "1.3"`) or a list of `knob=value` strings, each checked by name and value. */
function readSet(
  value: unknown,
  pair: ReturnType<YamlDoc['pair']>,
  yaml: YamlDoc,
  where: string,
  report: Report,
): {values: Record<string, string>; lines: Partial<Record<string, number>>; line: number} | null {
  const line = yaml.lineOf(pair?.value ?? pair?.key ?? null);
  if (value === undefined || value === null) return {values: {}, lines: {}, line};
  const entries: [string, unknown, number][] = [];
  let ok = true;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemLine = yaml.lineOf(seqItem(pair?.value, i));
      const match = typeof item === 'string' ? /^([^=\s]+)\s*=\s*(.*)$/.exec(item.trim()) : null;
      if (match) entries.push([match[1] ?? '', match[2] ?? '', itemLine]);
      else {
        report(itemLine, `item ${i + 1} of 'set'${where} should be '<knob>=<value>', like 'tls=1.3'.`, 'error');
        ok = false;
      }
    });
  } else if (typeof value === 'object') {
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const knobPair = yaml.pair(name, pair?.value);
      entries.push([name, v, yaml.lineOf(knobPair?.key ?? pair?.value ?? null)]);
    }
  } else {
    report(line, `'set'${where} must be a map of knobs (tls: "1.3") or a list like [tls=1.3, resume=on].`, 'error');
    return null;
  }
  const values: Record<string, string> = {};
  const lines: Partial<Record<string, number>> = {};
  for (const [name, raw, entryLine] of entries) {
    if (!(KNOB_NAMES as string[]).includes(name)) {
      report(entryLine, `unknown knob '${name}'${where}; ${didYouMean(name, KNOB_NAMES, `the knobs are ${KNOB_NAMES.join(', ')}.`)}`, 'error');
      ok = false;
      continue;
    }
    const knob = name as KnobName;
    const text = raw === null || raw === undefined ? '' : String(raw);
    const allowed: unknown = KNOBS[knob].values;
    if (Array.isArray(allowed)) {
      if (!allowed.includes(text)) {
        const hint = didYouMean(text, allowed.map(String), '');
        report(entryLine, `unknown value '${text}' for ${knob}${where}; ${hint === '' ? '' : `${hint} `}use one of ${allowed.join(', ')}${typeof raw === 'boolean' ? ' (in quotes, as YAML reads yes/true as a boolean)' : ''}.`, 'error');
        ok = false;
        continue;
      }
    } else {
      const range = allowed as IntRange;
      if (!/^\d+$/.test(text) || Number(text) < range.min || Number(text) > range.max) {
        report(entryLine, `${knob}${where} must be ${rangeSentence(range)}, not '${text}'.`, 'error');
        ok = false;
        continue;
      }
    }
    values[knob] = text;
    lines[knob] = entryLine;
  }
  return ok ? {values, lines, line} : null;
}

function resolvePartRef(raw: RawSection, parts: readonly LessonPart[], report: Report): number | null | undefined {
  if (raw.kind === 'intro') return null;
  const ref = raw.partRef;
  if (ref === null) return 0;
  if (typeof ref === 'number') {
    if (ref >= 1 && ref <= parts.length) return ref - 1;
    report(raw.partLine, `'@part ${ref}': the lesson has ${parts.length === 1 ? 'one part' : `parts 1 to ${parts.length}`}; the sections under it are ignored.`);
    return undefined;
  }
  const index = parts.findIndex((p) => p.id === ref);
  if (index >= 0) return index;
  const ids = parts.flatMap((p) => (p.id === null ? [] : [p.id]));
  report(raw.partLine, `'@part ${ref}': no part has the id '${ref}'; ${didYouMean(ref, ids, ids.length === 0 ? "give the part 'id: " + ref + "' in the front matter, or use its number." : `the part ids are ${ids.join(', ')}.`)}`);
  return undefined;
}

function compileSection(
  raw: RawSection,
  parts: readonly LessonPart[],
  traces: readonly PartTrace[],
  traceFor: (part: number, when: Partial<Record<KnobName, string>>) => Trace | null,
  report: Report,
): CompiledSection | null {
  // Problems about the part reference are reported once, on the part marker itself.
  const part = raw.kind === 'part-intro' ? resolvePartRef(raw, parts, report) : resolvePartRef(raw, parts, () => undefined);
  if (part === undefined) return null;
  const partIndex = part ?? 0;

  // when <knob>=<value>, …
  const when: Partial<Record<KnobName, string>> = {};
  for (const condition of raw.when) {
    const match = /^([^=]+)=(.+)$/.exec(condition);
    const name = match?.[1] ?? '';
    if (!match || !(KNOB_NAMES as string[]).includes(name)) {
      report(raw.line, match ? `unknown knob '${name}' after 'when'; ${didYouMean(name, KNOB_NAMES, `the knobs are ${KNOB_NAMES.join(', ')}.`)}` : `'${condition}' after 'when' should be <knob>=<value>, like close=three-way.`);
      return null;
    }
    when[name as KnobName] = match[2] ?? '';
  }
  let trace: Trace | null;
  try {
    trace = part === null ? (traces[0]?.trace ?? null) : traceFor(partIndex, when);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    report(raw.line, `the condition 'when ${raw.when.join(', ')}' cannot hold in part ${partIndex + 1} (${parts[partIndex]?.scenario}): ${error.message}`);
    return null;
  }
  if (trace === null) return null;
  const ctxParts = traces.map((pt, i) => (i === partIndex ? {...pt, trace} : pt));
  const ctx: QueryContext = {parts: ctxParts, part, frame: raw.frame};
  const label = ctxParts[partIndex] ? describePart(ctxParts[partIndex]) : `part ${partIndex + 1}`;

  if (raw.kind === 'frame' && raw.frame !== null && !trace.frames.some((f) => f.id === raw.frame)) {
    const ids = trace.frames.map((f) => f.id);
    const under = Object.keys(when).length > 0 ? ` when ${raw.when.join(', ')}` : '';
    report(raw.line, `unknown frame id '${raw.frame}': ${label}${under} has no such frame; ${didYouMean(raw.frame, ids, `its frames are ${ids.join(', ')}.`)}`);
    return null;
  }

  for (const line of raw.lines) checkText(line.text, line.line, ctx, report);
  const text = tidy(raw.lines.map((l: SourceLine) => l.text));
  if (raw.kind === 'frame' && text.length > MAX_NARRATION_CHARS) {
    report(raw.line, `the narration for '${raw.frame}' is ${text.length} characters; keep it under ${MAX_NARRATION_CHARS} (a few sentences) so it fits beside the ladder.`);
  }

  const checkpoints: CompiledCheckpoint[] = [];
  const corrections: CompiledCorrection[] = [];
  for (const block of raw.blocks) {
    if (block.kind === 'checkpoint') {
      const checkpoint = compileCheckpoint(block, ctx, trace, report);
      if (checkpoint) checkpoints.push(checkpoint);
    } else {
      const correction = compileCorrection(block, ctx, report);
      if (correction) corrections.push(correction);
    }
  }
  return {kind: raw.kind, part, frame: raw.frame, when, line: raw.line, text, checkpoints, corrections};
}

function checkText(text: string, line: number, ctx: QueryContext, report: Report): void {
  for (const e of fill(text, ctx).errors) report(line + e.lineOffset, e.message);
}

/** A block's fields as text, with the line of each; reports unknown keys and non-text values. */
function blockFields(block: RawBlock, keys: readonly string[], report: Report): {get: (key: string) => string | null; list: (key: string) => string[] | null; lineOf: (key: string) => number} | null {
  const {yaml} = block;
  for (const e of yaml.errors) report(e.line, `${e.message} (in the ${block.kind} block)`);
  for (const w of yaml.warnings) report(w.line, w.message);
  if (yaml.errors.length > 0) return null;
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report(block.line, `the ${block.kind} block must hold YAML keys (${keys.join(', ')}); it is ignored.`);
    return null;
  }
  const map = data as Record<string, unknown>;
  const lineOf = (key: string) => {
    const pair = yaml.pair(key);
    return yaml.lineOf(pair?.value ?? pair?.key ?? null);
  };
  for (const key of Object.keys(map)) {
    if (!keys.includes(key)) report(yaml.lineOf(yaml.pair(key)?.key), `unknown key '${key}' in the ${block.kind} block is ignored; ${didYouMean(key, keys, `its keys are ${keys.join(', ')}.`)}`);
  }
  const get = (key: string) => {
    const v = map[key];
    if (v === undefined || v === null) return null;
    return typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  };
  const list = (key: string) => {
    const v = map[key];
    if (v === undefined || v === null) return null;
    return Array.isArray(v) ? v.map((item) => (typeof item === 'string' ? item.trim() : String(item))) : null;
  };
  return {get, list, lineOf};
}

function compileCheckpoint(block: RawBlock, ctx: QueryContext, trace: Trace, report: Report): CompiledCheckpoint | null {
  const fields = blockFields(block, CHECKPOINT_KEYS, report);
  if (!fields) return null;
  const ask = fields.get('ask');
  const expectText = fields.get('expect');
  const answer = fields.get('answer');
  const choices = fields.list('choices');
  const explain = fields.get('explain') ?? '';
  if (ask === null || ask === '') {
    report(block.line, `the checkpoint has no 'ask'; add the question, like 'ask: What state is the server in now?'.`);
    return null;
  }
  if (fields.get('choices') !== null && choices === null) {
    report(fields.lineOf('choices'), `'choices' must be a list, like [client, server]; the checkpoint is ignored.`);
    return null;
  }
  if (choices !== null && (choices.length < 2 || choices.length > 6)) {
    report(fields.lineOf('choices'), `a checkpoint needs 2 to 6 choices, not ${choices.length}; the checkpoint is ignored.`);
    return null;
  }
  for (const key of ['ask', 'explain'] as const) {
    const value = fields.get(key);
    if (value !== null) checkText(value, fields.lineOf(key), ctx, report);
  }

  if (expectText === null) {
    // The author's own question: the answer must be one of the choices.
    if (choices === null || answer === null) {
      report(block.line, `the checkpoint needs 'expect' (a query the engine answers, like 'after server.tcp') or both 'choices' and 'answer'; it is ignored.`);
      return null;
    }
    if (!choices.some((c) => sameText(c, answer))) {
      report(fields.lineOf('answer'), `the answer '${answer}' is not one of the choices (${choices.join(', ')}); make it one of them. The checkpoint is ignored.`);
      return null;
    }
    return {line: block.line, ask, explain, expect: null, answer, choices};
  }

  const parsed = parseQuery(expectText);
  if (!parsed.ok) {
    report(fields.lineOf('expect'), `expect '${expectText}': ${parsed.error} The checkpoint is ignored.`);
    return null;
  }
  const result = evaluate(parsed.value, ctx);
  if (!result.ok) {
    report(fields.lineOf('expect'), `expect '${expectText}' does not resolve: ${result.error} The checkpoint is ignored.`);
    return null;
  }
  const value = result.value.value;
  const shown = Array.isArray(value.value) ? value.value.join(', ') : String(value.value);
  const where = ctx.frame === null ? '' : ` after frame '${ctx.frame}'`;
  if (answer !== null && !sameAnswer(value, answer, result.value.trace)) {
    report(fields.lineOf('answer'), `the answer '${answer}' disagrees with the engine, which gives '${shown}' for '${expectText}'${where}; fix the answer (or remove it: the engine's is used). The checkpoint is ignored.`);
    return null;
  }
  if (choices !== null) {
    const matching = choices.filter((c) => sameAnswer(value, c, result.value.trace));
    if (matching.length !== 1) {
      report(
        fields.lineOf('choices'),
        matching.length === 0
          ? `none of the choices means the engine's answer '${shown}' for '${expectText}'${where}; add it. The checkpoint is ignored.`
          : `the choices ${matching.map((m) => `'${m}'`).join(' and ')} mean the same answer; keep one. The checkpoint is ignored.`,
      );
      return null;
    }
  } else if (autoChoices(value, trace) === null) {
    report(block.line, `the engine's answer to '${expectText}' is a list (${shown}); give 'choices' for it. The checkpoint is ignored.`);
    return null;
  }
  return {line: block.line, ask, explain, expect: parsed.value, answer, choices};
}

function compileCorrection(block: RawBlock, ctx: QueryContext, report: Report): CompiledCorrection | null {
  const fields = blockFields(block, CORRECTION_KEYS, report);
  if (!fields) return null;
  const missing = ['claim', 'actually', 'why'].filter((key) => (fields.get(key) ?? '') === '');
  if (missing.length > 0) {
    report(block.line, `the correction needs ${missing.map((m) => `'${m}'`).join(' and ')} (claim: what was said; actually: the correct picture; why); it is ignored.`);
    return null;
  }
  for (const key of ['claim', 'actually', 'why', 'source']) {
    const value = fields.get(key);
    if (value !== null) checkText(value, fields.lineOf(key), ctx, report);
  }
  return {
    line: block.line,
    source: fields.get('source') ?? 'the source article',
    claim: fields.get('claim') ?? '',
    actually: fields.get('actually') ?? '',
    why: fields.get('why') ?? '',
  };
}

export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

/** "RFC 9293 §3.5 (Establishing a connection)" → the RFC, the section and an rfc-editor.org link. */
export function parseReference(text: string): Reference {
  const match = /\bRFC\s*(\d{1,5})(?:[^§\n]{0,12}?§\s*([A-Za-z]?[0-9][0-9.]*[0-9]|[A-Z](?:\.[0-9]+)*))?/.exec(text);
  if (!match) return {text, rfc: null, section: null, url: null};
  const rfc = Number(match[1]);
  const section = match[2] ?? null;
  const anchor = section === null ? '' : /^[A-Z]/.test(section) ? `#appendix-${section}` : `#section-${section}`;
  return {text, rfc, section, url: `https://www.rfc-editor.org/rfc/rfc${rfc}${anchor}`};
}

export {FRAME_ID};
