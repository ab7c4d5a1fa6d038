// A growing byte buffer with the big-endian integers and length-prefixed vectors that every wire
// format here uses (RFC 8446 §3 "presentation language", RFC 9000 §16 variable-length integers).

export class Writer {
  private buf = new Uint8Array(64);
  private pos = 0;

  get length(): number {
    return this.pos;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  bytes(data: Uint8Array | readonly number[]): this {
    this.room(data.length);
    if (data instanceof Uint8Array) this.buf.set(data, this.pos);
    else for (let i = 0; i < data.length; i++) this.buf[this.pos + i] = data[i]! & 0xff;
    this.pos += data.length;
    return this;
  }

  u8(value: number): this {
    this.room(1);
    this.buf[this.pos++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    return this.u8(value >>> 8).u8(value);
  }

  u24(value: number): this {
    return this.u8(value >>> 16).u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.u8(value >>> 24).u8(value >>> 16).u8(value >>> 8).u8(value);
  }

  /** A QUIC variable-length integer on exactly `size` bytes (1, 2, 4 or 8; RFC 9000 §16 allows longer than needed). */
  varint(value: number, size: 1 | 2 | 4 | 8 = minimalVarintSize(value)): this {
    const prefix = {1: 0x00, 2: 0x40, 4: 0x80, 8: 0xc0}[size];
    const limit = {1: 0x40, 2: 0x4000, 4: 0x4000_0000, 8: Number.MAX_SAFE_INTEGER}[size];
    if (value < 0 || value >= limit) throw new Error(`varint ${value} does not fit in ${size} bytes`);
    const out = new Uint8Array(size);
    let rest = value;
    for (let i = size - 1; i >= 0; i--) {
      out[i] = rest % 256;
      rest = Math.floor(rest / 256);
    }
    out[0] = (out[0]! | prefix) & 0xff;
    return this.bytes(out);
  }

  /** A vector whose length goes first on `lengthBytes` bytes (TLS's `opaque x<0..2^8-1>` and friends). */
  vec(lengthBytes: 1 | 2 | 3, fill: (w: Writer) => void): this {
    this.room(lengthBytes);
    const at = this.pos;
    this.pos += lengthBytes;
    fill(this);
    const n = this.pos - at - lengthBytes;
    if (n >= 2 ** (8 * lengthBytes)) throw new Error(`vector of ${n} bytes does not fit a ${lengthBytes}-byte length`);
    for (let i = lengthBytes - 1, rest = n; i >= 0; i--, rest >>>= 8) this.buf[at + i] = rest & 0xff;
    return this;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

export function minimalVarintSize(value: number): 1 | 2 | 4 | 8 {
  if (value < 0x40) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x4000_0000) return 4;
  return 8;
}

/** Reads a QUIC variable-length integer at `offset`: its value and its size in bytes. */
export function readVarint(data: Uint8Array, offset: number): {value: number; size: number} {
  const first = data[offset] ?? 0;
  const size = 1 << (first >> 6);
  let value = first & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + (data[offset + i] ?? 0);
  return {value, size};
}

export function toHex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not a hex string');
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function u16At(data: Uint8Array, offset: number): number {
  return ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
}

export function u24At(data: Uint8Array, offset: number): number {
  return ((data[offset] ?? 0) << 16) | ((data[offset + 1] ?? 0) << 8) | (data[offset + 2] ?? 0);
}

export function u32At(data: Uint8Array, offset: number): number {
  return (((data[offset] ?? 0) << 24) | ((data[offset + 1] ?? 0) << 16) | ((data[offset + 2] ?? 0) << 8) | (data[offset + 3] ?? 0)) >>> 0;
}
