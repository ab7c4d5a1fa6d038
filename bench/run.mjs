// `npm run bench`: builds the program, runs the four benchmarks (each against a baseline measured
// in the same run), prints their figures, and ends with the README's "Performance" table in
// Markdown. These are printed figures, never pass/fail tests: a busy machine slows them, which is
// why each compares with its own in-run baseline and the load average is printed alongside.
// The methods are described at the top of each script.
import {execFileSync} from 'node:child_process';
import {cpus, loadavg} from 'node:os';
import {fileURLToPath} from 'node:url';
import {keys} from './keys.mjs';
import {memory} from './memory.mjs';
import {pack} from './pack.mjs';
import {startup} from './startup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loads = [load()];
const say = (line) => process.stderr.write(`${line}\n`);

execFileSync(process.execPath, ['scripts/build.mjs'], {cwd: root, stdio: 'inherit'});

say('(a) start-up: 10 interleaved rounds…');
const a = await startup(10);
say(`    node -e 0 ${a.base.map((v) => v.toFixed(0)).join(' ')} ms`);
say(`    hs-tutor  ${a.app.map((v) => v.toFixed(0)).join(' ')} ms`);
say(`    answers a key pressed at once: ${a.answered.map((v) => v.toFixed(0)).join(' ')} ms`);
loads.push(load());
say('(b) key press to frame…');
const b = await keys(3);
say(`    ${b.samples.length} presses on ${b.target.lesson} part ${b.target.part + 1} (${b.target.scenario}, ${b.target.frames} frames): p50 ${b.p50.toFixed(1)} ms, max ${b.max.toFixed(1)} ms`);
say(`    p95 of the first round (frames drawn for the first time) ${b.firstRoundP95.toFixed(1)} ms, of the later rounds ${b.laterRoundsP95.toFixed(1)} ms`);
loads.push(load());
say('(c) peak memory, every frame of every lesson…');
const c = await memory();
say(`    ${c.frames} frames; home screen alone ${(c.homeKiB / 1024).toFixed(1)} MiB`);
loads.push(load());
say('(d) tarball and offline install…');
const d = await pack(5);
say(`    install ${d.times.map((v) => v.toFixed(0)).join(' ')} ms; empty package ${d.base.map((v) => v.toFixed(0)).join(' ')} ms`);
loads.push(load());

const yes = (ok) => (ok ? 'yes' : '**no**');
const ms = (v) => `${v.toFixed(0)} ms`;
const mib = (k) => `${(k / 1024).toFixed(1)} MiB`;
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const rows = [
  ['Start-up to the complete home screen, 100×30 pty (median of 10)', ms(a.appMedian), `\`node -e 0\`: ${ms(a.baseMedian)}`, `${a.ratio.toFixed(2)}×`, '≤ 2.0×', yes(a.ratio <= 2)],
  ['Start-up until a key pressed at once is answered (Ink loaded; median)', ms(a.answeredMedian), `\`node -e 0\`: ${ms(a.baseMedian)}`, `${(a.answeredMedian / a.baseMedian).toFixed(2)}×`, '—', '—'],
  [
    `Key press to next frame, lesson player, longest scenario (p95 of ${b.samples.length})`,
    `${b.p95.toFixed(1)} ms (p50 ${b.p50.toFixed(1)}; first visits ${b.firstRoundP95.toFixed(1)}, revisits ${b.laterRoundsP95.toFixed(1)})`,
    `raw echo, same pty: ${b.baseP95.toFixed(1)} ms`,
    `${(b.p95 / b.baseP95).toFixed(1)}×`,
    'p95 ≤ 16 ms',
    yes(b.p95 <= 16),
  ],
  [`Peak RSS, one session through all ${c.frames} frames of ${c.lessons} lessons`, `${mib(c.kib)} (home screen: ${mib(c.homeKiB)})`, `bare \`node\`: ${mib(c.baseKiB)}`, `${(c.kib / c.baseKiB).toFixed(2)}×`, '≤ 80 MiB', yes(c.kib / 1024 <= 80)],
  [`Packed tarball (${d.files} files, ${kib(d.unpackedBytes)} unpacked, ${d.runtimeDependencies} runtime dependencies)`, kib(d.tarballBytes), `Ink + React alone, bundled, gzip: ${kib(d.ink.gzip)}`, `${(d.tarballBytes / d.ink.gzip).toFixed(2)}×`, 'no runtime dependencies', yes(d.runtimeDependencies === 0)],
  ['`npm install --offline` of the tarball (median of 5)', ms(d.installMs), `empty package: ${ms(d.baseInstallMs)}`, `${(d.installMs / d.baseInstallMs).toFixed(2)}×`, 'works offline', 'yes'],
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
