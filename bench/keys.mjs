// (b) Key press to the next complete frame, in the lesson player, on the longest scenario.
//
// Method: the real program in a 100×30 pseudo-terminal (bench/lib/pty.mjs). The longest part of
// any built-in lesson (the most frames, found with `list --json` and `show --json`) is opened
// with `hs-tutor lesson <id>` and `]`. Then, for several rounds, `l` steps to the last frame and
// `h` back to the first: each press is timed from the write into the terminal to the arrival of
// the complete frame (Ink's synchronized-output end marker) that shows the new frame number. A
// person presses keys tens of milliseconds apart, so the next key waits 25 ms after each frame:
// longer than Ink's 60 fps render throttle, which would otherwise hold a frame back by design.
// The baseline is the same harness round trip with a program that answers each key with one
// synchronized frame at once (raw mode, no Ink): what the terminal and the harness cost.
// `node bench/keys.mjs [rounds]`
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {BSU, ESU, median, percentile, Pty, sleep, terminalEnv} from './lib/pty.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = (...args) => execFileSync(process.execPath, ['bin/hs-tutor.js', ...args], {cwd: root, encoding: 'utf8', maxBuffer: 64 << 20});

/** The lesson part with the most frames: {lesson, part, frames, scenario}. */
export function longestPart() {
  const {lessons} = JSON.parse(cli('list', '--json'));
  let best;
  for (const lesson of lessons) {
    lesson.parts.forEach((part, index) => {
      const sets = Object.entries(part.set ?? {}).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
      const frames = JSON.parse(cli('show', part.scenario, ...sets, '--json')).frames.length;
      if (!best || frames > best.frames) best = {lesson: lesson.id, part: index, frames, scenario: part.scenario, set: part.set ?? {}};
    });
  }
  return best;
}

async function echoBaseline(presses) {
  const script = `process.stdin.setRawMode(true);process.stdin.on('data',(d)=>{const k=String(d);process.stdout.write('${BSU}'+'key '+k+'${ESU}');if(k==='q')process.exit(0)})`;
  const pty = new Pty({command: `${process.execPath} -e "${script}"`, cwd: root});
  await pty.ready();
  await sleep(200);
  const samples = [];
  for (let i = 0; i < presses; i++) {
    const key = i % 2 ? 'h' : 'l';
    const from = pty.output.length;
    const sent = pty.send(key);
    const {at} = await pty.frame([`key ${key}`], {from});
    samples.push(at - sent);
    await sleep(25);
  }
  pty.send('q');
  await pty.exited;
  return samples;
}

export async function keys(rounds = 3) {
  const target = longestPart();
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pty = new Pty({command: `${process.execPath} bin/hs-tutor.js lesson ${target.lesson}`, cwd: root, env: terminalEnv({HS_TUTOR_HOME: home})});
  const samples = [];
  try {
    await pty.ready();
    await pty.frame([/frame 1\//]);
    for (let p = 0; p < target.part; p++) {
      const from = pty.output.length;
      pty.send(']');
      await pty.frame([`part ${p + 2}/`, /frame 1\//], {from});
    }
    await pty.frame([`frame 1/${target.frames}`]);
    await sleep(300);
    for (let round = 0; round < rounds; round++) {
      for (const [key, step] of [['l', 1], ['h', -1]]) {
        for (let i = 0; i < target.frames - 1; i++) {
          const frame = step === 1 ? i + 2 : target.frames - i - 1;
          const from = pty.output.length;
          const sent = pty.send(key);
          const {at} = await pty.frame([`frame ${frame}/${target.frames}`], {from});
          samples.push(at - sent);
          await sleep(25);
        }
      }
    }
    pty.send('qq');
    await pty.exited;
  } finally {
    pty.kill();
    rmSync(home, {recursive: true, force: true});
  }
  const base = await echoBaseline(samples.length);
  return {
    target,
    samples,
    base,
    p50: median(samples),
    p95: percentile(samples, 95),
    // Every press of the first round shows a frame for the first time; later rounds revisit them.
    firstRoundP95: percentile(samples.slice(0, 2 * (target.frames - 1)), 95),
    laterRoundsP95: percentile(samples.slice(2 * (target.frames - 1)), 95),
    max: Math.max(...samples),
    baseP50: median(base),
    baseP95: percentile(base, 95),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await keys(Number(process.argv[2] ?? 3));
  console.log(`longest: lesson ${r.target.lesson} part ${r.target.part + 1} (${r.target.scenario}, ${r.target.frames} frames); ${r.samples.length} presses`);
  console.log(`key → frame: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (target p95 ≤ 16 ms)`);
  console.log(`first round (each frame drawn for the first time) p95 ${r.firstRoundP95.toFixed(1)} ms; later rounds p95 ${r.laterRoundsP95.toFixed(1)} ms`);
  console.log(`baseline (raw echo through the same pty): p50 ${r.baseP50.toFixed(1)} ms, p95 ${r.baseP95.toFixed(1)} ms`);
}
