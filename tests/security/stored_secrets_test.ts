// docs/security.md P6, S1 and S7: mailed link tokens, session tokens and API tokens carry at
// least 128 random bits, and the database holds only their SHA-256, so a leaked database (or
// backup) signs nobody in. A link is bound to its user and to the address it was sent to.
import { assert, assertExcludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import {
  createToken,
  createUser,
  postJson,
  sessionCookieFrom,
  tokenFromMail,
} from "../helpers/accounts.ts";
import { base64urlBytes, databaseText, sha256HexOf } from "./db_text.ts";
import { issueEmailToken } from "@/lib/auth/email_tokens.ts";

Deno.test("verification and reset links carry 256 random bits and only their SHA-256 is stored, with the user and the address", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { verified: false });
  const verify = tokenFromMail(app, user.email, "/verify");
  const forgot = await postJson(app, "/v1/auth/password/forgot", { email: user.email });
  assert.equal(forgot.status, 202);
  const reset = tokenFromMail(app, user.email, "/reset");
  const stored = await app.services.database.client.execute(
    "SELECT user_id, email, purpose, token_hash FROM email_tokens ORDER BY created_at",
  );
  const text = await databaseText(app);
  for (const [purpose, token] of [["verify", verify], ["reset", reset]] as const) {
    assert.ok(base64urlBytes(token) >= 32, `${purpose} token ${token} is shorter than 256 bits`);
    assertExcludes(text, token);
    const hash = await sha256HexOf(token);
    const rows = stored.rows.filter((r) => r.token_hash === hash);
    assert.deepEqual(rows.map((r) => [r.user_id, r.email, r.purpose]), [
      [user.userId, user.email, purpose],
    ]);
  }
  // 100 more: all different (a short or predictable source would repeat or be short).
  const more = new Set<string>();
  for (let i = 0; i < 100; i++) {
    more.add(
      await issueEmailToken(app.services.db, {
        userId: user.userId,
        email: user.email,
        purpose: "verify",
      }, app.clock.now()),
    );
  }
  assert.equal(more.size, 100);
});

Deno.test("a link stops working when the account's address is no longer the one it was sent to", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { verified: false });
  const verify = tokenFromMail(app, user.email, "/verify");
  assert.equal(
    (await postJson(app, "/v1/auth/password/forgot", { email: user.email })).status,
    202,
  );
  const reset = tokenFromMail(app, user.email, "/reset");
  await app.services.database.client.execute({
    sql: "UPDATE users SET email = ? WHERE id = ?",
    args: [`moved-${user.email}`, user.userId],
  });
  const verified = await postJson(app, "/v1/auth/verify", { token: verify });
  assert.equal(verified.status, 400, await verified.clone().text());
  assert.equal(sessionCookieFrom(verified), null);
  const password = "a brand new passphrase";
  const changed = await postJson(app, "/v1/auth/password/reset", { token: reset, password });
  assert.equal(changed.status, 400, await changed.clone().text());
  assert.equal(sessionCookieFrom(changed), null);
  const row = (await app.services.database.client.execute({
    sql: "SELECT email_verified_at FROM users WHERE id = ?",
    args: [user.userId],
  })).rows[0]!;
  assert.equal(row.email_verified_at, null);
  // The password is the old one still.
  const moved = `moved-${user.email}`;
  assert.equal((await postJson(app, "/v1/auth/login", { email: moved, password })).status, 401);
  const old = await postJson(app, "/v1/auth/login", { email: moved, password: user.password });
  assert.equal(old.status, 200);
});

Deno.test("a session cookie carries 256 random bits; only its SHA-256 is stored, and a wrong secret is no session", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const [id, secret] = user.cookie.slice(user.cookie.indexOf("=") + 1).split(".");
  assert.ok(id && secret, `unexpected cookie ${user.cookie}`);
  assert.ok(base64urlBytes(secret) >= 32, `session secret ${secret} is shorter than 256 bits`);
  assertExcludes(await databaseText(app), secret);
  const row = (await app.services.database.client.execute({
    sql: "SELECT secret_hash FROM sessions WHERE id = ?",
    args: [id],
  })).rows[0]!;
  assert.equal(row.secret_hash, await sha256HexOf(secret));
  // The same id with another secret of the same shape, and the stored hash itself as the
  // secret (what a leaked database would offer): neither is a session.
  const wrong = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
  for (const forged of [wrong, String(row.secret_hash).slice(0, 43)]) {
    const cookie: string = user.cookie.replace(secret, forged);
    assert.equal((await app.request("/v1/auth/me", { headers: { cookie } })).status, 401);
  }
  assert.equal(
    (await app.request("/v1/auth/me", { headers: { cookie: user.cookie } })).status,
    200,
  );
});

Deno.test("an API token carries 256 random bits and the database holds only its secret's SHA-256", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["packages:read"]);
  const m = /^inactu_([0-9a-f]{32})_([A-Za-z0-9_-]+)$/.exec(token);
  assert.ok(m, `unexpected token ${token}`);
  const secret = m[2]!;
  assert.ok(base64urlBytes(secret) >= 32, `token secret ${secret} is shorter than 256 bits`);
  const text = await databaseText(app);
  assertExcludes(text, secret);
  assertExcludes(text, token);
  const rows = await app.services.database.client.execute("SELECT secret_hash FROM api_tokens");
  assert.deepEqual(rows.rows.map((r) => r.secret_hash), [await sha256HexOf(secret)]);
});
