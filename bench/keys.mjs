// (b) Key press → next complete frame in the lesson player, and (c) knob change → re-simulated
// frame, both as p95 against a minimal Ink app that redraws a full 100×30 screen on every key
// with Ink's fastest settings (bench/ink-baseline.mjs: no render throttle, incremental
// rendering), in the same pseudo-terminal harness and the same run.
//
// Method: bench/lib/pty.mjs, 100×30. The installed `hs-tutor lesson <id>` opens the part with the
// most frames of any built-in lesson; each press of → (then ← on the way back, so every press
// moves to another frame) is timed from the write to the end of the next complete frame (Ink's
// synchronized-output end marker). A knob change opens the knobs panel (o), changes the first
// knob (→: TCP ↔ QUIC, a new simulation each time) and closes it (o); the slower of the change and
// the close is the figure, each timed the same way. The baseline app gets the same number of
// presses. A person presses keys tens of milliseconds apart: the next key waits 25 ms.
// `node bench/keys.mjs [presses] [hs-tutor command]`
import {execFileSync, execSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {root} from './lib/installed.mjs';
import {median, percentile, Pty, sleep, terminalEnv} from './lib/pty.mjs';

/** The lesson part with the most frames: {lesson, part, frames}. */
export function longestPart(bin) {
  const cli = (...args) => execSync(`${bin} ${args.map((a) => `'${a}'`).join(' ')}`, {encoding: 'utf8', maxBuffer: 64 << 20});
  const {lessons} = JSON.parse(cli('list', '--json'));
  let best;
  for (const lesson of lessons) {
    lesson.parts.forEach((part, index) => {
      const sets = Object.entries(part.set ?? {}).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
      const frames = JSON.parse(cli('show', part.scenario, ...sets, '--json')).frames.length;
      if (!best || frames > best.frames) best = {lesson: lesson.id, part: index, frames};
    });
  }
  return best;
}

/** Presses `key(i)` n times; each time the time from the write to the end of the next frame. */
async function timed(pty, n, key) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const from = pty.output.length;
    const sent = pty.send(key(i));
    const {at} = await pty.frame([], {from});
    out.push(at - sent);
    await sleep(25);
  }
  return out;
}

async function baseline(n) {
  const pty = new Pty({command: `${process.execPath} bench/ink-baseline.mjs`, cwd: root});
  try {
    await pty.ready();
    await pty.frame(['baseline']);
    return await timed(pty, n, () => 'x');
  } finally {
    pty.kill();
  }
}

async function player(bin, target, n, knobs) {
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pty = new Pty({command: `${bin} lesson ${target.lesson}`, cwd: root, env: terminalEnv({HS_TUTOR_HOME: home})});
  try {
    await pty.ready();
    await pty.frame([/frame 1\//]);
    for (let p = 0; p < target.part; p++) {
      const from = pty.output.length;
      pty.send(']');
      await pty.frame([], {from});
    }
    if (!knobs) {
      // Back and forth over the part, by the frame the header shows: a checkpoint takes a first →
      // to point at it (a frame drawn all the same), so a count of presses would drift; ← is never
      // pressed on the first frame nor → on the last (they would draw nothing).
      let step = 1;
      return await timed(pty, n, () => {
        const shown = [...pty.output.matchAll(/frame (\d+)\/(\d+)/g)].at(-1);
        const [at, of] = shown ? [Number(shown[1]), Number(shown[2])] : [1, target.frames];
        if (at >= of) step = -1;
        else if (at <= 1) step = 1;
        return step > 0 ? '\x1b[C' : '\x1b[D';
      });
    }
    const out = [];
    for (let i = 0; i < n; i++) {
      let from = pty.output.length;
      pty.send('o');
      await pty.frame([], {from});
      await sleep(25);
      const [change] = await timed(pty, 1, () => '\x1b[C');
      const [close] = await timed(pty, 1, () => 'o');
      out.push(Math.max(change, close));
      from = pty.output.length;
    }
    return out;
  } finally {
    pty.kill();
    rmSync(home, {recursive: true, force: true});
  }
}

export async function keys(bin, presses = 120) {
  const target = longestPart(bin);
  const base = await baseline(presses);
  const app = await player(bin, target, presses, false);
  const knob = await player(bin, target, Math.ceil(presses / 2), true);
  const p95 = (xs) => percentile(xs, 95);
  return {
    target,
    base: {p95: p95(base), p50: median(base)},
    key: {p95: p95(app), p50: median(app), ratio: p95(app) / p95(base)},
    knob: {p95: p95(knob), p50: median(knob), ratio: p95(knob) / p95(base)},
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {installed} = await import('./lib/installed.mjs');
  const pkg = process.argv[3] ? undefined : installed();
  try {
    const r = await keys(process.argv[3] ?? pkg.bin, Number(process.argv[2] ?? 120));
    console.log(`longest part: ${r.target.lesson} part ${r.target.part + 1} (${r.target.frames} frames)`);
    console.log(`baseline Ink app: p95 ${r.base.p95.toFixed(1)} ms (p50 ${r.base.p50.toFixed(1)})`);
    console.log(`key → frame:      p95 ${r.key.p95.toFixed(1)} ms (p50 ${r.key.p50.toFixed(1)}) ${r.key.ratio.toFixed(2)}× (target ≤ 1.0×)`);
    console.log(`knob → frame:     p95 ${r.knob.p95.toFixed(1)} ms (p50 ${r.knob.p50.toFixed(1)}) ${r.knob.ratio.toFixed(2)}× (target ≤ 1.0×)`);
  } finally {
    pkg?.cleanup();
  }
}
