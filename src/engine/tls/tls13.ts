// The TLS 1.3 handshake as the state machines of RFC 8446 Appendix A, one per endpoint. The
// same machine runs over TCP (records) and over QUIC (CRYPTO frames); the transport decides how
// parts travel. Over QUIC there is no ChangeCipherSpec (RFC 9001 §8.4) and no EndOfEarlyData
// (RFC 9001 §8.3).

import type {SimContext} from '../context.js';
import {StateCell} from '../state-cell.js';
import type {AppData, Side} from '../types.js';
import {appBytes, clientHelloLength, newSessionTickets, tls13Sizes, type ProfileId, type Tls13Sizes} from './sizes.js';
import type {ChannelUser, Epoch, Flight, HandshakeMachine, Inbound, Part} from './flight.js';

export interface Tls13Config {
  side: Side;
  transport: 'tcp' | 'quic';
  /** Middlebox-compatibility mode (RFC 8446 Appendix D.4); never over QUIC. */
  compat: boolean;
  resume: boolean;
  earlyData: 'off' | 'accepted' | 'rejected';
  hrr: boolean;
  clientAuth: boolean;
  /** Whose handshake to play: the tutor's own, or RFC 8448's (vectors=rfc8448). */
  profile: ProfileId;
}

const hs = (name: string, length: number, epoch: Epoch): Part => ({kind: 'handshake', name, length, epoch});

export class Tls13 implements HandshakeMachine {
  private cell: StateCell<string>;
  private ccsSent = false;
  private hrrDone = false;
  private offeredEarly = false;
  private earlyAccepted = false;
  private certRequested = false;
  private sizes: Tls13Sizes;
  user: ChannelUser | null = null;

  constructor(
    private readonly ctx: SimContext,
    private config: Tls13Config,
    private out: (flight: Flight) => void,
  ) {
    this.cell = new StateCell(ctx, config.side, 'tls', 'START');
    this.sizes = tls13Sizes(config.profile);
  }

  /** One flight out; RFC 8448's stack writes a flight's handshake messages into shared records. */
  private send(id: string, parts: Part[]): void {
    this.out({id, parts, coalesce: this.config.profile === 'rfc8448'});
  }

  private clientHelloLength(attempt: number): number {
    return clientHelloLength({...this.config, version: '1.3', offersEarly: this.offeredEarly}, attempt);
  }

  private appPart(app: AppData, epoch: Epoch): Part {
    return {kind: 'app', app, length: appBytes(this.config.profile, app, epoch === 'early', this.ctx.responseBytes), epoch};
  }

  get state(): string {
    return this.cell.value;
  }

  private get overQuic(): boolean {
    return this.config.transport === 'quic';
  }

  private setState(to: string, cause: string): void {
    this.cell.set(to, cause);
  }

  private ccs(): Part[] {
    if (!this.config.compat || this.overQuic || this.ccsSent) return [];
    this.ccsSent = true;
    return [{kind: 'ccs'}];
  }

  // ---- client ----

  offersEarlyData(): boolean {
    return this.config.earlyData !== 'off';
  }

  start(early: AppData | null): boolean {
    const {resume, earlyData} = this.config;
    this.offeredEarly = resume && earlyData !== 'off' && early !== null;
    const parts: Part[] = [hs('ClientHello', this.clientHelloLength(1), 'initial')];
    if (this.offeredEarly) {
      // With early data the compatibility CCS goes right after the first ClientHello (RFC 8446 D.4).
      parts.push(...this.ccs(), this.appPart(early!, 'early'));
    }
    this.setState('WAIT_SH', 'sent ClientHello');
    this.send('client-hello', parts);
    return this.offeredEarly;
  }

  private clientReceive(message: Inbound): void {
    if (message.kind === 'ccs') return; // dummy CCS records are dropped (RFC 8446 §5)
    if (message.kind === 'app') {
      // Application keys exist once the server Finished is verified.
      if (this.state === 'CONNECTED') this.user?.received(message.app, message.item);
      return;
    }
    if (message.kind !== 'handshake') return;
    switch (message.name) {
      case 'HelloRetryRequest': {
        // RFC 8446 §4.1.4: a second ClientHello with the key share the server asked for; any
        // early data is lost (§4.2.10: never 0-RTT after HRR).
        this.setState('START', 'received HelloRetryRequest');
        this.hrrDone = true;
        const rejectedEarly = this.offeredEarly;
        this.offeredEarly = false;
        this.setState('WAIT_SH', 'sent the second ClientHello');
        this.send('client-hello', [...this.ccs(), hs('ClientHello', this.clientHelloLength(2), 'initial')]);
        if (rejectedEarly) this.user?.earlyDataRejected();
        return;
      }
      case 'ServerHello':
        this.setState('WAIT_EE', 'received ServerHello: handshake keys are derived');
        return;
      case 'EncryptedExtensions':
        this.earlyAccepted = this.offeredEarly && this.config.earlyData === 'accepted';
        this.setState(this.config.resume ? 'WAIT_FINISHED' : 'WAIT_CERT_CR', 'received EncryptedExtensions');
        if (this.offeredEarly && !this.earlyAccepted) this.user?.earlyDataRejected();
        return;
      case 'CertificateRequest':
        this.certRequested = true;
        this.setState('WAIT_CERT', 'received CertificateRequest');
        return;
      case 'Certificate':
        this.setState('WAIT_CV', 'received the server Certificate');
        return;
      case 'CertificateVerify':
        this.setState('WAIT_FINISHED', 'verified the server\'s CertificateVerify signature');
        return;
      case 'Finished': {
        const parts: Part[] = [];
        if (this.earlyAccepted && !this.overQuic) parts.push(hs('EndOfEarlyData', this.sizes.EndOfEarlyData, 'early'));
        parts.push(...this.ccs());
        if (this.certRequested) {
          parts.push(hs('Certificate', this.sizes.ClientCertificate, 'handshake'), hs('CertificateVerify', this.sizes.ClientCertificateVerify, 'handshake'));
        }
        parts.push(hs('Finished', this.sizes.Finished, 'handshake'));
        this.setState('CONNECTED', 'verified the server Finished and sent its own');
        this.send('client-finished', parts);
        this.user?.ready();
        return;
      }
      default:
        return; // NewSessionTicket: cached for a later resumption
    }
  }

  // ---- server ----

  private serverReceive(message: Inbound): void {
    if (message.kind === 'ccs') return;
    if (message.kind === 'app') {
      const early = message.epoch === 'early';
      // Rejected early data cannot be decrypted and is skipped (RFC 8446 §4.2.10).
      if (early && !this.earlyAccepted) return;
      if (early || this.state === 'CONNECTED') this.user?.received(message.app, message.item);
      return;
    }
    if (message.kind !== 'handshake') return;
    switch (message.name) {
      case 'ClientHello':
        this.onClientHello();
        return;
      case 'EndOfEarlyData':
        this.setState(this.config.clientAuth ? 'WAIT_CERT' : 'WAIT_FINISHED', 'received EndOfEarlyData: early keys are done');
        return;
      case 'Certificate':
        this.setState('WAIT_CV', 'received the client Certificate');
        return;
      case 'CertificateVerify':
        this.setState('WAIT_FINISHED', 'verified the client\'s CertificateVerify');
        return;
      case 'Finished': {
        this.setState('CONNECTED', 'verified the client Finished');
        // Tickets for later resumptions, under the application keys (RFC 8446 §4.6.1).
        const tickets = newSessionTickets(this.config.profile, this.config.resume);
        if (tickets > 0) this.send('new-session-ticket', Array.from({length: tickets}, () => hs('NewSessionTicket', this.sizes.NewSessionTicket, 'application')));
        this.user?.ready();
        return;
      }
      default:
        return;
    }
  }

  private onClientHello(): void {
    const {resume, earlyData, hrr, clientAuth} = this.config;
    this.setState('RECVD_CH', 'received ClientHello');
    if (hrr && !this.hrrDone) {
      // The ClientHello offered no key share for the group the server wants (RFC 8446 §4.1.4).
      this.hrrDone = true;
      this.setState('START', 'sent HelloRetryRequest: the client must try again');
      this.send('hello-retry-request', [hs('HelloRetryRequest', this.sizes.HelloRetryRequest, 'initial'), ...this.ccs()]);
      return;
    }
    this.setState('NEGOTIATED', 'chose the parameters');
    this.earlyAccepted = earlyData === 'accepted' && !this.hrrDone;
    const z = this.sizes;
    const eeLength = (this.earlyAccepted ? z.EncryptedExtensionsEarly : z.EncryptedExtensions) + (this.overQuic ? z.QuicTransportParameters : 0);
    const sessionId = this.config.compat && !this.overQuic ? z.LegacySessionId : 0;
    const parts: Part[] = [hs('ServerHello', z.ServerHelloBase + sessionId + (resume ? z.ServerHelloPsk : 0), 'initial'), ...this.ccs()];
    parts.push(hs('EncryptedExtensions', eeLength, 'handshake'));
    // PSK handshakes never ask for a client certificate (RFC 8446 §4.3.2) nor send one.
    if (clientAuth && !resume) parts.push(hs('CertificateRequest', z.CertificateRequest, 'handshake'));
    if (!resume) parts.push(hs('Certificate', z.Certificate, 'handshake'), hs('CertificateVerify', z.CertificateVerify, 'handshake'));
    parts.push(hs('Finished', z.Finished, 'handshake'));
    const next = this.earlyAccepted && !this.overQuic ? 'WAIT_EOED' : clientAuth && !resume ? 'WAIT_CERT' : 'WAIT_FINISHED';
    this.setState(next, this.earlyAccepted ? 'sent its flight and accepted the early data' : 'sent ServerHello through Finished');
    this.send('server-flight', parts);
  }

  receive(message: Inbound): void {
    if (this.config.side === 'client') this.clientReceive(message);
    else this.serverReceive(message);
  }

  /** Application data goes under application keys; a server may send it right after its Finished (0.5-RTT). */
  sendApp(app: AppData): void {
    this.send(app, [this.appPart(app, 'application')]);
  }

  /** Whether the server already accepted (or the client had accepted) early data. */
  get acceptedEarlyData(): boolean {
    return this.earlyAccepted;
  }
}
