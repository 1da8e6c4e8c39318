import { parse, serialize } from "hono/utils/cookie";
import { SESSION_ABSOLUTE_MS } from "./sessions.ts";

/** `__Host-session` on https origins (Secure, host-only, Path=/); `session` on plain-http dev. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-session" : "session";
}

/**
 * Whether the request sends something named like the session cookie, valid or not. The CSRF
 * check and authentication must agree on this, so both ask here.
 */
export function hasSessionCookie(req: Request, secure: boolean): boolean {
  return (req.headers.get("cookie") ?? "").includes(`${sessionCookieName(secure)}=`);
}

/** The session token the request carries, if any; oversized headers are ignored, not parsed. */
export function readSessionCookie(req: Request, secure: boolean): string | null {
  const header = req.headers.get("cookie");
  if (!header || header.length > 8192) return null;
  const value = parse(header, sessionCookieName(secure))[sessionCookieName(secure)];
  return value && value.length <= 200 ? value : null;
}

/** The Set-Cookie value that stores a session token. */
export function sessionCookie(token: string, secure: boolean): string {
  return serialize(sessionCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

/** The Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(secure: boolean): string {
  return serialize(sessionCookieName(secure), "", {
    httpOnly: true,
    secure,
    sameSite: "Lax",
    path: "/",
    maxAge: 0,
  });
}

// A new API token's secret crosses the post/redirect/get of the tokens page in this cookie:
// HttpOnly, only sent to that page, gone after two minutes and cleared by the page that shows
// it, so a reload shows nothing again and the secret never appears in a URL.
const NEW_TOKEN_PATH = "/settings/tokens";
const NEW_TOKEN_MAX_AGE_S = 120;

function newTokenCookieName(secure: boolean): string {
  return secure ? "__Secure-new_token" : "new_token";
}

/** The Set-Cookie that carries a just-created token to the page that shows it once. */
export function newTokenCookie(token: string, secure: boolean): string {
  return serialize(newTokenCookieName(secure), token, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: NEW_TOKEN_PATH,
    maxAge: NEW_TOKEN_MAX_AGE_S,
  });
}

/** The Set-Cookie that removes it. */
export function clearNewTokenCookie(secure: boolean): string {
  return serialize(newTokenCookieName(secure), "", {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: NEW_TOKEN_PATH,
    maxAge: 0,
  });
}

/** The just-created token the request carries, if any. */
export function readNewTokenCookie(req: Request, secure: boolean): string | null {
  const header = req.headers.get("cookie");
  if (!header || header.length > 8192) return null;
  const value = parse(header, newTokenCookieName(secure))[newTokenCookieName(secure)];
  return value && value.length <= 200 ? value : null;
}
