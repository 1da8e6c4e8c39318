// Just enough HTTP/1.1 (RFC 9112) for the front to see where each message ends. It never
// rewrites bytes; it refuses the framings that two parsers could read differently.

/** How a message's body is delimited (RFC 9112 section 6.3). */
export type Framing =
  | { kind: "none" }
  | { kind: "length"; length: number }
  | { kind: "chunked" }
  | { kind: "close" }
  | { kind: "tunnel" };

export interface RequestHead {
  method: string;
  framing: Framing;
}

/** A request the front answers itself, with the status and the reason. */
export interface HeadError {
  status: 400 | 431 | 501 | 505;
  message: string;
}

export const MAX_HEAD_BYTES = 64 * 1024;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const latin1 = new TextDecoder("latin1");

/** Leading empty lines before a request line are ignored (RFC 9112 section 2.2). */
export function skipEmptyLines(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length && (buf[i] === 13 || buf[i] === 10)) i++;
  return i;
}

/** The index just past the blank line ending a head, or -1 while it is incomplete. */
export function findHeadEnd(buf: Uint8Array): number {
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) {
    if (buf[i + 1] === 10) return i + 2;
    if (buf[i + 1] === 13 && buf[i + 2] === 10) return i + 3;
  }
  return -1;
}

/** Splits a head into its start line and lowercased header fields. */
function fields(head: Uint8Array): { start: string; headers: [string, string][] } | null {
  const lines = latin1.decode(head).split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    // No obs-fold, no space before the colon: a line two parsers might read differently.
    if (colon < 1 || !TOKEN.test(name)) return null;
    headers.push([name.toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return { start: lines[0] ?? "", headers };
}

function values(headers: [string, string][], name: string): string[] {
  return headers.filter(([n]) => n === name).flatMap(([, v]) => v.split(",")).map((v) =>
    v.trim().toLowerCase()
  );
}

/** Parses a request head (from the request line to the blank line). */
export function parseRequestHead(head: Uint8Array): RequestHead | HeadError {
  const parsed = fields(head);
  const bad = (message: string): HeadError => ({ status: 400, message });
  if (!parsed) return bad("malformed header line");
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/(\d)\.(\d)$/.exec(parsed.start);
  if (!m) return bad("malformed request line");
  if (m[3] !== "1") return { status: 505, message: "only HTTP/1.0 and HTTP/1.1 are served" };
  const encodings = values(parsed.headers, "transfer-encoding");
  const lengths = values(parsed.headers, "content-length");
  if (encodings.length && lengths.length) {
    return bad("a request may not carry both Content-Length and Transfer-Encoding");
  }
  if (encodings.length) {
    if (encodings.join(",") !== "chunked") {
      return { status: 501, message: "the only Transfer-Encoding accepted is chunked" };
    }
    return { method: m[1]!, framing: { kind: "chunked" } };
  }
  if (lengths.length) {
    if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) {
      return bad("Content-Length must be one whole number");
    }
    const length = Number(lengths[0]);
    return { method: m[1]!, framing: length ? { kind: "length", length } : { kind: "none" } };
  }
  return { method: m[1]!, framing: { kind: "none" } };
}

/** The status and body framing of a response head, given the request's method. */
export function parseResponseHead(
  head: Uint8Array,
  method: string,
): { status: number; framing: Framing } | null {
  const parsed = fields(head);
  const m = parsed && /^HTTP\/1\.\d (\d{3})(?: .*)?$/.exec(parsed.start);
  if (!parsed || !m) return null;
  const status = Number(m[1]);
  const framing = (f: Framing) => ({ status, framing: f });
  if (status === 101 || (method === "CONNECT" && status < 300 && status >= 200)) {
    return framing({ kind: "tunnel" });
  }
  if (method === "HEAD" || status < 200 || status === 204 || status === 304) {
    return framing({ kind: "none" });
  }
  const encodings = values(parsed.headers, "transfer-encoding");
  if (encodings.length) {
    return framing(encodings.at(-1) === "chunked" ? { kind: "chunked" } : { kind: "close" });
  }
  const length = values(parsed.headers, "content-length")[0];
  if (length !== undefined && /^\d{1,15}$/.test(length)) {
    return framing({ kind: "length", length: Number(length) });
  }
  return framing({ kind: "close" });
}

/** A short response the front sends itself before closing the connection. */
export function closingResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Uint8Array {
  const reason: Record<number, string> = {
    400: "Bad Request",
    408: "Request Timeout",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    501: "Not Implemented",
    503: "Service Unavailable",
    505: "HTTP Version Not Supported",
  };
  const body = new TextEncoder().encode(`${message}\n`);
  const lines = [
    `HTTP/1.1 ${status} ${reason[status] ?? "Error"}`,
    "connection: close",
    "content-type: text/plain; charset=utf-8",
    `content-length: ${body.length}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const head = new TextEncoder().encode(`${lines.join("\r\n")}\r\n\r\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}
