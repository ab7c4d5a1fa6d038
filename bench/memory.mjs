// (d) Peak resident memory of one installed `hs-tutor` session that steps through every frame of
// every built-in lesson, against the same process at its home screen and against a bare `node`.
//
// Method: tmux is the terminal (100×30), so the screen can be read whatever Ink redraws; keys go
// in with send-keys and each is followed by waiting for the screen it must produce. From the home
// screen (fresh HS_TUTOR_HOME) each lesson is opened in `list --json` order, each part stepped from
// its first frame to its last with `l`, then `q` back home. Figures from /proc/<pid>/status: the
// home screen's VmRSS (after the cursor has moved, so Ink runs), and VmHWM (peak) at the end. The
// baseline is VmHWM of a bare `node` waiting for a key in the same kind of tmux pane.
// `node bench/memory.mjs [hs-tutor command]`
import {execFileSync, execSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {sleep} from './lib/pty.mjs';

let sockets = 0;

class Pane {
  constructor(command) {
    this.socket = `hs-tutor-bench-${process.pid}-${sockets++}`;
    this.tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', `${command}; sleep 600`);
  }
  tmux(...args) {
    return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
  }
  screen() {
    return this.tmux('capture-pane', '-p', '-t', 'b');
  }
  keys(...keys) {
    this.tmux('send-keys', '-t', 'b', ...keys);
  }
  async waitFor(test, what) {
    for (let i = 0; i < 3000; i++) {
      const screen = this.screen();
      if (test(screen)) return screen;
      await sleep(5);
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${this.screen()}`);
  }
  /** The program's pid: the pane's shell's child. */
  pid() {
    const shell = this.tmux('display-message', '-p', '-t', 'b', '#{pane_pid}').trim();
    return Number(execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]);
  }
  kill() {
    try {
      this.tmux('kill-server');
    } catch {
      // gone already
    }
  }
}

const kib = (pid, key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

async function bareNode() {
  const pane = new Pane(`${process.execPath} -e "process.stdin.setRawMode(true);process.stdout.write('READY');process.stdin.once('data',()=>process.exit(0))"`);
  try {
    await pane.waitFor((s) => s.includes('READY'), 'node');
    await sleep(300);
    return kib(pane.pid(), 'VmHWM');
  } finally {
    pane.kill();
  }
}

export async function memory(bin) {
  const {lessons} = JSON.parse(execSync(`${bin} list --json`, {encoding: 'utf8', maxBuffer: 64 << 20}));
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pane = new Pane(`env -u CI HS_TUTOR_HOME=${home} TERM=xterm-256color ${bin}`);
  let frames = 0;
  try {
    await pane.waitFor((s) => s.includes('Pick a lesson'), 'the home screen');
    // A key's answer from Ink (the first paint answers ↓ ↑ too, so wait for the drawn result).
    pane.keys('j');
    await pane.waitFor((s) => /\n› \[.\] Closing/.test(s), 'the cursor on the second lesson');
    pane.keys('k');
    await pane.waitFor((s) => /\n› \[.\] The TCP three-way/.test(s), 'the cursor back');
    await sleep(1500);
    const pid = pane.pid();
    const homeKiB = kib(pid, 'VmRSS');
    for (const lesson of lessons) {
      for (let guard = 0; ; guard++) {
        const lines = pane.screen().split('\n');
        const cursor = lines.findIndex((l) => l.startsWith('› '));
        const wanted = lines.findIndex((l) => /^[ ›] \[.\] /.test(l) && l.includes(lesson.title.slice(0, 40)));
        if (cursor === -1 || guard > 60) throw new Error(`cannot find '${lesson.title}' on the home screen:\n${lines.join('\n')}`);
        if (cursor === wanted) break;
        const before = pane.screen();
        // Not in view yet: the lessons are in order, so it is further down the list.
        pane.keys(wanted === -1 || wanted > cursor ? 'j' : 'k');
        await pane.waitFor((s) => s !== before, 'the cursor to move');
      }
      pane.keys('Enter');
      await pane.waitFor((s) => /frame \d+\/\d+/.test(s), `${lesson.id} to open`);
      for (let part = 0; part < lesson.parts.length; part++) {
        pane.keys('g');
        const first = await pane.waitFor((s) => /frame 1\/\d+/.test(s), 'the first frame');
        const total = Number(/frame 1\/(\d+)/.exec(first)[1]);
        frames += 1;
        for (let f = 2; f <= total; f++) {
          // A checkpoint asks before the frame moves on: its answer is shown (s), as a learner
          // who wants to see everything would, until none is left on this frame.
          for (let ask = 0; pane.screen().includes('(predict: press 1–') && ask < 6; ask++) {
            const asked = pane.screen();
            pane.keys('s');
            await pane.waitFor((s) => s !== asked, 'the answer shown');
          }
          pane.keys('l');
          await pane.waitFor((s) => s.includes(`frame ${f}/${total}`), `frame ${f}/${total} of ${lesson.id}`);
          frames += 1;
        }
        if (process.env.HS_BENCH_TRACE === 'parts') process.stderr.write(`  ${lesson.id} part ${part + 1}: peak ${(kib(pane.pid(), 'VmHWM') / 1024).toFixed(1)} MiB\n`);
        if (part < lesson.parts.length - 1) {
          const before = pane.screen();
          pane.keys(']');
          await pane.waitFor((s) => s !== before && /frame 1\//.test(s), 'the next part');
        }
      }
      pane.keys('q');
      await pane.waitFor((s) => s.includes('Pick a lesson'), 'the home screen again');
      // HS_BENCH_TRACE=1: where the peak grows, lesson by lesson (=parts: part by part too), to find what to make lighter.
      if (process.env.HS_BENCH_TRACE) process.stderr.write(`${lesson.id}: peak ${(kib(pid, 'VmHWM') / 1024).toFixed(1)} MiB, now ${(kib(pid, 'VmRSS') / 1024).toFixed(1)} MiB\n`);
    }
    const peakKiB = kib(pid, 'VmHWM');
    pane.keys('q');
    return {peakKiB, homeKiB, frames, lessons: lessons.length, baseKiB: await bareNode()};
  } finally {
    pane.kill();
    rmSync(home, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {installed} = await import('./lib/installed.mjs');
  const pkg = process.argv[2] ? undefined : installed();
  try {
    const r = await memory(process.argv[2] ?? pkg.bin);
    const mib = (k) => (k / 1024).toFixed(1);
    console.log(`${r.frames} frames of ${r.lessons} lessons: peak RSS ${mib(r.peakKiB)} MiB; home screen ${mib(r.homeKiB)} MiB; bare node ${mib(r.baseKiB)} MiB`);
    console.log(`peak / home ${(r.peakKiB / r.homeKiB).toFixed(2)}× (target ≤ 1.25×); peak / bare node ${(r.peakKiB / r.baseKiB).toFixed(2)}× (target ≤ 2.0×)`);
  } finally {
    pkg?.cleanup();
  }
}
