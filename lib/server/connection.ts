// One client connection: each request is read within the read limits, handed to the app as a
// Request, and its Response written back (lib/server/response.ts), one request at a time.
import type { RequestInfo } from "../framework/context.ts";
import {
  closingResponse,
  findHeadEnd,
  MAX_HEAD_BYTES,
  parseRequestHead,
  type RequestHead,
  skipEmptyLines,
} from "./http1.ts";
import { Inbox, Signal, within, writeAll } from "./io.ts";
import { writeResponse } from "./response.ts";
import { type BodySource, requestBody } from "./request_body.ts";
import { toRequest, wantsKeepAlive } from "./request.ts";

/** How long a client may take to send a request; writing the response is never bounded. */
export interface ReadLimits {
  /** A head must be in this long after the connection opened or the last response ended. */
  headTimeoutMs: number;
  /** A request body gets this long, plus one second per `bodyMinRate` bytes received. */
  bodyTimeoutMs: number;
  /** Bytes per second a body must keep up, on average, once its time runs out. */
  bodyMinRate: number;
}

export type Handler = (req: Request, info: RequestInfo) => Response | Promise<Response>;

const CONTINUE = new TextEncoder().encode("HTTP/1.1 100 Continue\r\n\r\n");

export class Connection {
  #conn: Deno.TcpConn;
  #limits: ReadLimits;
  #unfinished: (on: boolean) => void;
  #info: RequestInfo;
  #signal = new Signal();
  #inbox: Inbox;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires; the deadline itself may have moved since (see #deadline). */
  #timerAt = Infinity;
  #at: number | null = null;
  #closed = false;
  #gone: Promise<void>;
  #leave!: () => void;
  /** True once the current request's response has started: errors then just close. */
  #answering = false;
  #inBody = false;
  #inboxDone: Promise<void> = Promise.resolve();
  #bodySource: BodySource;
  /** Set while the server answers with its own error; nothing else may close the client. */
  #refusal: Promise<void> | null = null;

  constructor(conn: Deno.TcpConn, options: {
    limits: ReadLimits;
    unfinished: (on: boolean) => void;
  }) {
    this.#conn = conn;
    this.#limits = options.limits;
    this.#unfinished = options.unfinished;
    const { hostname, port } = conn.remoteAddr;
    this.#info = { remoteAddr: { hostname, port } };
    this.#inbox = new Inbox(conn, MAX_HEAD_BYTES + 1, this.#signal);
    this.#gone = new Promise((resolve) => this.#leave = resolve);
    this.#bodySource = {
      inbox: this.#inbox,
      signal: this.#signal,
      closed: () => this.#closed,
      waitClient: async (wait, allowMs) => {
        this.#inBody = true;
        this.#deadline(Date.now() + allowMs);
        try {
          return await wait;
        } finally {
          this.#deadline(null);
          this.#inBody = false;
        }
      },
      refuse: (status, message) => void this.#refuse(status, message),
      received: () => this.#unfinished(false),
      sendContinue: () => writeAll(this.#conn, CONTINUE),
    };
  }

  /** Serves requests until either side closes or the client is too slow. */
  async run(handler: Handler): Promise<void> {
    this.#inboxDone = this.#inbox.run().then(() => this.#leave());
    try {
      await this.#serve(handler);
    } catch {
      /* the client went away under a write */
    } finally {
      if (this.#refusal) await this.#refusal;
      this.close();
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#unfinished(false);
    try {
      this.#conn.close();
    } catch { /* already closed */ }
    this.#leave();
    this.#signal.notify();
  }

  async #serve(handler: Handler): Promise<void> {
    let since = Date.now();
    this.#unfinished(true);
    while (!this.#closed) {
      const head = await this.#readHead(since);
      if (!head) return;
      const body = requestBody(this.#bodySource, head, this.#limits);
      const req = toRequest(head, body.stream, this.#conn.localAddr);
      if ("status" in req) return void this.#refuse(req.status, req.message);
      let res: Response;
      try {
        res = await handler(req, this.#info);
      } catch {
        res = new Response("internal server error\n", { status: 500 });
      }
      if (this.#refusal || this.#closed) {
        await res.body?.cancel().catch(() => {});
        return;
      }
      this.#answering = true;
      // Reading on while the answer streams, so a client that leaves is noticed.
      this.#inbox.resume();
      const keepAlive = await writeResponse(this.#conn, res, {
        head: head.method === "HEAD",
        minor: head.minor,
        // A body the app left unread would be taken for the next request: close instead.
        keepAlive: wantsKeepAlive(head) && body.done(),
        gone: this.#gone,
      });
      this.#answering = false;
      if (!keepAlive || this.#inbox.eof) return;
      since = Date.now();
    }
  }

  async #readHead(since: number): Promise<RequestHead | null> {
    const inbox = this.#inbox;
    this.#deadline(since + this.#limits.headTimeoutMs);
    let end: number;
    for (;;) {
      inbox.take(skipEmptyLines(inbox.bytes));
      if (inbox.bytes.length) this.#unfinished(true);
      end = findHeadEnd(inbox.bytes);
      if (end > MAX_HEAD_BYTES || (end === -1 && inbox.bytes.length > MAX_HEAD_BYTES)) {
        this.#refuse(431, `request headers must be at most ${MAX_HEAD_BYTES} bytes`);
        return null;
      }
      if (end !== -1) break;
      if (inbox.eof || this.#closed) return null;
      await this.#signal.next();
    }
    this.#deadline(null);
    const parsed = parseRequestHead(inbox.take(end));
    if ("status" in parsed) {
      this.#refuse(parsed.status, parsed.message);
      return null;
    }
    return parsed;
  }

  /**
   * Sets (or with null, lifts) the time by which the client must have sent what is awaited.
   * One timer serves many deadlines: moving a deadline later leaves the timer where it is,
   * and when it fires it looks again, so a request costs no timer call in the common case.
   */
  #deadline(at: number | null): void {
    this.#at = at;
    if (at === null || this.#closed || at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#arm(at);
  }

  #arm(at: number): void {
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timerAt = Infinity;
      const due = this.#at;
      if (due === null || this.#closed) return;
      if (due > Date.now()) return this.#arm(due);
      this.#expired();
    }, Math.max(0, at - Date.now()));
  }

  #expired(): void {
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
      this.#refuse(started ? 408 : null, `request headers must arrive within ${headTimeoutMs} ms`);
    }
  }

  /** Answers with an error of the server's own, unless a response is under way, then closes. */
  #refuse(status: number | null, message: string): Promise<void> {
    return this.#refusal ??= this.#answerAndClose(status, message);
  }

  async #answerAndClose(status: number | null, message: string): Promise<void> {
    if (this.#closed) return;
    if (status !== null && !this.#answering) {
      await within(writeAll(this.#conn, closingResponse(status, message)), 1000);
      try {
        await this.#conn.closeWrite();
      } catch { /* already closed */ }
      // Closing with unread bytes would send a reset that can destroy the answer: drain first.
      this.#inbox.discard();
      await within(this.#inboxDone, 1000);
    }
    this.close();
  }
}
