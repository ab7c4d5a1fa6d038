// Application data straight over TCP, no TLS.

import type {Channel, ChannelEvents} from '../channel.js';
import type {SimContext} from '../context.js';
import {appBytes} from '../tls/sizes.js';
import type {AppData, EndpointStates} from '../types.js';
import type {StreamItem} from '../wire.js';
import type {TcpEndpoint, TcpUser} from './endpoint.js';

export class PlainTcpChannel implements Channel, TcpUser {
  events: ChannelEvents | null = null;

  constructor(
    private ctx: SimContext,
    private tcp: TcpEndpoint,
    /** A Fast Open client with a cookie: its first write can ride in the SYN. */
    private dataInSyn: boolean,
  ) {
    tcp.user = this;
  }

  open(early: AppData | null): boolean {
    this.tcp.connect();
    if (early && this.dataInSyn) {
      this.send(early);
      return true;
    }
    return false;
  }

  send(app: AppData): void {
    const item: StreamItem = {uid: this.ctx.uid(), flightId: app, length: appBytes('hs-tutor', app, false, this.ctx.responseBytes), record: null, app, early: false, frames: [], accepted: []};
    this.tcp.write([item]);
  }

  close(): void {
    this.tcp.close();
  }

  abort(): void {
    this.tcp.abort();
  }

  crash(): void {
    this.tcp.crash();
  }

  states(): EndpointStates {
    return {tcp: this.tcp.state, tls: null};
  }

  output(): void {
    this.tcp.output();
  }

  established(): void {
    this.events?.ready();
  }

  data(items: StreamItem[]): void {
    for (const item of items) if (item.app) this.events?.received(item.app, item);
  }

  eof(): void {
    this.events?.peerClosed();
  }

  reset(refused: boolean): void {
    this.events?.reset(refused);
  }
}
