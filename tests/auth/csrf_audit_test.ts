import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { createUser, postJson } from "../helpers/accounts.ts";

Deno.test("cookie-authenticated writes need same-origin proof: cross-site, missing, null and look-alike origins are 403", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const body = JSON.stringify({ name: "x", scopes: ["packages:read"] });
  const cases: [string, Record<string, string>][] = [
    ["cross-site form", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["missing Origin", {}],
    ["Origin: null", { origin: "null" }],
    ["look-alike origin", { origin: `${app.config.publicOrigin}.evil.example` }],
    ["same-site, other port", { origin: "http://localhost:9999", "sec-fetch-site": "same-site" }],
  ];
  for (const [name, headers] of cases) {
    const res = await app.request("/v1/tokens", {
      method: "POST",
      headers: { cookie: user.cookie, "content-type": "application/json", ...headers },
      body,
    });
    assert.equal(res.status, 403, name);
    assert.match((await res.json()).error, /^cross-site request refused/);
  }
  const tokens = await (await app.request("/v1/tokens", { headers: { cookie: user.cookie } }))
    .json();
  assert.equal(tokens.tokens.length, 0, "a refused request created a token");
  const proofs: Record<string, string>[] = [{ origin: app.config.publicOrigin }, {
    "sec-fetch-site": "same-origin",
  }];
  for (const headers of proofs) {
    const ok = await app.request("/v1/tokens", {
      method: "POST",
      headers: { cookie: user.cookie, "content-type": "application/json", ...headers },
      body,
    });
    assert.equal(ok.status, 201);
  }
});

Deno.test("the CSRF check does not look at Content-Type: a text/plain cross-site post is refused too", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const res = await app.request("/logout", {
    method: "POST",
    headers: { cookie: user.cookie, "content-type": "text/plain", origin: "https://evil.example" },
    body: "x",
  });
  assert.equal(res.status, 403);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
});

Deno.test("cross-site sign-in and sign-up forms are refused; non-browser clients without cookies are not", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const form = (path: string, headers: Record<string, string>) =>
    app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: user.email, password: user.password, handle: "newbie" }),
    });
  assert.equal((await form("/login", { origin: "https://evil.example" })).status, 403);
  assert.equal((await form("/signup", { "sec-fetch-site": "cross-site" })).status, 403);
  assert.equal((await form("/login", { origin: "null" })).status, 403);
  assert.equal((await form("/login", { origin: app.config.publicOrigin })).status, 303);
  // A CLI signs in with JSON and sends no Origin: it holds no cookie an attacker could ride.
  assert.equal(
    (await postJson(app, "/v1/auth/login", { email: user.email, password: user.password })).status,
    200,
  );
});

Deno.test("logout is a POST: GET /logout changes nothing", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const res = await app.request("/logout", { headers: { cookie: user.cookie } });
  assert.equal(res.status, 405);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
});

Deno.test("the audit log records the account's events newest first, without secrets, with cursor pages", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await postJson(
    app,
    "/v1/auth/login",
    { email: user.email, password: "wrong password here" },
    {},
    "192.0.2.7",
  );
  const login = await postJson(app, "/v1/auth/login", {
    email: user.email,
    password: user.password,
  }, { "user-agent": "test-agent" });
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const created = await postJson(app, "/v1/tokens", { name: "deploy", scopes: ["packages:read"] }, {
    cookie,
    origin: app.config.publicOrigin,
  });
  const token = (await created.json()).token as string;
  const page = await (await app.request("/v1/audit?limit=3", { headers: { cookie } })).json();
  assert.deepEqual(page.events.map((e: { action: string }) => e.action), [
    "token.create",
    "auth.login",
    "auth.login_failed",
  ]);
  assert.equal(page.events[2].ip, "192.0.2.7");
  assert.equal(page.events[1].user_agent, "test-agent");
  assert.deepEqual(page.events[0].metadata.scopes, ["packages:read"]);
  const older = await (await app.request(`/v1/audit?limit=3&before_id=${page.next_before_id}`, {
    headers: { cookie },
  })).json();
  // The verification link signed the user in: the sign-in is recorded next to the verification.
  assert.deepEqual(older.events.map((e: { action: string }) => e.action), [
    "auth.login",
    "account.verify",
    "account.signup",
  ]);
  assert.equal(older.events[0].metadata.method, "verification_link");
  assert.equal(older.next_before_id, null);
  const all = JSON.stringify([page, older]);
  assert.ok(!all.includes(token.slice(7)), "the audit log holds the token secret");
  assert.ok(!all.includes(user.password));
  const bad = await app.request("/v1/audit?limit=abc", { headers: { cookie } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), {
    error: "query parameter limit: must be a whole number from 1 to 200",
  });
});
