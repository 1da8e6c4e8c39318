import type { MiddlewareHandler } from "hono";

// Scripts and styles only from our own origin: islands load as external modules, the
// stylesheet is one built file, so no inline script or style needs a nonce.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sets the baseline headers (docs/security.md C5-C8) on every response without its own. */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const set = (name: string, value: string) => {
      if (!h.has(name)) h.set(name, value);
    };
    set("content-security-policy", CSP);
    set("x-content-type-options", "nosniff");
    set("x-frame-options", "DENY");
    set("referrer-policy", "strict-origin-when-cross-origin");
    set("cross-origin-opener-policy", "same-origin");
    // Responses that did not choose a cache policy are never stored: most carry
    // per-user data; public pages and static files set their own.
    set("cache-control", "no-store");
    if (options.hsts) set("strict-transport-security", "max-age=63072000; includeSubDomains");
  };
}
