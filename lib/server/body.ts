import type { Framing } from "./http1.ts";

/** Follows a request body as its bytes arrive: where it ends, and its payload. */
export interface BodyTracker {
  /**
   * How many bytes at the start of `chunk` belong to the body; the payload among them (views
   * into `chunk`, without chunked framing) is pushed onto `payload`. Throws when malformed.
   */
  consume(chunk: Uint8Array, payload?: Uint8Array[]): number;
  readonly done: boolean;
  /** Body bytes still to come when the framing says so (a length), else null. */
  readonly left: number | null;
}

const MAX_LINE = 4096;
const MAX_TRAILERS = 64 * 1024;

/** The tracker for a framing. */
export function bodyTracker(framing: Framing): BodyTracker {
  switch (framing.kind) {
    case "none":
      return { consume: () => 0, done: true, left: 0 };
    case "length":
      return lengthTracker(framing.length);
    case "chunked":
      return new ChunkedTracker();
  }
}

function lengthTracker(length: number): BodyTracker {
  let left = length;
  return {
    consume(chunk, payload) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (n) payload?.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      return n;
    },
    get done() {
      return left === 0;
    },
    get left() {
      return left;
    },
  };
}

type State = "size" | "data" | "data-end" | "trailers" | "done";

/** Chunked transfer coding (RFC 9112 section 7.1), with bounded lines and trailers. */
class ChunkedTracker implements BodyTracker {
  #state: State = "size";
  #line = "";
  #left = 0;
  #trailerBytes = 0;

  get done(): boolean {
    return this.#state === "done";
  }

  readonly left = null;

  consume(chunk: Uint8Array, payload?: Uint8Array[]): number {
    let i = 0;
    while (i < chunk.length && this.#state !== "done") {
      if (this.#state === "data") {
        const n = Math.min(this.#left, chunk.length - i);
        payload?.push(chunk.subarray(i, i + n));
        this.#left -= n;
        i += n;
        if (this.#left === 0) this.#state = "data-end";
        continue;
      }
      const byte = chunk[i++]!;
      if (this.#state === "trailers" && ++this.#trailerBytes > MAX_TRAILERS) {
        throw new Error("chunked trailers too long");
      }
      if (byte !== 10) {
        if (this.#line.length >= MAX_LINE) throw new Error("chunked line too long");
        this.#line += String.fromCharCode(byte);
        continue;
      }
      const line = this.#line.endsWith("\r") ? this.#line.slice(0, -1) : this.#line;
      this.#line = "";
      this.#endLine(line);
    }
    return i;
  }

  #endLine(line: string): void {
    if (this.#state === "size") {
      const m = /^([0-9a-fA-F]{1,15})[ \t]*(?:;.*)?$/.exec(line);
      if (!m) throw new Error("malformed chunk size");
      this.#left = parseInt(m[1]!, 16);
      this.#state = this.#left === 0 ? "trailers" : "data";
    } else if (this.#state === "data-end") {
      if (line !== "") throw new Error("chunk data longer than its size");
      this.#state = "size";
    } else if (line === "") {
      this.#state = "done";
    }
  }
}
