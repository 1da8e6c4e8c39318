import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { authenticateApiToken } from "@/lib/auth/api_tokens.ts";
import { validateSessionToken } from "@/lib/auth/sessions.ts";
import { clearSessionCookie, readSessionCookie, sessionCookieName } from "@/lib/auth/cookie.ts";
import { passesCsrfCheck } from "@/lib/auth/csrf.ts";

/**
 * Resolves who is calling, once per request: a bearer token (an invalid one is 401 even when
 * a valid cookie is also sent) or the session cookie (an invalid one is anonymous, and the
 * stale cookie is cleared).
 */
const authenticate = define.middleware(async (ctx) => {
  const { db, config, clock } = ctx.state.services;
  const authorization = ctx.req.headers.get("authorization");
  if (authorization !== null) {
    if (!authorization.startsWith("Bearer ")) {
      throw new HttpError(401, "authorization must be a bearer token", {
        headers: { "www-authenticate": 'Bearer realm="inactu-control"' },
      });
    }
    const found = await authenticateApiToken(db, authorization.slice(7).trim(), clock());
    if (!found) {
      throw new HttpError(401, "invalid, expired or revoked API token", {
        headers: { "www-authenticate": 'Bearer realm="inactu-control", error="invalid_token"' },
      });
    }
    ctx.state.user = found.account;
    ctx.state.token = found.info;
    return ctx.next();
  }
  const name = sessionCookieName(config.secureCookies);
  if (!(ctx.req.headers.get("cookie") ?? "").includes(`${name}=`)) return ctx.next();
  const cookie = readSessionCookie(ctx.req, config.secureCookies);
  const found = cookie === null ? null : await validateSessionToken(db, cookie, clock());
  if (found) {
    ctx.state.user = found.account;
    ctx.state.session = found.session;
    return ctx.next();
  }
  const res = await ctx.next();
  if (!(res.headers.get("set-cookie") ?? "").includes(`${name}=`)) {
    res.headers.append("set-cookie", clearSessionCookie(config.secureCookies));
  }
  return res;
});

/** Refuses cross-site state changes before anything runs (SECURITY.md, CSRF). */
const csrf = define.middleware((ctx) => {
  const { config } = ctx.state.services;
  const name = sessionCookieName(config.secureCookies);
  const ok = passesCsrfCheck(ctx.req, {
    origin: config.publicOrigin,
    hasSessionCookie: (ctx.req.headers.get("cookie") ?? "").includes(`${name}=`),
    // Checked before authentication, so a refused request cannot even touch last_seen_at; a
    // bad bearer token is then refused by authenticate with 401.
    bearer: ctx.req.headers.has("authorization"),
  });
  if (!ok) {
    throw new HttpError(
      403,
      `cross-site request refused: submit this form from ${config.publicOrigin}`,
    );
  }
  return ctx.next();
});

export const handler = [csrf, authenticate];
