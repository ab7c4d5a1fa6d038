// The tiny application on both ends of a connection: the client sends one request as early as
// its connection allows, the server answers it at once, and one side closes as the knobs say.
// With objects, the client's browser (page.ts) says what each connection asks for next. It also
// records the summary instants (CLI.md `summary`).

import type {Channel, ChannelEvents} from './channel.js';
import type {SimContext} from './context.js';
import type {AppData, Knobs, Side} from './types.js';
import type {StreamItem} from './wire.js';

export interface Outcome {
  requestSentMs: number | null;
  responseReceivedMs: number | null;
  /** When the last response reached the client. */
  lastResponseMs: number | null;
}

export interface ClosePlan {
  close: Knobs['close'];
  closer: Side;
  closeDelayMs: number;
  crash: Knobs['crash'];
  /**
   * Server: the responses this connection carries before the server is done with it: the client
   * says so on its last request (HTTP's Connection: close, RFC 9112 §9.6). Infinity when the
   * browser keeps it open for whatever the page needs next and closes it itself.
   */
  requests: number;
}

/** The client's browser: what a connection asks for next (page.ts). */
export interface PageFetcher {
  /** A response arrived on the connection: how many requests it sends now. */
  responded(): number;
  /** A late-bound connection is ready: how many requests it sends (0: it is not needed any more). */
  connected(): number;
}

/** crash=server: how long after its last write the server's host goes down. */
export const CRASH_AFTER_MS = 1000;

/** Tells the apps when both are done, for a simultaneous close. */
export class CloseCoordinator {
  private done = new Set<Side>();
  private apps: Partial<Record<Side, App>> = {};

  register(side: Side, app: App): void {
    this.apps[side] = app;
  }

  finished(side: Side): void {
    this.done.add(side);
    if (this.done.size < 2) return;
    this.apps.client?.closeIn(0);
    this.apps.server?.closeIn(this.apps.server.plan.closeDelayMs);
  }
}

export class App implements ChannelEvents {
  private requestInFlight = false;
  private isReady = false;
  private closed = false;
  /** Responses the client has had, requests the server has answered. */
  private exchanged = 0;
  /** Client: requests sent after the first. */
  private asked = 0;

  constructor(
    private ctx: SimContext,
    private side: Side,
    private channel: Channel,
    private wantsData: boolean,
    readonly plan: ClosePlan,
    private outcome: Outcome,
    private coordinator: CloseCoordinator,
    /** Client: the browser that says what this connection fetches after each response. */
    private page: PageFetcher | null = null,
    /** Client: opened before it has an object to fetch; it asks the browser for one when ready. */
    private lateBound = false,
  ) {
    channel.events = this;
    coordinator.register(side, this);
  }

  /** Client: connect, offering the request as early data where the protocol allows it. */
  start(): void {
    this.requestInFlight = this.channel.open(this.wantsData && !this.lateBound ? 'request' : null);
  }

  ready(): void {
    this.isReady = true;
    if (this.side === 'client') {
      if (!this.wantsData) this.done();
      else if (this.lateBound) {
        if (this.page?.connected() === 1) this.sendRequest();
        else this.done();
      } else if (!this.requestInFlight) this.sendRequest();
    } else if (!this.wantsData) this.done();
  }

  private sendRequest(): void {
    this.requestInFlight = true;
    this.ctx.sched.after(0, () => this.channel.send('request'));
  }

  earlyDataRejected(): void {
    // The TLS stack does not resend rejected early data itself (RFC 8446 §4.2.10): the application does.
    this.requestInFlight = false;
    if (this.isReady) this.sendRequest();
  }

  received(app: AppData, item: StreamItem): void {
    this.ctx.rec.delivered(item);
    if (app === 'request' && this.side === 'server') {
      if (this.outcome.requestSentMs === null) {
        const sent = item.accepted.map((i) => this.ctx.rec.frames[i]!.sendMs);
        this.outcome.requestSentMs = Math.min(...sent);
      }
      this.ctx.sched.after(0, () => {
        this.channel.send('response');
        if (++this.exchanged === this.plan.requests) this.done();
      });
    } else if (app === 'response' && this.side === 'client') {
      if (this.outcome.responseReceivedMs === null) this.outcome.responseReceivedMs = this.ctx.sched.now;
      this.outcome.lastResponseMs = this.ctx.sched.now;
      this.exchanged++;
      const more = this.page?.responded() ?? 0;
      // Done once every request sent here has its response and the browser wants no more of it.
      if (more === 0 && this.exchanged === 1 + this.asked) return this.done();
      for (let i = 0; i < more; i++) {
        this.asked++;
        this.ctx.sched.after(0, () => this.channel.send('request'));
      }
    }
  }

  /** This side's application has nothing more to do. */
  private done(): void {
    const {close, closer} = this.plan;
    if (this.plan.crash === this.side) this.ctx.sched.after(CRASH_AFTER_MS, () => this.channel.crash());
    if (close === 'simultaneous') this.coordinator.finished(this.side);
    else if (close !== 'none' && closer === this.side) this.closeIn(0);
  }

  peerClosed(): void {
    const {close, closer, closeDelayMs} = this.plan;
    if ((close === 'four-way' || close === 'three-way') && closer !== this.side) this.closeIn(closeDelayMs);
  }

  reset(): void {
    this.closed = true;
  }

  closeIn(delayMs: number): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.sched.after(delayMs, () => {
      if (this.plan.close === 'abort') this.channel.abort();
      else this.channel.close();
    });
  }
}
