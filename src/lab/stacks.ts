// The real thing: Node's own net and tls (OpenSSL) client and server on loopback, talking through
// the lab's delaying path, doing what the scenario's knobs say the applications do (the same
// request and response as the engine's, the same close, the same certificates).
import {constants} from 'node:crypto';
import {once} from 'node:events';
import {createServer as createTcpServer, connect as tcpConnect, type Server, type Socket} from 'node:net';
import {performance} from 'node:perf_hooks';
import {connect as tlsConnect, createServer as createTlsServer, type ConnectionOptions, type TlsOptions, type TLSSocket} from 'node:tls';
import {http1} from '../engine/bytes/app-data.js';
import {exampleIdentity} from '../engine/bytes/tls-session.js';
import {APP_BYTES} from '../engine/tls/sizes.js';
import type {Knobs, Side} from '../engine/types.js';
import {DelayPath, type Relayed} from './proxy.js';

export interface RealRun {
  relayed: Relayed[];
  /** What each application saw, on the lab's clock (ms since the client's connect()). */
  moments: {
    connectMs: number | null;
    acceptMs: number | null;
    secureMs: number | null;
    requestSentMs: number | null;
    responseFirstByteMs: number | null;
    closedMs: number | null;
  };
  tls: {version: string; suite: string; resumed: boolean; keylog: string[]} | null;
}

/** The lab gives up on a run that has not finished after this many round trips (and a second). */
const GIVE_UP_RTTS = 40;

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

/** OpenSSL's names for what the engine's server picks: AES-128-GCM first (TLS 1.3), with ECDHE-RSA or RSA key transport (TLS 1.2). */
const CIPHERS13 = 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256';
const cipherList = (k: Knobs) => `${CIPHERS13}:${k.keyExchange === 'rsa' ? 'AES128-GCM-SHA256' : 'ECDHE-RSA-AES128-GCM-SHA256'}`;

function tlsOptions(k: Knobs, side: Side): TlsOptions & ConnectionOptions {
  const version = k.tls === '1.2' ? 'TLSv1.2' : 'TLSv1.3';
  const base = {minVersion: version, maxVersion: version, ciphers: cipherList(k)} as const;
  const identity = exampleIdentity(k.tls === '1.2' ? '1.2' : '1.3', side);
  const credentials = {cert: identity.chain.map(pem).join(''), key: identity.key.export({format: 'pem', type: 'pkcs8'}).toString()};
  if (side === 'server') {
    return {
      ...base,
      ...credentials,
      honorCipherOrder: true,
      // A HelloRetryRequest: the server accepts X25519 only, the client's first key share is P-256 (RFC 8446 §4.1.4).
      ecdhCurve: k.hrr === 'on' ? 'X25519' : 'X25519:P-256',
      requestCert: k.clientAuth === 'on',
      // Session IDs instead of tickets: OpenSSL's SSL_OP_NO_TICKET; the server's cache is the lab's (below).
      ...(k.tls === '1.2' && k.resumeWith === 'session-id' ? {secureOptions: constants.SSL_OP_NO_TICKET} : {}),
      // The example PKI's root is not installed anywhere: the lab looks at the handshake, not at trust.
      rejectUnauthorized: false,
    };
  }
  return {
    ...base,
    ...(k.clientAuth === 'on' ? credentials : {}),
    servername: 'example.com',
    ecdhCurve: k.hrr === 'on' ? 'P-256:X25519' : 'X25519:P-256',
    rejectUnauthorized: false,
  };
}

/** Runs one connection of `knobs` at `rttMs` through the delaying path. */
export async function runReal(knobs: Knobs, rttMs: number): Promise<RealRun> {
  const tls = knobs.tls !== 'none';
  const keylog: string[] = [];
  const request = Buffer.from(http1('request', APP_BYTES.request));
  const response = Buffer.from(http1('response', APP_BYTES.response));
  const hasClose = knobs.close !== 'none';
  const serverCloses = hasClose && knobs.closer === 'server';
  const moments: RealRun['moments'] = {connectMs: null, acceptMs: null, secureMs: null, requestSentMs: null, responseFirstByteMs: null, closedMs: null};
  let t0 = performance.now();
  const clock = {now: () => performance.now() - t0};

  const serve = (socket: Socket | TLSSocket) => {
    let got = 0;
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      const before = got;
      got += chunk.length;
      if (knobs.data === 'none' || before >= request.length || got < request.length) return;
      socket.write(response);
      if (serverCloses) {
        if (knobs.close === 'abort') socket.resetAndDestroy();
        else socket.end();
      }
    });
    socket.on('end', () => {
      if (hasClose && !serverCloses) setTimeout(() => socket.end(), knobs.closeDelayMs);
    });
  };
  // Half-open allowed: each application closes when the scenario says, not when the peer's FIN arrives.
  const server: Server = tls ? createTlsServer({...tlsOptions(knobs, 'server'), allowHalfOpen: true}, serve) : createTcpServer({allowHalfOpen: true}, serve);
  if (tls) server.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1').trim()));
  // A server's session cache, for resumption by session ID (RFC 5246 §7.3): Node hands it to the application.
  const cache = new Map<string, Buffer>();
  server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
    cache.set(id.toString('hex'), data);
    done();
  });
  server.on('resumeSession', (id: Buffer, done: (error: Error | null, data: Buffer | null) => void) => done(null, cache.get(id.toString('hex')) ?? null));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const target = server.address() as {port: number};

  // Resumption needs a ticket from an earlier connection: one straight to the server, unmeasured.
  // A first connection straight to the server, unmeasured: it pays OpenSSL's one-time start-up
  // costs (a warm process is what a browser is), and keeps the session ticket a resumption needs.
  let session: Buffer | undefined;
  if (tls) {
    const ticket = await fetchTicket(knobs, target.port, request);
    if (knobs.resume === 'on') session = ticket;
  }

  const path = new DelayPath(rttMs, clock, target);
  const port = await path.listen();
  let client: Socket | TLSSocket | null = null;
  try {
    t0 = performance.now();
    const raw = tcpConnect({port, host: '127.0.0.1', allowHalfOpen: true});
    raw.on('error', () => {});
    await once(raw, 'connect');
    // connect() returns when the SYN-ACK is back: one round trip on the path (see proxy.ts).
    await new Promise<void>((resolve) => path.at(rttMs, resolve));
    moments.connectMs = clock.now();
    let socket: Socket | TLSSocket = raw;
    let info: RealRun['tls'] = null;
    if (tls) {
      const secure = tlsConnect({...tlsOptions(knobs, 'client'), socket: raw, session});
      secure.on('keylog', (line: Buffer) => keylog.push(line.toString('latin1').trim()));
      secure.on('error', () => {});
      await once(secure, 'secureConnect');
      moments.secureMs = clock.now();
      const cipher = secure.getCipher();
      info = {version: secure.getProtocol() ?? '?', suite: cipher.standardName ?? cipher.name, resumed: secure.isSessionReused(), keylog};
      socket = secure;
    }
    client = socket;
    const done = new Promise<void>((resolve) => {
      raw.once('close', () => {
        moments.closedMs = clock.now();
        resolve();
      });
    });
    let received = 0;
    const responded = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        if (received === 0) moments.responseFirstByteMs = clock.now();
        received += chunk.length;
        if (received >= response.length) resolve();
      });
      if (knobs.data === 'none') resolve();
    });
    socket.on('end', () => {
      if (serverCloses && knobs.close !== 'abort') setTimeout(() => socket.end(), knobs.closeDelayMs);
    });
    if (knobs.data !== 'none') {
      socket.write(request);
      moments.requestSentMs = clock.now();
    }
    const giveUp = new Promise<'late'>((resolve) => path.at(GIVE_UP_RTTS * rttMs + 1000, () => resolve('late')));
    await Promise.race([responded, giveUp]);
    if (hasClose && !serverCloses) {
      if (knobs.close === 'abort') raw.resetAndDestroy();
      else socket.end();
    }
    if (hasClose) await Promise.race([done, giveUp]);
    else await new Promise<void>((resolve) => path.at(clock.now() + rttMs, resolve)); // tickets after the response
    moments.acceptMs = path.acceptedMs;
    return {relayed: path.relayed, moments, tls: info};
  } finally {
    client?.destroy();
    path.close();
    server.close();
  }
}

/** A first connection, straight to the server, that keeps the session ticket a resumption needs. */
async function fetchTicket(knobs: Knobs, port: number, request: Buffer): Promise<Buffer | undefined> {
  const socket = tlsConnect({...tlsOptions(knobs, 'client'), port, host: '127.0.0.1'});
  socket.on('error', () => {});
  let session: Buffer | undefined;
  socket.on('session', (s: Buffer) => {
    session = s;
  });
  await once(socket, 'secureConnect');
  socket.write(request);
  // TLS 1.3 tickets come after the handshake, with or before the response.
  await new Promise<void>((resolve) => {
    socket.on('data', () => {
      if (session) resolve();
    });
    socket.on('session', () => resolve());
  });
  socket.destroy();
  return session;
}
