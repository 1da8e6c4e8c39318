// HTTP/1.1 request heads (RFC 9112) for the server in lib/server/front.ts. It refuses what
// two parsers could read differently: ambiguous framings, folded or malformed header lines.
import { reasonPhrase } from "../framework/status.ts";

/** How a message's body is delimited (RFC 9112 section 6.3). */
export type Framing =
  | { kind: "none" }
  | { kind: "length"; length: number }
  | { kind: "chunked" };

export interface RequestHead {
  method: string;
  /** The request target as sent: origin form (`/path?q`) or absolute form. */
  target: string;
  /** HTTP/1.0 or HTTP/1.1: 1.0 keeps a connection open only when asked to. */
  minor: 0 | 1;
  /** Header fields in order, names lowercased. */
  headers: [string, string][];
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
  if (m[3] !== "1" || (m[4] !== "0" && m[4] !== "1")) {
    return { status: 505, message: "only HTTP/1.0 and HTTP/1.1 are served" };
  }
  const request = (framing: Framing): RequestHead => ({
    method: m[1]!,
    target: m[2]!,
    minor: m[4] === "0" ? 0 : 1,
    headers: parsed.headers,
    framing,
  });
  const encodings = values(parsed.headers, "transfer-encoding");
  const lengths = values(parsed.headers, "content-length");
  if (encodings.length && lengths.length) {
    return bad("a request may not carry both Content-Length and Transfer-Encoding");
  }
  if (encodings.length) {
    if (encodings.join(",") !== "chunked") {
      return { status: 501, message: "the only Transfer-Encoding accepted is chunked" };
    }
    return request({ kind: "chunked" });
  }
  if (lengths.length) {
    if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) {
      return bad("Content-Length must be one whole number");
    }
    const length = Number(lengths[0]);
    return request(length ? { kind: "length", length } : { kind: "none" });
  }
  return request({ kind: "none" });
}

/** A short response the front sends itself before closing the connection. */
export function closingResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Uint8Array {
  const body = new TextEncoder().encode(`${message}\n`);
  const lines = [
    `HTTP/1.1 ${status} ${reasonPhrase(status) || "Error"}`,
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
