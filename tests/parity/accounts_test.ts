// Every account command that has a form and an API door, run through both from the same
// state: the same status family, effect, audit event and message (tests/parity/harness.ts).
import { and, eq, gt, isNull } from "drizzle-orm";
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import {
  createToken,
  postJson,
  TEST_PASSWORD,
  type TestUser,
  tokenFromMail,
} from "../helpers/accounts.ts";
import { assertParity, type Vars } from "./harness.ts";
import { emailTokens } from "@/lib/db/schema.ts";
import { findAccountByEmail, getPasswordHash } from "@/lib/auth/accounts.ts";
import { listSessions } from "@/lib/auth/sessions.ts";
import { listApiTokens } from "@/lib/auth/api_tokens.ts";
import { verifyPassword } from "@/lib/auth/password.ts";
import { RESET_LINK_FAILED, VERIFY_LINK_FAILED } from "@/lib/auth/links.ts";
import { SIGN_IN_FAILED } from "@/lib/auth/signin.ts";

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = "an entirely new passphrase";
const NEWCOMER = "newcomer@example.com";

const nothing = () => Promise.resolve();

/** Both doors of a command whose form and JSON body carry the same fields. */
function doors(form: string, api: string, fields: Record<string, string>, anonymous = true) {
  return {
    form: { method: "POST", path: form, form: fields, anonymous },
    api: { method: "POST", path: api, json: fields, anonymous },
  };
}

async function sessionCount(app: TestApp, user: TestUser) {
  return (await listSessions(app.services.db, user.userId, app.clock.now())).length;
}

async function linksOf(app: TestApp, email: string, purpose: "verify" | "reset") {
  const rows = await app.services.db.select({ id: emailTokens.id }).from(emailTokens).where(and(
    eq(emailTokens.email, email),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, app.clock.now()),
  ));
  return rows.length;
}

async function tokenStates(app: TestApp, user: TestUser) {
  const tokens = await listApiTokens(app.services.db, user.userId);
  return tokens.map((t) => ({ name: t.name, scopes: t.scopes, revoked: !!t.revokedAt }));
}

const signUp = (password: string, handle = "newcomer") =>
  doors("/signup", "/v1/auth/signup", { email: NEWCOMER, handle, password });

async function newcomer(app: TestApp) {
  const account = await findAccountByEmail(app.services.db, NEWCOMER);
  return account ? { handle: account.handle, verified: !!account.emailVerifiedAt } : null;
}

Deno.test("signing up: the form and the API create the same unverified account and mail a link", async () => {
  const outcome = await assertParity({
    name: "sign up",
    setup: nothing,
    ...signUp(PASSWORD),
    effect: async (app) => ({
      account: await newcomer(app),
      links: await linksOf(app, NEWCOMER, "verify"),
    }),
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "account.signup"]);
  assert.deepEqual(outcome.effect, { account: { handle: "newcomer", verified: false }, links: 1 });
});

Deno.test("a too-short password at sign-up is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "sign up short password",
    setup: nothing,
    ...signUp("short"),
    effect: newcomer,
  });
  assert.equal(outcome.status, "400");
  assert.equal(outcome.message, "password: Password must be at least 12 characters");
});

Deno.test("a taken handle at sign-up is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "sign up taken handle",
    setup: nothing,
    user: { handle: "taken" },
    ...signUp(PASSWORD, "taken"),
    effect: newcomer,
  });
  assert.equal(outcome.status, "400");
  assert.equal(outcome.message, 'handle: The handle "taken" is taken; choose another');
});

const signIn = (password: string) => ({
  form: (v: Vars) => doors("/login", "/v1/auth/login", { email: v.email!, password }).form,
  api: (v: Vars) => doors("/login", "/v1/auth/login", { email: v.email!, password }).api,
});
const withEmail = (_app: TestApp, user: TestUser) => Promise.resolve({ email: user.email });

Deno.test("signing in: the form and the API open one new session the same way", async () => {
  const outcome = await assertParity({
    name: "sign in",
    setup: withEmail,
    ...signIn(PASSWORD),
    effect: sessionCount,
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.effect], ["success", "auth.login", 2]);
});

Deno.test("a wrong password is refused at both doors alike, and recorded alike", async () => {
  const outcome = await assertParity({
    name: "sign in wrong password",
    setup: withEmail,
    ...signIn("not the password at all"),
    effect: sessionCount,
    recordsRefusal: true,
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.message], [
    "401",
    "auth.login_failed",
    SIGN_IN_FAILED,
  ]);
});

Deno.test("an empty password is refused at both doors before anything is counted", async () => {
  const outcome = await assertParity({
    name: "sign in empty password",
    setup: withEmail,
    ...signIn(""),
    effect: sessionCount,
  });
  assert.deepEqual([outcome.status, outcome.message], ["400", "password: Enter your password"]);
});

Deno.test("signing out: the form and the API end this session the same way", async () => {
  const outcome = await assertParity({
    name: "sign out",
    setup: nothing,
    form: { method: "POST", path: "/logout", form: {} },
    api: { method: "POST", path: "/v1/auth/logout" },
    effect: sessionCount,
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.effect], ["success", "auth.logout", 0]);
});

async function mailedVerifyLink(app: TestApp) {
  const res = await postJson(
    app,
    "/v1/auth/signup",
    {
      email: NEWCOMER,
      handle: "newcomer",
      password: PASSWORD,
    },
    {},
    "10.6.0.1",
  );
  assert.equal(res.status, 202);
  return { token: tokenFromMail(app, NEWCOMER, "/verify") };
}

const verify = (token?: string) => ({
  form: (v: Vars) => doors("/verify", "/v1/auth/verify", { token: token ?? v.token! }).form,
  api: (v: Vars) => doors("/verify", "/v1/auth/verify", { token: token ?? v.token! }).api,
});

Deno.test("verifying an address: the form and the API verify it and sign in the same way", async () => {
  const outcome = await assertParity({
    name: "verify",
    setup: mailedVerifyLink,
    ...verify(),
    effect: newcomer,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "auth.login"]);
  assert.deepEqual(outcome.effect, { handle: "newcomer", verified: true });
});

Deno.test("an unknown verification link is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "verify unknown link",
    setup: mailedVerifyLink,
    ...verify("x".repeat(43)),
    effect: newcomer,
  });
  assert.deepEqual([outcome.status, outcome.message], ["400", VERIFY_LINK_FAILED]);
});

Deno.test("resending a verification link by address: both doors mail one more link", async () => {
  const outcome = await assertParity({
    name: "resend by address",
    setup: withEmail,
    user: { verified: false },
    form: (v) => doors("/verify/resend", "/v1/auth/verify/resend", { email: v.email! }).form,
    api: (v) => doors("/verify/resend", "/v1/auth/verify/resend", { email: v.email! }).api,
    effect: (app, user) => linksOf(app, user.email, "verify"),
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.effect], ["success", null, 2]);
});

Deno.test("resending from a signed-in browser: both doors mail the account's own address", async () => {
  const outcome = await assertParity({
    name: "resend signed in",
    setup: nothing,
    user: { verified: false },
    form: { method: "POST", path: "/verify/resend", form: {} },
    api: { method: "POST", path: "/v1/auth/verify/resend" },
    effect: (app, user) => linksOf(app, user.email, "verify"),
  });
  assert.deepEqual([outcome.status, outcome.effect], ["success", 2]);
});

Deno.test("asking for a reset link: the form and the API mail one the same way", async () => {
  const outcome = await assertParity({
    name: "forgot",
    setup: withEmail,
    form: (v) => doors("/forgot", "/v1/auth/password/forgot", { email: v.email! }).form,
    api: (v) => doors("/forgot", "/v1/auth/password/forgot", { email: v.email! }).api,
    effect: (app, user) => linksOf(app, user.email, "reset"),
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.effect], ["success", null, 1]);
});

Deno.test("asking for a reset link for a malformed address is refused at both doors alike", async () => {
  const outcome = await assertParity({
    name: "forgot malformed address",
    setup: nothing,
    ...doors("/forgot", "/v1/auth/password/forgot", { email: "not an address" }),
    effect: (app, user) => linksOf(app, user.email, "reset"),
  });
  assert.deepEqual([outcome.status, outcome.message], [
    "400",
    "email: Enter a valid email address, such as you@example.com",
  ]);
});

async function mailedResetLink(app: TestApp, user: TestUser) {
  const res = await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  assert.equal(res.status, 202);
  return { token: tokenFromMail(app, user.email, "/reset") };
}

const reset = (password: string, token?: string) => ({
  form: (v: Vars) =>
    doors("/reset", "/v1/auth/password/reset", { token: token ?? v.token!, password }).form,
  api: (v: Vars) =>
    doors("/reset", "/v1/auth/password/reset", { token: token ?? v.token!, password }).api,
});

async function passwordState(app: TestApp, user: TestUser) {
  const hash = await getPasswordHash(app.services.db, user.userId);
  return {
    newPassword: !!hash && await verifyPassword(hash, NEW_PASSWORD),
    sessions: await sessionCount(app, user),
  };
}

Deno.test("resetting the password: the form and the API replace it and sign in afresh alike", async () => {
  const outcome = await assertParity({
    name: "reset",
    setup: mailedResetLink,
    ...reset(NEW_PASSWORD),
    effect: passwordState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "password.reset"]);
  assert.deepEqual(outcome.effect, { newPassword: true, sessions: 1 });
});

async function tokensAfterReset(app: TestApp, user: TestUser) {
  return { ...await passwordState(app, user), tokens: await tokenStates(app, user) };
}

async function linkAndToken(app: TestApp, user: TestUser) {
  await createToken(app, user, ["packages:publish"], "CI publish");
  return await mailedResetLink(app, user);
}

Deno.test("a reset keeps the API tokens at both doors unless asked", async () => {
  const outcome = await assertParity({
    name: "reset keeps tokens",
    setup: linkAndToken,
    ...reset(NEW_PASSWORD),
    effect: tokensAfterReset,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "password.reset"]);
  assert.deepEqual(outcome.effect, {
    newPassword: true,
    sessions: 1,
    tokens: [{ name: "CI publish", scopes: ["packages:publish"], revoked: false }],
  });
});

Deno.test("a reset that asks to revoke the API tokens revokes them at both doors alike", async () => {
  const fields = (v: Vars) => ({ token: v.token!, password: NEW_PASSWORD });
  const outcome = await assertParity({
    name: "reset revokes tokens",
    setup: linkAndToken,
    form: (v) => ({
      method: "POST",
      path: "/reset",
      form: { ...fields(v), revoke_tokens: "1" },
      anonymous: true,
    }),
    api: (v) => ({
      method: "POST",
      path: "/v1/auth/password/reset",
      json: { ...fields(v), revoke_tokens: true },
      anonymous: true,
    }),
    effect: tokensAfterReset,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "password.reset"]);
  assert.deepEqual(outcome.effect, {
    newPassword: true,
    sessions: 1,
    tokens: [{ name: "CI publish", scopes: ["packages:publish"], revoked: true }],
  });
});

Deno.test("a too-short new password at reset is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "reset short password",
    setup: mailedResetLink,
    ...reset("short"),
    effect: passwordState,
  });
  assert.deepEqual([outcome.status, outcome.message], [
    "400",
    "password: Password must be at least 12 characters",
  ]);
});

Deno.test("an unknown reset link is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "reset unknown link",
    setup: mailedResetLink,
    ...reset(NEW_PASSWORD, "y".repeat(43)),
    effect: passwordState,
  });
  assert.deepEqual([outcome.status, outcome.message], ["400", RESET_LINK_FAILED]);
});

Deno.test("revoking another session: the form and the API sign it out the same way", async () => {
  const outcome = await assertParity({
    name: "revoke session",
    setup: async (app, user) => {
      await postJson(app, "/v1/auth/login", { email: user.email, password: user.password });
      const current = /=([0-9a-f-]{36})\./.exec(user.cookie)![1];
      const sessions = await listSessions(app.services.db, user.userId, app.clock.now());
      return { id: sessions.find((s) => s.id !== current)!.id };
    },
    form: (v) => ({
      method: "POST",
      path: "/settings/sessions",
      form: { action: "revoke", id: v.id! },
    }),
    api: (v) => ({ method: "DELETE", path: `/v1/auth/sessions/${v.id}` }),
    effect: sessionCount,
  });
  assert.deepEqual([outcome.status, outcome.audit, outcome.effect], [
    "success",
    "session.revoke",
    1,
  ]);
});

const newToken = (name: string) => ({
  form: {
    method: "POST",
    path: "/settings/tokens",
    form: { action: "create", name, scopes: "packages:read", expires_in_days: "30" },
  },
  api: {
    method: "POST",
    path: "/v1/tokens",
    json: { name, scopes: ["packages:read"], expires_in_days: 30 },
  },
});

Deno.test("creating an API token: the form and the API create the same token", async () => {
  const outcome = await assertParity({
    name: "create token",
    setup: nothing,
    ...newToken("CI publish"),
    effect: tokenStates,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "token.create"]);
  assert.deepEqual(outcome.effect, [
    { name: "CI publish", scopes: ["packages:read"], revoked: false },
  ]);
});

Deno.test("a token without a name is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "create token without a name",
    setup: nothing,
    ...newToken(" "),
    effect: tokenStates,
  });
  assert.deepEqual([outcome.status, outcome.message], [
    "400",
    'name: Name must be 1 to 64 characters, such as "CI publish"',
  ]);
});

Deno.test("revoking an API token: the form and the API revoke it the same way", async () => {
  const outcome = await assertParity({
    name: "revoke token",
    setup: async (app, user) => {
      await createToken(app, user, ["packages:read"], "old");
      return { id: (await listApiTokens(app.services.db, user.userId))[0]!.id };
    },
    form: (v) => ({
      method: "POST",
      path: "/settings/tokens",
      form: { action: "revoke", id: v.id! },
    }),
    api: (v) => ({ method: "DELETE", path: `/v1/tokens/${v.id}` }),
    effect: tokenStates,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "token.revoke"]);
  assert.deepEqual(outcome.effect, [{ name: "old", scopes: ["packages:read"], revoked: true }]);
});
