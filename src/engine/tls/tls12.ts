// The TLS 1.2 handshake (RFC 5246 §7.3): the full handshake in four flights, the abbreviated
// one with a session ticket (RFC 5077 §3.1), client authentication, and False Start (RFC 7918),
// which lets the client send data after its own Finished. RFC 5246 names no states; the ones
// here are named for the message each side waits for (listed in the README).

import type {SimContext} from '../context.js';
import {StateCell} from '../state-cell.js';
import type {AppData, Side} from '../types.js';
import {appBytes, clientHelloLength, serverHello12, TLS12} from './sizes.js';
import type {ChannelUser, Flight, HandshakeMachine, Inbound, Part} from './flight.js';

export interface Tls12Config {
  side: Side;
  resume: boolean;
  falseStart: boolean;
  clientAuth: boolean;
  /** RSA key transport instead of ECDHE: no ServerKeyExchange, an encrypted premaster secret (RFC 5246 §7.4.7.1). */
  rsa: boolean;
  /** Session tickets in use (RFC 5077); without them a session is resumed by its ID (RFC 5246 §7.3). */
  tickets: boolean;
}

const hs = (name: string, length: number, encrypted = false): Part => ({kind: 'handshake', name, length, epoch: encrypted ? 'application' : 'initial'});

export class Tls12 implements HandshakeMachine {
  private cell: StateCell<string>;
  private certRequested = false;
  private readyAnnounced = false;
  user: ChannelUser | null = null;

  constructor(
    private readonly ctx: SimContext,
    private config: Tls12Config,
    private out: (flight: Flight) => void,
  ) {
    this.cell = new StateCell(ctx, config.side, 'tls', 'START');
  }

  get state(): string {
    return this.cell.value;
  }

  private setState(to: string, cause: string): void {
    this.cell.set(to, cause);
  }

  private announceReady(): void {
    if (this.readyAnnounced) return;
    this.readyAnnounced = true;
    this.user?.ready();
  }

  offersEarlyData(): boolean {
    return false;
  }

  start(): boolean {
    this.setState('WAIT_SH', 'sent ClientHello');
    const length = clientHelloLength(
      {profile: 'hs-tutor', version: '1.2', transport: 'tcp', compat: false, resume: this.config.resume, earlyData: 'off', hrr: false, offersEarly: false, tickets: this.config.tickets},
      1,
    );
    this.out({id: 'client-hello', parts: [hs('ClientHello', length)]});
    return false; // TLS 1.2 has no early data
  }

  receive(message: Inbound): void {
    if (message.kind === 'app') {
      // Application data is only accepted once this side's handshake is complete (RFC 5246 §7.3).
      if (this.state === 'CONNECTED') this.user?.received(message.app, message.item);
      return;
    }
    if (this.config.side === 'client') this.clientReceive(message);
    else this.serverReceive(message);
  }

  private clientReceive(message: Inbound): void {
    if (message.kind === 'ccs') {
      this.setState('WAIT_FINISHED', 'received ChangeCipherSpec: the server now encrypts');
      return;
    }
    if (message.kind !== 'handshake') return;
    switch (message.name) {
      case 'ServerHello':
        // The server accepted the ticket or session ID: abbreviated handshake, no certificate (RFC 5077 §3.1, RFC 5246 §7.3).
        this.setState(this.config.resume ? 'WAIT_CCS' : 'WAIT_CERT', this.config.resume ? 'received ServerHello resuming the session' : 'received ServerHello');
        return;
      case 'Certificate':
        // With RSA key transport no ServerKeyExchange follows: the certificate's key is the key exchange.
        if (this.config.rsa) this.setState('WAIT_SHD', "received the server Certificate, whose RSA key the premaster secret will be encrypted to");
        else this.setState('WAIT_SKE', 'received the server Certificate');
        return;
      case 'ServerKeyExchange':
        this.setState('WAIT_SHD', 'received the signed ECDHE parameters');
        return;
      case 'CertificateRequest':
        this.certRequested = true;
        return;
      case 'ServerHelloDone': {
        const parts: Part[] = [];
        if (this.certRequested) parts.push(hs('Certificate', TLS12.ClientCertificate));
        parts.push(hs('ClientKeyExchange', this.config.rsa ? TLS12.ClientKeyExchangeRsa : TLS12.ClientKeyExchange));
        if (this.certRequested) parts.push(hs('CertificateVerify', TLS12.CertificateVerify));
        parts.push({kind: 'ccs'}, hs('Finished', TLS12.Finished, true));
        this.setState('WAIT_CCS', 'sent its key exchange, ChangeCipherSpec and Finished');
        this.out({id: 'client-key-exchange', parts});
        // False Start (RFC 7918 §4): data may follow the client's Finished without waiting.
        if (this.config.falseStart) this.announceReady();
        return;
      }
      case 'Finished':
        if (this.config.resume) {
          this.setState('CONNECTED', 'verified the server Finished and sent its own');
          this.out({id: 'client-finished', parts: [{kind: 'ccs'}, hs('Finished', TLS12.Finished, true)]});
        } else {
          this.setState('CONNECTED', 'verified the server Finished');
        }
        this.announceReady();
        return;
      default:
        return; // NewSessionTicket: cached for a later resumption
    }
  }

  private serverReceive(message: Inbound): void {
    if (message.kind === 'ccs') {
      this.setState('WAIT_FINISHED', 'received ChangeCipherSpec: the client now encrypts');
      return;
    }
    if (message.kind !== 'handshake') return;
    const {resume, clientAuth, rsa, tickets} = this.config;
    // A resuming server MAY renew the ticket (RFC 5077 §3.1); OpenSSL does not (seen by the lab),
    // and then its ServerHello has no session_ticket extension either (§3.2).
    const serverHello = hs('ServerHello', serverHello12({rsa, tickets: tickets && !resume}));
    switch (message.name) {
      case 'ClientHello':
        if (resume) {
          this.setState('WAIT_CCS', `resumed the session from the ${tickets ? 'ticket' : 'session ID in its cache'} and sent its Finished first`);
          this.out({id: 'server-flight', parts: [serverHello, {kind: 'ccs'}, hs('Finished', TLS12.Finished, true)]});
          return;
        }
        {
          // The server sends its own certificate and, for ECDHE, signed ephemeral parameters (RSA
          // key transport has none); it asks for the client's certificate only with client
          // authentication (RFC 5246 §7.4.2–§7.4.5).
          const parts: Part[] = [serverHello, hs('Certificate', TLS12.Certificate), ...(rsa ? [] : [hs('ServerKeyExchange', TLS12.ServerKeyExchange)])];
          if (clientAuth) parts.push(hs('CertificateRequest', TLS12.CertificateRequest));
          parts.push(hs('ServerHelloDone', TLS12.ServerHelloDone));
          this.setState(clientAuth ? 'WAIT_CERT' : 'WAIT_CKE', 'sent ServerHello through ServerHelloDone');
          this.out({id: 'server-flight', parts});
        }
        return;
      case 'Certificate':
        this.setState('WAIT_CKE', 'received the client Certificate');
        return;
      case 'ClientKeyExchange':
        this.setState(clientAuth ? 'WAIT_CV' : 'WAIT_CCS', 'received ClientKeyExchange');
        return;
      case 'CertificateVerify':
        this.setState('WAIT_CCS', 'verified the client\'s CertificateVerify');
        return;
      case 'Finished':
        if (!resume) {
          this.out({id: 'server-finished', parts: [...(tickets ? [hs('NewSessionTicket', TLS12.NewSessionTicket)] : []), {kind: 'ccs'}, hs('Finished', TLS12.Finished, true)]});
        }
        this.setState('CONNECTED', resume ? 'verified the client Finished' : 'verified the client Finished and sent its own');
        this.announceReady();
        return;
      default:
        return;
    }
  }

  sendApp(app: AppData): void {
    this.out({id: app, parts: [{kind: 'app', app, length: appBytes('hs-tutor', app, false, this.ctx.responseBytes), epoch: 'application'}]});
  }
}
