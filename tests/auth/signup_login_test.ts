import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { RATE_LIMITS } from "../../lib/auth/rate_limit.ts";
import {
  asBrowser,
  createUser,
  postJson,
  sessionCookieFrom,
  TEST_PASSWORD,
  tokenFromMail,
} from "../helpers/accounts.ts";

const PASSWORD = TEST_PASSWORD;

Deno.test("sign-up sends a verification link built from the public origin and starts no session", async () => {
  await using app = await createTestApp({ env: { PUBLIC_ORIGIN: "https://control.example.com" } });
  const res = await postJson(app, "/v1/auth/signup", {
    email: "Ada@Example.com ",
    handle: "Ada",
    password: PASSWORD,
  }, {
    host: "evil.example",
  });
  assert.equal(res.status, 202);
  assert.equal(res.headers.getSetCookie().length, 0);
  const mail = app.mailer.lastTo("ada@example.com");
  assert.match(mail.text, /https:\/\/control\.example\.com\/verify\?token=[A-Za-z0-9_-]{43}/);
  assertExcludes(mail.text, "evil.example");
  const me = await app.request("/v1/auth/me");
  assert.equal(me.status, 401);
});

Deno.test("sign-up with an existing email answers exactly like a new one and creates no session or account", async () => {
  await using app = await createTestApp();
  const first = await postJson(
    app,
    "/v1/auth/signup",
    { email: "bob@example.com", handle: "bob", password: PASSWORD },
    {},
    "10.0.0.1",
  );
  const again = await postJson(
    app,
    "/v1/auth/signup",
    { email: "BOB@example.com", handle: "bobby", password: PASSWORD },
    {},
    "10.0.0.2",
  );
  assert.equal(again.status, first.status);
  assert.deepEqual(await again.json(), await first.json());
  assert.deepEqual(again.headers.getSetCookie(), first.headers.getSetCookie());
  assert.deepEqual(
    [...again.headers.keys()].filter((k) => k !== "x-request-id").sort(),
    [...first.headers.keys()].filter((k) => k !== "x-request-id").sort(),
  );
  // The address's owner is told someone tried. The handle "bobby" is held as it would be for
  // a new account (it used to stay free, which told that the address was registered).
  assert.equal(
    app.mailer.lastTo("bob@example.com").subject,
    "Someone tried to sign up with your email address",
  );
  const taken = await postJson(
    app,
    "/v1/auth/signup",
    { email: "carol@example.com", handle: "bobby", password: PASSWORD },
    {},
    "10.0.0.3",
  );
  assert.equal(taken.status, 400);
});

Deno.test("a taken handle is reported (handles are public), case-insensitively", async () => {
  await using app = await createTestApp();
  await createUser(app, { handle: "dora" });
  const res = await postJson(app, "/v1/auth/signup", {
    email: "d2@example.com",
    handle: "DORA",
    password: PASSWORD,
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), {
    error: 'handle: The handle "dora" is taken; choose another',
  });
});

Deno.test("sign-up input errors name the field and say what is allowed", async () => {
  await using app = await createTestApp();
  const cases: [Record<string, string>, string][] = [
    [
      { email: "not-an-email", handle: "eve", password: PASSWORD },
      "email: Enter a valid email address, such as you@example.com",
    ],
    [
      { email: "e@example.com", handle: "-eve", password: PASSWORD },
      "handle: Handle must be 2 to 39 characters",
    ],
    [
      { email: "e@example.com", handle: "admin", password: PASSWORD },
      'handle: The handle "admin" is reserved; choose another',
    ],
    [
      { email: "e@example.com", handle: "x".repeat(40), password: PASSWORD },
      "handle: Handle must be 2 to 39 characters",
    ],
    [
      { email: "e@example.com", handle: "eve", password: "short" },
      "password: Password must be at least 12 characters",
    ],
    [
      { email: "e@example.com", handle: "eve", password: "password1234" },
      "password: Password is one of the most common ones",
    ],
  ];
  let i = 0;
  for (const [body, message] of cases) {
    const res = await postJson(app, "/v1/auth/signup", body, {}, `10.1.0.${i++}`);
    assert.equal(res.status, 400, message);
    const { error } = await res.json();
    assert.ok(error.startsWith(message), `${error} should start with ${message}`);
  }
  const unknown = await postJson(app, "/v1/auth/signup", {
    email: "e@example.com",
    handle: "eve",
    password: PASSWORD,
    owner_id: "x",
  });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await unknown.json(), { error: "unknown field owner_id" });
});

Deno.test("129-character and 1 MB passwords are refused with 400 before any hashing", async () => {
  await using app = await createTestApp();
  for (const password of ["a".repeat(129), "b".repeat(1024 * 1024)]) {
    const started = performance.now();
    const res = await postJson(app, "/v1/auth/signup", {
      email: "f@example.com",
      handle: "frank",
      password,
    });
    const elapsed = performance.now() - started;
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), {
      error: "password: Password must be at most 128 characters",
    });
    // An Argon2id hash costs >10 ms here; refusing a long password must not.
    assert.ok(elapsed < 200, `took ${elapsed} ms`);
    const login = await postJson(app, "/v1/auth/login", { email: "f@example.com", password });
    assert.equal(login.status, 400);
  }
});

Deno.test("verifying signs the user in; the link works once and expires after 24 hours", async () => {
  await using app = await createTestApp();
  await postJson(app, "/v1/auth/signup", {
    email: "gus@example.com",
    handle: "gus",
    password: PASSWORD,
  });
  const token = tokenFromMail(app, "gus@example.com", "/verify");
  const verified = await postJson(app, "/v1/auth/verify", { token });
  assert.equal(verified.status, 200);
  const cookie = sessionCookieFrom(verified)!;
  const me = await (await app.request("/v1/auth/me", { headers: { cookie } })).json();
  assert.equal(me.verified, true);
  assert.equal(me.email, "gus@example.com");
  assert.equal(me.owner.handle, "gus");
  const reused = await postJson(app, "/v1/auth/verify", { token });
  assert.equal(reused.status, 400);

  await postJson(
    app,
    "/v1/auth/signup",
    { email: "hal@example.com", handle: "hal", password: PASSWORD },
    {},
    "10.2.0.1",
  );
  const late = tokenFromMail(app, "hal@example.com", "/verify");
  app.clock.advance(24 * 60 * 60 * 1000 + 1);
  assert.equal((await postJson(app, "/v1/auth/verify", { token: late })).status, 400);
});

Deno.test("the verification page shows a button; opening the link alone changes nothing", async () => {
  await using app = await createTestApp();
  await postJson(app, "/v1/auth/signup", {
    email: "ivy@example.com",
    handle: "ivy",
    password: PASSWORD,
  });
  const token = tokenFromMail(app, "ivy@example.com", "/verify");
  const page = await app.request(`/verify?token=${token}`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get("referrer-policy"), "no-referrer");
  assertIncludes(await page.text(), "Verify email address");
  // Still usable: the GET did not consume it.
  const post = await app.request("/verify", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: app.config.publicOrigin,
    },
    body: `token=${token}`,
  });
  assert.equal(post.status, 303);
  assert.equal(post.headers.get("location"), "/dashboard?notice=verified");
  assert.ok(sessionCookieFrom(post));
});

Deno.test("login sets an HttpOnly SameSite=Lax session cookie; wrong password and unknown email answer alike", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const ok = await postJson(app, "/v1/auth/login", { email: user.email, password: user.password });
  assert.equal(ok.status, 200);
  const setCookie = ok.headers.getSetCookie()[0]!;
  assert.match(
    setCookie,
    /^session=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/,
  );
  const wrong = await postJson(app, "/v1/auth/login", {
    email: user.email,
    password: "wrong password here",
  });
  const unknown = await postJson(app, "/v1/auth/login", {
    email: "nobody@example.com",
    password: "wrong password here",
  });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.deepEqual(await wrong.json(), await unknown.json());
  assert.equal(wrong.headers.getSetCookie().length, 0);
});

Deno.test("on an https origin the cookie is __Host-session with Secure", async () => {
  await using app = await createTestApp({ env: { PUBLIC_ORIGIN: "https://control.example.com" } });
  const user = await createUser(app);
  const res = await postJson(app, "/v1/auth/login", { email: user.email, password: user.password });
  assert.match(
    res.headers.getSetCookie()[0]!,
    /^__Host-session=.*; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
  );
});

Deno.test("a session cookie fixed before login is replaced by a new token", async () => {
  await using app = await createTestApp();
  const attacker = await createUser(app);
  const victim = await createUser(app);
  const res = await postJson(app, "/v1/auth/login", {
    email: victim.email,
    password: victim.password,
  }, {
    cookie: attacker.cookie,
    origin: app.config.publicOrigin,
  });
  const issued = sessionCookieFrom(res)!;
  assert.notEqual(issued, attacker.cookie);
  const me = await (await app.request("/v1/auth/me", { headers: { cookie: issued } })).json();
  assert.equal(me.email, victim.email);
});

Deno.test("a tampered or 8 KB session cookie is anonymous, never a 500, and is cleared", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const [name, value] = user.cookie.split("=") as [string, string];
  const tampered = `${name}=${value.slice(0, -1)}${value.endsWith("A") ? "B" : "A"}`;
  for (
    const cookie of [
      tampered,
      `${name}=${"x".repeat(8192)}`,
      `${name}=..`,
      `${name}=${crypto.randomUUID()}.${"a".repeat(43)}`,
    ]
  ) {
    const res = await app.request("/v1/auth/me", { headers: { cookie } });
    assert.equal(res.status, 401, cookie.slice(0, 40));
    await res.body?.cancel();
    const page = await app.request("/dashboard", { headers: { cookie } });
    assert.equal(page.status, 303);
    assert.ok(
      page.headers.getSetCookie().some((c) => c.startsWith(`${name}=;`)),
      "the stale cookie is cleared",
    );
  }
});

Deno.test("a session token is rejected after logout", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const out = await app.request("/v1/auth/logout", {
    method: "POST",
    headers: asBrowser(app, user.cookie),
  });
  assert.equal(out.status, 204);
  assert.match(out.headers.getSetCookie()[0]!, /^session=; Max-Age=0/);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    401,
  );
});

Deno.test("sessions end after 14 idle days, and after 30 days whatever the activity", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const day = 24 * 60 * 60 * 1000;
  app.clock.advance(13 * day);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
  app.clock.advance(13 * day);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
  app.clock.advance(5 * day);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    401,
  );

  const idle = await createUser(app);
  app.clock.advance(15 * day);
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: idle.cookie } })).status,
    401,
  );
});

Deno.test("next after sign-in honours same-origin paths only", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const cases: [string, string][] = [
    ["/settings/tokens?x=1", "/settings/tokens?x=1"],
    ["//evil.example", "/dashboard"],
    ["/\\evil.example", "/dashboard"],
    ["https://evil.example/", "/dashboard"],
    ["javascript:alert(1)", "/dashboard"],
  ];
  for (const [next, expected] of cases) {
    const body = new URLSearchParams({ email: user.email, password: user.password, next });
    const res = await app.request("/login", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: app.config.publicOrigin,
      },
      body,
    });
    assert.equal(res.status, 303, next);
    assert.equal(res.headers.get("location"), expected, next);
  }
});

Deno.test("the 11th login attempt in 5 minutes is 429 with Retry-After; signups are limited per IP", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (let i = 0; i < 10; i++) {
    const res = await postJson(
      app,
      "/v1/auth/login",
      { email: user.email, password: "wrong password here" },
      {},
      `10.3.0.${i}`,
    );
    assert.equal(res.status, 401);
  }
  const limited = await postJson(
    app,
    "/v1/auth/login",
    { email: user.email, password: user.password },
    {},
    "10.3.1.1",
  );
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "300");
  assertIncludes((await limited.json()).error, "Too many sign-in attempts for this account");
  app.clock.advance(5 * 60 * 1000);
  assert.equal(
    (await postJson(
      app,
      "/v1/auth/login",
      { email: user.email, password: user.password },
      {},
      "10.3.1.1",
    )).status,
    200,
  );

  for (let i = 0; i < RATE_LIMITS.signup.limit; i++) {
    await postJson(
      app,
      "/v1/auth/signup",
      { email: `s${i}@example.com`, handle: `signup${i}`, password: PASSWORD },
      {},
      "10.4.0.1",
    );
  }
  const sixth = await postJson(
    app,
    "/v1/auth/signup",
    { email: "late@example.com", handle: "latecomer", password: PASSWORD },
    {},
    "10.4.0.1",
  );
  assert.equal(sixth.status, 429);
  assert.ok(Number(sixth.headers.get("retry-after")) > 0);
});
