// The package as users meet it: packed with `npm pack` (whose prepack builds a clean dist/) from a
// copy of the sources, and installed with `npm install --offline` into an empty prefix. Every
// benchmark runs this installed `hs-tutor`, not the checkout.
import {spawnSync} from 'node:child_process';
import {cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const quiet = {...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false'};

export function npm(args, cwd) {
  const result = spawnSync('npm', args, {cwd, env: quiet, encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Packs the checkout; returns the tarball, npm's report of it, and the work folder to remove. */
export function packTarball() {
  const work = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-pack-'));
  const source = join(work, 'source');
  mkdirSync(source);
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'bin', 'src', 'lessons', 'scripts']) {
    cpSync(join(root, entry), join(source, entry), {recursive: true});
  }
  symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
  const out = npm(['pack', '--json', '--pack-destination', work], source);
  const [report] = JSON.parse(out.slice(out.indexOf('[')));
  return {work, tarball: join(work, report.filename), report};
}

/** Installs `tarball` into a new empty prefix; returns the installed `hs-tutor` command. */
export function installTarball(tarball, work, name = 'installed') {
  const prefix = join(work, name);
  mkdirSync(prefix);
  npm(['install', '--global', '--offline', '--prefix', prefix, tarball], work);
  return {prefix, bin: join(prefix, 'bin', 'hs-tutor')};
}

/** Packs and installs once: what the other benchmarks run. */
export function installed() {
  const {work, tarball, report} = packTarball();
  const {bin} = installTarball(tarball, work);
  return {bin, tarball, report, work, cleanup: () => rmSync(work, {recursive: true, force: true})};
}
