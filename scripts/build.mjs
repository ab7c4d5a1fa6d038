// Builds dist/: the program bundled by esbuild into ESM chunks, so the published package needs
// no runtime dependencies (ink-notes §3).
//   node scripts/build.mjs [--clean] [--sourcemap] [--no-minify] [--metafile]
//
// Layout (every file two folders below the package root, see below):
//   dist/cli/main.js        the entry bin/hs-tutor.js imports; with the chunks it imports
//                           statically it holds argument parsing, every plain command, the engine
//                           and the curriculum, and never Ink, React or yoga (checked below)
//   dist/cli/first-paint.js the home screen painted before the rest loads (bin/hs-tutor.js
//                           imports it first for the bare command; src/cli/first-paint.ts)
//   dist/chunks/run-*.js    the interactive UI, imported once by src/cli/tutor.ts when a command
//                           needs the terminal; Ink, React and yoga are in a chunk it imports
//   dist/chunks/chunk-*.js  code several of them share (esbuild names chunks by content hash)
//
// Why every output sits exactly two folders deep: src/curriculum/files.ts finds the built-in
// lessons at `new URL('../../lessons/', import.meta.url)`, which in the bundle is the URL of the
// chunk the code lands in. The build fails if any output breaks that rule.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, relative, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';

const inkDevtoolsStub = {
  name: 'ink-devtools-stub',
  setup(build) {
    build.onResolve({filter: /^\.\/devtools\.js$/}, ({importer}) =>
      /[\\/]node_modules[\\/]ink[\\/]build[\\/]/.test(importer) ? {path: join(root, 'scripts/bundle/ink-devtools-stub.mjs')} : undefined,
    );
  },
};

// Ink builds every frame in a new Output whose caches (ANSI tokenization into styled characters,
// string widths) start empty, so a frame that differs from the last in one line re-tokenizes all
// of them: the largest cost of a key press in the profile. The bundle keeps one set of caches for
// all frames instead, bounded so a long session cannot grow them without end. The cached values
// are pure functions of the text, so every frame is the same as before.
const inkOutputCache = {
  name: 'ink-output-cache',
  setup(build) {
    build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]output\.js$/}, ({path}) => {
      let source = readFileSync(path, 'utf8');
      const replace = (from, to) => {
        if (source.split(from).length !== 2) throw new Error(`build: ink/build/output.js no longer has '${from}'; update the ink-output-cache plugin.`);
        source = source.replace(from, to);
      };
      replace('            this.styledChars.set(line, cached);', '            if (this.styledChars.size >= 256) this.styledChars.clear();\n            this.styledChars.set(line, cached);');
      replace('            this.widths.set(text, cached);', '            if (this.widths.size >= 2048) this.widths.clear();\n            this.widths.set(text, cached);');
      replace('            this.blockWidths.set(text, cached);', '            if (this.blockWidths.size >= 256) this.blockWidths.clear();\n            this.blockWidths.set(text, cached);');
      replace('export default class Output {', 'const sharedOutputCaches = new OutputCaches();\nexport default class Output {');
      replace('    caches = new OutputCaches();', '    caches = sharedOutputCaches;');
      return {contents: source, loader: 'js'};
    });
  },
};

// Ink 6.8's incremental renderer moves the cursor up one line too few before rewriting a frame
// that ended in a newline (every frame shorter than the terminal, so every frame of ours): the
// cursor sits below the last line, and cursorUp(previousVisible - 1) lands on the second line, so
// each redraw lands one row low. The erase branch above it counts that newline line (extraSlot);
// this counts it too. Tests render through ink-testing-library, which does not use log-update.
const inkIncrementalNewline = {
  name: 'ink-incremental-newline',
  setup(build) {
    build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]log-update\.js$/}, ({path}) => {
      const source = readFileSync(path, 'utf8');
      const from = '            buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
      if (source.split(from).length !== 2) throw new Error(`build: ink/build/log-update.js no longer has '${from.trim()}'; update the ink-incremental-newline plugin.`);
      const to = "            buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
      return {contents: source.replace(from, to), loader: 'js'};
    });
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist');
const args = new Set(process.argv.slice(2));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The built-in lessons compiled with the real curriculum code (src/curriculum/built-in.ts): as
// the tutor lists them (id and title, in order) with the files they come from, for the home screen
// painted before the curriculum and Ink have loaded (src/cli/first-paint.ts), and whole, so a run
// does not compile them again. If the built-in lessons have problems (the tutor would show a
// notice), neither is built: nothing is painted early and the lessons compile at run time.
async function lessonIndex() {
  const lessonsDir = join(root, 'lessons');
  const script = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: `import {basename} from 'node:path';
import {buildCurriculum, compileLesson, readLessonFolder} from './src/curriculum/index.ts';
import {tutorLesson} from './src/cli/curriculum-lessons.ts';
const read = readLessonFolder(process.argv[2], 'built-in');
const results = read.files.map((file) => compileLesson({...file, file: basename(file.file)}));
const c = buildCurriculum(read.files, read.problems);
process.stdout.write(JSON.stringify({
  problems: c.problems.length,
  lessons: c.lessons.map((l) => tutorLesson(l)).map(({id, title, summary}) => ({id, title, summary: summary ?? null})),
  compiled: results.map((r) => r.lesson),
}));`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: {js: "import {createRequire as __hsCreateRequire} from 'node:module'; const require = __hsCreateRequire(import.meta.url);"},
  });
  const folder = mkdtempSync(join(tmpdir(), 'hs-tutor-build-'));
  try {
    const file = join(folder, 'index.mjs');
    writeFileSync(file, script.outputFiles[0].contents);
    let index;
    try {
      index = JSON.parse(execFileSync(process.execPath, [file, lessonsDir], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}));
    } catch (error) {
      // The program still builds; it just paints its home screen when Ink has loaded.
      console.warn(`build: the built-in lessons could not be compiled for the first paint (${String(error.stderr || error.message).trim().split('\n')[0]}); the home screen will be painted by Ink alone.`);
      return undefined;
    }
    const {problems, lessons, compiled} = index;
    if (problems > 0) return undefined;
    const files = readdirSync(lessonsDir)
      .filter((name) => /\.md$/i.test(name) && name.toLowerCase() !== 'readme.md')
      .map((name) => [name, statSync(join(lessonsDir, name)).size]);
    return {index: {files, lessons}, compiled: {files, lessons: compiled}};
  } finally {
    rmSync(folder, {recursive: true, force: true});
  }
}

const builtIn = await lessonIndex();
// The compiled lessons are module text, not a define: esbuild puts every define's value in one
// shared chunk, which the first paint imports for the small index.
const builtInCompiledData = {
  name: 'built-in-compiled-data',
  setup(build) {
    build.onLoad({filter: /[\\/]src[\\/]curriculum[\\/]built-in-compiled-data\.ts$/}, () => ({
      contents: `export default ${JSON.stringify(builtIn?.compiled ?? null)};`,
      loader: 'js',
    }));
  },
};
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: {'cli/main': 'src/cli/main.ts', 'cli/first-paint': 'src/cli/first-paint.ts'},
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // As tsconfig.json's "jsx": "react-jsx", said here too so the build never depends on finding it.
  jsx: 'automatic',
  minify: !args.has('--no-minify'),
  legalComments: 'none',
  sourcemap: args.has('--sourcemap') ? 'linked' : false,
  metafile: true,
  write: false,
  logLevel: 'warning',
  define: {
    // React's production build; Ink's development-only paths drop out.
    'process.env.NODE_ENV': '"production"',
    // src/cli/package-info.ts: the version and description, fixed at build time.
    __HS_TUTOR_PACKAGE__: JSON.stringify({version: pkg.version, description: pkg.description}),
    __HS_TUTOR_LESSON_INDEX__: JSON.stringify(builtIn?.index ?? null),
  },
  plugins: [builtInCompiledData, inkDevtoolsStub, inkIncrementalNewline, ...(args.has('--no-ink-cache') ? [] : [inkOutputCache])],
  banner: {
    // signal-exit@3 (CommonJS, via Ink) calls require('assert') (ink-notes §3.2 item 3).
    js: "import {createRequire as __hsCreateRequire} from 'node:module'; const require = __hsCreateRequire(import.meta.url);",
  },
});

const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
for (const file of outputs) {
  const parts = relative(outdir, join(root, file)).split(sep);
  if (parts.length !== 2) throw new Error(`build: ${file} is not two folders below the package root; the built-in lessons would not be found from it.`);
}
// The entries must not reach Ink, React or yoga through a static import.
const meta = result.metafile;
const entry = outputs.find((file) => file.endsWith('dist/cli/main.js'));
const seen = new Set();
const stack = outputs.filter((file) => /dist\/cli\/[\w-]+\.js$/.test(file));
while (stack.length > 0) {
  const file = stack.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  for (const input of Object.keys(meta.outputs[file].inputs)) {
    if (/node_modules[\\/](ink|react|react-reconciler|yoga-layout)[\\/]/.test(input)) {
      throw new Error(`build: ${input} is statically reachable from the entry; the plain commands must not load Ink or React.`);
    }
  }
  for (const imported of meta.outputs[file].imports) if (imported.kind === 'import-statement' && !imported.external) stack.push(imported.path);
}

// The working tree is shared: other test runs may be starting bin/hs-tutor.js while this build
// writes. Each file is replaced atomically (write beside it, then rename), the chunks before the
// entry that imports them, and chunks that this build did not produce are removed only once they
// are ten minutes old (`--clean`: at once), so a running program never finds its chunks missing.
const written = new Set();
const entryFile = join(root, entry);
const files = [...result.outputFiles].sort((a, b) => (a.path === entryFile) - (b.path === entryFile));
for (const file of files) {
  mkdirSync(dirname(file.path), {recursive: true});
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
  written.add(file.path);
}
const maxAgeMs = args.has('--clean') ? 0 : 10 * 60 * 1000;
function prune(folder) {
  for (const entry of readdirSync(folder, {withFileTypes: true})) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, {recursive: true, force: true});
    } else if (!written.has(path) && !(folder === outdir && entry.name === 'meta.json')) {
      // Also what an older build left: the tsc build wrote a file per module.
      if (Date.now() - statSync(path).mtimeMs >= maxAgeMs) rmSync(path, {force: true});
    }
  }
}
prune(outdir);
if (args.has('--metafile')) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(meta));
