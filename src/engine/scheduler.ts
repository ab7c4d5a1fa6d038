// A discrete-event queue: events run in time order, and events at the same instant in the
// order they were scheduled (protocol-facts §0: processing takes no time).

interface Entry {
  at: number;
  order: number;
  run: () => void;
}

/** A scheduled event that can be called off (a stopped timer leaves no trace in the run). */
export interface Timer {
  cancel(): void;
}

export class Scheduler {
  now = 0;
  private queue: Entry[] = [];
  private counter = 0;

  at(time: number, run: () => void): Timer {
    if (time < this.now) throw new Error(`cannot schedule in the past (${time} < ${this.now})`);
    const entry = {at: time, order: this.counter++, run};
    // Binary insertion keeps the queue sorted; traces are small, so this beats a heap in clarity.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.queue[mid]!;
      if (other.at < entry.at || (other.at === entry.at && other.order < entry.order)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, entry);
    return {
      cancel: () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
      },
    };
  }

  after(delay: number, run: () => void): Timer {
    return this.at(this.now + delay, run);
  }

  /**
   * Runs every event. After all events of one instant have run, `endOfInstant` runs (the
   * endpoints send what the instant's events queued); it may schedule more events. `afterEvent`
   * runs after each event and after `endOfInstant`.
   */
  run(endOfInstant: () => void, afterEvent: () => void = () => {}, maxEvents = 100_000): void {
    let count = 0;
    while (this.queue.length > 0) {
      const instant = this.queue[0]!.at;
      this.now = instant;
      while (this.queue.length > 0 && this.queue[0]!.at === instant) {
        if (++count > maxEvents) throw new Error('simulation did not settle');
        this.queue.shift()!.run();
        afterEvent();
      }
      endOfInstant();
      afterEvent();
    }
  }
}
