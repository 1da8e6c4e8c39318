// Sign-up must not tell whether an address is registered, and an unverified sign-up must not
// hold an address or a handle forever (security issue, finding 5).
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import {
  asBrowser,
  createUser,
  postJson,
  sessionCookieFrom,
  TEST_PASSWORD,
  tokenFromMail,
} from "../helpers/accounts.ts";
import { purgeUnverifiedAccounts, startAccountPurge } from "@/lib/auth/purge.ts";
import { UNVERIFIED_ACCOUNT_TTL_MS } from "@/lib/mail/templates.ts";

const PASSWORD = TEST_PASSWORD;
let ip = 0;

function signUp(app: TestApp, email: string, handle: string, password = PASSWORD) {
  return postJson(app, "/v1/auth/signup", { email, handle, password }, {}, `10.7.0.${++ip}`);
}

/** What a prober sees after a sign-up with `handle`: the answer, /@handle, a second sign-up. */
async function probe(app: TestApp, email: string, handle: string) {
  const first = await signUp(app, email, handle);
  const page = await app.request(`/@${handle}`);
  const again = await signUp(app, `other-${handle}@example.com`, handle);
  return {
    status: first.status,
    body: await first.json(),
    cookies: first.headers.getSetCookie(),
    page: page.status,
    again: again.status,
    againBody: (await again.json()).error.replace(handle, "HANDLE"),
  };
}

Deno.test("after a sign-up, /@handle and the handle's availability are the same whether the address was registered or not", async () => {
  await using app = await createTestApp();
  const victim = await createUser(app);
  const registered = await probe(app, victim.email, "probe-registered");
  const fresh = await probe(app, "nobody-yet@example.com", "probe-fresh");
  assert.deepEqual(registered, fresh);
  assert.equal(fresh.status, 202);
  assert.equal(fresh.page, 404);
  assert.equal(fresh.again, 400);
  assert.equal(fresh.againBody, 'handle: The handle "HANDLE" is taken; choose another');
});

Deno.test("an unverified account has no public pages until its address is verified", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { verified: false });
  const created = await postJson(app, "/v1/packages", {
    name: "demo",
    visibility: "public",
  }, asBrowser(app, user.cookie));
  assert.equal(created.status, 201, await created.clone().text());
  // The same page as for a handle nobody has (it quotes the path asked for).
  const missing = (await (await app.request("/@nobody-has-this")).text())
    .replaceAll("/@nobody-has-this", "PATH");
  for (const path of [`/@${user.handle}`, `/@${user.handle}/demo`]) {
    const res = await app.request(path);
    assert.equal(res.status, 404, path);
    assert.equal((await res.text()).replaceAll(path, "PATH"), missing);
  }

  await postJson(app, "/v1/auth/verify/resend", {}, asBrowser(app, user.cookie));
  const token = tokenFromMail(app, user.email, "/verify");
  assert.equal((await postJson(app, "/v1/auth/verify", { token })).status, 200);
  assert.equal((await app.request(`/@${user.handle}`)).status, 200);
  assert.equal((await app.request(`/@${user.handle}/demo`)).status, 200);
});

Deno.test("unverified accounts and handle reservations expire after 7 days, freeing the address and the handle", async () => {
  await using app = await createTestApp();
  const victim = await createUser(app);
  assert.equal((await signUp(app, "late@example.com", "late-one")).status, 202);
  assert.equal((await signUp(app, victim.email, "held-one")).status, 202);
  const { db } = app.services;

  app.clock.advance(UNVERIFIED_ACCOUNT_TTL_MS - 1);
  assert.deepEqual(await purgeUnverifiedAccounts(db, app.clock.now()), { deleted: 0, failed: 0 });
  assert.equal((await signUp(app, "x1@example.com", "late-one")).status, 400);
  assert.equal((await signUp(app, "x2@example.com", "held-one")).status, 400);

  app.clock.advance(1);
  assert.deepEqual(await purgeUnverifiedAccounts(db, app.clock.now()), { deleted: 2, failed: 0 });
  // The old password no longer signs in; the address and both handles are free again.
  const old = await postJson(app, "/v1/auth/login", {
    email: "late@example.com",
    password: PASSWORD,
  });
  assert.equal(old.status, 401);
  assert.equal(
    (await signUp(app, "late@example.com", "late-one", "another long passphrase")).status,
    202,
  );
  assertIncludes(app.mailer.lastTo("late@example.com").subject, "Verify your email address");
  assert.equal((await signUp(app, "x3@example.com", "held-one")).status, 202);
  // The verified account is untouched.
  const me = await app.request("/v1/auth/me", { headers: { cookie: victim.cookie } });
  assert.equal(me.status, 200);
});

Deno.test("the server purges expired unverified accounts by itself", async () => {
  await using app = await createTestApp();
  assert.equal((await signUp(app, "gone@example.com", "gone-soon")).status, 202);
  app.clock.advance(UNVERIFIED_ACCOUNT_TTL_MS);
  const stop = startAccountPurge(app.services, { firstAfterMs: 0, everyMs: 10 });
  try {
    for (let i = 0; i < 100; i++) {
      if ((await signUp(app, "g2@example.com", "gone-soon")).status === 202) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail("the handle was not freed");
  } finally {
    stop();
  }
});

Deno.test("signing up with an address held by an unverified account mails its owner a link that takes the account over", async () => {
  await using app = await createTestApp();
  const owner = "owner@example.com";
  // Someone else signs up with the owner's address and signs in (allowed before verifying).
  await signUp(app, owner, "squatter-h", "the squatter's passphrase");
  const login = await postJson(app, "/v1/auth/login", {
    email: owner,
    password: "the squatter's passphrase",
  });
  assert.equal(login.status, 200);
  const squatterCookie = sessionCookieFrom(login)!;

  // The owner tries to sign up; the page answers as for any sign-up, the mail offers a take-over.
  assert.equal((await signUp(app, owner, "owner-h")).status, 202);
  const mail = app.mailer.lastTo(owner);
  assertIncludes(mail.text, "@squatter-h, which was never verified");
  const token = tokenFromMail(app, owner, "/reset");
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token,
    password: "the owner's own passphrase",
  });
  assert.equal(reset.status, 200, await reset.clone().text());
  assert.equal((await reset.json()).user.verified, true);
  // The squatter is out: session revoked, password replaced.
  const stale = await app.request("/v1/auth/me", { headers: { cookie: squatterCookie } });
  assert.equal(stale.status, 401);
  const again = await postJson(app, "/v1/auth/login", {
    email: owner,
    password: "the squatter's passphrase",
  });
  assert.equal(again.status, 401);
  // Verified now, so it is never purged.
  app.clock.advance(UNVERIFIED_ACCOUNT_TTL_MS + 1);
  await purgeUnverifiedAccounts(app.services.db, app.clock.now());
  const kept = await app.request("/v1/auth/me", { headers: { cookie: sessionCookieFrom(reset)! } });
  assert.equal(kept.status, 200);
});
