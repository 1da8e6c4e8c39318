// Public pages (/@handle, /@handle/name, /explore) are the same bytes for every visitor, so
// shared caches can keep them: a strong ETag over the body, 304 on a match, and the cache
// policy of the package issue. Package pages are also kept in process, so a popular page is
// rendered once per change instead of once per request.
import { encodeHexLowerCase } from "@oslojs/encoding";
import { type CachedPage, define, type State } from "../define.ts";
import { matchesEtag } from "../framework/etag.ts";
import { copyHeaders } from "../framework/headers.ts";

/**
 * The Cache-Control of public pages: browsers ask again on every visit (max-age=0 with
 * must-revalidate is no-cache for a browser; the ETag makes that a 304 when nothing changed),
 * shared caches may keep a page 10 minutes and must then revalidate (no serving stale).
 */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, must-revalidate, s-maxage=600";

/**
 * A signed-in browser's view (the same bytes) is never kept by a shared cache, and with
 * `Vary: Cookie` a cookie-carrying request is never answered from the anonymous copy either:
 * the owner sees an edit on the next view, even behind a CDN.
 */
export const SIGNED_IN_CACHE_CONTROL = "private, no-cache";

// CachedPage pages by key, least recently used first, within a byte budget.
const rendered = new Map<string, CachedPage>();
const MAX_BYTES = 16 * 1024 * 1024;
let bytes = 0;

/** The page rendered earlier under `key`, if it is still kept (the anonymous fast path). */
export function keptPage(key: string): CachedPage | undefined {
  return rendered.get(key);
}

/**
 * The page rendered earlier under `key`, as a 200 with its ETag; null on a miss, and then this
 * request's render is kept under `key`. The key must change whenever the page would: package
 * pages use the package id and its updated_at, which every change to it or its versions moves.
 */
export function cachedPublicPage(state: State, key: string): Response | null {
  const hit = rendered.get(key);
  state.publicPage ??= {};
  if (!hit) {
    state.publicPage.key = key;
    return null;
  }
  rendered.delete(key);
  rendered.set(key, hit);
  state.publicPage.hit = hit;
  return new Response(hit.body, {
    headers: { "content-type": "text/html; charset=utf-8", etag: hit.etag },
  });
}

function keep(key: string, page: CachedPage): void {
  if (page.body.byteLength > MAX_BYTES / 16) return;
  const old = rendered.get(key);
  if (old) bytes -= old.body.byteLength;
  rendered.delete(key);
  rendered.set(key, page);
  bytes += page.body.byteLength;
  for (const [k, v] of rendered) {
    if (bytes <= MAX_BYTES) break;
    rendered.delete(k);
    bytes -= v.body.byteLength;
  }
}

/**
 * Renders the page with the neutral header, then gives a 200 HTML answer its strong ETag
 * (sha-256 of the body bytes) and the public cache policy, or 304 when the client has it.
 * Downloads (not HTML, with their own digest ETags) and errors pass through untouched.
 */
export const publicCache = define.middleware(async (ctx) => {
  ctx.state.publicPage = {};
  const res = await ctx.next();
  const method = ctx.req.method;
  if (
    res.status !== 200 || (method !== "GET" && method !== "HEAD") ||
    !(res.headers.get("content-type") ?? "").startsWith("text/html")
  ) {
    return res;
  }
  const headers = copyHeaders(res.headers);
  const signedIn = !!ctx.state.session;
  headers.set("cache-control", signedIn ? SIGNED_IN_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
  headers.append("vary", "Cookie");
  // A page from cachedPublicPage comes with its bytes and ETag; a fresh render gets one here.
  let page = ctx.state.publicPage?.hit;
  if (page) {
    await res.body?.cancel();
  } else {
    // HEAD answers come without the body (the framework drops it), so they carry no ETag.
    if (!res.body) return new Response(null, { status: 200, headers });
    const body = new Uint8Array(await res.arrayBuffer());
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    page = { body, etag: `"${encodeHexLowerCase(hash)}"` };
    const key = ctx.state.publicPage?.key;
    if (key) keep(key, page);
  }
  headers.set("etag", page.etag);
  if (matchesEtag(ctx.req.headers.get("if-none-match"), page.etag)) {
    headers.delete("content-type");
    headers.delete("content-length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(method === "HEAD" ? null : page.body, { status: 200, headers });
});
