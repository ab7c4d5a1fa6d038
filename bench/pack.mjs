// (d) The packed tarball's size, and how long `npm install --offline` of it takes.
//
// Method: the package is packed as bench/lib/installed.mjs does (a copy of the sources, `npm pack`,
// whose prepack builds a clean dist/). Each round installs the tarball
// with `npm install --offline` into a new empty prefix. The baseline, in the same rounds, installs
// a tarball holding nothing but a package.json: npm's own fixed cost for a one-package install.
// Size is compared with Ink 6.8 and React 19 alone, bundled the same way (esbuild, minified ESM,
// production) and gzipped: what any Ink program of this kind starts from.
// `node bench/pack.mjs [rounds]`
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gzipSync} from 'node:zlib';
import * as esbuild from 'esbuild';
import {npm, packTarball, root} from './lib/installed.mjs';
import {median} from './lib/pty.mjs';


function install(tarball, work, i) {
  const prefix = join(work, `prefix-${i}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(prefix);
  const start = performance.now();
  npm(['install', '--offline', '--prefix', prefix, tarball], work);
  const ms = performance.now() - start;
  rmSync(prefix, {recursive: true, force: true});
  return ms;
}

async function inkAlone(work) {
  const entry = join(work, 'ink-hello.mjs');
  writeFileSync(entry, "import React from 'react'; import {render, Text} from 'ink'; render(React.createElement(Text, null, 'hello'));\n");
  const result = await esbuild.build({
    entryPoints: [entry],
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    define: {'process.env.NODE_ENV': '"production"'},
    plugins: [{name: 'stub', setup: (b) => b.onResolve({filter: /^\.\/devtools\.js$/}, () => ({path: join(root, 'scripts/bundle/ink-devtools-stub.mjs')}))}],
    logLevel: 'error',
  });
  const bytes = Buffer.concat(result.outputFiles.map((f) => Buffer.from(f.contents)));
  return {bytes: bytes.length, gzip: gzipSync(bytes, {level: 9}).length};
}

export async function pack(rounds = 5) {
  const {work, tarball, report} = packTarball();
  try {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'package.json'), JSON.stringify({name: 'bench-empty', version: '1.0.0'}));
    const emptyOut = npm(['pack', '--json', '--pack-destination', work], empty);
    const emptyTarball = join(work, JSON.parse(emptyOut.slice(emptyOut.indexOf('[')))[0].filename);

    install(tarball, work, 'warm');
    install(emptyTarball, work, 'warm');
    const times = [];
    const base = [];
    for (let i = 0; i < rounds; i++) {
      base.push(install(emptyTarball, work, `e${i}`));
      times.push(install(tarball, work, i));
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return {
      tarballBytes: statSync(tarball).size,
      unpackedBytes: report.unpackedSize,
      files: report.entryCount,
      runtimeDependencies: Object.keys(pkg.dependencies ?? {}).length,
      ink: await inkAlone(work),
      installMs: median(times),
      baseInstallMs: median(base),
      times,
      base,
    };
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await pack(Number(process.argv[2] ?? 5));
  const kb = (b) => (b / 1024).toFixed(0);
  console.log(`tarball ${kb(r.tarballBytes)} KiB (${r.files} files, ${kb(r.unpackedBytes)} KiB unpacked, ${r.runtimeDependencies} runtime dependencies)`);
  console.log(`Ink + React alone, bundled and gzipped: ${kb(r.ink.gzip)} KiB (${kb(r.ink.bytes)} KiB); ratio ${(r.tarballBytes / r.ink.gzip).toFixed(2)}×`);
  console.log(`npm install --offline: median ${r.installMs.toFixed(0)} ms (${r.times.map((t) => t.toFixed(0)).join(' ')}); empty package ${r.baseInstallMs.toFixed(0)} ms; ratio ${(r.installMs / r.baseInstallMs).toFixed(2)}×`);
}
