// SYN cookies (RFC 4987 §3.6 and Appendix A): the server keeps no state for a half-open
// connection; its ISN encodes what it needs and is checked when the ACK comes back (ack − 1).
// Layout as RFC 4987 Appendix A describes D. J. Bernstein's: top 5 bits a counter mod 32 (one
// tick every 64 s), 3 bits an index into a table of MSS values, 24 bits a keyed hash of the
// connection's addresses, ports and counter.

export const COOKIE_MSS_TABLE = [536, 1300, 1440, 1460] as const;
const COUNTER_PERIOD_MS = 64_000;

export interface CookieFields {
  value: number;
  counter: number;
  mssIndex: number;
  mss: number;
  hash: number;
}

function keyedHash(secret: number, clientPort: number, serverPort: number, counter: number): number {
  // FNV-1a over the inputs: a stand-in for the real keyed MAC (SipHash in Linux), deterministic per seed.
  let h = 0x811c9dc5 ^ secret;
  for (const n of [clientPort, serverPort, counter, 0xc0000210, 0xc6336414]) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (n >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h & 0xffffff;
}

export function counterAt(clockBase: number, nowMs: number): number {
  return (clockBase + Math.floor(nowMs / COUNTER_PERIOD_MS)) % 32;
}

export function makeCookie(secret: number, clientPort: number, serverPort: number, counter: number, clientMss: number): CookieFields {
  // The largest table entry not above the client's MSS.
  let mssIndex = 0;
  COOKIE_MSS_TABLE.forEach((mss, i) => {
    if (mss <= clientMss) mssIndex = i;
  });
  const hash = keyedHash(secret, clientPort, serverPort, counter);
  const value = ((counter << 27) | (mssIndex << 24) | hash) >>> 0;
  return {value, counter, mssIndex, mss: COOKIE_MSS_TABLE[mssIndex]!, hash};
}

/** Checks a returned cookie against this counter period and the one before (Linux: 2 periods). */
export function checkCookie(secret: number, clientPort: number, serverPort: number, nowCounter: number, value: number): CookieFields | null {
  const counter = value >>> 27;
  const mssIndex = (value >>> 24) & 0x7;
  const age = (nowCounter - counter + 32) % 32;
  if (age > 1 || mssIndex >= COOKIE_MSS_TABLE.length) return null;
  const hash = keyedHash(secret, clientPort, serverPort, counter);
  if ((value & 0xffffff) !== hash) return null;
  return {value, counter, mssIndex, mss: COOKIE_MSS_TABLE[mssIndex]!, hash};
}
