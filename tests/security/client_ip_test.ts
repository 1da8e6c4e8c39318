// docs/security.md R4: the client's address comes from the socket; X-Forwarded-For counts
// only behind TRUSTED_PROXIES proxies, and then only the entries those proxies appended. A
// client that writes the header itself neither escapes per-address limits nor chooses the
// address recorded for its session.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, postJson, sessionCookieFrom, type TestUser } from "../helpers/accounts.ts";

const SOCKET = "192.0.2.10";

/** Signs in with an X-Forwarded-For header and returns the address the session records. */
async function recordedAddress(app: TestApp, user: TestUser, forwarded: string) {
  const login = await postJson(
    app,
    "/v1/auth/login",
    { email: user.email, password: user.password },
    { "x-forwarded-for": forwarded },
    SOCKET,
  );
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = sessionCookieFrom(login)!;
  const res = await app.request("/v1/auth/sessions", { headers: { cookie } });
  const { sessions } = await res.json();
  return sessions.find((s: { current: boolean }) => s.current).ip;
}

Deno.test("without trusted proxies the session records the socket's address, whatever X-Forwarded-For says", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  assert.equal(await recordedAddress(app, user, "203.0.113.7"), SOCKET);
});

Deno.test("behind trusted proxies only the hops they appended count, not what the client wrote", async () => {
  const cases: [string, string][] = [["1", "198.51.100.2"], ["2", "203.0.113.7"]];
  for (const [proxies, expected] of cases) {
    await using app = await createTestApp({ env: { TRUSTED_PROXIES: proxies } });
    const user = await createUser(app);
    // The client wrote 6.6.6.6; the proxies appended the rest, the nearest last.
    const chain = "6.6.6.6, 203.0.113.7, 198.51.100.2";
    assert.equal(await recordedAddress(app, user, chain), expected, `TRUSTED_PROXIES=${proxies}`);
  }
});

Deno.test("a forged X-Forwarded-For does not escape the per-address login limit without trusted proxies", async () => {
  await using app = await createTestApp();
  const answers: number[] = [];
  for (let i = 1; i <= 11; i++) {
    const res = await postJson(
      app,
      "/v1/auth/login",
      { email: `someone${i}@example.com`, password: "not the password at all" },
      { "x-forwarded-for": `203.0.113.${i}` },
      SOCKET,
    );
    await res.body?.cancel();
    answers.push(res.status);
  }
  assert.deepEqual(answers, [...Array(10).fill(401), 429]);
});
