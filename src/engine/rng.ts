// Every random choice in a run (ISNs, ports, cookies) comes from one seeded generator, so the
// same knobs and seed always give the same trace (ARCHITECTURE.md: no randomness without a seed).

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A 32-bit unsigned integer. */
  u32(): number;
  /** `bytes` random bytes as lowercase hex. */
  hex(bytes: number): string;
}

/** mulberry32: tiny, fast and good enough for a simulation (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32,
    next: () => u32() / 0x1_0000_0000,
    int: (n) => Math.floor((u32() / 0x1_0000_0000) * n),
    hex: (bytes) => {
      let out = '';
      for (let i = 0; i < bytes; i++) out += (u32() & 0xff).toString(16).padStart(2, '0');
      return out;
    },
  };
}
