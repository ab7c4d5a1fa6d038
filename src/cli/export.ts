// `hs-tutor export <scenario> --pcap <file> [--keylog <file>]`: simulate one scenario and write its
// frames as a classic pcap that Wireshark and tshark open (CLI.md "pcap export"), and its session
// keys as an NSS key log that lets them decrypt it. No Ink on this path.
import {tell} from './tell.js';
import {FileSafetyError, isFolder, writeFilesSafely} from '../progress/safe-files.js';
import {dirname, resolve} from 'node:path';
import {keyLogFile} from '../engine/bytes/keylog.js';
import {capturedFrames, pcapFile} from '../engine/bytes/pcap.js';
import {UsageError} from '../engine/errors.js';
import {simulate} from '../engine/simulate.js';
import type {Trace} from '../engine/types.js';
import {parseCommandArgs} from './args.js';
import {SCENARIO_OPTIONS, scenarioRun, type ScenarioRun} from './scenario-args.js';
import type {Terminal} from './terminal.js';

export const EXPORT_OPTIONS = {...SCENARIO_OPTIONS, pcap: {type: 'string'}, keylog: {type: 'string'}, force: {type: 'boolean'}} as const;

export function exportPcap(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('export', argv, EXPORT_OPTIONS);
  if (positionals.length < 2) {
    throw new UsageError("export needs a scenario and a file, as in 'hs-tutor export tls13 --pcap tls13.pcap'; 'hs-tutor list' shows the scenarios.");
  }
  const run = scenarioRun('export', positionals.slice(1), values);
  const path = values.pcap;
  if (path === undefined || path === '') {
    throw new UsageError(`export needs --pcap <file>, as in 'hs-tutor export ${run.preset.id} --pcap ${run.preset.id}.pcap'.`);
  }
  const keylog = keyLogPath(run, values.keylog);
  if (keylog !== null && resolve(keylog) === resolve(path)) {
    throw new UsageError(`--pcap and --keylog both name '${path}'; give the key log its own file, as in --keylog ${run.preset.id}.keys.`);
  }
  const trace = simulate(run.knobs, {rttMs: run.rttMs, seed: run.seed, scenario: run.preset.id});
  const files: OutputFile[] = [{path, data: pcapFile(trace)}];
  if (keylog !== null) files.push(keyLogOutput(trace, keylog));
  if (!writeOutputs(files, values.force === true)) return 1;
  const packets = capturedFrames(trace).length;
  const what = `${packets} packets of ${run.preset.id} (RTT ${run.rttMs} ms, seed ${run.seed}) to ${path}`;
  out.write(
    keylog === null
      ? `Wrote ${what}; open it in Wireshark, or run 'tshark -r ${path}'.\n`
      : `Wrote ${what} and its session keys to ${keylog}; decrypt it with 'tshark -r ${path} -o tls.keylog_file:${keylog}', or in Wireshark set Preferences › Protocols › TLS › (Pre)-Master-Secret log filename.\n`,
  );
  return 0;
}

/** The --keylog path, refused for a scenario without TLS: it has no keys. */
export function keyLogPath(run: ScenarioRun, path: string | undefined): string | null {
  if (path === undefined) return null;
  if (path === '') throw new UsageError(`--keylog needs a file name, as in --keylog ${run.preset.id}.keys.`);
  if (run.knobs.tls === 'none') {
    throw new UsageError(`${run.preset.id} runs without TLS (tls=none), so it has no session keys to log; drop --keylog, or add --set tls=1.3.`);
  }
  return path;
}

/** The key log of a simulated trace, as a file to write: secrets, so readable by the owner only. */
export function keyLogOutput(trace: Trace, path: string): OutputFile {
  return {path, data: new TextEncoder().encode(keyLogFile(trace) ?? ''), mode: 0o600};
}

export interface OutputFile {
  path: string;
  data: Uint8Array;
  /** Permission bits of a new file (before the umask). */
  mode?: number;
}

/**
 * Writes every file, or none (progress/safe-files.ts: temporary files renamed into place, an
 * existing one replaced only with --force and never through a link). A failure prints one
 * sentence (CLI.md: exit 1 for an I/O failure) and leaves nothing half-written behind.
 */
export function writeOutputs(files: readonly OutputFile[], force: boolean): boolean {
  try {
    writeFilesSafely(files.map((f) => ({path: f.path, data: f.data, mode: f.mode ?? 0o644})), force);
    return true;
  } catch (error) {
    // The file it is about: named in the sentence, or the one whose temporary file failed.
    const at = (error as NodeJS.ErrnoException).path;
    const failed = files.find((f) => (error instanceof Error && error.message.includes(`'${f.path}'`)) || (at !== undefined && at.startsWith(f.path)))?.path ?? files[0]!.path;
    if (error instanceof FileSafetyError) tell(error.code === 'EEXIST' ? cannotWrite(failed, 'EEXIST') : `Cannot write ${error.message}.`);
    else {
      const code = (error as NodeJS.ErrnoException).code;
      tell(cannotWrite(failed, code === 'EEXIST' && isFolder(failed) ? 'EISDIR' : code));
    }
    return false;
  }
}

/** One sentence that says what went wrong and what to do (CLI.md: exit 1 for an I/O failure). */
export function cannotWrite(path: string, code: string | undefined): string {
  switch (code) {
    case 'EEXIST':
      return `'${path}' already exists; add --force to overwrite it, or choose another file name.`;
    case 'ENOENT':
      return `Cannot write '${path}' because the folder '${dirname(path)}' does not exist; create it or choose another path.`;
    case 'EISDIR':
      return `'${path}' is a folder; give a file name, as in ${path.replace(/\/+$/, '')}/trace.pcap.`;
    case 'ENOTDIR':
      return `Cannot write '${path}' because part of the path is a file, not a folder; choose another path.`;
    case 'EACCES':
    case 'EPERM':
      return `Cannot write '${path}': permission denied; choose a folder you can write to.`;
    case 'EROFS':
      return `Cannot write '${path}' because its file system is read-only; choose another folder.`;
    case 'ENOSPC':
      return `Cannot write '${path}' because the disk is full; free some space or choose another disk.`;
    default:
      return `Cannot write '${path}'${code ? ` (${code})` : ''}; check the path and try again.`;
  }
}


