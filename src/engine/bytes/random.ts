// Content bytes (randoms, key shares, tickets, connection ids) that look random but are fixed by
// the run's seed. They come from SHA-256 of the seed and a label, not from the run's rng: drawing
// from that would move every ISN and port, and a label keeps each value independent of the order
// in which the frames happen to be encoded (ARCHITECTURE.md: no randomness without a seed).

import {createHash} from 'node:crypto';

export class ContentBytes {
  private cache = new Map<string, Uint8Array>();

  constructor(private seed: number | string) {}

  /** `length` bytes for `label`: the same label and seed always give the same bytes. */
  take(label: string, length: number): Uint8Array {
    const key = `${label}#${length}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const out = new Uint8Array(length);
    for (let block = 0, offset = 0; offset < length; block++) {
      const digest = createHash('sha256').update(`hs-tutor/${this.seed}/${label}/${block}`).digest();
      out.set(digest.subarray(0, Math.min(digest.length, length - offset)), offset);
      offset += digest.length;
    }
    this.cache.set(key, out);
    return out;
  }
}

/** Bytes that are the same in every run (the example certificates, the stand-in keys). */
export const FIXED = new ContentBytes('fixed');
