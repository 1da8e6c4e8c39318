/**
 * Whether an unsafe request may proceed (docs/security.md C1). Bearer-authenticated ones carry
 * no ambient credential and are exempt. A request that carries a session cookie must show it
 * comes from our own pages: `Sec-Fetch-Site: same-origin`, or an `Origin` equal to ours. A
 * request without a cookie (sign-in and sign-up forms) is refused when a browser marked it
 * as coming from elsewhere; a client that sends neither header is not a browser and holds no
 * cookie to abuse. Content-Type plays no part.
 */
export function passesCsrfCheck(
  req: Request,
  options: { origin: string; hasSessionCookie: boolean; bearer: boolean },
): boolean {
  if (options.bearer || ["GET", "HEAD", "OPTIONS"].includes(req.method)) return true;
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if (site === "same-origin" || origin === options.origin) return true;
  return !options.hasSessionCookie && site === null && origin === null;
}
