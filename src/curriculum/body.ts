// The Markdown body of a lesson file, cut into sections by marker headings:
//
//   text before any marker          the lesson's introduction
//   # @part 2   (or # @part <id>)   later sections belong to that part; text under it is its intro
//   ## @syn-ack                     narration for frame syn-ack of the current part
//   ## @fin#2 when close=three-way  … only while the part's knobs say so
//   ## @end                         shown after the part's last frame
//
// Inside any section, a fenced block ```checkpoint or ```correction holds YAML for a question
// or an "article says / actually / why" box. Other headings and fences are ordinary text.
import {FRAME_ID, PART_ID} from './query.js';
import {parseYaml, type YamlDoc} from './yaml.js';

export interface SourceLine {
  text: string;
  /** 1-based line in the lesson file. */
  line: number;
}

export type SectionKind = 'intro' | 'part-intro' | 'frame' | 'end';

export interface RawBlock {
  kind: 'checkpoint' | 'correction';
  /** The line of the opening fence. */
  line: number;
  yaml: YamlDoc;
}

export interface RawSection {
  kind: SectionKind;
  /** The part reference as written (`2`, `cookie`) for part markers; null before any. */
  partRef: number | string | null;
  /** The line the part reference was written on (for problems about it). */
  partLine: number;
  frame: string | null;
  /** `when` conditions, as written (`close=three-way`). */
  when: string[];
  /** The marker's line (1 for the lesson introduction). */
  line: number;
  lines: SourceLine[];
  blocks: RawBlock[];
}

export interface BodyProblem {
  line: number;
  message: string;
}

const MARKER = /^ {0,3}#{1,6}[ \t]+@(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;

export function parseBody(body: string, firstLine: number): {sections: RawSection[]; problems: BodyProblem[]} {
  const problems: BodyProblem[] = [];
  let partRef: number | string | null = null;
  let partLine = firstLine;
  let current: RawSection = {kind: 'intro', partRef: null, partLine, frame: null, when: [], line: firstLine, lines: [], blocks: []};
  const sections: RawSection[] = [current];
  const open = (section: Omit<RawSection, 'lines' | 'blocks' | 'partRef' | 'partLine'>) => {
    current = {...section, partRef, partLine, lines: [], blocks: []};
    sections.push(current);
  };

  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const line = firstLine + i;
    const fence = FENCE_OPEN.exec(text);
    if (fence) {
      const marker = fence[2] ?? '```';
      const info = (fence[3] ?? '').toLowerCase();
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      let end = i + 1;
      while (end < lines.length && !closing.test(lines[end] ?? '')) end++;
      if (end >= lines.length) {
        problems.push({line, message: `the ${marker} fence opened here is never closed; end it with a line of ${marker}.`});
      }
      const inner = lines.slice(i + 1, end);
      if (info === 'checkpoint' || info === 'correction') {
        current.blocks.push({kind: info, line, yaml: parseYaml(inner.join('\n'), line + 1)});
      } else {
        for (let j = i; j <= Math.min(end, lines.length - 1); j++) current.lines.push({text: lines[j] ?? '', line: firstLine + j});
      }
      i = end;
      continue;
    }
    const marker = MARKER.exec(text);
    if (!marker) {
      current.lines.push({text, line});
      continue;
    }
    const words = (marker[1] ?? '').trim().split(/\s+/);
    const [name = '', ...rest] = words;
    if (name === 'part') {
      const ref = rest[0];
      if (ref === undefined || rest.length > 1 || !(/^[0-9]+$/.test(ref) || PART_ID.test(ref))) {
        problems.push({line, message: `'@${words.join(' ')}' should be '@part <number>' or '@part <part-id>', as in '# @part 2'.`});
        continue;
      }
      partRef = /^[0-9]+$/.test(ref) ? Number(ref) : ref;
      partLine = line;
      open({kind: 'part-intro', frame: null, when: [], line});
    } else if (name === 'end') {
      if (rest.length > 0) problems.push({line, message: `'@end' takes nothing after it; write '## @end'.`});
      open({kind: 'end', frame: null, when: [], line});
    } else if (name === 'intro') {
      problems.push({line, message: `'@intro' is not a marker: text before the first marker is the introduction, and text right under '# @part …' is that part's; remove the heading.`});
    } else {
      const frame = name;
      let when: string[] = [];
      if (rest.length > 0) {
        if (rest[0] !== 'when' || rest.length === 1) {
          problems.push({line, message: `after '@${frame}' only 'when <knob>=<value>, …' may follow, as in '## @fin#2 when close=three-way'.`});
          continue;
        }
        when = rest.slice(1).join(' ').split(/[,\s]+/).filter((w) => w !== '');
      }
      if (!FRAME_ID.test(frame)) {
        const lower = frame.toLowerCase();
        const hint = FRAME_ID.test(lower) ? `write '@${lower}' (frame ids are lower case)` : 'frame ids are kebab-case, like @syn-ack, @client-hello or @server-flight#2';
        problems.push({line, message: `'@${frame}' is not a frame id; ${hint}.`});
        continue;
      }
      open({kind: 'frame', frame, when, line});
    }
  }
  return {sections, problems};
}

/**
 * Section text as the player shows it: lines of one paragraph joined with spaces, paragraphs
 * separated by one blank line; list items, quotes, tables, headings and fenced code keep their lines.
 */
export function tidy(lines: readonly string[]): string {
  const out: string[] = [];
  let inFence = false;
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (FENCE_OPEN.test(line) || (inFence && /^ {0,3}(`{3,}|~{3,})\s*$/.test(line))) {
      inFence = !inFence;
      out.push(line);
      continue;
    }
    if (inFence) {
      out.push(line);
      continue;
    }
    const previous = out[out.length - 1];
    const standsAlone = /^\s*([-*+]\s|\d+[.)]\s|>|\||#)/.test(line) || /^ {4}/.test(line);
    const joinable = previous !== undefined && previous !== '' && !/^\s*(\||#)/.test(previous) && !/^ {4}/.test(previous);
    if (line === '') {
      if (previous !== undefined && previous !== '') out.push('');
    } else if (joinable && !standsAlone && !isFenceLine(previous)) {
      out[out.length - 1] = `${previous} ${line.trim()}`;
    } else {
      out.push(standsAlone ? line : line.trim());
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function isFenceLine(line: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})/.test(line);
}
