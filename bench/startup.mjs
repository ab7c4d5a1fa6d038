// (a) Start-up: from process start to the first complete home screen, in a 100×30 pseudo-terminal,
// against `node -e 0` in the same pseudo-terminal.
//
// Method: bench/lib/pty.mjs starts each command under util-linux `script` after `stty cols 100
// rows 30`; the shell prints a marker and then runs the command, so both clocks start when the
// marker arrives; both run as `<command>; printf <end marker>` under the same shell. The
// baseline ends when the shell's end marker after `node -e 0` arrives (node has exited). The
// program's time ends when a complete frame (between Ink's synchronized-output markers) holding
// the home screen's first and last lines has arrived. Each round runs the baseline and the
// program back to back (interleaved, so a busy machine slows both), with a fresh HS_TUTOR_HOME:
// the first-run experience of a workshop laptop. The figure is the median of the rounds. The
// home screen is painted before Ink has loaded (src/cli/first-paint.ts), so the script also
// presses a key the moment the screen is complete and times the frame that answers it: when
// Ink has taken over and the program can be used.
// `node bench/startup.mjs [rounds]`
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {median, Pty, terminalEnv} from './lib/pty.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOME_FIRST = 'hs-tutor · how TCP, TLS and QUIC connections open and close';
const HOME_LAST = 'esc quit';

async function baseline() {
  const pty = new Pty({command: `${process.execPath} -e 0`, cwd: root, exec: false});
  const start = await pty.ready();
  const {at} = await pty.ended();
  await pty.exited;
  return at - start;
}

async function program(args = '', env = {}) {
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pty = new Pty({command: `${process.execPath} bin/hs-tutor.js ${args}`, cwd: root, env: terminalEnv({HS_TUTOR_HOME: home, ...env}), exec: false});
  try {
    const start = await pty.ready();
    const {at, end} = await pty.frame([HOME_FIRST, HOME_LAST]);
    // Then at once a key, as an impatient person would: its frame (the cursor on the second
    // item) comes when Ink has loaded and drawn, which is when the program can be used.
    pty.send('j');
    const {at: answered} = await pty.frame([/\n› /], {from: end});
    pty.send('q');
    const code = await pty.exited;
    if (code !== 0) throw new Error(`hs-tutor exited with ${code}`);
    return {home: at - start, answered: answered - start};
  } finally {
    pty.kill();
    rmSync(home, {recursive: true, force: true});
  }
}

export async function startup(rounds = 10) {
  await baseline();
  await program(); // warm the file cache
  const base = [];
  const app = [];
  const answered = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await baseline());
    const run = await program();
    app.push(run.home);
    answered.push(run.answered);
  }
  return {base, app, answered, baseMedian: median(base), appMedian: median(app), answeredMedian: median(answered), ratio: median(app) / median(base)};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await startup(Number(process.argv[2] ?? 10));
  console.log(`node -e 0:        median ${r.baseMedian.toFixed(0)} ms  (${r.base.map((v) => v.toFixed(0)).join(' ')})`);
  console.log(`hs-tutor home:    median ${r.appMedian.toFixed(0)} ms  (${r.app.map((v) => v.toFixed(0)).join(' ')})`);
  console.log(`ratio ${r.ratio.toFixed(2)}× (target ≤ 2.0×)`);
  console.log(`a key pressed at once is answered after: median ${r.answeredMedian.toFixed(0)} ms (${(r.answeredMedian / r.baseMedian).toFixed(2)}×)`);
}
