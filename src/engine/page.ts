// The client's browser in a page load: the base page comes over the first connection, and it
// names `objects` more. How they are fetched is the textbook's list of strategies (Kurose & Ross
// §2.2.2): over the same persistent connection, one after each response or all at once
// (pipelining, RFC 9112 §9.3.2); over n persistent connections at once, each taking the next
// object whenever it is free (late binding, as browsers' socket pools do: an object goes to the
// first connection ready for it, so a slow new handshake never holds one up); or non-persistent, a connection of its own per object (RFC 9112
// §9.6, Connection: close), n of them at a time. Each new connection is opened the moment a
// response frees a slot, with a full handshake of its own; the DNS answer is cached by then.

import type {App, PageFetcher} from './app.js';

/**
 * Connections a browser keeps open to one server at most (Chromium's and Firefox's default; RFC
 * 9112 §9.4 leaves the number to the client and only asks it to limit them).
 */
export const BROWSER_CONNECTIONS_PER_SERVER = 6;

export interface PagePlan {
  /** Objects after the base page. */
  objects: number;
  persistent: boolean;
  /** Connections open at once for the objects. */
  parallel: number;
  pipelining: boolean;
}

/** Opens a new connection: bound to an object at once (its first request), or late-bound, asking for one when it is ready. */
export type OpenConnection = (lateBound: boolean) => App;

export class Browser implements PageFetcher {
  /** Objects not yet given to a connection. */
  private waiting: number;
  private baseArrived = false;
  /** Non-persistent: connections carrying an object now. */
  private busy = 0;

  constructor(
    private readonly plan: PagePlan,
    private readonly open: OpenConnection,
  ) {
    this.waiting = plan.objects;
  }

  responded(): number {
    if (!this.baseArrived) {
      this.baseArrived = true;
      return this.afterBase();
    }
    if (!this.plan.persistent) {
      // This object's connection is done; its slot goes to the next object's connection.
      this.busy--;
      this.fill();
      return 0;
    }
    if (this.waiting > 0) {
      this.waiting--;
      return 1;
    }
    return 0;
  }

  private afterBase(): number {
    if (this.plan.persistent && this.plan.pipelining) {
      const all = this.waiting;
      this.waiting = 0;
      return all;
    }
    if (!this.plan.persistent) {
      this.fill();
      return 0;
    }
    // The base page's connection takes the first object at once; new connections, once ready, the next ones.
    if (this.waiting === 0) return 0;
    this.waiting--;
    for (let i = 0; i < Math.min(this.plan.parallel - 1, this.waiting); i++) this.open(true).start();
    return 1;
  }

  /** A late-bound connection is ready: it takes the next object, or none is left for it. */
  connected(): number {
    if (this.waiting === 0) return 0;
    this.waiting--;
    return 1;
  }

  /** Opens connections for waiting objects while fewer than `parallel` are busy. */
  private fill(): void {
    while (this.waiting > 0 && this.busy < this.plan.parallel) {
      this.waiting--;
      this.busy++;
      this.open(false).start();
    }
  }
}
