// A tiny pseudo-terminal harness for the benchmarks: util-linux `script` gives the program a real
// pty (sized with stty before the program starts), its output arrives on a pipe here, each chunk
// stamped with performance.now(), and keys go in through script's stdin.
//
// Every command runs as `stty cols C rows R; printf '\001S<pid>\001'; exec <command>`: the marker
// is written by the shell that then becomes the program (exec keeps the pid), so "process start"
// is timed from the moment the marker reaches us, and a baseline run through the same harness pays
// the same delivery delays as the program measured against it.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';

export const BSU = '\x1b[?2026h';
export const ESU = '\x1b[?2026l';
// CSI, OSC and two-character escapes: enough to read Ink's output as text.
const ESCAPES = /\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_78=>]/g;
export const strip = (text) => text.replace(ESCAPES, '');

/** The environment of a person at a terminal: CI unset (CLI.md), a real TERM, no forced colour. */
export function terminalEnv(extra = {}) {
  const env = {...process.env, TERM: 'xterm-256color', ...extra};
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'FORCE_COLOR', 'NO_COLOR']) if (!(name in extra)) delete env[name];
  return env;
}

export class Pty {
  /**
   * With `exec: false` the shell stays and prints an end marker (\001E\001) once the command has
   * exited: `ended()` waits for it. The pid is then the shell's.
   * @param {{command: string, cwd?: string, env?: NodeJS.ProcessEnv, columns?: number, rows?: number, exec?: boolean}} options
   */
  constructor({command, cwd, env = terminalEnv(), columns = 100, rows = 30, exec = true}) {
    this.output = '';
    this.chunks = []; // {at, start, end}: where each chunk landed in `output`
    this.started = undefined;
    this.pid = undefined;
    this.waiters = [];
    const run = exec ? `exec ${command}` : `${command}; printf '\\001E\\001'`;
    const shell = `stty cols ${columns} rows ${rows} -echo; printf '\\001S%d\\001' $$; ${run}`;
    this.child = spawn('script', ['-q', '-e', '-c', shell, '/dev/null'], {cwd, env, stdio: ['pipe', 'pipe', 'inherit']});
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (data) => {
      const at = performance.now();
      const start = this.output.length;
      this.output += data;
      this.chunks.push({at, start, end: this.output.length});
      if (this.started === undefined) {
        const marker = /\x01S(\d+)\x01/.exec(this.output);
        if (marker) {
          this.started = at;
          this.pid = Number(marker[1]);
          this.bodyStart = marker.index + marker[0].length;
        }
      }
      for (const waiter of [...this.waiters]) waiter();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The program's output so far (after the start marker). */
  get body() {
    return this.bodyStart === undefined ? '' : this.output.slice(this.bodyStart);
  }

  /**
   * Waits until `test(output, from)` returns an index into `output` (where the awaited thing ends),
   * and resolves with the time the chunk holding that index arrived.
   */
  waitFor(test, {from = 0, timeoutMs = 30_000, what = 'output'} = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const end = this.bodyStart === undefined ? -1 : test(this.output, Math.max(from, this.bodyStart));
        if (end === -1 || end === undefined) return false;
        const chunk = this.chunks.find((c) => c.end >= end) ?? this.chunks.at(-1);
        cleanup();
        resolve({at: chunk.at, end});
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the last output was:\n${strip(this.output.slice(-2000))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  /** Waits for the end marker of an `exec: false` command. */
  ended() {
    return this.waitFor((output, from) => {
      const at = output.indexOf('\x01E\x01', from);
      return at === -1 ? -1 : at + 3;
    }, {what: 'the end marker'});
  }

  /** Waits for the start marker. */
  async ready() {
    await this.waitFor(() => (this.started === undefined ? -1 : this.bodyStart), {what: 'the start marker'});
    return this.started;
  }

  /**
   * The next complete frame at or after `from` whose text contains every one of `needles`: Ink
   * writes a frame between the synchronized-output markers, so it is complete at the ESU.
   */
  frame(needles, {from = 0, timeoutMs} = {}) {
    return this.waitFor(
      (output, start) => {
        let at = start;
        for (;;) {
          const open = output.indexOf(BSU, at);
          if (open === -1) return -1;
          const close = output.indexOf(ESU, open);
          if (close === -1) return -1;
          const text = strip(output.slice(open, close));
          if (needles.every((n) => (typeof n === 'string' ? text.includes(n) : n.test(text)))) return close + ESU.length;
          at = close + ESU.length;
        }
      },
      {from, timeoutMs, what: `a frame with ${needles.map(String).join(', ')}`},
    );
  }

  /** The text of the last complete frame, as lines. */
  lastFrameLines() {
    const close = this.output.lastIndexOf(ESU);
    const open = this.output.lastIndexOf(BSU, close);
    return strip(this.output.slice(open, close)).split(/\r?\n/);
  }

  send(keys) {
    const at = performance.now();
    this.child.stdin.write(keys);
    return at;
  }

  /** Peak resident memory of the program (VmHWM), in KiB; the process must still be running. */
  peakRssKiB() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]);
  }

  kill() {
    this.child.kill('SIGKILL');
  }
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
