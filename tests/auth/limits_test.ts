// docs/security.md "Rate limits": each account flow's default, answered 429 with Retry-After.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createUser, postJson } from "../helpers/accounts.ts";

Deno.test("login is limited to 10 attempts per 5 minutes from one address, across accounts", async () => {
  await using app = await createTestApp();
  for (let i = 0; i < 10; i++) {
    const res = await postJson(
      app,
      "/v1/auth/login",
      { email: `nobody${i}@example.com`, password: "wrong password here" },
      {},
      "198.51.100.20",
    );
    assert.equal(res.status, 401);
  }
  const limited = await postJson(
    app,
    "/v1/auth/login",
    { email: "other@example.com", password: "wrong password here" },
    {},
    "198.51.100.20",
  );
  assert.equal(limited.status, 429);
  assertIncludes((await limited.json()).error, "Too many sign-in attempts from your network");
  const elsewhere = await postJson(
    app,
    "/v1/auth/login",
    { email: "other@example.com", password: "wrong password here" },
    {},
    "198.51.100.21",
  );
  assert.equal(elsewhere.status, 401);
});

Deno.test("forgot-password is limited to 5 per day per account, and the 6th sends no mail", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (let i = 0; i < 5; i++) {
    assert.equal(
      (await postJson(
        app,
        "/v1/auth/password/forgot",
        { email: user.email },
        {},
        `198.51.100.${30 + i}`,
      )).status,
      202,
    );
  }
  const sent =
    app.mailer.messages.filter((m) => m.to === user.email && /reset/i.test(m.subject)).length;
  const sixth = await postJson(
    app,
    "/v1/auth/password/forgot",
    { email: user.email },
    {},
    "198.51.100.99",
  );
  assert.equal(sixth.status, 429);
  const retry = Number(sixth.headers.get("retry-after"));
  assert.ok(retry > 23 * 3600 && retry <= 24 * 3600, `retry-after ${retry}`);
  assert.equal(
    app.mailer.messages.filter((m) => m.to === user.email && /reset/i.test(m.subject)).length,
    sent,
  );
});

Deno.test("resending the verification email is limited to 3 per 6 hours", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { verified: false });
  for (let i = 0; i < 3; i++) {
    const res = await app.request("/verify/resend", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
    });
    assert.equal(res.status, 303);
  }
  const fourth = await app.request("/verify/resend", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
  });
  assert.equal(fourth.status, 429);
  assertIncludes(await fourth.text(), "Too many verification emails requested");
  app.clock.advance(6 * 60 * 60 * 1000);
  assert.equal(
    (await app.request("/verify/resend", {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
    })).status,
    303,
  );
});

Deno.test("refused sign-ups from a shared address do not count: a classroom of 40 signs up after many typos", async () => {
  await using app = await createTestApp();
  const ip = "198.51.100.60";
  const signUp = (body: Record<string, string>) => postJson(app, "/v1/auth/signup", body, {}, ip);
  // Typos, a weak password and a taken handle: each refused with 400, none counted.
  await createUser(app, { handle: "taken" });
  for (let i = 0; i < 20; i++) {
    const typo = await signUp({
      email: `pupil${i}@example`,
      handle: `pupil${i}`,
      password: "short",
    });
    assert.equal(typo.status, 400);
    const taken = await signUp({
      email: `pupil${i}@example.com`,
      handle: "taken",
      password: "correct horse battery staple",
    });
    assert.equal(taken.status, 400);
  }
  for (let i = 0; i < 40; i++) {
    const res = await signUp({
      email: `pupil${i}@example.com`,
      handle: `pupil${i}`,
      password: "correct horse battery staple",
    });
    assert.equal(res.status, 202, `pupil ${i}: ${await res.text()}`);
  }
});
