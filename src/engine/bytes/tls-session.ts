// One TLS connection's cryptography, both ends at once: it builds every handshake message in
// protocol order with the real key schedule (TLS 1.3: RFC 8446 §7 with X25519 or P-256 ECDHE and
// PSKs; TLS 1.2: RFC 5246 §8 with the extended master secret of RFC 7627), signs with the
// example PKI's keys, computes Finished MACs and PSK binders, and hands out the traffic keys that
// protect records (RFC 8446 §5.2, RFC 5288 §3) and QUIC packets (RFC 9001 §5), and the NSS key
// log that lets Wireshark decrypt all of it. Private keys and randoms come from the run's seed
// (or from RFC 8448 with vectors=rfc8448), so the same knobs and seed give the same bytes.

import type {KeyObject} from 'node:crypto';
import type {AppData, Side} from '../types.js';
import {http1, http3, type HttpOptions} from './app-data.js';
import {SUITE, type CipherSuite, type GroupName} from './code-points.js';
import {
  deriveSecret,
  digest,
  HASH_LENGTH,
  hkdfExpandLabel,
  hkdfExtract,
  hmac,
  keyPair,
  rsaPkcs1Encrypt,
  rsaPkcs1Sign,
  rsaPssSign,
  tls12Prf,
  type KeyPair,
} from './crypto.js';
import {exampleKey} from './example-keys.js';
import {recordKeys12, trafficKeys13, type TrafficKeys} from './tls-records.js';
import {
  alpnFor,
  BINDER_LENGTH,
  clientHelloLayout,
  hrrCookieLength,
  legacySessionIdLength,
  CERTIFICATE_REQUEST_SCHEMES_13,
  RFC8448_GROUPS,
  clientHelloShape,
  TICKET_LENGTH,
  TLS12_TICKET_LENGTH,
  type ClientHelloShape,
  type ShapeInputs,
} from './hello-layout.js';
import {ContentBytes} from './random.js';
import {
  RFC8448_APP_DATA,
  RFC8448_CERTIFICATE,
  RFC8448_EARLY_DATA,
  RFC8448_OBFUSCATED_TICKET_AGE,
  RFC8448_PSS_SALT,
  RFC8448_RECORD_SIZE_LIMIT,
  RFC8448_RESUMPTION_MASTER_SECRET,
  RFC8448_SECTION3,
  RFC8448_SECTION4,
  RFC8448_TICKET,
  rfc8448ServerKey,
  type Rfc8448Handshake,
} from './rfc8448.js';
import {
  bindersLength,
  certificate12,
  certificate13,
  certificateRequest12,
  certificateRequest13,
  certificateVerify,
  certificateVerifyInput,
  clientHello,
  clientKeyExchange,
  clientKeyExchangeRsa,
  ecdheParams,
  encryptedExtensions,
  endOfEarlyData,
  ext,
  finished,
  HRR_RANDOM,
  messageHash,
  newSessionTicket12,
  newSessionTicket13,
  serverHello,
  serverHelloDone,
  serverKeyExchange,
  transportParameters,
  type Extension,
  type Ticket13,
} from './tls-messages.js';
import {concat, toHex} from './writer.js';
import {exampleCertificate} from './x509.js';
import {TLS12, TLS13} from '../tls/sizes.js';

/** The keys a record or packet is protected under (RFC 8446 §7.3 epochs; TLS 1.2 has one, after ChangeCipherSpec). */
export type KeyEpoch = 'early' | 'handshake' | 'application';

export type {TrafficKeys} from './tls-records.js';

/** The example chain a Certificate message of `length` bytes carries: the leaf and its issuer, or the client's own. */
function exampleChain(version: '1.2' | '1.3', side: Side, length: number): Uint8Array[] {
  const tls13 = version === '1.3';
  const entries = side === 'client' ? 1 : 2;
  const der = length - 4 - (tls13 ? 1 : 0) - 3 - entries * (3 + (tls13 ? 2 : 0));
  if (side === 'client') {
    if (der !== CLIENT_CERT_LENGTH) throw new Error('unexpected client certificate length');
    return [exampleCertificate('client', der)];
  }
  return [exampleCertificate('leaf', der - INTERMEDIATE_LENGTH), exampleCertificate('intermediate', INTERMEDIATE_LENGTH)];
}

/**
 * A side's certificate chain (DER, leaf first) and private key as a run of `version` presents
 * them, for a real TLS stack to present the same ones (the lab's OpenSSL server and client).
 */
export function exampleIdentity(version: '1.2' | '1.3', side: Side): {chain: Uint8Array[]; key: KeyObject} {
  const length = version === '1.3' ? (side === 'server' ? TLS13.Certificate : TLS13.ClientCertificate) : side === 'server' ? TLS12.Certificate : TLS12.ClientCertificate;
  return {chain: exampleChain(version, side, length), key: exampleKey(side === 'server' ? 'leaf' : 'client')};
}

/** The connection's shape (its ClientHellos depend on it) and the seed its randoms come from. */
export interface SessionConfig extends ShapeInputs {
  seed: number | string;
  /** TLS 1.2 with RSA key transport (RFC 5246 §7.4.7.1) instead of ECDHE. */
  rsa?: boolean;
  /** QUIC: the connection ids the transport parameters name (RFC 9000 §7.3). */
  quic?: {clientScid: Uint8Array; serverScid: Uint8Array; originalDcid: Uint8Array; retryScid: Uint8Array | null};
}

/** One handshake message as the engine sent it: who, what, and its fixed length. */
export interface PlanEntry {
  side: Side;
  name: string;
  length: number;
}

/** The lengths of the hs-tutor example chain: the intermediate's, and the client's one certificate (the leaf takes the rest). */
const INTERMEDIATE_LENGTH = 1150;
const CLIENT_CERT_LENGTH = 1000;
const TICKET_LIFETIME_S = 7200;
/** What a TLS 1.3 ticket allows: 16 KB of early data over TCP; over QUIC the 0xffffffff sentinel (RFC 9001 §4.6.1). */
const MAX_EARLY_DATA = {tcp: 16384, quic: 0xffffffff} as const;

/** P-256 private keys must lie in [1, n − 1]; a seeded 256-bit value is below n but for a 2^-32 chance. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export class TlsSession {
  readonly suite: CipherSuite;
  private readonly hash: CipherSuite['hash'];
  private readonly random: ContentBytes;
  private readonly vectors: Rfc8448Handshake | null;
  private built: Uint8Array[] = [];
  /** The handshake messages the transcript hash covers (RFC 8446 §4.4.1, RFC 5246 §7.4.9). */
  private transcript: Uint8Array[] = [];
  private clientHellos: Uint8Array[] = [];
  private clientShares: KeyPair[] = [];
  private tickets = 0;
  private secrets: Partial<Record<'early' | 'clientEarly' | 'earlyExporter' | 'handshake' | 'clientHandshake' | 'serverHandshake' | 'master' | 'clientApplication' | 'serverApplication' | 'exporter' | 'resumption' | 'master12', Uint8Array>> = {};
  private serverShare: KeyPair | null = null;
  private clientShare12: KeyPair | null = null;
  private keyCache = new Map<string, TrafficKeys>();

  constructor(
    private config: SessionConfig,
    private plan: readonly PlanEntry[],
  ) {
    this.suite = SUITE[config.version === '1.3' ? 'TLS_AES_128_GCM_SHA256' : config.rsa ? 'TLS_RSA_WITH_AES_128_GCM_SHA256' : 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'];
    this.hash = this.suite.hash;
    this.random = new ContentBytes(config.seed);
    this.vectors = config.profile === 'rfc8448' ? (config.resume ? RFC8448_SECTION4 : RFC8448_SECTION3) : null;
  }

  /** The bytes of plan entry `index`, building every message before it first (the transcript needs them). */
  message(index: number): Uint8Array {
    while (this.built.length <= index) {
      const i = this.built.length;
      const entry = this.plan[i];
      if (!entry) throw new Error(`no handshake message ${index} in this connection`);
      const bytes = this.config.version === '1.3' ? this.build13(entry) : this.build12(entry);
      if (bytes.length !== entry.length) throw new Error(`${entry.side} ${entry.name} came out ${bytes.length} bytes, the engine fixed ${entry.length}`);
      this.built.push(bytes);
    }
    return this.built[index]!;
  }

  /** Every handshake message of the connection, built, in the order they were sent. */
  messages(): {side: Side; name: string; bytes: Uint8Array}[] {
    this.buildAll();
    return this.plan.map((entry, i) => ({side: entry.side, name: entry.name, bytes: this.built[i]!}));
  }

  /** The transcript hash of some messages, with this connection's hash (RFC 8446 §4.4.1). */
  transcriptHashOf(messages: readonly Uint8Array[]): Uint8Array {
    return digest(this.hash, ...messages);
  }

  /** Builds the whole handshake (what the key log needs). */
  private buildAll(): void {
    if (this.plan.length > 0) this.message(this.plan.length - 1);
  }

  /** Builds up to the message that makes `secret` known, if the connection has it. */
  private need(secret: keyof TlsSession['secrets']): Uint8Array {
    const have = (): Uint8Array | undefined => this.secrets[secret];
    if (have()) return have()!;
    for (let i = this.built.length; i < this.plan.length && !have(); i++) this.message(i);
    const value = have();
    if (!value) throw new Error(`this connection never derives its ${secret} secret`);
    return value;
  }

  // ---------------------------------------------------------------- inputs

  private clientRandom(): Uint8Array {
    return this.vectors?.clientRandom ?? this.random.take('client_random', 32);
  }

  private serverRandom(): Uint8Array {
    return this.vectors?.serverRandom ?? this.random.take('server_random', 32);
  }

  private legacySessionId(): Uint8Array {
    const length = legacySessionIdLength(this.config);
    return length === 0 ? new Uint8Array(0) : this.random.take('legacy_session_id', length);
  }

  private privateKey(side: Side, group: GroupName): Uint8Array {
    if (this.vectors && group === 'x25519') return side === 'client' ? this.vectors.clientX25519 : this.vectors.serverX25519;
    const key = this.random.take(`${side}_private_${group}`, 32);
    if (group !== 'secp256r1') return key;
    let scalar = BigInt(`0x${toHex(key)}`) % P256_ORDER;
    if (scalar === 0n) scalar = 1n;
    return Uint8Array.from(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex'));
  }

  private signingKey(side: Side): KeyObject {
    if (this.config.profile === 'rfc8448') return rfc8448ServerKey();
    return exampleKey(side === 'server' ? 'leaf' : 'client');
  }

  /** The certificate chain a Certificate message of `length` bytes carries. */
  private chain(side: Side, length: number): Uint8Array[] {
    if (this.config.profile === 'rfc8448') return [RFC8448_CERTIFICATE];
    return exampleChain(this.config.version, side, length);
  }

  /** The PSS salt of a TLS 1.3 CertificateVerify: OpenSSL draws it; here the seed does (RFC 8017 §9.1.1). */
  private pssSalt(side: Side): Uint8Array {
    if (this.config.profile === 'rfc8448') return RFC8448_PSS_SALT;
    return this.random.take(`${side}_pss_salt`, HASH_LENGTH[this.hash]);
  }

  /** The resumption PSK and the ticket naming it: from an earlier connection the trace does not show. */
  private psk(): {key: Uint8Array; identity: Uint8Array; obfuscatedAge: (attempt: number) => number} {
    if (this.config.profile === 'rfc8448') {
      // RFC 8448 §4 resumes §3: PSK = HKDF-Expand-Label(resumption_master_secret, "resumption", nonce) (RFC 8446 §4.6.1).
      return {
        key: hkdfExpandLabel(RFC8448_RESUMPTION_MASTER_SECRET, 'resumption', RFC8448_TICKET.nonce, HASH_LENGTH[this.hash], this.hash),
        identity: RFC8448_TICKET.ticket,
        obfuscatedAge: () => RFC8448_OBFUSCATED_TICKET_AGE,
      };
    }
    const ageAdd = u32(this.random.take('previous_ticket_age_add', 4));
    return {
      key: this.random.take('resumption_psk', HASH_LENGTH[this.hash]),
      identity: this.random.take('previous_ticket', TICKET_LENGTH['hs-tutor']),
      // The ticket is 10 s old; a second ClientHello goes a little later (RFC 8446 §4.2.11.1).
      obfuscatedAge: (attempt) => (10_000 + (attempt - 1) * 100 + ageAdd) >>> 0,
    };
  }

  /** The n-th NewSessionTicket of this connection (OpenSSL sends two, numbered by their nonce). */
  private ticket13(n: number): Ticket13 {
    if (this.config.profile === 'rfc8448') return RFC8448_TICKET;
    return {
      lifetime: TICKET_LIFETIME_S,
      ageAdd: u32(this.random.take(`ticket_age_add_${n}`, 4)),
      nonce: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, n),
      ticket: this.random.take(`new_ticket_${n}`, TICKET_LENGTH['hs-tutor']),
      maxEarlyData: MAX_EARLY_DATA[this.config.transport],
    };
  }

  /** The application's bytes: HTTP/1.1 over TCP, HTTP/3 over QUIC; RFC 8448's payloads with its vectors. */
  appData(app: AppData, length: number, early: boolean, http: HttpOptions = {}): Uint8Array {
    if (this.config.profile === 'rfc8448') {
      const data = early ? RFC8448_EARLY_DATA : RFC8448_APP_DATA;
      if (data.length !== length) throw new Error(`RFC 8448's ${app} is ${data.length} bytes, the engine fixed ${length}`);
      return data;
    }
    return this.config.transport === 'quic' ? http3(app, length) : http1(app, length, http);
  }

  // ---------------------------------------------------------------- TLS 1.3

  private th(): Uint8Array {
    return digest(this.hash, ...this.transcript);
  }

  private shape(attempt: number): ClientHelloShape {
    const {profile, version, transport, compat, resume, earlyData, hrr, tickets} = this.config;
    return clientHelloShape({profile, version, transport, compat, resume, earlyData, hrr, offersEarly: this.config.offersEarly, ...(tickets === undefined ? {} : {tickets})}, attempt);
  }

  private clientHello13(attempt: number, length: number): Uint8Array {
    const shape = this.shape(attempt);
    const share = keyPair(shape.keyShare, this.privateKey('client', shape.keyShare));
    this.clientShares.push(share);
    const psk = this.config.resume ? this.psk() : null;
    const quic = this.config.quic;
    const hrrLength = this.plan.find((e) => e.name === 'HelloRetryRequest')?.length ?? 0;
    const layout = (binder: Uint8Array) =>
      clientHelloLayout(shape, {
        random: this.clientRandom(), // the same in both ClientHellos (RFC 8446 §4.1.2)
        legacySessionId: this.legacySessionId(),
        keyShare: share.publicKey,
        cookie: shape.afterHrr ? this.hrrCookie(hrrLength) : null,
        psk: psk ? {identity: psk.identity, obfuscatedAge: psk.obfuscatedAge(attempt), binder} : null,
        ticket12: null,
        transportParameters: quic ? transportParameters({source: quic.clientScid}, null, (n) => this.random.take('transport_parameter_grease_client', n)) : null,
      });
    const build = (binder: Uint8Array): Uint8Array => {
      const {fields, pad} = layout(binder);
      return clientHello(fields, pad);
    };
    let hello = build(new Uint8Array(BINDER_LENGTH));
    if (psk) {
      // The binder is an HMAC over the transcript with this ClientHello truncated before the
      // binders list, whose lengths already count (RFC 8446 §4.2.11.2).
      const early = hkdfExtract(new Uint8Array(0), psk.key, this.hash);
      const binderKey = deriveSecret(early, 'res binder', digest(this.hash), this.hash);
      const truncated = hello.subarray(0, hello.length - bindersLength(BINDER_LENGTH));
      const binder = hmac(this.hash, this.finishedKey(binderKey), digest(this.hash, ...this.transcript, truncated));
      hello = build(binder);
    }
    if (hello.length !== length) throw new Error(`ClientHello ${attempt} came out ${hello.length} bytes, the engine fixed ${length}`);
    this.clientHellos.push(hello);
    this.transcript.push(hello);
    if (attempt === 1) {
      // RFC 8446 §7.1: the early secret from the PSK (or zeros); 0-RTT keys from the first ClientHello.
      this.secrets.early = hkdfExtract(new Uint8Array(0), psk?.key ?? new Uint8Array(HASH_LENGTH[this.hash]), this.hash);
      if (this.shape(1).earlyData) {
        this.secrets.clientEarly = deriveSecret(this.secrets.early, 'c e traffic', this.th(), this.hash);
        this.secrets.earlyExporter = deriveSecret(this.secrets.early, 'e exp master', this.th(), this.hash);
      }
    }
    return hello;
  }

  private hrrCookie(helloRetryRequestLength: number): Uint8Array {
    return this.random.take('hrr_cookie', hrrCookieLength(helloRetryRequestLength, legacySessionIdLength(this.config)));
  }

  private finishedKey(secret: Uint8Array): Uint8Array {
    return hkdfExpandLabel(secret, 'finished', new Uint8Array(0), HASH_LENGTH[this.hash], this.hash);
  }

  private serverHello13(): Uint8Array {
    const clientShare = this.clientShares[this.clientShares.length - 1]!;
    this.serverShare = keyPair(clientShare.group, this.privateKey('server', clientShare.group));
    const keyShare: Extension = ['key_share', ext.keyShare(clientShare.group, this.serverShare.publicKey)];
    const psk: Extension[] = this.config.resume ? [['pre_shared_key', ext.selectedIdentity(0)]] : [];
    const versions: Extension = ['supported_versions', ext.selectedVersion()];
    // RFC 8448 (NSS) lists pre_shared_key, key_share, supported_versions; OpenSSL supported_versions first.
    const extensions = this.config.profile === 'rfc8448' ? [...psk, keyShare, versions] : [versions, keyShare, ...psk];
    const hello = serverHello({random: this.serverRandom(), legacySessionId: this.legacySessionId(), suite: this.suite.name, extensions});
    this.transcript.push(hello);
    // RFC 8446 §7.1: handshake secret from the (EC)DHE shared secret, then the handshake traffic secrets.
    const shared = this.serverShare.shared(clientShare.publicKey);
    const derived = deriveSecret(this.secrets.early!, 'derived', digest(this.hash), this.hash);
    this.secrets.handshake = hkdfExtract(derived, shared, this.hash);
    this.secrets.clientHandshake = deriveSecret(this.secrets.handshake, 'c hs traffic', this.th(), this.hash);
    this.secrets.serverHandshake = deriveSecret(this.secrets.handshake, 's hs traffic', this.th(), this.hash);
    return hello;
  }

  private helloRetryRequest(length: number): Uint8Array {
    // The transcript keeps the first ClientHello only as its hash (RFC 8446 §4.4.1).
    this.transcript = [messageHash(digest(this.hash, this.clientHellos[0]!))];
    const hrr = serverHello({
      random: HRR_RANDOM,
      legacySessionId: this.legacySessionId(),
      suite: this.suite.name,
      extensions: [
        ['supported_versions', ext.selectedVersion()],
        ['key_share', ext.selectedGroup('x25519')],
        ['cookie', ext.cookie(this.hrrCookie(length))],
      ],
    });
    this.transcript.push(hrr);
    return hrr;
  }

  private encryptedExtensions13(length: number): Uint8Array {
    const early: Extension[] = this.config.earlyData === 'accepted' && this.shape(1).earlyData ? [['early_data', ext.earlyData()]] : [];
    if (this.config.profile === 'rfc8448') {
      return encryptedExtensions([
        ['supported_groups', ext.supportedGroups(RFC8448_GROUPS)],
        ['record_size_limit', ext.recordSizeLimit(RFC8448_RECORD_SIZE_LIMIT)],
        ['server_name', ext.empty()],
        ...early,
      ]);
    }
    const base: Extension[] = [['server_name', ext.empty()], ['application_layer_protocol_negotiation', ext.alpn(alpnFor(this.config.transport))], ...early];
    const quic = this.config.quic;
    if (!quic) return encryptedExtensions(base);
    // The transport parameters fill the message to its fixed length (RFC 9001 §8.2).
    const room = length - encryptedExtensions(base).length - 4;
    const parameters = transportParameters(
      {source: quic.serverScid, originalDestination: quic.originalDcid, retrySource: quic.retryScid, statelessResetToken: this.random.take('stateless_reset_token', 16)},
      room,
      (n) => this.random.take('transport_parameter_grease', n),
    );
    return encryptedExtensions([...base, ['quic_transport_parameters', ext.quicTransportParameters(parameters)]]);
  }

  private certificateVerify13(side: Side): Uint8Array {
    const signature = rsaPssSign(this.signingKey(side), this.hash, certificateVerifyInput(side, this.th()), this.pssSalt(side));
    return certificateVerify('rsa_pss_rsae_sha256', signature);
  }

  /** A message that the transcript covers. */
  private add = (message: Uint8Array): Uint8Array => {
    this.transcript.push(message);
    return message;
  };

  private build13(entry: PlanEntry): Uint8Array {
    const {side, name, length} = entry;
    const add = this.add;
    switch (name) {
      case 'ClientHello':
        return this.clientHello13(this.clientHellos.length + 1, length);
      case 'HelloRetryRequest':
        return this.helloRetryRequest(length);
      case 'ServerHello':
        return this.serverHello13();
      case 'EncryptedExtensions':
        return add(this.encryptedExtensions13(length));
      case 'CertificateRequest':
        return add(certificateRequest13(CERTIFICATE_REQUEST_SCHEMES_13));
      case 'Certificate':
        return add(certificate13(this.chain(side, length)));
      case 'CertificateVerify':
        return add(this.certificateVerify13(side));
      case 'EndOfEarlyData':
        return add(endOfEarlyData());
      case 'Finished': {
        const secret = side === 'server' ? this.secrets.serverHandshake! : this.secrets.clientHandshake!;
        const message = add(finished(hmac(this.hash, this.finishedKey(secret), this.th())));
        if (side === 'server') {
          // RFC 8446 §7.1: the master secret, and the traffic secrets over ClientHello…server Finished.
          const derived = deriveSecret(this.secrets.handshake!, 'derived', digest(this.hash), this.hash);
          this.secrets.master = hkdfExtract(derived, new Uint8Array(HASH_LENGTH[this.hash]), this.hash);
          this.secrets.clientApplication = deriveSecret(this.secrets.master, 'c ap traffic', this.th(), this.hash);
          this.secrets.serverApplication = deriveSecret(this.secrets.master, 's ap traffic', this.th(), this.hash);
          this.secrets.exporter = deriveSecret(this.secrets.master, 'exp master', this.th(), this.hash);
        } else {
          this.secrets.resumption = deriveSecret(this.secrets.master!, 'res master', this.th(), this.hash);
        }
        return message;
      }
      case 'NewSessionTicket':
        // Post-handshake: not part of the transcript (RFC 8446 §4.6.1).
        return newSessionTicket13(this.ticket13(this.tickets++));
      default:
        throw new Error(`no TLS 1.3 encoder for ${side} ${name}`);
    }
  }

  // ---------------------------------------------------------------- TLS 1.2

  private build12(entry: PlanEntry): Uint8Array {
    const {side, name, length} = entry;
    const add = this.add;
    switch (name) {
      case 'ClientHello': {
        const {fields, pad} = clientHelloLayout(this.shape(1), {
          random: this.clientRandom(),
          legacySessionId: this.legacySessionId(),
          keyShare: new Uint8Array(0),
          cookie: null,
          psk: null,
          ticket12: this.config.resume && this.config.tickets !== false ? this.random.take('previous_ticket_1.2', TLS12_TICKET_LENGTH) : null,
          transportParameters: null,
        });
        if (this.config.resume) this.secrets.master12 = this.random.take('resumed_master_secret', 48);
        return add(clientHello(fields, pad));
      }
      case 'ServerHello': {
        // A resuming server echoes the client's session id (RFC 5077 §3.4, RFC 5246 §7.4.1.3), and
        // every server the extended_master_secret it was offered (RFC 7627 §5.2).
        const sessionId = this.config.resume ? this.legacySessionId() : this.random.take('server_session_id', 32);
        // session_ticket announces a NewSessionTicket to come (RFC 5077 §3.2): not when resuming, as OpenSSL does not renew.
        const tickets = this.config.tickets !== false && !this.config.resume;
        return add(
          serverHello({
            random: this.serverRandom(),
            legacySessionId: sessionId,
            suite: this.suite.name,
            extensions: [
              ['renegotiation_info', ext.renegotiationInfo()], // RFC 5746 §3.6
              // Only for an ECC suite (RFC 8422 §5.2), so not with RSA key transport.
              ...(this.config.rsa ? [] : ([['ec_point_formats', ext.ecPointFormats()]] as const)),
              ...(tickets ? ([['session_ticket', ext.empty()]] as const) : []), // a new ticket will follow (RFC 5077 §3.2)
              ['extended_master_secret', ext.empty()],
            ],
          }),
        );
      }
      case 'Certificate':
        return add(certificate12(this.chain(side, length)));
      case 'ServerKeyExchange': {
        this.serverShare = keyPair('x25519', this.privateKey('server', 'x25519'));
        const params = ecdheParams('x25519', this.serverShare.publicKey);
        // Signed over both randoms and the parameters (RFC 8422 §5.4), PKCS #1 v1.5 with SHA-256.
        const signature = rsaPkcs1Sign(this.signingKey('server'), 'sha256', concat([this.clientRandom(), this.serverRandom(), params]));
        return add(serverKeyExchange(params, 'rsa_pkcs1_sha256', signature));
      }
      case 'CertificateRequest':
        return add(certificateRequest12(['ecdsa_secp256r1_sha256', 'ecdsa_secp384r1_sha384', 'ecdsa_secp521r1_sha512', 'rsa_pss_rsae_sha256', 'rsa_pss_rsae_sha384', 'rsa_pss_rsae_sha512', 'rsa_pkcs1_sha256', 'rsa_pkcs1_sha384', 'rsa_pkcs1_sha512', 'rsa_pkcs1_sha1']));
      case 'ServerHelloDone':
        return add(serverHelloDone());
      case 'ClientKeyExchange': {
        if (this.config.rsa) {
          // RSA key transport (RFC 5246 §7.4.7.1): the client's version, then 46 random bytes,
          // encrypted to the key of the server's certificate. Whoever holds that key, now or
          // years later, can decrypt the premaster secret from a recording: no forward secrecy.
          const premaster = Uint8Array.of(3, 3, ...this.random.take('premaster_random', 46));
          const encrypted = rsaPkcs1Encrypt(exampleKey('leaf'), premaster, this.random.take('rsa_padding', 256));
          const message = add(clientKeyExchangeRsa(encrypted));
          this.secrets.master12 = tls12Prf(premaster, 'extended master secret', this.th(), 48, this.hash);
          return message;
        }
        this.clientShare12 = keyPair('x25519', this.privateKey('client', 'x25519'));
        const message = add(clientKeyExchange(this.clientShare12.publicKey));
        // RFC 7627 §4: master_secret = PRF(pre_master_secret, "extended master secret", session_hash),
        // the hash of every message up to and including this ClientKeyExchange.
        const premaster = this.clientShare12.shared(this.serverShare!.publicKey);
        this.secrets.master12 = tls12Prf(premaster, 'extended master secret', this.th(), 48, this.hash);
        return message;
      }
      case 'CertificateVerify':
        // TLS 1.2 signs the handshake messages themselves (RFC 5246 §7.4.8).
        return add(certificateVerify('rsa_pkcs1_sha256', rsaPkcs1Sign(this.signingKey('client'), 'sha256', concat(this.transcript))));
      case 'NewSessionTicket':
        // Part of the transcript in TLS 1.2: it comes before the server's Finished (RFC 5077 §3.3).
        return add(newSessionTicket12(TICKET_LIFETIME_S, this.random.take('new_ticket_1.2', TLS12_TICKET_LENGTH)));
      case 'Finished': {
        // verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11] (RFC 5246 §7.4.9).
        const label = side === 'client' ? 'client finished' : 'server finished';
        return add(finished(tls12Prf(this.secrets.master12!, label, this.th(), 12, this.hash)));
      }
      default:
        throw new Error(`no TLS 1.2 encoder for ${side} ${name}`);
    }
  }

  // ---------------------------------------------------------------- keys

  /** TLS 1.3: the traffic secret of one direction and epoch (RFC 8446 §7.1). */
  trafficSecret(side: Side, epoch: KeyEpoch): Uint8Array {
    if (epoch === 'early') return this.need('clientEarly');
    if (epoch === 'handshake') return this.need(side === 'client' ? 'clientHandshake' : 'serverHandshake');
    return this.need(side === 'client' ? 'clientApplication' : 'serverApplication');
  }

  /** The record protection keys of one direction and epoch: TLS 1.3 from its traffic secret (RFC 8446 §7.3), TLS 1.2 from the key block (RFC 5246 §6.3). */
  recordKeys(side: Side, epoch: KeyEpoch): TrafficKeys {
    const cacheKey = `${side} ${epoch}`;
    const cached = this.keyCache.get(cacheKey);
    if (cached) return cached;
    const keys =
      this.config.version === '1.3'
        ? trafficKeys13(this.suite, this.trafficSecret(side, epoch))
        : recordKeys12(this.suite, this.need('master12'), this.clientRandom(), this.serverRandom(), side);
    this.keyCache.set(cacheKey, keys);
    return keys;
  }

  // ---------------------------------------------------------------- the key log

  /**
   * The NSS key log lines (SSLKEYLOGFILE format) of this connection: CLIENT_RANDOM with the
   * master secret for TLS 1.2, the traffic secrets for TLS 1.3 and QUIC, each line naming the
   * connection by its ClientHello's random.
   */
  keyLog(): string[] {
    this.buildAll();
    const random = toHex(this.clientRandom());
    const line = (label: string, secret: Uint8Array | undefined): string[] => (secret ? [`${label} ${random} ${toHex(secret)}`] : []);
    if (this.config.version === '1.2') return line('CLIENT_RANDOM', this.secrets.master12);
    const s = this.secrets;
    return [
      ...line('CLIENT_EARLY_TRAFFIC_SECRET', s.clientEarly),
      ...line('EARLY_EXPORTER_SECRET', s.earlyExporter),
      ...line('CLIENT_HANDSHAKE_TRAFFIC_SECRET', s.clientHandshake),
      ...line('SERVER_HANDSHAKE_TRAFFIC_SECRET', s.serverHandshake),
      ...line('CLIENT_TRAFFIC_SECRET_0', s.clientApplication),
      ...line('SERVER_TRAFFIC_SECRET_0', s.serverApplication),
      ...line('EXPORTER_SECRET', s.exporter),
    ];
  }

  /** Every secret derived so far, by RFC 8446's names (for tests and the RFC 8448 comparison). */
  allSecrets(): Readonly<TlsSession['secrets']> {
    this.buildAll();
    return {...this.secrets};
  }
}

function u32(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}
