/**
 * Unsigned integers in bytes, 7 bits a byte, low bits first: the saved index's postings
 * (packedIndex.ts) and analyses (savedAnalyses.ts).
 */

/** Bytes being written, grown as needed. */
export class Writer {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  uint(n: number): void {
    this.room(5);
    while (n >= 0x80) {
      this.bytes[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.bytes[this.length++] = n;
  }
  append(other: Writer): void {
    this.room(other.length);
    this.bytes.set(other.bytes.subarray(0, other.length), this.length);
    this.length += other.length;
  }
}

/** A reading position in written bytes. */
export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
  ) {}
  uint(): number {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.bytes[this.at++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  }
}
