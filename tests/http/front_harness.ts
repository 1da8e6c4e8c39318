// For the front's tests: the front with small limits, and a bare TCP client that sends
// exactly the bytes a test writes (slowly, partly, pipelined) and reads responses without
// any HTTP library smoothing things over.
import { parseConfig } from "@/lib/config.ts";
import type { RequestInfo } from "@/lib/framework/context.ts";
import { serveGuarded } from "@/lib/server/front.ts";

// Small limits so each test takes well under a second; the assertions are about what the
// client sees (a 408, a closed connection), with generous guards for a slow machine.
export const TEST_LIMITS = {
  REQUEST_HEAD_TIMEOUT_MS: "300",
  REQUEST_BODY_TIMEOUT_MS: "300",
  REQUEST_BODY_MIN_RATE: "1000",
  UNFINISHED_REQUESTS_PER_CLIENT: "3",
};

/** The front on 127.0.0.1 and a free port, configured from TEST_LIMITS. */
export function startFront(
  handler: (req: Request, info: RequestInfo) => Response | Promise<Response>,
) {
  const { requestLimits } = parseConfig(TEST_LIMITS);
  const front = serveGuarded({ hostname: "127.0.0.1", port: 0, limits: requestLimits }, handler);
  return {
    port: front.addr.port,
    [Symbol.asyncDispose]: () => front.shutdown(),
  };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class RawConn {
  #conn: Deno.Conn;
  #buf = new Uint8Array(0);
  #eof = false;
  #closed = false;

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** This end's port: the app behind the front must see it as the client's. */
  get port(): number {
    return (this.#conn.localAddr as Deno.NetAddr).port;
  }

  static async open(port: number): Promise<RawConn> {
    return new RawConn(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Writes text or bytes; false when the server has already closed the connection. */
  async send(data: string | Uint8Array): Promise<boolean> {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    try {
      for (let off = 0; off < bytes.length;) off += await this.#conn.write(bytes.subarray(off));
      return true;
    } catch {
      return false;
    }
  }

  /** Sends `data` one byte every `everyMs`; stops (returning false) once the server hangs up. */
  async trickle(data: string, everyMs: number): Promise<boolean> {
    for (const ch of data) {
      if (this.#eof || !await this.send(ch)) return false;
      await new Promise((r) => setTimeout(r, everyMs));
    }
    return true;
  }

  /** Reads the head of one response: its status and headers. */
  async head(): Promise<{ status: number; headers: Headers }> {
    let end: number;
    while ((end = indexOf(this.#buf, "\r\n\r\n")) === -1) await this.#more();
    const [start = "", ...lines] = decoder.decode(this.#take(end + 4)).trim().split("\r\n");
    const headers = new Headers(lines.map((l) => {
      const i = l.indexOf(":");
      return [l.slice(0, i), l.slice(i + 1).trim()] as [string, string];
    }));
    return { status: Number(start.split(" ")[1]), headers };
  }

  /** Reads one response (Content-Length, chunked, or no body for `noBody`). */
  async response(options: { noBody?: boolean } = {}): Promise<RawResponse> {
    const { status, headers } = await this.head();
    if (options.noBody || status < 200 || status === 204 || status === 304) {
      return { status, headers, body: "" };
    }
    if (headers.get("transfer-encoding") === "chunked") {
      let body = "";
      for (;;) {
        let lineEnd: number;
        while ((lineEnd = indexOf(this.#buf, "\r\n")) === -1) await this.#more();
        const size = parseInt(decoder.decode(this.#take(lineEnd + 2)), 16);
        while (this.#buf.length < size + 2) await this.#more();
        body += decoder.decode(this.#take(size + 2).subarray(0, size));
        if (size === 0) return { status, headers, body };
      }
    }
    const length = Number(headers.get("content-length") ?? 0);
    while (this.#buf.length < length) await this.#more();
    return { status, headers, body: decoder.decode(this.#take(length)) };
  }

  /**
   * Everything the server sends until it closes the connection. Fails when it is still open
   * after `guardMs`, a bound far above the limits under test, so that a slow machine passes.
   */
  async untilClosed(guardMs = 10_000): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const guard = new Promise<"open">((r) => timer = setTimeout(() => r("open"), guardMs));
    const read = (async () => {
      while (!this.#eof) await this.#more().catch(() => {});
      return "closed" as const;
    })();
    const outcome = await Promise.race([read, guard]);
    clearTimeout(timer);
    if (outcome === "open") {
      this.close();
      await read;
      throw new Error(`the server kept the connection open for ${guardMs} ms`);
    }
    return decoder.decode(this.#take(this.#buf.length));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch { /* already closed */ }
  }

  async #more(): Promise<void> {
    if (this.#eof) throw new Error("the server closed the connection");
    const chunk = new Uint8Array(16 * 1024);
    let n: number | null = null;
    try {
      n = await this.#conn.read(chunk);
    } catch { /* reset or closed by us */ }
    if (n === null) {
      this.#eof = true;
      return;
    }
    const next = new Uint8Array(this.#buf.length + n);
    next.set(this.#buf);
    next.set(chunk.subarray(0, n), this.#buf.length);
    this.#buf = next;
  }

  #take(n: number): Uint8Array {
    const out = this.#buf.slice(0, n);
    this.#buf = this.#buf.subarray(n);
    return out;
  }
}

function indexOf(buf: Uint8Array, text: string): number {
  const needle = encoder.encode(text);
  outer: for (let i = 0; i + needle.length <= buf.length; i++) {
    for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
