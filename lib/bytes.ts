export const KiB = 1024;
export const MiB = 1024 * KiB;

/**
 * A byte count as people read it, one way everywhere (limits in messages, sizes on pages):
 * "980 bytes", "64 KiB" and "16 MiB" for exact multiples, else one decimal, "12.4 KiB".
 */
export function formatBytes(n: number): string {
  if (n < KiB) return `${n} bytes`;
  const [unit, size] = n < MiB ? ["KiB", KiB] as const : ["MiB", MiB] as const;
  const value = n / size;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** A limit with its exact count when it is whole MiB, "16 MiB (16777216 bytes)", else bytes. */
export function formatLimit(n: number): string {
  return n >= MiB && n % MiB === 0 ? `${formatBytes(n)} (${n} bytes)` : `${n} bytes`;
}

/**
 * Collects a stream's bytes into one buffer: preallocated from a size hint (a declared length,
 * a gzip trailer) and grown by doubling otherwise. Unlike keeping the chunks and joining them
 * at the end, it never holds the data twice, which matters for 16 MiB uploads.
 */
export class ByteSink {
  #buffer: Uint8Array<ArrayBuffer>;
  #length = 0;
  readonly max: number;

  /** `hint` is only a hint: more or fewer bytes may arrive, never more than `max`. */
  constructor(hint: number, max: number) {
    this.max = max;
    const start = Number.isFinite(hint) && hint > 0
      ? Math.min(hint, max)
      : Math.min(64 * 1024, max);
    this.#buffer = new Uint8Array(start);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a chunk; false (and nothing appended) when it would pass `max`. */
  push(chunk: Uint8Array): boolean {
    const needed = this.#length + chunk.byteLength;
    if (needed > this.max) return false;
    if (needed > this.#buffer.byteLength) {
      let size = Math.max(this.#buffer.byteLength, 1);
      while (size < needed) size *= 2;
      const grown = new Uint8Array(Math.min(size, this.max));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
    return true;
  }

  /** The bytes so far, as a view (no copy). */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.#buffer.subarray(0, this.#length);
  }
}
