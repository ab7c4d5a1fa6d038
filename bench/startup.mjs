// (a) Start-up of the installed package, in a 100×30 pseudo-terminal, against `node -e 0` in the
// same pseudo-terminal: (1) from process start to the complete home screen; (2) from process start
// until a Down arrow sent at once has visibly moved the menu cursor (the program answers keys).
//
// Method: bench/lib/pty.mjs starts each command under util-linux `script` after `stty cols 100
// rows 30`; the shell prints a marker and then execs the command, so the clock starts when the
// marker arrives. The baseline ends when the end marker after `node -e 0` arrives. (1) ends when a
// complete frame (between the synchronized-output markers) holding the home screen's first and
// last lines has arrived; (2) sends ↓ the moment the start marker arrives and ends at the frame
// with the cursor on the second lesson. Rounds interleave the baseline and the program (a busy
// machine slows both) with a fresh HS_TUTOR_HOME each: a workshop laptop's first run. Figures are
// medians of the rounds.
// `node bench/startup.mjs [rounds] [hs-tutor command]`
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {root} from './lib/installed.mjs';
import {median, Pty, terminalEnv} from './lib/pty.mjs';

const HOME_FIRST = 'hs-tutor · how TCP, TLS and QUIC connections open and close';
const HOME_LAST = 'esc quit';
const SECOND_LESSON = /› \[ \] Closing a TCP connection/;

async function baseline() {
  const pty = new Pty({command: `${process.execPath} -e 0`, cwd: root, exec: false});
  const start = await pty.ready();
  const {at} = await pty.ended();
  await pty.exited;
  return at - start;
}

async function program(bin, pressAtOnce) {
  const home = mkdtempSync(join(tmpdir(), 'hs-tutor-bench-'));
  const pty = new Pty({command: bin, cwd: root, env: terminalEnv({HS_TUTOR_HOME: home})});
  try {
    const start = await pty.ready();
    let at;
    if (pressAtOnce) {
      pty.send('\x1b[B');
      ({at} = await pty.frame([SECOND_LESSON]));
    } else {
      ({at} = await pty.frame([HOME_FIRST, HOME_LAST]));
    }
    pty.send('q');
    const code = await pty.exited;
    if (code !== 0) throw new Error(`hs-tutor exited with ${code}`);
    return at - start;
  } finally {
    pty.kill();
    rmSync(home, {recursive: true, force: true});
  }
}

export async function startup(bin, rounds = 10) {
  await baseline();
  await program(bin, false); // warm the file cache
  const base = [];
  const home = [];
  const key = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await baseline());
    home.push(await program(bin, false));
    key.push(await program(bin, true));
  }
  const b = median(base);
  return {base, home, key, baseMedian: b, homeMedian: median(home), keyMedian: median(key), homeRatio: median(home) / b, keyRatio: median(key) / b};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {installed} = await import('./lib/installed.mjs');
  const pkg = process.argv[3] ? undefined : installed();
  try {
    const r = await startup(process.argv[3] ?? pkg.bin, Number(process.argv[2] ?? 10));
    console.log(`node -e 0:            median ${r.baseMedian.toFixed(0)} ms  (${r.base.map((v) => v.toFixed(0)).join(' ')})`);
    console.log(`home screen complete: median ${r.homeMedian.toFixed(0)} ms  ${r.homeRatio.toFixed(2)}× (target ≤ 1.5×)`);
    console.log(`↓ at once answered:   median ${r.keyMedian.toFixed(0)} ms  ${r.keyRatio.toFixed(2)}× (target ≤ 2.5×)`);
  } finally {
    pkg?.cleanup();
  }
}
