import type { TestApp } from "./app.ts";
import { assert } from "./assert.ts";

export interface TestUser {
  email: string;
  handle: string;
  password: string;
  /** The `name=value` pair to send as Cookie. */
  cookie: string;
  userId: string;
  ownerId: string;
}

/** The session cookie (`name=value`) a response sets, or null. */
export function sessionCookieFrom(res: Response): string | null {
  for (const c of res.headers.getSetCookie()) {
    const m = /^((?:__Host-)?session)=([^;]*)/.exec(c);
    if (m && m[2]) return `${m[1]}=${m[2]}`;
  }
  return null;
}

/** The token of the last link of `path` mailed to `to`. */
export function tokenFromMail(app: TestApp, to: string, path: "/verify" | "/reset"): string {
  const text = app.mailer.lastTo(to).text;
  const m = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in the mail to ${to}:\n${text}`);
  return m[1]!;
}

/** Headers for a cookie-authenticated, same-origin JSON request. */
export function asBrowser(app: TestApp, cookie: string, json = true): Record<string, string> {
  return {
    cookie,
    origin: app.config.publicOrigin,
    ...(json ? { "content-type": "application/json" } : {}),
  };
}

/** POSTs JSON to the API. */
export function postJson(
  app: TestApp,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  ip?: string,
) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    ip,
  });
}

/** The password test users sign up with unless a test says otherwise. */
export const TEST_PASSWORD = "correct horse battery staple";

let counter = 0;

/** Signs up through the API, follows the mailed verification link, returns a signed-in user. */
export async function createUser(
  app: TestApp,
  options: { handle?: string; verified?: boolean; password?: string } = {},
): Promise<TestUser> {
  const n = ++counter;
  const handle = options.handle ?? `user${n}-${crypto.randomUUID().slice(0, 6)}`;
  const email = `${handle}@example.com`;
  const password = options.password ?? TEST_PASSWORD;
  // Each signup comes from its own address so the per-IP signup limit does not interfere.
  const ip = `10.9.${Math.floor(n / 250)}.${n % 250}`;
  const signup = await postJson(app, "/v1/auth/signup", { email, handle, password }, {}, ip);
  assert.equal(signup.status, 202, await signup.text());
  let cookie: string | null;
  if (options.verified === false) {
    const login = await postJson(app, "/v1/auth/login", { email, password }, {}, ip);
    assert.equal(login.status, 200, await login.clone().text());
    cookie = sessionCookieFrom(login);
  } else {
    const verify = await postJson(
      app,
      "/v1/auth/verify",
      { token: tokenFromMail(app, email, "/verify") },
      {},
      ip,
    );
    assert.equal(verify.status, 200, await verify.clone().text());
    cookie = sessionCookieFrom(verify);
  }
  assert.ok(cookie, "no session cookie was set");
  const me = await (await app.request("/v1/auth/me", { headers: { cookie } })).json();
  return { email, handle, password, cookie, userId: me.id, ownerId: me.owner.id };
}

/**
 * Creates an API token with the given scopes for a signed-in user, acting for `owner` (a
 * handle: an organization's) or, by default, the user's own.
 */
export async function createToken(
  app: TestApp,
  user: TestUser,
  scopes: string[],
  name = "test token",
  owner?: string,
): Promise<string> {
  const body = { name, scopes, ...(owner ? { owner } : {}) };
  const res = await postJson(app, "/v1/tokens", body, asBrowser(app, user.cookie));
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()).token;
}
