// A lock file next to the progress file, so that two hs-tutor processes (two terminals, a class
// on a shared home folder) take turns at read-modify-write instead of losing each other's updates.
//
// The lock is `<file>.lock`, created with open(…, 'wx'): creation either succeeds or fails with
// EEXIST, atomically, on every local file system. It holds one line naming the owner
// (pid, host, time, random), so a lock left by a killed process can be recognised and broken.
// Everything is synchronous: a turn takes about a millisecond, and the Ink TUI and the plain CLI
// can both call it without awaiting.
import {randomBytes} from 'node:crypto';
import {closeSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import {dirname} from 'node:path';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock whose owner still seems alive is broken anyway after this long (ms): it hangs. */
  staleMs?: number;
}

/** Could not take the lock in time: another process holds it and is alive. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_STALE_MS = 10_000;
/** A lock file still empty after this long lost its owner between create and write. */
const EMPTY_STALE_MS = 1000;
const HOST = hostname();

export interface Lock {
  readonly path: string;
  readonly token: string;
  /** Whether the lock file still names this owner (someone may have judged it stale). */
  held(): boolean;
  release(): void;
}

export function acquireLock(path: string, options: LockOptions = {}): Lock {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = `${process.pid} ${HOST} ${Date.now()} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      return lockHandle(path, token);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        mkdirSync(dirname(path), {recursive: true});
        continue;
      }
      if (code !== 'EEXIST') throw error;
    }
    if (breakIfStale(path, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`another hs-tutor (${describeOwner(path)}) has held ${path} for over ${timeoutMs / 1000} s`);
    }
    // Short waits first (a turn takes ~1 ms), with jitter so that waiters do not march in step.
    sleepMs(Math.min(1 + attempt, 25) * (0.5 + Math.random()));
  }
}

function lockHandle(path: string, token: string): Lock {
  const held = () => readOwner(path) === token;
  return {
    path,
    token,
    held,
    release() {
      // Never remove a lock that another process took over after judging ours stale.
      if (held()) unlinkQuietly(path);
    },
  };
}

/** Runs `fn` while holding the lock on `path`. */
export function withLock<T>(path: string, fn: (lock: Lock) => T, options?: LockOptions): T {
  const lock = acquireLock(path, options);
  try {
    return fn(lock);
  } finally {
    lock.release();
  }
}

/** The lock's owner line; undefined when the lock is gone; null when it is there but cannot be read. */
function readOwner(path: string): string | undefined | null {
  try {
    // Checked first: reading a FIFO put in the lock's place would wait forever.
    if (!lstatSync(path).isFile()) throw new LockFileError(`${path} is not a regular file, so it cannot be a lock; remove it and try again`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof LockFileError) throw error;
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
}

/** The lock file is something hs-tutor cannot use; retrying would not help. */
export class LockFileError extends Error {
  override name = 'LockFileError';
}

function describeOwner(path: string): string {
  const owner = readOwner(path);
  if (owner === null) return 'a lock file it cannot read';
  const [pid, host] = (owner ?? '').split(' ');
  return pid ? `process ${pid}${host && host !== HOST ? ` on ${host}` : ''}` : 'a process';
}

/**
 * Removes the lock at `path` when its owner is gone: a process of this host that no longer runs,
 * an empty lock (the owner died between create and write), or any lock older than `staleMs`.
 * Returns whether the caller should try again at once.
 */
function breakIfStale(path: string, staleMs: number): boolean {
  const owner = readOwner(path);
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch {
    return true; // released meanwhile
  }
  if (owner === undefined) return true;
  // A lock nobody can read (its permissions changed) is waited on like any other, and broken
  // once it is old: never retried in a tight loop.
  if (owner === null ? ageMs <= staleMs : !isStale(owner, ageMs, staleMs)) return false;
  // Move the stale lock out of the way under a name of our own, then check it is the one we
  // judged: if its owner changed in between, a live process had just taken it, so put it back.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return true; // someone else broke it first
  }
  if (owner !== null && readOwner(aside) !== owner) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process took the lock meanwhile; the owner we displaced will notice through
      // held() before it commits, and retry.
    }
  }
  unlinkQuietly(aside);
  return true;
}

function isStale(owner: string, ageMs: number, staleMs: number): boolean {
  if (owner === '') return ageMs > EMPTY_STALE_MS;
  if (ageMs > staleMs) return true;
  const [pidText, host] = owner.split(' ');
  const pid = Number(pidText);
  if (host !== HOST || !Number.isInteger(pid) || pid <= 0) return false;
  return !processAlive(pid);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (the store is synchronous by design). */
export function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
