// Writes a Response as HTTP/1.1 (RFC 9112). A body that is all there when the handler returns
// (a rendered page, JSON) goes out with Content-Length in one write; one that is still being
// produced (an event stream, an export, a file) goes out as it comes, chunked.
import { reasonPhrase } from "../framework/status.ts";
import { writeAll } from "./io.ts";

export interface WriteOptions {
  /** The request was HEAD: the head says what a GET would send, without the body. */
  head: boolean;
  /** HTTP/1.0 clients get no chunked coding: such a body ends with the connection. */
  minor: 0 | 1;
  keepAlive: boolean;
  /** Settles when the client has gone: a body still streaming is then cancelled. */
  gone: Promise<void>;
}

/** Bodies gathered whole before the head is written, at most. */
const GATHER_MAX = 256 * 1024;
/** Microtask turns a body gets to produce its next chunk before the head goes out without it. */
const GATHER_TURNS = 16;
const PENDING = Symbol("pending");
const encoder = new TextEncoder();
const CRLF = encoder.encode("\r\n");
const LAST_CHUNK = encoder.encode("0\r\n\r\n");
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

let dateSecond = -1;
let dateValue = "";
function httpDate(): string {
  const now = Date.now();
  if (Math.floor(now / 1000) !== dateSecond) {
    dateSecond = Math.floor(now / 1000);
    dateValue = new Date(now).toUTCString();
  }
  return dateValue;
}

/** Writes `res`; true when the connection may carry another request. */
export async function writeResponse(
  conn: Deno.Conn,
  res: Response,
  options: WriteOptions,
): Promise<boolean> {
  const status = res.status;
  const bodiless = status < 200 || status === 204 || status === 304;
  let head = `HTTP/1.1 ${status} ${res.statusText || reasonPhrase(status)}\r\n`;
  let connection = "";
  let declared: string | null = null;
  let dated = false;
  // forEach, not for-of: Deno's header iterator costs about 1 µs a header, forEach a tenth;
  // the headers this function reads are picked up on the way (each get searches again).
  res.headers.forEach((value, name) => {
    if (name === "content-length") declared = value;
    else if (name === "date") dated = true;
    else if (name === "connection") connection = value;
    if (!HOP_BY_HOP.has(name)) head += `${name}: ${value}\r\n`;
  });
  let keepAlive = options.keepAlive && !/\bclose\b/i.test(connection);
  if (!dated) head += `date: ${httpDate()}\r\n`;

  const reader = bodiless || !res.body ? null : res.body.getReader();
  if (!reader) {
    await res.body?.cancel().catch(() => {});
    if (!bodiless) head += `content-length: ${options.head && declared ? declared : "0"}\r\n`;
    await writeAll(conn, headBytes(finish(head, keepAlive, options.minor)));
    return keepAlive;
  }

  // Gather what the body has ready now; stop at the first chunk it has to wait for.
  const chunks: Uint8Array[] = [];
  let size = 0;
  let next = reader.read();
  let ended = false;
  while (size < GATHER_MAX) {
    const result = await settled(next);
    if (result === PENDING) break;
    if (result.done) {
      ended = true;
      break;
    }
    chunks.push(result.value);
    size += result.value.byteLength;
    next = reader.read();
  }

  if (ended) {
    head += `content-length: ${size}\r\n`;
    await writeAll(
      conn,
      headBytes(finish(head, keepAlive, options.minor), options.head ? [] : chunks),
    );
    return keepAlive;
  }
  if (options.head) {
    await reader.cancel().catch(() => {});
    if (declared) head += `content-length: ${declared}\r\n`;
    await writeAll(conn, headBytes(finish(head, keepAlive, options.minor)));
    return keepAlive;
  }

  // Streaming: the declared length, else chunked, else (HTTP/1.0) until the connection ends.
  const length = declared !== null && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
  const chunked = length === null && options.minor === 1;
  if (length !== null) head += `content-length: ${length}\r\n`;
  else if (chunked) head += "transfer-encoding: chunked\r\n";
  else keepAlive = false;
  const frame = (data: Uint8Array[]) => chunked ? chunkOf(data) : concat(data);
  let sent = size;
  const gone = options.gone.then((): typeof PENDING => PENDING);
  try {
    await writeAll(
      conn,
      headBytes(finish(head, keepAlive, options.minor), size ? [frame(chunks)] : []),
    );
    for (;;) {
      const result = await Promise.race([next, gone]);
      if (result === PENDING) throw new Error("the client went away");
      if (result.done) break;
      if (!result.value.byteLength) {
        next = reader.read();
        continue;
      }
      sent += result.value.byteLength;
      if (length !== null && sent > length) throw new Error("the body is longer than declared");
      next = reader.read();
      await writeAll(conn, frame([result.value]));
    }
    if (chunked) await writeAll(conn, LAST_CHUNK);
  } catch {
    await reader.cancel().catch(() => {});
    return false;
  }
  return keepAlive && (length === null || sent === length);
}

/** The read's result if it settles within a few microtask turns, else PENDING. */
async function settled<T>(promise: Promise<T>): Promise<T | typeof PENDING> {
  let out: T | typeof PENDING = PENDING;
  let failed: unknown = null;
  promise.then((v) => out = v, (e) => failed = e ?? new Error("the body failed"));
  for (let i = 0; i < GATHER_TURNS && out === PENDING && failed === null; i++) await null;
  if (failed !== null) throw failed;
  return out;
}

function finish(head: string, keepAlive: boolean, minor: 0 | 1): string {
  if (!keepAlive) return `${head}connection: close\r\n\r\n`;
  return minor === 0 ? `${head}connection: keep-alive\r\n\r\n` : `${head}\r\n`;
}

/**
 * The head's bytes followed by `body`, in one buffer: one allocation and one write. Header
 * values are byte strings, latin1 rather than UTF-8: a byte per character.
 */
function headBytes(head: string, body: Uint8Array[] = []): Uint8Array {
  const out = new Uint8Array(head.length + byteLength(body));
  // deno-lint-ignore no-control-regex
  if (!/[^\x00-\x7f]/.test(head)) encoder.encodeInto(head, out);
  else for (let i = 0; i < head.length; i++) out[i] = head.charCodeAt(i);
  return fill(out, body, head.length);
}

function chunkOf(data: Uint8Array[]): Uint8Array {
  return concat([encoder.encode(`${byteLength(data).toString(16)}\r\n`), ...data, CRLF]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return fill(new Uint8Array(byteLength(parts)), parts);
}

/** Copies `parts` into `out` one after another, from `at`. */
function fill(out: Uint8Array, parts: Uint8Array[], at = 0): Uint8Array {
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function byteLength(parts: Uint8Array[]): number {
  return parts.reduce((n, part) => n + part.byteLength, 0);
}
