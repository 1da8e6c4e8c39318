import { type Ctx, define } from "@/lib/define.ts";
import type { Account } from "@/lib/auth/accounts.ts";
import type { SessionInfo } from "@/lib/auth/sessions.ts";
import { HttpError } from "@/lib/framework/http_error.ts";
import { type ApiTokenInfo, authenticateApiToken, touchApiToken } from "@/lib/auth/api_tokens.ts";
import { touchSession, validateSessionToken } from "@/lib/auth/sessions.ts";
import {
  clearSessionCookie,
  hasSessionCookie,
  readSessionCookie,
  sessionCookieName,
} from "@/lib/auth/cookie.ts";
import { passesCsrfCheck } from "@/lib/auth/csrf.ts";
import { orgsOf } from "@/lib/orgs/orgs.ts";

/**
 * Runs the rest of the request as `account`, signed in by a session or a token, and records
 * the use only when the request succeeded (a refused one changes nothing).
 */
async function signedIn(
  ctx: Ctx,
  account: Account,
  credential: { session: SessionInfo } | { token: ApiTokenInfo },
  touch: () => Promise<void>,
): Promise<Response> {
  const { state } = ctx;
  const base = {
    kind: "user",
    userId: account.userId,
    ownerId: account.ownerId,
    ownerHandle: account.handle,
    ip: state.clientIp,
    userAgent: state.userAgent,
  } as const;
  state.user = account;
  if ("token" in credential) {
    state.token = credential.token;
    state.actor = {
      ...base,
      via: "token",
      tokenId: credential.token.id,
      scopes: credential.token.scopes,
      actsFor: credential.token.owner.id,
    };
  } else {
    state.session = credential.session;
    state.actor = { ...base, via: "session", sessionId: credential.session.id };
    // The header's owner switcher lists the user's organizations (docs/adr/0010) on pages.
    if (
      state.services.config.orgsEnabled && ctx.req.method === "GET" &&
      !ctx.url.pathname.startsWith("/v1/")
    ) {
      state.orgHandles = (await orgsOf(state.services.database, account.userId)).map((o) =>
        o.handle
      );
    }
  }
  const res = await ctx.next();
  if (res.status < 400) await touch();
  return res;
}

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
    return await signedIn(
      ctx,
      found.account,
      { token: found.info },
      () => touchApiToken(db, found.info, clock()),
    );
  }
  if (!hasSessionCookie(ctx.req, config.secureCookies)) return ctx.next();
  const cookie = readSessionCookie(ctx.req, config.secureCookies);
  const found = cookie === null ? null : await validateSessionToken(database, cookie, clock());
  if (found) {
    return await signedIn(
      ctx,
      found.account,
      { session: found.session },
      () => touchSession(db, found.session, clock()),
    );
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
