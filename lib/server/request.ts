// From a parsed request head to what the app sees: the Request, and whether the connection
// stays open after the answer.
import type { HeadError, RequestHead } from "./http1.ts";

/** Methods a Request cannot carry (the Fetch standard forbids them). */
const UNSERVED = new Set(["CONNECT", "TRACE", "TRACK"]);

/** HTTP/1.1 keeps a connection unless told not to; HTTP/1.0 only when asked. */
export function wantsKeepAlive(head: RequestHead): boolean {
  const connection = head.headers.filter(([n]) => n === "connection").map(([, v]) => v).join(",");
  if (/(^|,)\s*close\s*(,|$)/i.test(connection)) return false;
  return head.minor === 1 || /(^|,)\s*keep-alive\s*(,|$)/i.test(connection);
}

/** The Request the app sees: the URL from the target and Host, as Deno.serve builds it. */
export function toRequest(
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
