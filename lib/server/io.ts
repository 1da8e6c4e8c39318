/** Wakes whoever waits for something to have changed (bytes arrived, a response ended). */
export class Signal {
  #waiters: (() => void)[] = [];

  next(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * What a client has sent and the server has not yet handled. Reading continues while a
 * response streams, so a client that hangs up is noticed, but pauses at `max` bytes.
 */
export class Inbox {
  bytes: Uint8Array = new Uint8Array(0);
  eof = false;
  #conn: Deno.Conn;
  #max: number;
  #signal: Signal;
  #room: (() => void) | null = null;
  #discard = false;
  /** Set while a request body is read straight into the app's buffer (readInto). */
  #paused = false;
  /** Settles when the read in flight, if any, has returned. */
  #inFlight: Promise<void> | null = null;

  constructor(conn: Deno.Conn, max: number, signal: Signal) {
    this.#conn = conn;
    this.#max = max;
    this.#signal = signal;
  }

  async run(): Promise<void> {
    // One buffer for every read; what arrived is copied out at its own size.
    const buf = new Uint8Array(64 * 1024);
    try {
      while (true) {
        while (this.bytes.length >= this.#max || this.#paused) {
          await new Promise<void>((r) => this.#room = r);
        }
        let done!: () => void;
        this.#inFlight = new Promise((r) => done = r);
        let n: number | null;
        try {
          n = await this.#conn.read(buf);
        } finally {
          this.#inFlight = null;
          done();
        }
        if (n === null) break;
        if (!this.#discard) this.bytes = append(this.bytes, buf.slice(0, n));
        this.#signal.notify();
      }
    } catch { /* the connection was closed */ }
    this.eof = true;
    this.#signal.notify();
  }

  /**
   * Reads the next bytes straight into `view` (a request body into the app's own buffer: no
   * copy, no garbage), taking what is buffered first; null at the end of the connection.
   * Reading into the buffer stops until `resume`.
   */
  async readInto(view: Uint8Array): Promise<number | null> {
    this.#paused = true;
    if (this.#inFlight) await this.#inFlight;
    if (this.bytes.length) {
      const n = Math.min(view.length, this.bytes.length);
      view.set(this.take(n));
      return n;
    }
    if (this.eof) return null;
    const n = await this.#conn.read(view);
    if (n === null) {
      this.eof = true;
      this.#signal.notify();
    }
    return n;
  }

  /** Reading into the buffer goes on (after readInto). */
  resume(): void {
    this.#paused = false;
    this.#wake();
  }

  /** From now on reads only to throw away, so that closing sends no reset (see linger). */
  discard(): void {
    this.#discard = true;
    this.#paused = false;
    this.bytes = new Uint8Array(0);
    this.#wake();
  }

  /** Removes and returns the first `n` bytes. */
  take(n: number): Uint8Array {
    const out = this.bytes.subarray(0, n);
    this.bytes = this.bytes.subarray(n);
    if (this.bytes.length < this.#max) this.#wake();
    return out;
  }

  #wake(): void {
    if (this.#paused) return;
    this.#room?.();
    this.#room = null;
  }
}

function append(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Writes every byte (a single write may take only some). */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length;) off += await conn.write(bytes.subarray(off));
}

/** Waits for `promise`, but at most `ms` milliseconds. */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => timer = setTimeout(resolve, ms));
  await Promise.race([promise.catch(() => {}), late]);
  clearTimeout(timer);
}

/**
 * Closing a socket with unread bytes makes the kernel send a reset, which can destroy the
 * error response just written before the client reads it. So: half-close, then read and
 * drop what the client still sends, for a moment.
 */
export async function linger(conn: Deno.Conn, ms: number): Promise<void> {
  try {
    await conn.closeWrite();
  } catch { /* already closed */ }
  const drain = (async () => {
    const scratch = new Uint8Array(16 * 1024);
    try {
      while (await conn.read(scratch) !== null) { /* dropped */ }
    } catch { /* closed */ }
  })();
  await within(drain, ms);
}
