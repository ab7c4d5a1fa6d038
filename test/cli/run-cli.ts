// Runs the real executable, as a user or a script would, on the built program in dist/.
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

if (!existsSync(`${root}/dist/cli/main.js`)) {
  throw new Error("The CLI tests run the built program: run 'npm run build' first (npm test does).");
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** stdin is a pipe, never a terminal, as in CI and scripts. */
export function hsTutor(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, ['bin/hs-tutor.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {...process.env, ...env},
  });
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** CLI.md: a user mistake is one sentence on stderr, no stack trace. */
export function isOneSentence(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n');
  return lines.length === 1 && /[.?]$/.test(lines[0] ?? '') && !stderr.includes('    at ');
}

export const packageJsonPath = `${root}/package.json`;
