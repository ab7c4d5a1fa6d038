// The inputs of RFC 8448 ("Example Handshake Traces for TLS 1.3"), for the `vectors=rfc8448`
// knob: with them, the handshake this tutor builds is the RFC's, byte for byte. Only inputs are
// here (what an implementation draws at random or is configured with: randoms, ephemeral private
// keys, the server's certificate and RSA key, the ticket it issues, the PSS salt, the application
// data); every message, secret and record is computed from them, and the tests compare the
// results with the RFC's own hex (test/fixtures/rfc8448.ts).

import {createPrivateKey, type KeyObject} from 'node:crypto';
import {ascii, fromHex} from './writer.js';

const hex = (text: string): Uint8Array => fromHex(text);

/** RFC 8448 §2: the server's RSA key (1024 bits). */
const RSA = {
  n: `b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab
      bc 9a 95 13 7a ce 6c 1a f1 9e aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f
      da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f`,
  e: '01 00 01',
  d: `04 de a7 05 d4 3a 6e a7 20 9d d8 07 21 11 a8 3c 81 e3 22 a5 92 78 b3 34 80 64 1e af 7c 0a 69 85 b8 e3 1c 44 f6 de 62
      e1 b4 c2 30 9f 61 26 e7 7b 7c 41 e9 23 31 4b bf a3 88 13 05 dc 12 17 f1 6c 81 9c e5 38 e9 22 f3 69 82 8d 0e 57 19 5d 8c 84 88 46 02
      07 b2 fa a7 26 bc f7 08 bb d7 db 7f 67 9f 89 34 92 fc 2a 62 2e 08 97 0a ac 44 1c e4 e0 c3 08 8d f2 5a e6 79 23 3d f8 a3 bd a2 ff 99 41`,
  p: `e4 35 fb 7c c8 37 37 75 6d ac ea 96 ab 7f 59 a2 cc 10 69 db 7d eb 19 0e 17 e3 3a 53 2b 27 3f 30 a3 27 aa 0a aa bc 58 cd 67 46
      6a f9 84 5f ad c6 75 fe 09 4a f9 2c 4b d1 f2 c1 bc 33 dd 2e 05 15`,
  q: `ca bd 3b c0 e0 43 86 64 c8 d4 cc 9f 99 97 7a 94 d9 bb fe ad 8e 43 87 0a ba e3 f7 eb 8b 4e 0e ee 8a f1 d9 b4 71 9b a6 19 6c f2
      cb ba ee eb f8 b3 49 0a fe 9e 9f fa 74 a8 8a a5 1f c6 45 62 93 03`,
  dp: `3f 57 34 5c 27 fe 1b 68 7e 6e 76 16 27 b7 8b 1b 82 64 33 dd 76 0f a0 be a6 a6 ac f3 94 90 aa 1b 47 cd a4 86 9d 68 f5 84 dd
      5b 50 29 bd 32 09 3b 82 58 66 1f e7 15 02 5e 5d 70 a4 5a 08 d3 d3 19`,
  dq: `18 3d a0 13 63 bd 2f 28 85 ca cb dc 99 64 bf 47 64 f1 51 76 36 f8 64 01 28 6f 71 89 3c 52 cc fe 40 a6 c2 3d 0d 08 6b 47 c6
      fb 10 d8 fd 10 41 e0 4d ef 7e 9a 40 ce 95 7c 41 77 94 e1 04 12 d1 39`,
  qi: `83 9c a9 a0 85 e4 28 6b 2c 90 e4 66 99 7a 2c 68 1f 21 33 9a a3 47 78 14 e4 de c1 18 33 05 0e d5 0d d1 3c c0 38 04 8a 43
      c5 9b 2a cc 41 68 89 c0 37 66 5f e5 af a6 05 96 9f 8c 01 df a5 ca 96 9d`,
};

let rsaKey: KeyObject | null = null;

/** RFC 8448 §2's RSA private key. */
export function rfc8448ServerKey(): KeyObject {
  rsaKey ??= createPrivateKey({
    key: Object.fromEntries([['kty', 'RSA'], ...Object.entries(RSA).map(([k, v]) => [k, Buffer.from(hex(v)).toString('base64url')])]) as Record<string, string>,
    format: 'jwk',
  });
  return rsaKey;
}

/** RFC 8448 §3: the server's certificate (CN "rsa"), from its Certificate message. */
export const RFC8448_CERTIFICATE = hex(`
  30 82 01 ac 30 82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e 31 0c 30 0a 06 03 55 04 03 13 03
  72 73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33 35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a 06
  03 55 04 03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00 30 81 89 02 81 81 00 b4 bb 49 8f
  82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c
  1a f1 9e aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2 2a 5f da 43 08 46 74
  80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02 03
  01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0 30 0d 06 09 2a 86 48 86 f7 0d 01
  01 0b 05 00 03 81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea
  e8 f8 a5 8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd 33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be
  c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb 2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8
  96 12 29 ac 91 87 b4 2b 4d e1`);

/** The per-handshake inputs of RFC 8448 §3 (a full handshake) and §4 (resumed, with 0-RTT). */
export interface Rfc8448Handshake {
  clientRandom: Uint8Array;
  clientX25519: Uint8Array;
  serverRandom: Uint8Array;
  serverX25519: Uint8Array;
}

export const RFC8448_SECTION3: Rfc8448Handshake = {
  clientRandom: hex('cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec e7'),
  clientX25519: hex('49 af 42 ba 7f 79 94 85 2d 71 3e f2 78 4b cb ca a7 91 1d e2 6a dc 56 42 cb 63 45 40 e7 ea 50 05'),
  serverRandom: hex('a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e d3 e2 69 28'),
  serverX25519: hex('b1 58 0e ea df 6d d5 89 b8 ef 4f 2d 56 52 57 8c c8 10 e9 98 01 91 ec 8d 05 83 08 ce a2 16 a2 1e'),
};

export const RFC8448_SECTION4: Rfc8448Handshake = {
  clientRandom: hex('1b c3 ce b6 bb e3 9c ff 93 83 55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41 9d 78 76 48 7d 95'),
  clientX25519: hex('bf f9 11 88 28 38 46 dd 6a 21 34 ef 71 80 ca 2b 0b 14 fb 10 dc e7 07 b5 09 8c 0d dd c8 13 b2 df'),
  serverRandom: hex('3c cf d2 de c8 90 22 27 63 47 2a e8 13 67 77 c9 d7 35 87 77 bb 66 e9 1e a5 12 24 95 f5 59 ea 2d'),
  serverX25519: hex('de 5b 44 76 e7 b4 90 b2 65 2d 33 8a cb f2 94 80 66 f2 55 f9 44 0e 23 b9 8f c6 98 35 29 8d c1 07'),
};

/**
 * The salt of §3's rsa_pss_rsae_sha256 CertificateVerify. The RFC does not print it (NSS drew
 * it); it is what EMSA-PSS decoding of the RFC's signature with the §2 public key gives, so
 * signing with it reproduces that signature exactly (test/engine/bytes/rfc8448.test.ts checks).
 */
export const RFC8448_PSS_SALT = hex('9e 79 6c 6c ae 55 2f 4b bd a8 74 d3 3b b9 f5 a7 b9 81 72 44 1b 79 54 b4 63 ce e3 f3 b1 81 88 26');

/** §3's NewSessionTicket: lifetime 30 s, ticket_age_add, nonce 00 00, the ticket, early_data up to 1024 bytes. */
export const RFC8448_TICKET = {
  lifetime: 0x1e,
  ageAdd: 0xfad6aac5,
  nonce: hex('00 00'),
  ticket: hex(`
    2c 03 5d 82 93 59 ee 5f f7 af 4e c9 00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf 1b 00 70 ad 3c 49 88 83 c9 36 7c 09 a2
    be 78 5a bc 55 cd 22 60 97 a3 a9 82 11 72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61 be 7f d6 1d 28 27 db 27 9c ce 14 50 77 d4
    54 a3 66 4d 4e 6d a4 d2 9e e0 37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5 90 6c 5b 3f 7d 8f 92 f2 28 bd a4 0d
    da 72 14 70 f9 fb f2 97 b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6 21 a7 91 41 ef 5f 7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93
    93 4a e4 d3 57`),
  maxEarlyData: 0x400,
};

/**
 * §3's resumption_master_secret: §4 derives its PSK from it with the ticket's nonce (RFC 8446
 * §4.6.1). The tests check that the §3 run derives this very value.
 */
export const RFC8448_RESUMPTION_MASTER_SECRET = hex('7d f2 35 f2 03 1d 2a 05 12 87 d0 2b 02 41 b0 bf da f8 6c c8 56 23 1f 2d 5a ba 46 c4 34 ec 19 6c');

/** §4's obfuscated_ticket_age: the ticket's age in ms plus ticket_age_add. */
export const RFC8448_OBFUSCATED_TICKET_AGE = 0xfad6aacb;

/** The application data: 50 bytes 00…31 each way (§3, §4), and §4's early data "ABCDEF". */
export const RFC8448_APP_DATA = Uint8Array.from({length: 50}, (_, i) => i);
export const RFC8448_EARLY_DATA = ascii('ABCDEF');

export const RFC8448_SERVER_NAME = 'server';
/** record_size_limit's value in the ClientHello and EncryptedExtensions (RFC 8449 §4). */
export const RFC8448_RECORD_SIZE_LIMIT = 0x4001;
