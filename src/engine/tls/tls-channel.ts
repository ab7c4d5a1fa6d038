// TLS over TCP: the handshake machine's flights become records, each flight one TCP write; the
// records TCP delivers go back to the machine. Closing sends close_notify before the FIN.

import type {Channel, ChannelEvents} from '../channel.js';
import type {SimContext} from '../context.js';
import type {TcpEndpoint, TcpUser} from '../tcp/endpoint.js';
import type {AppData, EndpointStates, Side} from '../types.js';
import type {StreamItem} from '../wire.js';
import type {ChannelUser, Flight, HandshakeMachine} from './flight.js';
import {inboundOf, recordsFor, type TlsVersion} from './records.js';

export class TlsChannel implements Channel, TcpUser, ChannelUser {
  events: ChannelEvents | null = null;
  machine!: HandshakeMachine;
  private started = false;
  private early: AppData | null = null;
  private closeNotifySent = false;

  constructor(
    private ctx: SimContext,
    private tcp: TcpEndpoint,
    private version: TlsVersion,
    private side: Side,
    /** A Fast Open client with a cookie: the ClientHello rides in the SYN (RFC 7413 §6.3.2). */
    private dataInSyn: boolean,
  ) {
    tcp.user = this;
  }

  /** The machine's output: one flight, one write. */
  write = (flight: Flight): void => {
    const items: StreamItem[] = recordsFor(this.version, flight).map(({record, part}) => ({
      uid: this.ctx.uid(),
      flightId: flight.id,
      length: record.length,
      record,
      app: part.kind === 'app' ? part.app : null,
      early: part.kind === 'app' && part.epoch === 'early',
      frames: [],
      accepted: [],
    }));
    this.tcp.write(items);
  };

  open(early: AppData | null): boolean {
    this.tcp.connect();
    this.early = early;
    if (this.dataInSyn) return this.start();
    return early !== null && this.machine.offersEarlyData(); // it goes with the ClientHello once TCP is up
  }

  private start(): boolean {
    if (this.started) return false;
    this.started = true;
    return this.machine.start(this.early);
  }

  send(app: AppData): void {
    this.machine.sendApp(app);
  }

  close(): void {
    this.sendCloseNotify();
    this.tcp.close();
  }

  private sendCloseNotify(): void {
    if (this.closeNotifySent) return;
    this.closeNotifySent = true;
    this.write({id: 'close-notify', parts: [{kind: 'alert', name: 'close_notify', epoch: 'application'}]});
  }

  abort(): void {
    this.tcp.abort();
  }

  crash(): void {
    this.tcp.crash();
  }

  states(): EndpointStates {
    return {tcp: this.tcp.state, tls: this.machine.state};
  }

  output(): void {
    this.tcp.output();
  }

  // ---- from TCP ----

  established(): void {
    if (this.side === 'client') this.start();
  }

  data(items: StreamItem[]): void {
    for (const item of items) {
      for (const message of inboundOf(item)) {
        if (message.kind === 'alert' && message.name === 'close_notify') {
          // TLS 1.2 answers close_notify at once (RFC 5246 §7.2.1); TLS 1.3 closes only the
          // sender's direction and lets the application close when it is done (RFC 8446 §6.1).
          if (this.version === '1.2') this.sendCloseNotify();
          continue;
        }
        this.machine.receive(message);
      }
    }
  }

  eof(): void {
    this.events?.peerClosed();
  }

  reset(refused: boolean): void {
    this.events?.reset(refused);
  }

  // ---- from the handshake machine ----

  ready(): void {
    this.events?.ready();
  }

  received(app: AppData, item: StreamItem): void {
    this.events?.received(app, item);
  }

  earlyDataRejected(): void {
    this.events?.earlyDataRejected();
  }
}
