// The project's TypeScript sources compiled into a temporary folder, for tests that run code in
// real child processes. Compiling here (rather than using dist/) keeps those tests on the current
// source and independent of anyone rebuilding dist/ in the same working tree.
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Compiles every .ts file under src/ (types are not checked: tsc does that) and returns the folder that holds `src/`. */
export function transpileSources(): string {
  const out = mkdtempSync(join(tmpdir(), 'hs-tutor-src-'));
  writeFileSync(join(out, 'package.json'), '{"type": "module"}\n');
  for (const file of sources(join(root, 'src'))) {
    const {outputText} = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true},
      fileName: file,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), {recursive: true});
    writeFileSync(target, outputText);
  }
  return out;
}
