// `hs-tutor export`, run as the built program (CLI.md "pcap export", exit codes).
import {existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {keyLogFile} from '../../src/engine/bytes/keylog.js';
import {pcapFile} from '../../src/engine/bytes/pcap.js';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {simulate} from '../../src/engine/simulate.js';
import {hsTutor, isOneSentence} from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hs-tutor-export-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const traceOf = (preset: string, set: Record<string, string>, rttMs = 100, seed = 1) =>
  simulate(resolveKnobs(findPreset(preset)!.knobs, set), {rttMs, seed, scenario: preset});
const expected = (preset: string, set: Record<string, string>, rttMs = 100, seed = 1): Buffer => Buffer.from(pcapFile(traceOf(preset, set, rttMs, seed)));

describe('hs-tutor export', () => {
  it('writes the scenario as a pcap, byte for byte what the engine gives, and says where', async () => {
    const file = join(dir, 'tfo.pcap');
    const result = await hsTutor(['export', 'tfo-tls13-0rtt', '--pcap', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Wrote \d+ packets of tfo-tls13-0rtt .* to .*tfo\.pcap; .*\n$/);
    const written = readFileSync(file);
    expect(written.subarray(0, 4).toString('hex')).toBe('d4c3b2a1');
    expect(written.equals(expected('tfo-tls13-0rtt', {}))).toBe(true);
  });

  it('honours --rtt, --seed and --set', async () => {
    const file = join(dir, 'quic.pcap');
    const result = await hsTutor(['export', 'quic', '--pcap', file, '--rtt', '80', '--seed', '5', '--set', 'retry=on']);
    expect(result.status).toBe(0);
    expect(readFileSync(file).equals(expected('quic', {retry: 'on'}, 80, 5))).toBe(true);
  });

  it('refuses to overwrite a file without --force: exit 1, one sentence, the file untouched', async () => {
    const file = join(dir, 'keep.pcap');
    writeFileSync(file, 'precious');
    const result = await hsTutor(['export', 'tls13', '--pcap', file]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('precious');
    const forced = await hsTutor(['export', 'tls13', '--pcap', file, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(file).equals(expected('tls13', {}))).toBe(true);
  });

  it.each([
    ['a folder that does not exist', () => join(dir, 'no', 'such', 'x.pcap'), /does not exist/],
    ['a folder given as the file', () => dir, /is a folder/],
  ])('a path that cannot be written (%s) exits 1 with one sentence', async (_why, path, message) => {
    const result = await hsTutor(['export', 'tls13', '--pcap', path(), '--force']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(message);
  });

  it('--keylog writes the session keys beside the capture, readable by its owner only, and says how to decrypt', async () => {
    const pcap = join(dir, 'keys.pcap');
    const keylog = join(dir, 'keys.log');
    const result = await hsTutor(['export', 'quic-0rtt', '--pcap', pcap, '--keylog', keylog, '--seed', '4']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`tshark -r ${pcap} -o tls.keylog_file:${keylog}`);
    expect(readFileSync(pcap).equals(expected('quic-0rtt', {}, 100, 4))).toBe(true);
    expect(readFileSync(keylog, 'utf8')).toBe(keyLogFile(traceOf('quic-0rtt', {}, 100, 4)));
    expect(readFileSync(keylog, 'utf8')).toMatch(/^CLIENT_EARLY_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]{64}$/m);
    expect(statSync(keylog).mode & 0o777).toBe(0o600);
  });

  it('an existing key log is refused like an existing capture: exit 1, nothing written, until --force', async () => {
    const pcap = join(dir, 'new.pcap');
    const keylog = join(dir, 'old.log');
    writeFileSync(keylog, 'precious');
    const result = await hsTutor(['export', 'tls12', '--pcap', pcap, '--keylog', keylog]);
    expect(result.status).toBe(1);
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toContain('--force');
    expect(readFileSync(keylog, 'utf8')).toBe('precious');
    expect(existsSync(pcap)).toBe(false);
    expect((await hsTutor(['export', 'tls12', '--pcap', pcap, '--keylog', keylog, '--force'])).status).toBe(0);
    expect(readFileSync(keylog, 'utf8')).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/m);
  });

  it.each([
    [['export', 'tcp-handshake', '--pcap', 'x.pcap', '--keylog', 'x.keys'], /no session keys/],
    [['export', 'tls13', '--pcap', 'same.file', '--keylog', './same.file'], /both name/],
    [['export', 'tls13', '--pcap', 'x.pcap', '--keylog='], /needs a file name/],
  ])('--keylog usage errors exit 2 with one sentence: %j', async (args, message) => {
    const result = await hsTutor(args, {});
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(isOneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    [['export', 'tls13']],
    [['export', '--pcap', 'x.pcap']],
    [['export', 'tls14', '--pcap', 'x.pcap']],
    [['export', 'tls13', '--pcap']],
    [['export', 'tls13', '--pcap', 'x.pcap', '--set', 'tfo=cookie', '--set', 'transport=quic']],
    [['export', 'tls13', '--pcap', 'x.pcap', '--rtt', '0']],
    [['export', 'tls13', 'tls12', '--pcap', 'x.pcap']],
    [['export', 'tls13', '--pcap', 'x.pcap', '--json']],
  ])('usage errors exit 2 with one sentence and write nothing: %j', async (args) => {
    const result = await hsTutor(args, {});
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(isOneSentence(result.stderr)).toBe(true);
  });
});
