import { bodyTracker } from "./body.ts";
import {
  closingResponse,
  findHeadEnd,
  MAX_HEAD_BYTES,
  parseRequestHead,
  skipEmptyLines,
} from "./http1.ts";
import { Inbox, Signal, within, writeAll } from "./io.ts";
import { ResponseTracker } from "./response_tracker.ts";

/** How long a client may take to send a request; writing the response is never bounded. */
export interface ReadLimits {
  /** A head must be in this long after the connection opened or the last response ended. */
  headTimeoutMs: number;
  /** A request body gets this long, plus one second per `bodyMinRate` bytes received. */
  bodyTimeoutMs: number;
  /** Bytes per second a body must keep up, on average, once its time runs out. */
  bodyMinRate: number;
}

/**
 * Carries one client connection to the app, one request at a time, closing it when the
 * client is too slow to send a request. Pipelined requests wait until the response before
 * theirs has ended, so a long response (a live log tail) never runs the next request's clock.
 */
export class Relay {
  #client: Deno.Conn;
  #upstream: Deno.Conn;
  #limits: ReadLimits;
  #unfinished: (on: boolean) => void;
  #signal = new Signal();
  #inbox: Inbox;
  #tracker = new ResponseTracker();
  #clientWrites: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  /** Final responses seen when the current request began. */
  #finalsBefore = 0;
  #inBody = false;
  #inboxDone: Promise<void> = Promise.resolve();
  /** Set while the front answers with its own error; nothing else may close the client. */
  #refusal: Promise<void> | null = null;

  constructor(
    client: Deno.Conn,
    upstream: Deno.Conn,
    options: { limits: ReadLimits; unfinished: (on: boolean) => void },
  ) {
    this.#client = client;
    this.#upstream = upstream;
    this.#limits = options.limits;
    this.#unfinished = options.unfinished;
    this.#inbox = new Inbox(client, MAX_HEAD_BYTES + 1, this.#signal);
  }

  /** Relays until either side closes or the client is too slow. */
  async run(): Promise<void> {
    this.#inboxDone = this.#inbox.run();
    const responses = this.#pumpResponses();
    try {
      await this.#pumpRequests();
    } catch {
      /* a side closed under a write */
    } finally {
      if (this.#refusal) await this.#refusal;
      this.close();
      await responses;
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#unfinished(false);
    for (const conn of [this.#client, this.#upstream]) {
      try {
        conn.close();
      } catch { /* already closed */ }
    }
    this.#signal.notify();
  }

  async #pumpRequests(): Promise<void> {
    const inbox = this.#inbox;
    let since = Date.now();
    this.#unfinished(true);
    while (!this.#closed) {
      this.#deadline(since + this.#limits.headTimeoutMs);
      let end: number;
      for (;;) {
        inbox.take(skipEmptyLines(inbox.bytes));
        if (inbox.bytes.length) this.#unfinished(true);
        end = findHeadEnd(inbox.bytes);
        if (end > MAX_HEAD_BYTES || (end === -1 && inbox.bytes.length > MAX_HEAD_BYTES)) {
          return this.#refuse(431, `request headers must be at most ${MAX_HEAD_BYTES} bytes`);
        }
        if (end !== -1) break;
        if (inbox.eof || this.#closed) return;
        await this.#signal.next();
      }
      this.#unfinished(true);
      const head = inbox.take(end);
      const parsed = parseRequestHead(head);
      if ("status" in parsed) return this.#refuse(parsed.status, parsed.message);
      this.#tracker.expect(parsed.method);
      this.#finalsBefore = this.#tracker.finals;
      this.#deadline(null);
      await writeAll(this.#upstream, head);

      const body = bodyTracker(parsed.framing);
      this.#inBody = true;
      let start = Date.now();
      let received = 0;
      while (!body.done && !this.#closed) {
        const { bodyTimeoutMs, bodyMinRate } = this.#limits;
        this.#deadline(start + bodyTimeoutMs + (received * 1000) / bodyMinRate);
        if (!inbox.bytes.length) {
          if (inbox.eof) return;
          await this.#signal.next();
          continue;
        }
        let n: number;
        try {
          n = body.consume(inbox.bytes);
        } catch (error) {
          return this.#refuse(400, `malformed request body: ${(error as Error).message}`);
        }
        received += n;
        this.#deadline(null);
        // The time the app takes to accept the bytes is not the client's.
        const paused = Date.now();
        await writeAll(this.#upstream, inbox.take(n));
        start += Date.now() - paused;
      }
      this.#deadline(null);
      this.#inBody = false;
      this.#unfinished(false);
      while (!this.#closed && !this.#tracker.tunnel && !this.#answered() && !inbox.eof) {
        await this.#signal.next();
      }
      if (this.#tracker.tunnel) return await this.#pipeRaw();
      if (inbox.eof) return;
      since = Date.now();
    }
  }

  async #pumpResponses(): Promise<void> {
    const buf = new Uint8Array(64 * 1024);
    try {
      while (!this.#closed) {
        const n = await this.#upstream.read(buf);
        if (n === null) break;
        const chunk = buf.slice(0, n);
        this.#tracker.feed(chunk);
        await this.#toClient(chunk);
        this.#signal.notify();
      }
    } catch { /* either side went away, or the app sent something unreadable */ }
    await this.#clientWrites.catch(() => {});
    if (!this.#refusal) this.close();
  }

  async #pipeRaw(): Promise<void> {
    while (!this.#closed) {
      if (this.#inbox.bytes.length) {
        await writeAll(this.#upstream, this.#inbox.take(this.#inbox.bytes.length));
      } else if (this.#inbox.eof) return;
      else await this.#signal.next();
    }
  }

  #answered(): boolean {
    return this.#tracker.finals > this.#finalsBefore;
  }

  #toClient(bytes: Uint8Array): Promise<unknown> {
    this.#clientWrites = this.#clientWrites.then(() => writeAll(this.#client, bytes));
    return this.#clientWrites;
  }

  #deadline(at: number | null): void {
    clearTimeout(this.#timer);
    if (at === null || this.#closed) return;
    this.#timer = setTimeout(() => {
      // An idle connection just closes; a client part way through a request hears why.
      const { headTimeoutMs, bodyTimeoutMs, bodyMinRate } = this.#limits;
      if (this.#inBody) {
        this.#refuse(
          408,
          `the request body arrived too slowly; it gets ${bodyTimeoutMs} ms plus a second ` +
            `for every ${bodyMinRate} bytes`,
        );
      } else {
        const started = this.#inbox.bytes.length > 0;
        const message = `request headers must arrive within ${headTimeoutMs} ms`;
        this.#refuse(started ? 408 : null, message);
      }
    }, Math.max(0, at - Date.now()));
  }

  /** Answers with an error of the front's own, unless a response is under way, then closes. */
  #refuse(status: number | null, message: string): Promise<void> {
    return this.#refusal ??= this.#answerAndClose(status, message);
  }

  async #answerAndClose(status: number | null, message: string): Promise<void> {
    if (this.#closed) return;
    try {
      this.#upstream.close();
    } catch { /* already closed */ }
    if (status !== null && this.#tracker.atBoundary && !this.#answered()) {
      await within(this.#toClient(closingResponse(status, message)), 1000);
      try {
        await this.#client.closeWrite();
      } catch { /* already closed */ }
      this.#inbox.discard();
      await within(this.#inboxDone, 1000);
    }
    this.close();
  }
}
