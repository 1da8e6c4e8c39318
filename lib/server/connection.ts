// One client connection: each request is read within the read limits, handed to the app as a
// Request, and its Response written back (lib/server/response.ts), one request at a time.
import type { RequestInfo } from "../framework/context.ts";
import { bodyTracker } from "./body.ts";
import {
  closingResponse,
  findHeadEnd,
  type HeadError,
  MAX_HEAD_BYTES,
  parseRequestHead,
  type RequestHead,
  skipEmptyLines,
} from "./http1.ts";
import { Inbox, Signal, within, writeAll } from "./io.ts";
import { writeResponse } from "./response.ts";

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
/** Methods a Request cannot carry (the Fetch standard forbids them). */
const UNSERVED = new Set(["CONNECT", "TRACE", "TRACK"]);

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
      const body = this.#body(head);
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

  /** The request's body as the app reads it, within the body's read limits. */
  #body(head: RequestHead): { stream: ReadableStream<Uint8Array> | null; done(): boolean } {
    const tracker = bodyTracker(head.framing);
    if (tracker.done) {
      this.#unfinished(false);
      return { stream: null, done: () => true };
    }
    const inbox = this.#inbox;
    const { bodyTimeoutMs, bodyMinRate } = this.#limits;
    let toContinue = head.headers.some(([n, v]) => n === "expect" && /100-continue/i.test(v));
    // Only the time spent waiting for the client counts, not the time the app takes to read.
    let waited = 0;
    let received = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (toContinue) {
          toContinue = false;
          await writeAll(this.#conn, CONTINUE);
        }
        const payload: Uint8Array[] = [];
        while (!payload.length && !tracker.done) {
          if (this.#closed) return controller.error(new Error("the connection was closed"));
          if (!inbox.bytes.length) {
            if (inbox.eof) {
              return controller.error(new Error("the client closed before the body ended"));
            }
            const started = Date.now();
            this.#inBody = true;
            this.#deadline(started + bodyTimeoutMs + (received * 1000) / bodyMinRate - waited);
            await this.#signal.next();
            this.#deadline(null);
            this.#inBody = false;
            waited += Date.now() - started;
            continue;
          }
          let n: number;
          try {
            n = tracker.consume(inbox.bytes, payload);
          } catch (error) {
            this.#refuse(400, `malformed request body: ${(error as Error).message}`);
            return controller.error(error);
          }
          received += n;
          inbox.take(n);
        }
        for (const data of payload) controller.enqueue(data);
        if (tracker.done) {
          this.#unfinished(false);
          controller.close();
        }
      },
    }, { highWaterMark: 0 });
    return { stream, done: () => tracker.done };
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

/** HTTP/1.1 keeps a connection unless told not to; HTTP/1.0 only when asked. */
function wantsKeepAlive(head: RequestHead): boolean {
  const connection = head.headers.filter(([n]) => n === "connection").map(([, v]) => v).join(",");
  if (/(^|,)\s*close\s*(,|$)/i.test(connection)) return false;
  return head.minor === 1 || /(^|,)\s*keep-alive\s*(,|$)/i.test(connection);
}

/** The Request the app sees: the URL from the target and Host, as Deno.serve builds it. */
function toRequest(
  head: RequestHead,
  body: ReadableStream<Uint8Array> | null,
  local: Deno.NetAddr,
): Request | HeadError {
  if (UNSERVED.has(head.method.toUpperCase())) {
    return { status: 501, message: `the ${head.method} method is not served` };
  }
  let url: string;
  if (head.target.startsWith("/")) {
    const host = head.headers.find(([n]) => n === "host")?.[1] ?? `${local.hostname}:${local.port}`;
    if (!/^[A-Za-z0-9._~%!$&'()*+,;=:[\]-]+$/.test(host)) {
      return { status: 400, message: "malformed Host header" };
    }
    url = `http://${host}${head.target}`;
  } else if (/^https?:\/\//i.test(head.target)) {
    url = head.target;
  } else {
    return { status: 400, message: "the request target must be a path such as /index.html" };
  }
  const bodiless = head.method === "GET" || head.method === "HEAD";
  try {
    return new Request(url, {
      method: head.method,
      headers: head.headers,
      body: bodiless ? null : body,
    });
  } catch (error) {
    return { status: 400, message: `malformed request: ${(error as Error).message}` };
  }
}
