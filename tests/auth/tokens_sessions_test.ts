import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import {
  asBrowser,
  createToken,
  createUser,
  postJson,
  sessionCookieFrom,
} from "../helpers/accounts.ts";

Deno.test("an API token is shown once with a recognizable prefix and authenticates as its owner", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const res = await postJson(app, "/v1/tokens", {
    name: "CI",
    scopes: ["packages:read", "packages:publish"],
  }, asBrowser(app, user.cookie));
  assert.equal(res.status, 201);
  const created = await res.json();
  assert.match(created.token, /^inactu_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(created.scopes, ["packages:publish", "packages:read"]);
  // Default expiry: 90 days.
  assert.equal(
    Date.parse(created.expires_at) - Date.parse(created.created_at),
    90 * 24 * 60 * 60 * 1000,
  );
  const me = await (await app.request("/v1/auth/me", {
    headers: { authorization: `Bearer ${created.token}` },
  })).json();
  assert.equal(me.email, user.email);
  assert.deepEqual(me.auth, {
    kind: "token",
    token_id: created.id,
    scopes: ["packages:publish", "packages:read"],
  });
  const list = await (await app.request("/v1/tokens", { headers: { cookie: user.cookie } })).json();
  assert.equal(list.tokens.length, 1);
  assert.equal(list.tokens[0].token, undefined);
  assert.ok(list.tokens[0].last_used_at);
});

Deno.test("token requests are validated: scopes, name and an expiry of at most a year", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const cases: [unknown, string][] = [
    [{ name: "x", scopes: [] }, "Choose at least one scope"],
    [{ name: "x", scopes: ["admin"] }, 'Unknown scope "admin"; allowed: packages:read'],
    [{ name: "", scopes: ["packages:read"] }, "Name must be 1 to 64 characters"],
    [
      { name: "x", scopes: ["packages:read"], expires_in_days: 366 },
      "Expiry must be a whole number of days from 1 to 365",
    ],
    [
      { name: "x", scopes: ["packages:read"], expires_in_days: 0 },
      "Expiry must be a whole number of days from 1 to 365",
    ],
  ];
  for (const [body, message] of cases) {
    const res = await postJson(app, "/v1/tokens", body, asBrowser(app, user.cookie));
    assert.equal(res.status, 400);
    assertIncludes((await res.json()).error, message);
  }
});

Deno.test("a bearer token can never create tokens, manage sessions or sign out", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, [
    "packages:read",
    "packages:publish",
    "contexts:read",
    "contexts:write",
    "audit:read",
  ]);
  const bearer = { authorization: `Bearer ${token}` };
  const attempts: [string, string][] = [
    ["POST", "/v1/tokens"],
    ["GET", "/v1/tokens"],
    ["GET", "/v1/auth/sessions"],
    ["POST", "/v1/auth/logout"],
  ];
  for (const [method, path] of attempts) {
    const res = await app.request(path, {
      method,
      headers: { ...bearer, "content-type": "application/json" },
      body: method === "POST"
        ? JSON.stringify({ name: "x", scopes: ["packages:read"] })
        : undefined,
    });
    assert.equal(res.status, 403, `${method} ${path}`);
    assertIncludes((await res.json()).error, "API tokens cannot");
  }
  const list = await (await app.request("/v1/tokens", { headers: { cookie: user.cookie } })).json();
  assert.equal(list.tokens.length, 1);
});

Deno.test("an invalid bearer token is 401 even when a valid session cookie is also sent", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (
    const authorization of [
      "Bearer inactu_nope",
      "Bearer " + "x".repeat(500),
      "Basic abc123",
      "Bearer",
    ]
  ) {
    const res = await app.request("/v1/auth/me", {
      headers: { cookie: user.cookie, authorization },
    });
    assert.equal(res.status, 401, authorization.slice(0, 30));
    assert.ok(res.headers.get("www-authenticate"));
    await res.body?.cancel();
  }
});

Deno.test("scopes are enforced, and revoked or expired tokens are 401", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const readOnly = await createToken(app, user, ["packages:read"]);
  const audit = await app.request("/v1/audit", {
    headers: { authorization: `Bearer ${readOnly}` },
  });
  assert.equal(audit.status, 403);
  assert.deepEqual(await audit.json(), { error: "this API token lacks the audit:read scope" });
  const auditToken = await createToken(app, user, ["audit:read"]);
  assert.equal(
    (await app.request("/v1/audit", { headers: { authorization: `Bearer ${auditToken}` } })).status,
    200,
  );

  const list = await (await app.request("/v1/tokens", { headers: { cookie: user.cookie } })).json();
  const id = list.tokens.find((t: { scopes: string[] }) => t.scopes.includes("audit:read")).id;
  const del = await app.request(`/v1/tokens/${id}`, {
    method: "DELETE",
    headers: asBrowser(app, user.cookie),
  });
  assert.equal(del.status, 204);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${auditToken}` } }))
      .status,
    401,
  );
  assert.equal(
    (await app.request(`/v1/tokens/${id}`, {
      method: "DELETE",
      headers: asBrowser(app, user.cookie),
    })).status,
    404,
  );

  app.clock.advance(91 * 24 * 60 * 60 * 1000);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${readOnly}` } })).status,
    401,
  );
});

Deno.test("another user's token or session cannot be revoked, and the attempt changes nothing", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app);
  const mallory = await createUser(app);
  const aliceToken = await createToken(app, alice, ["packages:read"]);
  const tokenId =
    (await (await app.request("/v1/tokens", { headers: { cookie: alice.cookie } })).json())
      .tokens[0].id;
  const sessionId =
    (await (await app.request("/v1/auth/sessions", { headers: { cookie: alice.cookie } })).json())
      .sessions[0].id;
  const t = await app.request(`/v1/tokens/${tokenId}`, {
    method: "DELETE",
    headers: asBrowser(app, mallory.cookie),
  });
  const s = await app.request(`/v1/auth/sessions/${sessionId}`, {
    method: "DELETE",
    headers: asBrowser(app, mallory.cookie),
  });
  assert.equal(t.status, 404);
  assert.equal(s.status, 404);
  assert.deepEqual(await t.json(), { error: "token not found" });
  assert.deepEqual(await s.json(), { error: "session not found" });
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${aliceToken}` } }))
      .status,
    200,
  );
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: alice.cookie } })).status,
    200,
  );
});

Deno.test("sessions list marks this device; revoking one or all others signs them out", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const second = sessionCookieFrom(
    await postJson(app, "/v1/auth/login", { email: user.email, password: user.password }, {
      "user-agent": "curl/8.5.0",
    }),
  )!;
  const third = sessionCookieFrom(
    await postJson(app, "/v1/auth/login", { email: user.email, password: user.password }),
  )!;
  const list = await (await app.request("/v1/auth/sessions", { headers: { cookie: user.cookie } }))
    .json();
  assert.equal(list.sessions.length, 3);
  assert.equal(list.sessions.filter((s: { current: boolean }) => s.current).length, 1);
  const curl = list.sessions.find((s: { user_agent: string }) => s.user_agent === "curl/8.5.0");
  assert.equal(
    (await app.request(`/v1/auth/sessions/${curl.id}`, {
      method: "DELETE",
      headers: asBrowser(app, user.cookie),
    })).status,
    204,
  );
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: second } })).status, 401);
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: third } })).status, 200);

  const page = await app.request("/settings/sessions", {
    method: "POST",
    headers: {
      ...asBrowser(app, user.cookie, false),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "action=revoke_others",
  });
  assert.equal(page.status, 303);
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: third } })).status, 401);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
});

Deno.test("last seen is written at most once an hour", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const seen = async () =>
    (await (await app.request("/v1/auth/sessions", { headers: { cookie: user.cookie } })).json())
      .sessions[0].last_seen_at;
  const first = await seen();
  app.clock.advance(30 * 60 * 1000);
  assert.equal(await seen(), first);
  app.clock.advance(31 * 60 * 1000);
  // The request that crosses the hour records it; the next one shows it.
  await seen();
  assert.equal(await seen(), app.clock.now().toISOString());
});

Deno.test("the token form redirects after creating, and its secret is shown once, from an HttpOnly cookie scoped to the page, never from the URL", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const other = await createUser(app);
  const create = await app.request("/settings/tokens", {
    method: "POST",
    headers: {
      ...asBrowser(app, user.cookie, false),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      action: "create",
      name: "CI",
      scopes: "packages:read",
      expires_in_days: "30",
    }),
  });
  assert.equal(create.status, 303);
  const location = create.headers.get("location")!;
  assert.match(location, /^\/settings\/tokens\?created=[0-9a-f-]{36}$/);
  const set = create.headers.get("set-cookie")!;
  const [pair] = set.split(";");
  const secret = decodeURIComponent(pair!.slice(pair!.indexOf("=") + 1));
  assert.match(secret, /^inactu_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  assertIncludes(set, "HttpOnly");
  assertIncludes(set, "Path=/settings/tokens");
  assertIncludes(set, "SameSite=Strict");
  assertIncludes(set, "Max-Age=120");
  const page = (cookie: string) =>
    app.request(location, { headers: { cookie: `${cookie}; ${pair}` } });

  // Another account's browser carrying the cookie is shown nothing.
  const stranger = await page(other.cookie);
  assert.equal(stranger.status, 200);
  assert.ok(!(await stranger.text()).includes(secret));

  const first = await page(user.cookie);
  assert.equal(first.headers.get("cache-control"), "no-store");
  assert.equal(first.headers.get("referrer-policy"), "no-referrer");
  assertIncludes(first.headers.get("set-cookie")!, "Max-Age=0");
  assertIncludes(await first.text(), secret);
  const reload = await app.request(location, { headers: { cookie: user.cookie } });
  const html = await reload.text();
  assert.ok(!html.includes(secret));
  assertIncludes(html, "Its secret was already shown once");
  const me = await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(me.status, 200);
});
