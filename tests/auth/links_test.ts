// Mailed links end when what they were for is done, and never switch a browser signed in as
// someone else into another account (security issue, finding 6).
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

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = "a different long passphrase";

/** Signs up without verifying and returns two outstanding verification links. */
async function twoVerifyLinks(app: TestApp, email: string, handle: string) {
  await postJson(app, "/v1/auth/signup", { email, handle, password: PASSWORD });
  const first = tokenFromMail(app, email, "/verify");
  await postJson(app, "/v1/auth/verify/resend", { email });
  const second = tokenFromMail(app, email, "/verify");
  assert.notEqual(first, second);
  return [first, second] as const;
}

function verify(app: TestApp, token: string, headers: Record<string, string> = {}) {
  return postJson(app, "/v1/auth/verify", { token }, headers);
}

function form(app: TestApp, path: string, fields: Record<string, string>, cookie?: string) {
  return app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: app.config.publicOrigin,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

async function me(app: TestApp, cookie: string) {
  const res = await app.request("/v1/auth/me", { headers: { cookie } });
  return res.status === 200 ? (await res.json()).email : res.status;
}

Deno.test("once an address is verified, its other verification links no longer work", async () => {
  await using app = await createTestApp();
  const [first, second] = await twoVerifyLinks(app, "ann@example.com", "ann");
  assert.equal((await verify(app, first)).status, 200);
  const late = await verify(app, second);
  assert.equal(late.status, 400);
  assert.equal(late.headers.getSetCookie().length, 0);
  assert.equal((await app.request(`/verify?token=${second}`)).status, 400);
});

Deno.test("a password change ends every outstanding verification and reset link", async () => {
  await using app = await createTestApp();
  const [verifyLink] = await twoVerifyLinks(app, "ben@example.com", "ben");
  const login = await postJson(app, "/v1/auth/login", {
    email: "ben@example.com",
    password: PASSWORD,
  });
  const cookie = sessionCookieFrom(login)!;
  await postJson(app, "/v1/auth/password/forgot", { email: "ben@example.com" });
  const resetLink = tokenFromMail(app, "ben@example.com", "/reset");
  const changed = await app.request("/settings", {
    method: "POST",
    headers: {
      ...asBrowser(app, cookie, false),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ current_password: PASSWORD, password: NEW_PASSWORD }),
  });
  assert.equal(changed.status, 303);
  assert.equal((await verify(app, verifyLink)).status, 400);
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token: resetLink,
    password: "yet another long passphrase",
  });
  assert.equal(reset.status, 400);
});

Deno.test("once a reset link is used, the other reset links and the verification links no longer work", async () => {
  await using app = await createTestApp();
  const [verifyLink] = await twoVerifyLinks(app, "cal@example.com", "cal");
  await postJson(app, "/v1/auth/password/forgot", { email: "cal@example.com" });
  const first = tokenFromMail(app, "cal@example.com", "/reset");
  await postJson(app, "/v1/auth/password/forgot", { email: "cal@example.com" });
  const second = tokenFromMail(app, "cal@example.com", "/reset");
  const used = await postJson(app, "/v1/auth/password/reset", {
    token: second,
    password: NEW_PASSWORD,
  });
  assert.equal(used.status, 200);
  const again = await postJson(app, "/v1/auth/password/reset", {
    token: first,
    password: "an attacker's passphrase",
  });
  assert.equal(again.status, 400);
  assert.equal((await app.request(`/reset?token=${first}`)).status, 400);
  assert.equal((await verify(app, verifyLink)).status, 400);
});

Deno.test("a verification link opened while signed in as another account names both and switches only on request", async () => {
  await using app = await createTestApp();
  const other = await createUser(app);
  const [token] = await twoVerifyLinks(app, "dee@example.com", "dee");

  const page = await app.request(`/verify?token=${token}`, { headers: { cookie: other.cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assertIncludes(html, `You are signed in as <strong>${other.email}</strong>`);
  assertIncludes(html, "this link is for <strong>dee@example.com</strong>");
  assertIncludes(html, `Keep using ${other.email}`);
  assertIncludes(html, 'name="sign_out" value="1"');

  // A POST without the choice (an old form, a script) changes nothing.
  const silent = await form(app, "/verify", { token }, other.cookie);
  assert.equal(silent.status, 409);
  assert.equal(silent.headers.getSetCookie().length, 0);
  assert.equal(await me(app, other.cookie), other.email);

  const chosen = await form(app, "/verify", { token, sign_out: "1" }, other.cookie);
  assert.equal(chosen.status, 303);
  const cookie = sessionCookieFrom(chosen)!;
  assert.equal(await me(app, cookie), "dee@example.com");
  assert.equal(await me(app, other.cookie), 401);
});

Deno.test("a reset link opened while signed in as another account names both and changes nothing without the choice", async () => {
  await using app = await createTestApp();
  const other = await createUser(app);
  const owner = await createUser(app);
  await postJson(app, "/v1/auth/password/forgot", { email: owner.email });
  const token = tokenFromMail(app, owner.email, "/reset");

  const page = await app.request(`/reset?token=${token}`, { headers: { cookie: other.cookie } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assertIncludes(html, `You are signed in as <strong>${other.email}</strong>`);
  assertIncludes(html, `this link is for <strong>${owner.email}</strong>`);
  assertIncludes(html, `Keep using ${other.email}`);

  const silent = await form(app, "/reset", { token, password: NEW_PASSWORD }, other.cookie);
  assert.equal(silent.status, 409);
  assert.equal(silent.headers.getSetCookie().length, 0);
  assert.equal(await me(app, other.cookie), other.email);
  const old = await postJson(app, "/v1/auth/login", { email: owner.email, password: PASSWORD });
  assert.equal(old.status, 200);

  const chosen = await form(app, "/reset", {
    token,
    password: NEW_PASSWORD,
    sign_out: "1",
  }, other.cookie);
  assert.equal(chosen.status, 303);
  assert.equal(await me(app, sessionCookieFrom(chosen)!), owner.email);
  assert.equal(await me(app, other.cookie), 401);
});

Deno.test("the API refuses a link while signed in as another account, and the link still works afterwards", async () => {
  await using app = await createTestApp();
  const other = await createUser(app);
  const [token] = await twoVerifyLinks(app, "eli@example.com", "eli");
  const refused = await verify(app, token, asBrowser(app, other.cookie));
  assert.equal(refused.status, 409);
  assert.deepEqual(await refused.json(), {
    error:
      "you are signed in as another account than this link's; sign out first, then use the link",
  });
  assert.equal(refused.headers.getSetCookie().length, 0);
  assert.equal(await me(app, other.cookie), other.email);

  const owner = await createUser(app);
  await postJson(app, "/v1/auth/password/forgot", { email: owner.email });
  const resetToken = tokenFromMail(app, owner.email, "/reset");
  const reset = await postJson(app, "/v1/auth/password/reset", {
    token: resetToken,
    password: NEW_PASSWORD,
  }, asBrowser(app, other.cookie));
  assert.equal(reset.status, 409);
  assert.equal(await me(app, other.cookie), other.email);

  assert.equal((await verify(app, token)).status, 200);
  const later = await postJson(app, "/v1/auth/password/reset", {
    token: resetToken,
    password: NEW_PASSWORD,
  });
  assert.equal(later.status, 200);
});
