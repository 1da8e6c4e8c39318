import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { HOSTILE_TARGETS } from "./hostile_targets.ts";

const LOGIN_WINDOW_MS = 5 * 60 * 1000 + 1;

/** Signs in through the form with `next`, past the login rate limit's window each time. */
function signIn(app: TestApp, user: TestUser, next: string) {
  app.clock.advance(LOGIN_WINDOW_MS);
  return app.request("/login", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: app.config.publicOrigin,
    },
    body: new URLSearchParams({ email: user.email, password: user.password, next }),
  });
}

function assertStaysHome(location: string | null, origin: string, input: string) {
  assert.ok(location, `no Location for ${JSON.stringify(input)}`);
  assert.ok(!/^[/\\][/\\]/.test(location), `${JSON.stringify(input)} gave ${location}`);
  assert.equal(
    new URL(location, origin).origin,
    origin,
    `${JSON.stringify(input)} gave ${location}`,
  );
}

Deno.test("signing in with a next that leaves the site lands on the dashboard", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const next of HOSTILE_TARGETS) {
    const res = await signIn(app, user, next);
    assert.equal(res.status, 303, JSON.stringify(next));
    assert.equal(res.headers.get("location"), "/dashboard", JSON.stringify(next));
    assertStaysHome(res.headers.get("location"), app.config.publicOrigin, next);
  }
});

Deno.test("signing in with a next on this site goes there, query and hash kept", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const cases: [string, string][] = [
    ["/settings/tokens?x=1", "/settings/tokens?x=1"],
    ["/packages/echo?notice=deprecated#v1.0.0", "/packages/echo?notice=deprecated#v1.0.0"],
    ["/contexts/a/../b", "/contexts/b"],
  ];
  for (const [next, expected] of cases) {
    const res = await signIn(app, user, next);
    assert.equal(res.status, 303, next);
    assert.equal(res.headers.get("location"), expected, next);
  }
});

Deno.test("a signed-in visit to /login with a hostile next goes to the dashboard", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const next of HOSTILE_TARGETS) {
    const res = await app.request(`/login?next=${encodeURIComponent(next)}`, {
      headers: { cookie: user.cookie },
    });
    assert.equal(res.status, 303, JSON.stringify(next));
    assert.equal(res.headers.get("location"), "/dashboard", JSON.stringify(next));
  }
});

Deno.test("the sign-in form carries only a safe next in its hidden field", async () => {
  await using app = await createTestApp();
  const page = await app.request(`/login?next=${encodeURIComponent("/.//evil.example")}`);
  const html = await page.text();
  assert.match(html, /name="next" value="\/dashboard"/);
  const kept = await app.request(`/login?next=${encodeURIComponent("/settings?tab=a")}`);
  assert.match(await kept.text(), /name="next" value="\/settings\?tab=a"/);
});

Deno.test("a signed-out visit to a private page comes back to it after signing in", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const gate = await app.request("/settings/tokens?x=1");
  assert.equal(gate.status, 303);
  const login = new URL(gate.headers.get("location")!, app.config.publicOrigin);
  assert.equal(login.pathname, "/login");
  const next = login.searchParams.get("next")!;
  assert.equal(next, "/settings/tokens?x=1");
  const res = await signIn(app, user, next);
  assert.equal(res.headers.get("location"), "/settings/tokens?x=1");
});
