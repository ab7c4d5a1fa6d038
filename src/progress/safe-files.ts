// Reading and writing files that a user names, or that another program may have replaced: every
// writer of hs-tutor (the progress store, `progress --export`, `export --pcap`, `--keylog`, a
// class's CSV) goes through here. A read accepts only a regular file of bounded size, opened
// without blocking (a FIFO in its place would hang the program); a write goes to a temporary
// file in the same folder, flushed, then renamed over the target, so a full disk or a crash
// leaves the old file or none, never half of one; an existing target is replaced only when
// asked (--force), never through a symbolic link, and keeps its permission bits.
import {randomBytes} from 'node:crypto';
import {chmodSync, closeSync, constants, fstatSync, fsyncSync, lstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync, type Stats} from 'node:fs';
import {basename, dirname, join} from 'node:path';

/** A file that is not what it must be, or too big: `code` says which (for one sentence by the caller). */
export class FileSafetyError extends Error {
  override name = 'FileSafetyError';
  constructor(
    message: string,
    readonly code: 'ENOTREG' | 'ELOOP' | 'EEXIST' | 'EFBIG',
  ) {
    super(message);
  }
}

function kind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;
}

/**
 * The text of the regular file at `path`, or undefined when there is none. Throws FileSafetyError
 * for anything else there (a FIFO, a device, a folder) or a file over `maxBytes`; other errors
 * (permissions) as node:fs throws them.
 */
export function readRegularFile(path: string, maxBytes: number): string | undefined {
  return readRegularBytes(path, maxBytes)?.toString('utf8');
}

/** readRegularFile's bytes, for binary files (a capture). */
export function readRegularBytes(path: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw new FileSafetyError(`'${path}' is a socket or a device, not a file`, 'ENOTREG');
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileSafetyError(`'${path}' is ${kind(stats)}, not a file`, 'ENOTREG');
    if (stats.size > maxBytes) throw new FileSafetyError(`'${path}' is ${megabytes(stats.size)}, more than the ${megabytes(maxBytes)} allowed`, 'EFBIG');
    const buffer = Buffer.alloc(stats.size + 1);
    let length = 0;
    // Read to the end (the file may have grown since fstat; never past the cap).
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new FileSafetyError(`'${path}' is more than the ${megabytes(maxBytes)} allowed`, 'EFBIG');
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is free to write: nothing there, or (with `force`) a regular file. Returns its mode when it exists. */
function checkTarget(path: string, force: boolean): number | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (stats.isSymbolicLink()) throw new FileSafetyError(`'${path}' is a symbolic link; hs-tutor does not write through links, so name the file itself`, 'ELOOP');
  if (stats.isDirectory()) throw Object.assign(new Error(`'${path}' is a folder`), {code: 'EISDIR'});
  if (!stats.isFile()) throw new FileSafetyError(`'${path}' is ${kind(stats)}, not a file; choose another name`, 'ENOTREG');
  if (!force) throw new FileSafetyError(`'${path}' already exists; add --force to replace it, or choose another file name`, 'EEXIST');
  return stats.mode & 0o777;
}

export interface SafeFile {
  path: string;
  data: string | Uint8Array;
  /** Permission bits of a new file (before the umask); a replaced file keeps its own. */
  mode?: number;
}

const TEMP_SUFFIX = '.tmp';

/** The temporary name a write uses next to `path` (the store removes those a killed writer left). */
export function tempNameFor(path: string): string {
  return join(dirname(path), `${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

export function isTempOf(path: string, name: string): boolean {
  return name.startsWith(`${basename(path)}.`) && name.endsWith(TEMP_SUFFIX);
}

/**
 * Writes every file or none: each target is checked (see checkTarget), each written to its own
 * temporary file and flushed, and only when all are written are they renamed into place. On any
 * failure the temporary files are removed and the error thrown: targets are left as they were.
 */
export function writeFilesSafely(files: readonly SafeFile[], force: boolean): void {
  const modes = files.map((file) => checkTarget(file.path, force));
  const temps: string[] = [];
  try {
    files.forEach((file, i) => {
      const temp = tempNameFor(file.path);
      const fd = openSync(temp, 'wx', modes[i] ?? file.mode ?? 0o600);
      temps.push(temp);
      try {
        // A replaced file keeps its mode exactly (the umask does not apply to chmod).
        if (modes[i] !== undefined) chmodSync(temp, modes[i]!);
        const bytes = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
        for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
    // Checked again just before the rename: a link put in place meanwhile is not written through.
    files.forEach((file, i) => checkTarget(file.path, force || modes[i] !== undefined));
    files.forEach((file, i) => renameSync(temps[i]!, file.path));
  } catch (error) {
    for (const temp of temps) {
      try {
        unlinkSync(temp);
      } catch {
        // renamed already, or never made
      }
    }
    throw error;
  }
}

/** Whether `path` names a folder (for the sentence a failed write gets). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
