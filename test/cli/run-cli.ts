// Running the CLI in tests. `hsTutor` runs the command in this process (src/cli/main.ts, with
// stdout and stderr captured and the environment overridden for the call): what almost every test
// needs, in milliseconds. `hsTutorProcess` runs the real executable on the built program in dist/,
// as a user or a script would: only for what only a process shows (exit statuses of the binary,
// pipes, signals, terminals).
import {spawnSync} from 'node:child_process';
import {closeSync, existsSync, openSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {main} from '../../src/cli/main.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type Write = typeof process.stdout.write;

/** `hs-tutor <args>` in this process, stdin and stdout not terminals, as in CI and scripts. */
export async function hsTutor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write;
  const saved = {stdout: process.stdout.write, stderr: process.stderr.write};
  const before: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    before[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  try {
    const status = await main(args);
    return {status, stdout, stderr};
  } finally {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The real executable: stdin is a pipe, never a terminal. */
export function hsTutorProcess(args: string[], env: NodeJS.ProcessEnv = {}, stdoutTo?: string): CliResult {
  if (!existsSync(`${root}/dist/cli/main.js`)) {
    throw new Error("These tests run the built program: run 'npm run build' first (npm test does).");
  }
  // stdoutTo: a file (such as /dev/full) that stdout is opened on instead of a pipe.
  const out = stdoutTo === undefined ? 'pipe' : openSync(stdoutTo, 'w');
  try {
    const result = spawnSync(process.execPath, ['bin/hs-tutor.js', ...args], {cwd: root, encoding: 'utf8', env: {...process.env, ...env}, stdio: ['pipe', out, 'pipe']});
    return {status: result.status, stdout: result.stdout ?? '', stderr: result.stderr};
  } finally {
    if (typeof out === 'number') closeSync(out);
  }
}

/** CLI.md: a user mistake is one sentence on stderr, no stack trace. */
export function isOneSentence(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && /[.?]$/.test(lines[0] ?? '') && !stderr.includes('    at ');
}

export const packageJsonPath = `${root}/package.json`;
