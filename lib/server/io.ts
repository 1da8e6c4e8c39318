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
        if (this.bytes.length >= this.#max) await new Promise<void>((r) => this.#room = r);
        const n = await this.#conn.read(buf);
        if (n === null) break;
        if (!this.#discard) this.bytes = append(this.bytes, buf.slice(0, n));
        this.#signal.notify();
      }
    } catch { /* the connection was closed */ }
    this.eof = true;
    this.#signal.notify();
  }

  /** From now on reads only to throw away, so that closing sends no reset (see linger). */
  discard(): void {
    this.#discard = true;
    this.bytes = new Uint8Array(0);
    this.#room?.();
    this.#room = null;
  }

  /** Removes and returns the first `n` bytes. */
  take(n: number): Uint8Array {
    const out = this.bytes.subarray(0, n);
    this.bytes = this.bytes.subarray(n);
    if (this.#room && this.bytes.length < this.#max) {
      this.#room();
      this.#room = null;
    }
    return out;
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
