// docs/security.md P4: resending a verification link answers exactly alike whether the
// address is unknown, verified or waiting for verification, through the page and the API,
// until and including its rate limit. Only the waiting account gets mail.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, postJson } from "../helpers/accounts.ts";

let ip = 0;

/** One resend from a fresh client address, as status, headers that matter and body. */
async function resend(app: TestApp, door: "page" | "api", email: string) {
  const from = `10.8.0.${++ip}`;
  const res = door === "api"
    ? await postJson(app, "/v1/auth/verify/resend", { email }, {}, from)
    : await app.request("/verify/resend", {
      method: "POST",
      headers: {
        origin: app.config.publicOrigin,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ email }),
      ip: from,
    });
  const body = (await res.text()).replaceAll(/nonce="[^"]*"/g, 'nonce=""')
    .replaceAll(email, "EMAIL");
  return {
    status: res.status,
    cookies: res.headers.getSetCookie(),
    retryAfter: res.headers.get("retry-after"),
    type: res.headers.get("content-type"),
    body,
  };
}

Deno.test("resending a verification link answers alike for unknown, verified and unverified addresses, limit included", async () => {
  await using app = await createTestApp();
  const waiting = await createUser(app, { verified: false });
  const verified = await createUser(app);
  const unknown = "nobody-here@example.com";
  for (const door of ["page", "api"] as const) {
    // The limit is 3 per 6 hours per address: three answers as sent, then the refusal.
    for (let attempt = 1; attempt <= 4; attempt++) {
      const before = app.mailer.messages.length;
      const [a, b, c] = [
        await resend(app, door, waiting.email),
        await resend(app, door, verified.email),
        await resend(app, door, unknown),
      ];
      assert.equal(a.status, attempt <= 3 ? (door === "api" ? 202 : 200) : 429);
      assert.deepEqual(b, a, `${door} attempt ${attempt}: a verified address answered otherwise`);
      assert.deepEqual(c, a, `${door} attempt ${attempt}: an unknown address answered otherwise`);
      const sent = app.mailer.messages.slice(before).map((m) => m.to);
      assert.deepEqual(sent, attempt <= 3 ? [waiting.email] : []);
    }
    app.clock.advance(6 * 60 * 60 * 1000);
  }
});
