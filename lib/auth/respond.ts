import { sessionCookie } from "./cookie.ts";

/** Adds the Set-Cookie for a new session to a response's headers. */
export function withSession(headers: HeadersInit, token: string, secure: boolean): Headers {
  const h = new Headers(headers);
  h.append("set-cookie", sessionCookie(token, secure));
  return h;
}

/** Only same-origin relative paths are honoured as `next`; anything else goes to the dashboard. */
export function safeNext(next: string | null | undefined, fallback = "/dashboard"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return fallback;
  }
  try {
    const url = new URL(next, "http://x.invalid");
    if (url.origin !== "http://x.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
