import { define } from "@/lib/define.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { authenticateApiToken, touchApiToken } from "@/lib/auth/api_tokens.ts";
import { touchSession, validateSessionToken } from "@/lib/auth/sessions.ts";
import {
  clearSessionCookie,
  hasSessionCookie,
  readSessionCookie,
  sessionCookieName,
} from "@/lib/auth/cookie.ts";
import { passesCsrfCheck } from "@/lib/auth/csrf.ts";

/**
 * Resolves who is calling, once per request: a bearer token (an invalid one is 401 even when
 * a valid cookie is also sent) or the session cookie (an invalid one is anonymous, and the
 * stale cookie is cleared). Last use is recorded after the route, and only when it succeeded.
 */
const authenticate = define.middleware(async (ctx) => {
  const { db, database, config, clock } = ctx.state.services;
  const authorization = ctx.req.headers.get("authorization");
  if (authorization !== null) {
    if (!authorization.startsWith("Bearer ")) {
      throw new HttpError(401, "authorization must be a bearer token", {
        headers: { "www-authenticate": 'Bearer realm="inactu-control"' },
      });
    }
    const found = await authenticateApiToken(database, authorization.slice(7).trim(), clock());
    if (!found) {
      throw new HttpError(401, "invalid, expired or revoked API token", {
        headers: { "www-authenticate": 'Bearer realm="inactu-control", error="invalid_token"' },
      });
    }
    ctx.state.user = found.account;
    ctx.state.token = found.info;
    ctx.state.actor = {
      kind: "user",
      userId: found.account.userId,
      ownerId: found.account.ownerId,
      via: "token",
      tokenId: found.info.id,
      scopes: found.info.scopes,
      ip: ctx.state.clientIp,
      userAgent: ctx.state.userAgent,
    };
    const res = await ctx.next();
    // Only a request that succeeded counts as a use: a refused one changes nothing.
    if (res.status < 400) await touchApiToken(db, found.info, clock());
    return res;
  }
  if (!hasSessionCookie(ctx.req, config.secureCookies)) return ctx.next();
  const cookie = readSessionCookie(ctx.req, config.secureCookies);
  const found = cookie === null ? null : await validateSessionToken(database, cookie, clock());
  if (found) {
    ctx.state.user = found.account;
    ctx.state.session = found.session;
    ctx.state.actor = {
      kind: "user",
      userId: found.account.userId,
      ownerId: found.account.ownerId,
      via: "session",
      sessionId: found.session.id,
      ip: ctx.state.clientIp,
      userAgent: ctx.state.userAgent,
    };
    const res = await ctx.next();
    if (res.status < 400) await touchSession(db, found.session, clock());
    return res;
  }
  const res = await ctx.next();
  // A publicly cacheable response must not carry a Set-Cookie (a shared cache would hand it to
  // everyone); the stale cookie is cleared on the next private page instead.
  const cacheable = /\bpublic\b/.test(res.headers.get("cache-control") ?? "");
  const name = sessionCookieName(config.secureCookies);
  if (!cacheable && !(res.headers.get("set-cookie") ?? "").includes(`${name}=`)) {
    res.headers.append("set-cookie", clearSessionCookie(config.secureCookies));
  }
  return res;
});

/** Refuses cross-site state changes before anything runs (docs/security.md "CSRF and headers"). */
const csrf = define.middleware((ctx) => {
  const { config } = ctx.state.services;
  const ok = passesCsrfCheck(ctx.req, {
    origin: config.publicOrigin,
    hasSessionCookie: hasSessionCookie(ctx.req, config.secureCookies),
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
