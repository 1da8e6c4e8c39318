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

/** The baseline headers (docs/security.md C5-C8) of every response that did not set its own. */
export function baselineHeaders(options: { hsts: boolean }): [string, string][] {
  const list: [string, string][] = [
    ["content-security-policy", CSP],
    ["x-content-type-options", "nosniff"],
    ["x-frame-options", "DENY"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["cross-origin-opener-policy", "same-origin"],
    // Responses that did not choose a cache policy are never stored: most carry
    // per-user data; public pages and static files set their own.
    ["cache-control", "no-store"],
  ];
  if (options.hsts) list.push(["strict-transport-security", "max-age=63072000; includeSubDomains"]);
  return list;
}

/**
 * Sets the baseline headers on a response that did not choose its own. The names it has are
 * listed in one pass (forEach: each `has` would search and convert its name again).
 */
export function applyBaseline(headers: Headers, baseline: [string, string][]): void {
  const present = new Set<string>();
  headers.forEach((_, name) => present.add(name));
  for (const [name, value] of baseline) if (!present.has(name)) headers.append(name, value);
}
