// Anonymous views of public package pages are most of the traffic a registry serves, and each
// one's answer is already known: the page kept in process under its freshness stamp. This
// path answers them before the middleware chain runs (no router, no session lookup, no header
// rewriting), with exactly the headers the full chain would send, which
// tests/http/public_fast_test.ts checks against it. Everything else, a miss included, goes on
// to the full chain.
import type { Services } from "../services.ts";
import type { CachedPage } from "../define.ts";
import type { Logger } from "../log.ts";
import { hasSessionCookie } from "../auth/cookie.ts";
import { compressBytes, negotiateEncoding } from "../framework/encoding.ts";
import { matchesEtag } from "../framework/etag.ts";
import { publicPackageStamp, publicPageKey } from "../packages/public_stamp.ts";
import { keptPage, PUBLIC_CACHE_CONTROL } from "./public_cache.ts";
import { baselineHeaders } from "./security_headers.ts";
import { newRequestId } from "./request_id.ts";

// Lowercase only: other spellings redirect, which the route does.
const PACKAGE_PAGE = /^\/@([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9._-]*)$/;

export type FastPath = (req: Request) => Promise<Response | null>;

/** The fast path for `services`, or a function answering null when none applies. */
export function publicFastPath(services: Services, logger: Logger | null): FastPath {
  const { config } = services;
  const baseline = baselineHeaders({ hsts: config.secureCookies })
    .filter(([name]) => name !== "cache-control");
  const pathStart = config.publicOrigin.length;
  return async (req) => {
    if (req.method !== "GET") return null;
    const started = performance.now();
    const url = req.url;
    // The app's own origin only (a request for another Host goes the long way).
    if (!url.startsWith(config.publicOrigin) || url.charCodeAt(pathStart) !== 47) return null;
    const match = PACKAGE_PAGE.exec(url.slice(pathStart));
    if (!match) return null;
    const headers = req.headers;
    if (headers.has("authorization") || hasSessionCookie(req, config.secureCookies)) return null;
    const [, handle, name] = match as unknown as [string, string, string];
    const stamp = await publicPackageStamp(services, handle, name);
    if (!stamp) return null;
    const page = keptPage(publicPageKey(handle, stamp));
    if (!page) return null;
    const res = await answer(page, headers, baseline);
    if (logger) {
      logger.info("request", {
        method: "GET",
        path: url.slice(pathStart),
        status: res.status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
        request_id: res.headers.get("x-request-id"),
      });
    }
    return res;
  };
}

async function answer(
  page: CachedPage,
  request: Headers,
  baseline: [string, string][],
): Promise<Response> {
  const encoding = negotiateEncoding(request.get("accept-encoding"));
  // A compressed body is another representation of the same page: its ETag is weak.
  const etag = encoding ? `W/${page.etag}` : page.etag;
  const headers: [string, string][] = [
    ...baseline,
    ["cache-control", PUBLIC_CACHE_CONTROL],
    ["vary", "Cookie, Accept-Encoding"],
    ["etag", etag],
    ["x-request-id", newRequestId()],
  ];
  if (matchesEtag(request.get("if-none-match"), page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.push(["content-type", "text/html; charset=utf-8"]);
  if (!encoding) return new Response(page.body, { status: 200, headers });
  page.encoded ??= {};
  const body = page.encoded[encoding] ??= await compressBytes(page.body, encoding);
  headers.push(["content-encoding", encoding]);
  return new Response(body, { status: 200, headers });
}
