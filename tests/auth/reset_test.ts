import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { listAuditEvents } from "@/lib/audit/audit.ts";
import {
  asBrowser,
  createToken,
  createUser,
  postJson,
  sessionCookieFrom,
  type TestUser,
  tokenFromMail,
} from "../helpers/accounts.ts";

const NEW_PASSWORD = "a different long passphrase";

async function lastPasswordEvent(app: TestApp, user: TestUser) {
  const { events } = await listAuditEvents(app.services.db, user.ownerId, { limit: 20 });
  const event = events.find((e) => e.action.startsWith("password."))!;
  return { action: event.action, metadata: event.metadata };
}

const me = (app: TestApp, token: string) =>
  app.request("/v1/auth/me", { headers: { authorization: `Bearer ${token}` } });

Deno.test("forgot-password answers the same for known and unknown addresses and mails only the known one", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const known = await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const unknown = await postJson(app, "/v1/auth/password/forgot", { email: "nobody@example.com" });
  assert.equal(known.status, 202);
  assert.equal(unknown.status, 202);
  assert.deepEqual(await known.json(), await unknown.json());
  assert.match(app.mailer.lastTo(user.email).text, /\/reset\?token=/);
  assert.throws(() => app.mailer.lastTo("nobody@example.com"));
});

// The API token half of this test now needs the explicit choice (docs/security.md P10).
Deno.test("a reset that asks to revoke the API tokens revokes every session and token and signs in afresh", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const other = await postJson(app, "/v1/auth/login", {
    email: user.email,
    password: user.password,
  });
  const otherCookie = sessionCookieFrom(other)!;
  const token = await createToken(app, user, ["packages:read"]);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${token}` } })).status,
    200,
  );

  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token: tokenFromMail(app, user.email, "/reset"),
    password: NEW_PASSWORD,
    revoke_tokens: true,
  });
  assert.equal(reset.status, 200);
  const fresh = sessionCookieFrom(reset)!;
  assert.equal((await reset.json()).revoked_tokens, 1);
  assert.deepEqual(await lastPasswordEvent(app, user), {
    action: "password.reset",
    metadata: { revoke_tokens: true, api_tokens: 1 },
  });

  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    401,
  );
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: otherCookie } })).status,
    401,
  );
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${token}` } })).status,
    401,
  );
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: fresh } })).status, 200);
  assert.equal(
    (await postJson(app, "/v1/auth/login", { email: user.email, password: user.password })).status,
    401,
  );
  assert.equal(
    (await postJson(app, "/v1/auth/login", { email: user.email, password: NEW_PASSWORD })).status,
    200,
  );
  assert.equal(app.mailer.lastTo(user.email).subject, "Your inactu-control password was changed");
});

Deno.test("a reset token redeemed twice at once succeeds exactly once", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const token = tokenFromMail(app, user.email, "/reset");
  const results = await Promise.all(
    Array.from(
      { length: 5 },
      (_, i) =>
        postJson(app, "/v1/auth/password/reset", { token, password: `${NEW_PASSWORD} ${i}` }),
    ),
  );
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 400, 400, 400, 400]);
  for (const r of results) await r.body?.cancel();
});

Deno.test("a reset link expires after 1 hour and then the page says so", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const token = tokenFromMail(app, user.email, "/reset");
  const page = await app.request(`/reset?token=${token}`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("referrer-policy"), "no-referrer");
  assertIncludes(await page.text(), "Choose a new password");
  app.clock.advance(60 * 60 * 1000 + 1);
  const expired = await app.request(`/reset?token=${token}`);
  assert.equal(expired.status, 400);
  assertIncludes(await expired.text(), "This reset link is invalid, already used or expired.");
  const res = await postJson(app, "/v1/auth/password/reset", { token, password: NEW_PASSWORD });
  assert.equal(res.status, 400);
});

// The API token half of this test now needs the explicit choice (docs/security.md P10).
Deno.test("changing the password needs the current one and signs out every other session and, when ticked, every token", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const other = sessionCookieFrom(
    await postJson(app, "/v1/auth/login", { email: user.email, password: user.password }),
  )!;
  const token = await createToken(app, user, ["contexts:read"]);
  const form = (current: string) =>
    app.request("/settings", {
      method: "POST",
      headers: {
        ...asBrowser(app, user.cookie, false),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        current_password: current,
        password: NEW_PASSWORD,
        revoke_tokens: "1",
      }),
    });
  const wrong = await form("not my password!!");
  assert.equal(wrong.status, 400);
  assertIncludes(await wrong.text(), "Current password is incorrect");
  const ok = await form(user.password);
  assert.equal(ok.status, 303);
  assert.equal(
    ok.headers.get("location"),
    "/settings?notice=password_changed&tokens_revoked=1",
  );
  const fresh = sessionCookieFrom(ok)!;
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: other } })).status, 401);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    401,
  );
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { authorization: `Bearer ${token}` } })).status,
    401,
  );
  assert.equal((await app.request("/v1/auth/me", { headers: { cookie: fresh } })).status, 200);
});

Deno.test("a reset keeps the API tokens working unless asked, still ends every session, and records the choice", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const ci = await createToken(app, user, ["packages:publish"], "CI publish");
  const runtime = await createToken(app, user, ["contexts:write"], "runtime");
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token: tokenFromMail(app, user.email, "/reset"),
    password: NEW_PASSWORD,
  });
  assert.equal(reset.status, 200);
  assert.equal((await reset.json()).revoked_tokens, 0);
  assert.equal((await me(app, ci)).status, 200);
  assert.equal((await me(app, runtime)).status, 200);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    401,
  );
  assert.deepEqual(await lastPasswordEvent(app, user), {
    action: "password.reset",
    metadata: { revoke_tokens: false, api_tokens: 2 },
  });
  assertIncludes(app.mailer.lastTo(user.email).text, "API tokens of the account keep working");
});

Deno.test("revoke_tokens must be a boolean at the API door", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const res = await postJson(app, "/v1/auth/password/reset", {
    token: tokenFromMail(app, user.email, "/reset"),
    password: NEW_PASSWORD,
    revoke_tokens: "yes",
  });
  assert.equal(res.status, 400);
  assertIncludes((await res.json()).error, "revoke_tokens must be true or false");
});

Deno.test("the reset and change-password forms offer to revoke the N working API tokens, unticked", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await createToken(app, user, ["packages:read"], "one");
  await createToken(app, user, ["packages:read"], "two");
  const settings = await (await app.request("/settings", {
    headers: asBrowser(app, user.cookie, false),
  })).text();
  assertIncludes(settings, "Also revoke the 2 API tokens of this account");
  assert.doesNotMatch(settings, /name="revoke_tokens"[^>]*checked/);
  await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  const token = tokenFromMail(app, user.email, "/reset");
  const reset = await (await app.request(`/reset?token=${token}`)).text();
  assertIncludes(reset, "Also revoke the 2 API tokens of this account");
});

Deno.test("changing the password without ticking the box keeps the API tokens working", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["contexts:read"]);
  const ok = await app.request("/settings", {
    method: "POST",
    headers: {
      ...asBrowser(app, user.cookie, false),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ current_password: user.password, password: NEW_PASSWORD }),
  });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/settings?notice=password_changed");
  assert.equal((await me(app, token)).status, 200);
  assert.deepEqual(await lastPasswordEvent(app, user), {
    action: "password.change",
    metadata: { revoke_tokens: false, api_tokens: 1 },
  });
});
