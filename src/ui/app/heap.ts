// Keeps the tutor's memory close to what it uses. Each key builds a new frame and throws the last
// one away; V8 lets that garbage pile up until its heap limit (sized for servers, not a tutor in
// a terminal) makes it collect, and the resident memory it reached is never given back. So:
// - the young generation stays at its initial size (its growth factor is read at run time);
// - V8 does not optimise with TurboFan (--max-opt=2 keeps its baseline and mid tiers): a frame is
//   a few milliseconds of JavaScript, which TurboFan's compile zones and code cost more memory
//   than they save time (measured: peak 85 → 77 MiB through every lesson, key p95 unchanged);
// - once a few megabytes of garbage have built up since the last full collection, one runs right
//   after the frame is drawn, or when the learner pauses.
// All use V8's own switches (node:v8); the collection is V8's `gc`, exposed for this process.
import {getHeapStatistics, setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

/** Garbage allowed to build up before a collection right after a frame. */
const BUDGET_BYTES = 2 * 1024 * 1024;
/** A pause this long collects whatever has built up. */
const IDLE_MS = 1000;

export interface HeapKeeper {
  /** Called after each frame is drawn. */
  afterFrame(): void;
  stop(): void;
}

/**
 * The young generation stays at its initial size from now on: called as early as the program
 * knows it will run the tutor (the first paint), before loading the rest allocates.
 */
export function limitYoungGeneration(): void {
  for (const flag of ['--semi-space-growth-factor=1', '--max-opt=2']) {
    try {
      setFlagsFromString(flag);
    } catch {
      // A V8 without the flag keeps its own behaviour.
    }
  }
}

export function keepHeapSmall(): HeapKeeper {
  limitYoungGeneration();
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
  }
  const collect = gc;
  if (!collect) return {afterFrame: () => {}, stop: () => {}};
  let floor = getHeapStatistics().used_heap_size;
  let pending: NodeJS.Immediate | undefined;
  let idle: NodeJS.Timeout | undefined;
  const run = () => {
    pending = undefined;
    collect();
    floor = getHeapStatistics().used_heap_size;
  };
  return {
    afterFrame() {
      clearTimeout(idle);
      if (!pending && getHeapStatistics().used_heap_size > floor + BUDGET_BYTES) pending = setImmediate(run);
      idle = setTimeout(() => {
        if (getHeapStatistics().used_heap_size > floor + BUDGET_BYTES / 4) run();
      }, IDLE_MS);
      idle.unref();
    },
    stop() {
      clearTimeout(idle);
      if (pending) clearImmediate(pending);
    },
  };
}
