// The published artifact, as a user gets it: `npm pack`, then `npm install --offline` of that
// tarball into an empty prefix, then the installed `hs-tutor` run as a command, piped, with no
// terminal, and once interactively in a sized pseudo-terminal (tmux). Nothing here is timed.
//
// The tarball is packed from a private copy of the package (its node_modules linked), so its
// prepack build writes a fresh dist/ there and never rewrites the shared working tree's dist/
// while other tests run the program from it. Every tool used here must exist: a missing npm or
// tmux fails the test, it does not skip.
import {execFileSync, spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, posix} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string; files: string[]; dependencies?: object};

let work: string;
let tarball: string;
let prefix: string;
let bin: string;
let packed: string[];

/** The environment a user's shell would give: CI unset (CLI.md), no colour, a private progress folder. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, HS_TUTOR_HOME: join(work, 'home'), NO_COLOR: '1', ...extra};
  delete env.CI;
  delete env.FORCE_COLOR;
  return env;
}

function run(command: string, args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; stdin?: 'ignore' | 'pipe'} = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {cwd: options.cwd ?? work, env: options.env ?? userEnv(), encoding: 'utf8', stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'], timeout: 120_000});
  if (result.error) throw result.error;
  return result;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hs-tutor-pack-'));
  const source = join(work, 'source');
  mkdirSync(source);
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'bin', 'src', 'lessons', 'scripts']) {
    cpSync(join(root, entry), join(source, entry), {recursive: true});
  }
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
  // npm's own output (notices, the file list) goes to stderr; stdout names the tarball.
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], {cwd: source, env: {...process.env, npm_config_loglevel: 'error'}});
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}):\n${pack.stderr}`);
  const [report] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {filename: string; files: {path: string}[]}[];
  tarball = join(work, report!.filename);
  packed = report!.files.map((f) => f.path);

  prefix = join(work, 'prefix');
  mkdirSync(prefix);
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], {env: {...process.env, npm_config_loglevel: 'error'}});
  if (install.status !== 0) throw new Error(`npm install --offline failed (${install.status}):\n${install.stderr}`);
  bin = join(prefix, 'node_modules', '.bin', 'hs-tutor');
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, {recursive: true, force: true});
});

describe('the packed tarball, installed offline', {timeout: 60_000}, () => {
  it('holds every file the installed program can import at run time, and nothing else', () => {
    // Walk the imports (static and dynamic) from bin/hs-tutor.js through the installed files.
    const installedRoot = join(prefix, 'node_modules', 'hs-tutor');
    const reachable = new Set<string>();
    const walk = (file: string) => {
      if (reachable.has(file)) return;
      reachable.add(file);
      if (!packed.includes(file)) return; // reported below
      const text = readFileSync(join(installedRoot, file), 'utf8');
      for (const match of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) walk(posix.normalize(posix.join(posix.dirname(file), match[1]!)));
    };
    walk('bin/hs-tutor.js');
    expect([...reachable]).toContain('dist/cli/first-paint.js');
    expect([...reachable]).toContain('dist/cli/main.js');
    for (const file of reachable) expect(packed, `${file} is imported at run time but not in the tarball`).toContain(file);
    const lessons = readdirSync(join(root, 'lessons')).filter((name) => name.endsWith('.md')).map((name) => `lessons/${name}`);
    expect(packed.filter((p) => p.startsWith('lessons/')).sort()).toEqual(lessons.sort());
    // Nothing else: no source maps, build metadata or sources.
    expect(packed.filter((p) => !reachable.has(p) && !lessons.includes(p)).sort()).toEqual(['README.md', 'package.json']);
    expect(pkg.dependencies).toBeUndefined();
    const installed = JSON.parse(readFileSync(join(prefix, 'node_modules', 'hs-tutor', 'package.json'), 'utf8')) as {dependencies?: object};
    expect(installed.dependencies).toBeUndefined();
    expect(readdirSync(join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['hs-tutor']);
  });

  it('--version prints the package version', () => {
    const result = run(bin, ['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it('show tls13 --json prints the trace', () => {
    const result = run(bin, ['show', 'tls13', '--json']);
    expect(result.status).toBe(0);
    const trace = JSON.parse(result.stdout) as {scenario: string; frames: {id: string}[]};
    expect(trace.scenario).toBe('tls13');
    expect(trace.frames[0]?.id).toBe('syn');
  });

  it('list finds the built-in lessons inside the installed package', () => {
    const result = run(bin, ['list', '--json']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const listed = JSON.parse(result.stdout) as {lessons: {id: string; source: string}[]};
    const builtIn = readdirSync(join(root, 'lessons')).filter((name) => name.endsWith('.md'));
    expect(listed.lessons.filter((l) => l.source === 'built-in')).toHaveLength(builtIn.length);
  });

  it('with stdin from /dev/null it exits 2 with one sentence, not a raw-mode error', () => {
    const result = run(bin, [], {stdin: 'ignore'});
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/[.]$/);
    expect(result.stderr).not.toMatch(/raw mode/i);
  });

  it('runs interactively in a 100×30 terminal: the home screen, and q quits with exit 0', async () => {
    const socket = `hs-tutor-pack-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
    const command = `env -u CI HS_TUTOR_HOME='${join(work, 'home')}' TERM=xterm-256color '${bin}' 2>'${join(work, 'stderr.txt')}'; echo "EXIT=$?"; sleep 600`;
    tmux('new-session', '-d', '-s', 'pack', '-x', '100', '-y', '30', 'sh', '-c', command);
    const waitFor = async (pattern: RegExp): Promise<string> => {
      const start = Date.now();
      for (;;) {
        const screen = tmux('capture-pane', '-p', '-t', 'pack');
        if (pattern.test(screen)) return screen;
        if (Date.now() - start > 30_000) {
          throw new Error(`timed out waiting for ${String(pattern)}; the screen was:\n${screen}\nand stderr:\n${readFileSync(join(work, 'stderr.txt'), 'utf8')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      const home = await waitFor(/Pick a lesson/);
      expect(home).toContain('The TCP three-way handshake');
      tmux('send-keys', '-t', 'pack', 'q');
      await waitFor(/EXIT=0/);
    } finally {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    }
  });
});
