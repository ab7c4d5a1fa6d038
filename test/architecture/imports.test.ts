// The import rules ARCHITECTURE.md states, checked on every source file: each layer imports only
// the layers below it, and no module imports itself back through others. A failure names the
// file, the line and the import that breaks the rule.
import {readdirSync, readFileSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

/**
 * The layer table of ARCHITECTURE.md ("Layers (src/)"): what each folder of src/ may import
 * (besides itself), and layers it may take types from, never values. Read from the document, so
 * the rules it states are the rules checked.
 */
function layerTable(): Record<string, {imports: string[]; types: string[]}> {
  const doc = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Layers (src/)'), doc.indexOf('\n## ', doc.indexOf('## Layers (src/)') + 1));
  const table: Record<string, {imports: string[]; types: string[]}> = {};
  for (const row of section.split('\n').filter((line) => /^\| `[a-z-]+\/` \|/.test(line))) {
    const cells = row.split('|').map((cell) => cell.trim());
    const layer = /`([a-z-]+)\/`/.exec(cells[1]!)![1]!;
    const [values = '', types = ''] = cells[3]!.split(/;\s*types from\s*/);
    const list = (text: string) => (/^(nothing|every layer)$/.test(text.trim()) ? [] : text.split(',').map((t) => t.trim()).filter(Boolean));
    table[layer] = {imports: values.trim() === 'every layer' ? ['*'] : list(values), types: list(types)};
  }
  return table;
}

const LAYERS = layerTable();

/**
 * Imports that break a rule and are being removed (each names its issue); the test fails when one
 * is gone but still listed, so the list only shrinks.
 */
const KNOWN: readonly string[] = [
  // Issue 15: the store applies review scheduling from quiz/ inside its lock; it is to be passed in.
  'src/progress/store.ts → src/quiz/review.ts',
];

interface Import {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative import of a file (static, re-export and dynamic), resolved to a source file. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (specifier: ts.Expression | undefined, node: ts.Node, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return;
    const target = resolve(dirname(file), specifier.text).replace(/\.js$/, '');
    const to = [`${target}.ts`, `${target}.tsx`].find((candidate) => {
      try {
        readFileSync(candidate);
        return true;
      } catch {
        return false;
      }
    });
    if (!to) throw new Error(`${relative(root, file)} imports '${specifier.text}', which is not a source file`);
    out.push({from: file, to, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, typeOnly});
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (!clause.name && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, node, typeOnly);
    } else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], node, false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const layerOf = (file: string) => relative(src, file).split(/[\\/]/)[0]!;
const where = (i: Import) => `${relative(root, i.from)}:${i.line} imports ${relative(root, i.to)}`;

const files = sources(src);
const imports = files.flatMap(importsOf);

describe('the import rules of ARCHITECTURE.md', () => {
  it('reads the table of ARCHITECTURE.md', () => {
    expect(LAYERS.engine).toEqual({imports: [], types: []});
    expect(LAYERS.progress?.types).toEqual(['quiz']);
    expect(LAYERS.cli?.imports).toEqual(['*']);
  });

  it('knows every layer of src/', () => {
    const layers = new Set(files.map(layerOf).filter((layer) => !/\.tsx?$/.test(layer)));
    for (const layer of layers) expect(Object.keys(LAYERS), `src/${layer}/ is not in ARCHITECTURE.md's table`).toContain(layer);
  });

  it('each layer imports only the layers below it', () => {
    const broken = imports.filter((i) => {
      const from = layerOf(i.from);
      const to = layerOf(i.to);
      if (from === to) return false;
      const rule = LAYERS[from];
      if (!rule) return true;
      return !rule.imports.includes('*') && !rule.imports.includes(to) && !(i.typeOnly && rule.types.includes(to));
    });
    const key = (i: Import) => `${relative(root, i.from)} → ${relative(root, i.to)}`;
    expect(broken.filter((i) => !KNOWN.includes(key(i))).map((i) => `${where(i)}${i.typeOnly ? ' (types)' : ''}: ${layerOf(i.from)} may not import ${layerOf(i.to)}`)).toEqual([]);
    expect(KNOWN.filter((k) => !broken.some((i) => key(i) === k)), 'fixed: take these off the KNOWN list').toEqual([]);
  });

  it('the engine imports nothing that draws or touches files', () => {
    const engine = files.filter((f) => layerOf(f) === 'engine');
    const banned = /from '(ink|react|node:fs|fs|node:child_process|conf)'/;
    const found = engine.filter((f) => banned.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(found).toEqual([]);
  });

  it('no module imports itself back through others (no circles, types included)', () => {
    const graph = new Map<string, Import[]>();
    for (const i of imports) graph.set(i.from, [...(graph.get(i.from) ?? []), i]);
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: Import[] = [];
    const walk = (file: string) => {
      state.set(file, 'open');
      for (const edge of graph.get(file) ?? []) {
        const seen = state.get(edge.to);
        if (seen === 'open') {
          const start = path.findIndex((p) => p.from === edge.to);
          circles.push([...path.slice(start), edge].map(where).join(' → '));
        } else if (seen === undefined) {
          path.push(edge);
          walk(edge.to);
          path.pop();
        }
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) walk(file);
    expect(circles).toEqual([]);
  });
});
