import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {KNOB_NAMES} from '../../src/engine/knobs.js';
import {hsTutor, hsTutorProcess, isOneSentence, packageJsonPath} from './run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const version = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {version: string}).version;

describe('global flags', () => {
  it.each([['--version'], ['-v']])('%s prints the version of package.json', async (flag) => {
    const result = await hsTutor([flag]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.stderr).toBe('');
  });

  it.each([['--help'], ['-h'], ['show', '--help']])('%s prints help with every command, knob and example', async (...args) => {
    const result = await hsTutor(args);
    expect(result.status).toBe(0);
    for (const command of ['lesson', 'quiz', 'review', 'list', 'show', 'export', 'progress', 'lessons validate', 'class']) {
      expect(result.stdout).toContain(`hs-tutor ${command}`);
    }
    for (const knob of KNOB_NAMES) expect(result.stdout).toMatch(new RegExp(`^  ${knob} `, 'm'));
    expect(result.stdout).toContain('hs-tutor show tfo-tls13-0rtt --rtt 80');
    expect(result.stdout).toContain('hs-tutor show tls13 --set hrr=on --json');
    expect(result.stdout).toContain('Exit codes');
  });

  it('accepts --lessons and --no-color anywhere', async () => {
    expect((await hsTutor(['--lessons', 'somewhere', 'list', '--no-color', '--lessons', 'else'])).status).toBe(0);
  });
});

describe('commands', () => {
  it('suggests the closest command for an unknown one', async () => {
    const result = await hsTutor(['shwo', 'tls13']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("did you mean 'show'?");
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stdout).toBe('');
  });

  it('points to --help when no command is close', async () => {
    const result = await hsTutor(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("'hs-tutor --help'");
  });

  it.each([[[]], [['lesson', 'tcp-handshake']], [['quiz']], [['quiz', '--interview']], [['review']], [['class', 'host']]])(
    'interactive command %j without a terminal exits 2 naming the plain commands',
    async (args) => {
      const result = await hsTutor(args);
      expect(result.status).toBe(2);
      expect(isOneSentence(result.stderr)).toBe(true);
      expect(result.stderr).toContain("'hs-tutor list'");
      expect(result.stderr).toContain("'hs-tutor show <scenario>'");
      expect(result.stdout).toBe('');
    },
  );

  it('suggests the closest option for an unknown one', async () => {
    const result = await hsTutor(['show', 'tls13', '--rt', '80']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("did you mean '--rtt'?");
    expect(isOneSentence(result.stderr)).toBe(true);
  });

  it.each([
    [['show', 'tls13', '--rtt']],
    [['show', 'tls13', '--json=yes']],
    [['show', 'tls13', '--seed', '-1']],
    [['list', 'extra']],
  ])('rejects malformed arguments %j with one sentence', async (args) => {
    const result = await hsTutor(args);
    expect(result.status).toBe(2);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stdout).toBe('');
  });
});

describe('--help and the tutor keys', () => {
  it('lists the lesson player keys from the same table the tutor uses', async () => {
    const {spawnSync} = await import('node:child_process');
    const {bindingsFor} = await import('../../src/ui/common/keys.js');
    const {BINDINGS} = await import('../../src/ui/app/bindings.js');
    const help = spawnSync(process.execPath, ['bin/hs-tutor.js', '--help'], {encoding: 'utf8'}).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('Keys in the tutor');
    for (const b of bindingsFor(BINDINGS, 'player').filter((x) => !x.barHidden)) expect(help).toContain(b.label);
  });
});

// What only the real executable shows: its exit status, and its behaviour at the end of a pipe.
describe('the real executable', () => {
  it('exits with the command\'s status: 0, 2 for a usage error with one sentence', () => {
    expect(hsTutorProcess(['--version']).status).toBe(0);
    const usage = hsTutorProcess(['show', 'tls14']);
    expect(usage.status).toBe(2);
    expect(isOneSentence(usage.stderr)).toBe(true);
  });

  it('a reader that stops early (| head -1) is no error: no stack trace, status 0', () => {
    const result = spawnSync('sh', ['-c', `'${process.execPath}' bin/hs-tutor.js show tls13 | head -1; echo "status=\${PIPESTATUS:-$?}"`], {cwd: root, encoding: 'utf8'});
    expect(result.stdout.split('\n')[0]).toContain('tls13');
    expect(result.stderr).toBe('');
  });
});
