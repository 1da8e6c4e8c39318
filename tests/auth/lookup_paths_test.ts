// The session and token lookups have two paths: a natively prepared statement for embedded
// databases and Drizzle for remote ones. Both must read the same rows the same way.
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser } from "../helpers/accounts.ts";
import { validateSessionToken } from "@/lib/auth/sessions.ts";
import { authenticateApiToken } from "@/lib/auth/api_tokens.ts";

Deno.test("session and token lookups agree between the native and the Drizzle path, for valid and revoked ones", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const token = await createToken(app, user, ["packages:read", "contexts:write"]);
  const native = app.services.database;
  assert.ok(native.nativeGet, "an embedded test database has the native path");
  const drizzle = { ...native, nativeGet: null };
  const sessionToken = user.cookie.slice("session=".length);
  const now = app.clock.now();

  const a = await validateSessionToken(native, sessionToken, now);
  const b = await validateSessionToken(drizzle, sessionToken, now);
  assert.ok(a);
  assert.deepEqual(a, b);
  assert.equal(a.account.handle, user.handle);
  assert.ok(a.session.createdAt instanceof Date);

  const x = await authenticateApiToken(native, token, now);
  const y = await authenticateApiToken(drizzle, token, now);
  assert.ok(x);
  assert.deepEqual(x, y);
  assert.deepEqual(x.info.scopes, ["contexts:write", "packages:read"]);

  const revoke = await app.request(`/v1/tokens/${x.info.id}`, {
    method: "DELETE",
    headers: asBrowser(app, user.cookie),
  });
  assert.equal(revoke.status, 204);
  assert.equal(await authenticateApiToken(native, token, now), null);
  assert.equal(await authenticateApiToken(drizzle, token, now), null);
  await app.request("/v1/auth/logout", { method: "POST", headers: asBrowser(app, user.cookie) });
  assert.equal(await validateSessionToken(native, sessionToken, now), null);
  assert.equal(await validateSessionToken(drizzle, sessionToken, now), null);
  assert.equal(
    await validateSessionToken(native, `${crypto.randomUUID()}.${"a".repeat(43)}`, now),
    null,
  );
  assert.equal(await authenticateApiToken(native, token.slice(0, -1) + "x", now), null);
  assert.equal(await authenticateApiToken(drizzle, token.slice(0, -1) + "x", now), null);
});
