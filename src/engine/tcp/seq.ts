// Sequence numbers live in a 32-bit circle (RFC 9293 §3.4): comparisons are modular, so a
// connection whose ISN is near 2^32 wraps correctly. SYN cookies produce such ISNs.

const MOD = 0x1_0000_0000;

export function seqAdd(a: number, n: number): number {
  return (((a + n) % MOD) + MOD) % MOD;
}

/** a - b in the circle, as a signed distance. */
export function seqDiff(a: number, b: number): number {
  const d = (((a - b) % MOD) + MOD) % MOD;
  return d >= MOD / 2 ? d - MOD : d;
}

export const seqLt = (a: number, b: number): boolean => seqDiff(a, b) < 0;
export const seqLeq = (a: number, b: number): boolean => seqDiff(a, b) <= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
