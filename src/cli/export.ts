// `hs-tutor export <scenario> --pcap <file>`: simulate one scenario and write its frames as a
// classic pcap that Wireshark and tshark open (CLI.md "pcap export"). No Ink on this path.
import {statSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import {capturedFrames, pcapFile} from '../engine/bytes/pcap.js';
import {UsageError} from '../engine/errors.js';
import {simulate} from '../engine/simulate.js';
import {parseCommandArgs} from './args.js';
import {SCENARIO_OPTIONS, scenarioRun} from './scenario-args.js';
import type {Terminal} from './terminal.js';

export const EXPORT_OPTIONS = {...SCENARIO_OPTIONS, pcap: {type: 'string'}, force: {type: 'boolean'}} as const;

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
  const trace = simulate(run.knobs, {rttMs: run.rttMs, seed: run.seed, scenario: run.preset.id});
  const file = pcapFile(trace);
  try {
    // 'wx' fails if the file exists, with no window between checking and writing.
    writeFileSync(path, file, {flag: values.force === true ? 'w' : 'wx'});
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`hs-tutor: ${cannotWrite(path, code === 'EEXIST' && isFolder(path) ? 'EISDIR' : code)}\n`);
    return 1;
  }
  const packets = capturedFrames(trace).length;
  out.write(`Wrote ${packets} packets of ${run.preset.id} (RTT ${run.rttMs} ms, seed ${run.seed}) to ${path}; open it in Wireshark, or run 'tshark -r ${path}'.\n`);
  return 0;
}

/** One sentence that says what went wrong and what to do (CLI.md: exit 1 for an I/O failure). */
export function cannotWrite(path: string, code: string | undefined): string {
  switch (code) {
    case 'EEXIST':
      return `'${path}' already exists; add --force to overwrite it, or choose another file name.`;
    case 'ENOENT':
      return `Cannot write '${path}' because the folder '${dirname(path)}' does not exist; create it or choose another path.`;
    case 'EISDIR':
      return `'${path}' is a folder; give a file name, as in --pcap ${path.replace(/\/+$/, '')}/trace.pcap.`;
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

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
