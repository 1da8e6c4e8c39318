import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import {
  asBrowser,
  createToken,
  createUser,
  postJson,
  sessionCookieFrom,
  tokenFromMail,
} from "../helpers/accounts.ts";

const NEW_PASSWORD = "a different long passphrase";

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

Deno.test("a reset revokes every session and API token and signs in afresh", async () => {
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
  });
  assert.equal(reset.status, 200);
  const fresh = sessionCookieFrom(reset)!;

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

Deno.test("changing the password needs the current one and signs out every other session and token", async () => {
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
      body: new URLSearchParams({ current_password: current, password: NEW_PASSWORD }),
    });
  const wrong = await form("not my password!!");
  assert.equal(wrong.status, 400);
  assertIncludes(await wrong.text(), "Current password is incorrect");
  const ok = await form(user.password);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get("location"), "/settings?notice=password_changed");
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
