import { sessionCookie } from "./cookie.ts";

/** Adds the Set-Cookie for a new session to a response's headers. */
export function withSession(headers: HeadersInit, token: string, secure: boolean): Headers {
  const h = new Headers(headers);
  h.append("set-cookie", sessionCookie(token, secure));
  return h;
}
