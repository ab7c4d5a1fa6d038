// YAML for lesson files, parsed defensively: bounded aliases (a "billion laughs" document is
// refused), unique keys, the plain YAML 1.2 core schema (no custom tags), and every node
// mapped back to its line in the lesson file so problems can point at it.
import {isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair} from 'yaml';
import {neutralize, neutralizeDeep} from './sanitize.js';

/** Lessons never need many aliases; a handful covers sharing one knob set between parts. */
export const MAX_ALIAS_COUNT = 16;

export interface YamlError {
  line: number;
  message: string;
}

export interface YamlDoc {
  /** The document as plain data, every string neutralised; undefined when it could not be built. */
  data: unknown;
  errors: YamlError[];
  /** Values whose YAML escapes (\e, \x1b, \u001b …) make control characters, which are removed. */
  warnings: YamlError[];
  /** The file line where `node` starts (the first line of the block when there is no node). */
  lineOf(node: unknown): number;
  /** The pair for `key` in the top-level map (or in `map`), for its line. */
  pair(key: string, map?: unknown): Pair | undefined;
  root: Node | null;
}

/** Parses `text`, whose first line is line `firstLine` of the lesson file. */
export function parseYaml(text: string, firstLine: number): YamlDoc {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', strict: true, merge: false});
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const lines = text.split('\n');
  // One slip makes yaml report several errors in a row; the first is the one to fix.
  const errors: YamlError[] = doc.errors.slice(0, 1).map((e) => {
    const line = lineAt(e.pos[0]);
    return {line, message: colonInValue(lines[line - firstLine]) ?? yamlMessage(e.code, e.message)};
  });
  const warnings: YamlError[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && neutralize(node.value) !== node.value) {
        warnings.push({
          line: lineAt(node.range?.[0] ?? 0),
          message: 'a YAML escape in this value (such as \\e, \\x1b or \\u001b) makes a control character, which hs-tutor removes; delete the escape.',
        });
      }
    },
  });
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = neutralizeDeep(doc.toJS({maxAliasCount: MAX_ALIAS_COUNT}));
    } catch (error) {
      const excessive = error instanceof ReferenceError && /alias/i.test(error.message);
      errors.push({
        line: firstLine,
        message: excessive
          ? `the YAML expands aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the values out instead of nesting aliases.`
          : `the YAML could not be read (${error instanceof Error ? error.message : String(error)}).`,
      });
    }
  }
  const lineOf = (node: unknown): number => {
    const range = (node as {range?: [number, number, number]} | null | undefined)?.range;
    return range ? lineAt(range[0]) : firstLine;
  };
  const pair = (key: string, map: unknown = doc.contents): Pair | undefined => {
    if (!isMap(map)) return undefined;
    return map.items.find((p) => isScalar(p.key) && p.key.value === key);
  };
  return {data, errors, warnings, lineOf, pair, root: (doc.contents as Node | null) ?? null};
}

/** The node at `index` of a YAML sequence, for its line. */
export function seqItem(seq: unknown, index: number): unknown {
  return isSeq(seq) ? seq.items[index] : undefined;
}

/** The commonest slip in prose values: `why: it fails: here` — a second ': ' in an unquoted value. */
function colonInValue(line: string | undefined): string | undefined {
  const match = /^\s*(?:-\s+)?([A-Za-z][\w-]*):\s+([^'"\s>|].*?:\s.*)$/.exec(line ?? '');
  if (!match) return undefined;
  return `bad YAML: the value of '${match[1]}' contains ': ', which YAML reads as a new key; put the whole value in double quotes, or write '${match[1]}: >' and the text indented on the next lines.`;
}

/** yaml's messages end in a code excerpt; keep the sentence, and say what to do. */
function yamlMessage(code: string, message: string): string {
  const first = (message.split(/ at line \d+|\n/)[0] ?? message).trim().replace(/\.$/, '');
  let fix = 'check the indentation, quotes and brackets on this line';
  if (/end with a \]/.test(first)) fix = "close the '[' with ']' on the same line";
  else if (/end with a \}/.test(first)) fix = "close the '{' with '}' on the same line";
  else if (/quote/i.test(first)) fix = 'close the quote on the same line';
  else if (code === 'TAB_AS_INDENT') fix = 'indent with spaces, not tabs';
  else if (code === 'DUPLICATE_KEY') fix = 'remove or rename the second one';
  else if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') fix = "indent nested keys under their parent, and quote a value that contains ': '";
  return `bad YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}; ${fix}.`;
}
