// (c) Peak resident memory of one interactive session that steps through every frame of every
// built-in lesson.
//
// Method: the real program in a 100×30 pseudo-terminal (bench/lib/pty.mjs), started from the home
// screen with a fresh HS_TUTOR_HOME. For each lesson in `list --json` order it moves the home
// cursor to the lesson (reading the cursor from the last frame), opens it, steps with `l` to the
// last frame of each part (waiting for every frame to be drawn), goes to the next part with `]`,
// and back home with `q`. The figure is the process's VmHWM (peak RSS, /proc/<pid>/status) read
// just before it quits. The baseline is VmHWM of a bare `node` waiting for a key in the same
// pseudo-terminal (what any Node.js program costs), read the same way.
// `node bench/memory.mjs`
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Pty, sleep, terminalEnv} from './lib/pty.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

async function baseline() {
  const pty = new Pty({command: `${process.execPath} -e "process.stdin.setRawMode(true);process.stdin.once('data',()=>process.exit(0))"`, cwd: root});
  await pty.ready();
  await sleep(300);
  const kib = pty.peakRssKiB();
  pty.send('q');
  await pty.exited;
  return kib;
}

export async function memory() {
  const {lessons} = JSON.parse(execFileSync(process.execPath, ['bin/hs-tutor.js', 'list', '--json'], {cwd: root, encoding: 'utf8'}));
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pty = new Pty({command: `${process.execPath} bin/hs-tutor.js`, cwd: root, env: terminalEnv({HS_TUTOR_HOME: home})});
  let frames = 0;
  let homeKiB;
  try {
    await pty.ready();
    const {end: painted} = await pty.frame(['Pick a lesson']);
    // The first home frame may be painted before Ink loads: a key's answer means Ink is running.
    pty.send('j');
    const {end: moved} = await pty.frame([/\n› /], {from: painted});
    pty.send('k');
    await pty.frame([/^› |\n› \[/], {from: moved});
    homeKiB = pty.peakRssKiB();
    for (const lesson of lessons) {
      // Move the cursor (the line starting with ›) onto the lesson's line.
      for (;;) {
        const lines = pty.lastFrameLines();
        const cursor = lines.findIndex((l) => l.startsWith('› '));
        const wanted = lines.findIndex((l) => /^[ ›] \[.\] /.test(l) && l.includes(lesson.title.slice(0, 40)));
        if (cursor === -1 || wanted === -1) throw new Error(`cannot find the cursor or '${lesson.title}' on the home screen:\n${lines.join('\n')}`);
        if (cursor === wanted) break;
        const from = pty.output.length;
        pty.send(wanted > cursor ? 'j' : 'k');
        await pty.frame(['Pick a lesson'], {from});
      }
      let from = pty.output.length;
      pty.send('\r');
      let {end} = await pty.frame([/frame \d+\/\d+/], {from});
      for (let part = 0; part < lesson.parts.length; part++) {
        // Start each part at its first frame, then step to its last.
        if (!/frame 1\//.test(pty.lastFrameLines()[0] ?? '')) {
          from = pty.output.length;
          pty.send('g');
          ({end} = await pty.frame([/frame 1\/\d+/], {from}));
        }
        const total = Number(/frame 1\/(\d+)/.exec(pty.lastFrameLines().join('\n'))[1]);
        frames += 1;
        for (let f = 2; f <= total; f++) {
          from = pty.output.length;
          pty.send('l');
          await pty.frame([`frame ${f}/${total}`], {from});
          frames += 1;
        }
        if (part < lesson.parts.length - 1) {
          from = pty.output.length;
          pty.send(']');
          // The header is cut at 100 columns before the part number; the new part starts at frame 1.
          await pty.frame([/frame 1\/\d+/], {from});
        }
      }
      from = pty.output.length;
      pty.send('q');
      await pty.frame(['Pick a lesson'], {from});
      void end;
    }
    const kib = pty.peakRssKiB();
    pty.send('q');
    const code = await pty.exited;
    if (code !== 0) throw new Error(`hs-tutor exited with ${code}`);
    return {kib, homeKiB, frames, lessons: lessons.length, baseKiB: await baseline()};
  } finally {
    pty.kill();
    rmSync(home, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await memory();
  const mib = (k) => (k / 1024).toFixed(1);
  console.log(`${r.frames} frames of ${r.lessons} lessons: peak RSS ${mib(r.kib)} MiB (home screen alone: ${mib(r.homeKiB)} MiB) (target ≤ 80 MiB)`);
  console.log(`baseline (bare node waiting for a key): ${mib(r.baseKiB)} MiB; ratio ${(r.kib / r.baseKiB).toFixed(2)}×`);
}
