// `npm run bench`: packs the program and installs the tarball into an empty prefix offline (the
// package as users meet it), runs each benchmark against that installed `hs-tutor` and against its
// baseline in the same run, and prints the README's "Performance" table in Markdown. These are
// printed figures, never pass/fail tests: a busy machine slows them, which is why each compares
// with its own in-run baseline and the load average is printed alongside. The methods are
// described at the top of each script.
import {cpus, loadavg} from 'node:os';
import {installed} from './lib/installed.mjs';
import {keys} from './keys.mjs';
import {lessonPacks} from './lesson-packs.mjs';
import {memory} from './memory.mjs';
import {pack} from './pack.mjs';
import {startup} from './startup.mjs';

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loads = [load()];
const say = (line) => process.stderr.write(`${line}\n`);

say('packing and installing the tarball offline…');
const pkg = installed();
try {
  say('(a) start-up: 10 interleaved rounds…');
  const a = await startup(pkg.bin, 10);
  say(`    node -e 0 ${a.base.map((v) => v.toFixed(0)).join(' ')} ms`);
  say(`    home      ${a.home.map((v) => v.toFixed(0)).join(' ')} ms`);
  say(`    ↓ at once ${a.key.map((v) => v.toFixed(0)).join(' ')} ms`);
  loads.push(load());
  say('(b, c) key press and knob change to frame…');
  const b = await keys(pkg.bin, 120);
  say(`    ${b.target.lesson} part ${b.target.part + 1} (${b.target.frames} frames): key p95 ${b.key.p95.toFixed(1)} ms, knob p95 ${b.knob.p95.toFixed(1)} ms, baseline p95 ${b.base.p95.toFixed(1)} ms`);
  loads.push(load());
  say('(d) peak memory, every frame of every lesson…');
  const c = await memory(pkg.bin);
  say(`    ${c.frames} frames; home ${(c.homeKiB / 1024).toFixed(1)} MiB; peak ${(c.peakKiB / 1024).toFixed(1)} MiB`);
  loads.push(load());
  say('(e) tarball and offline install…');
  const d = await pack(5);
  loads.push(load());
  say('(f) lesson packs up to their limits…');
  const f = await lessonPacks(pkg.bin, 5);
  loads.push(load());

  const yes = (ok) => (ok ? 'yes' : '**no**');
  const ms = (v) => `${v.toFixed(0)} ms`;
  const mib = (k) => `${(k / 1024).toFixed(1)} MiB`;
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const x = (r) => `${r.toFixed(2)}×`;
  const memHome = c.peakKiB / c.homeKiB;
  const memNode = c.peakKiB / c.baseKiB;
  const rows = [
    ['Installed package: start to the complete home screen, 100×30 pty (median of 10)', ms(a.homeMedian), `\`node -e 0\`: ${ms(a.baseMedian)}`, x(a.homeRatio), '≤ 1.5×', yes(a.homeRatio <= 1.5)],
    ['Installed package: start until a ↓ sent at once has moved the cursor (median of 10)', ms(a.keyMedian), `\`node -e 0\`: ${ms(a.baseMedian)}`, x(a.keyRatio), '≤ 2.5×', yes(a.keyRatio <= 2.5)],
    [`Key press → next complete frame, lesson player, longest part (p95 of ${120})`, `${b.key.p95.toFixed(1)} ms (p50 ${b.key.p50.toFixed(1)})`, `minimal Ink app, fastest settings: p95 ${b.base.p95.toFixed(1)} ms`, x(b.key.ratio), '≤ 1.0×', yes(b.key.ratio <= 1)],
    [`Knob change → re-simulated frame (p95 of ${60})`, `${b.knob.p95.toFixed(1)} ms (p50 ${b.knob.p50.toFixed(1)})`, `same baseline: p95 ${b.base.p95.toFixed(1)} ms`, x(b.knob.ratio), '≤ 1.0×', yes(b.knob.ratio <= 1)],
    [`Peak RSS through all ${c.frames} frames of ${c.lessons} lessons, against the home screen`, mib(c.peakKiB), `home screen: ${mib(c.homeKiB)}`, x(memHome), '≤ 1.25×', yes(memHome <= 1.25)],
    ['The same peak, against a bare `node` waiting for a key', mib(c.peakKiB), `bare \`node\`: ${mib(c.baseKiB)}`, x(memNode), '≤ 2×', yes(memNode <= 2)],
    [`Packed tarball (${d.files} files, ${kib(d.unpackedBytes)} unpacked, ${d.runtimeDependencies} runtime dependencies)`, kib(d.tarballBytes), `Ink + React alone, bundled, gzip: ${kib(d.ink.gzip)}`, x(d.tarballBytes / d.ink.gzip), 'no runtime dependencies', yes(d.runtimeDependencies === 0)],
    ['`npm install --offline` of the tarball (median of 5)', ms(d.installMs), `empty package: ${ms(d.baseInstallMs)}`, x(d.installMs / d.baseInstallMs), 'works offline', 'yes'],
    ...f.packs.map((p) => [`\`lessons validate\` of a lesson pack: ${p.name} (median of 5)`, ms(p.validate), `\`node -e 0\`: ${ms(f.base)}`, x(p.validate / f.base), 'under 1 s', yes(p.validate < 1000)]),
  ];
  const cpu = cpus();
  const table = [
    '| figure | measured | baseline (same run) | ratio | target | met? |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node.js ${process.versions.node}; load average (1, 5, 15 min) ${loads.join(' → ')}.`,
  ];
  console.log(table.join('\n'));
} finally {
  pkg.cleanup();
}
