// The organization pages for each role: what they show, and what a refused form says.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import type { TestUser } from "../helpers/accounts.ts";
import { snapshot } from "../security/callers.ts";
import { acme, api, orgApp } from "./helpers.ts";

function get(app: TestApp, user: TestUser, path: string) {
  return app.request(path, { headers: { cookie: user.cookie } });
}

function post(app: TestApp, user: TestUser, path: string, form: Record<string, string>) {
  return app.request(path, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body: new URLSearchParams(form),
  });
}

Deno.test("a member sees the members but no forms to manage them, and a forged one is refused", async () => {
  await using app = await orgApp();
  const { member } = await acme(app);
  const html = await (await get(app, member, "/orgs/acme/members")).text();
  assert.ok(html.includes("@adam"));
  assert.ok(!html.includes('value="invite"'), "a member is shown the invite form");
  assert.ok(!html.includes("Change role"), "a member is shown role forms");
  assert.ok(!html.includes("/orgs/acme/settings"), "a member is shown the settings tab");
  const before = await snapshot(app);
  const res = await post(app, member, "/orgs/acme/members", {
    action: "role",
    user: "adam",
    role: "member",
  });
  assert.equal(res.status, 403);
  assert.ok((await res.text()).includes("your role in this organization cannot manage"));
  assert.equal(await snapshot(app), before);
  assert.equal((await get(app, member, "/orgs/acme/settings")).status, 403);
  assert.equal((await get(app, member, "/orgs/acme/audit")).status, 403);
});

Deno.test("someone outside, or removed, gets the organization pages as missing", async () => {
  await using app = await orgApp();
  const { owner, member, outsider } = await acme(app);
  for (
    const path of ["/orgs/acme", "/orgs/acme/members", "/orgs/acme/teams", "/orgs/acme/settings"]
  ) {
    assert.equal((await get(app, outsider, path)).status, 404, path);
  }
  assert.equal((await get(app, member, "/orgs/acme")).status, 200);
  assert.equal((await api(app, owner, "DELETE", "/v1/orgs/acme/members/mia")).status, 204);
  // Her session was made before the removal: it loses access on the next request.
  assert.equal((await get(app, member, "/orgs/acme")).status, 404);
  const missing = await get(app, member, "/orgs/no-such-org");
  assert.equal(missing.status, 404);
});

Deno.test("an admin renames the organization and creates a team through the forms", async () => {
  await using app = await orgApp();
  const { admin } = await acme(app);
  const saved = await post(app, admin, "/orgs/acme/settings", {
    action: "update",
    display_name: "Acme Corp",
    description: "",
    url: "https://acme.example",
  });
  assert.equal(saved.status, 303);
  const org = await (await api(app, admin, "GET", "/v1/orgs/acme")).json();
  assert.equal(org.display_name, "Acme Corp");
  assert.equal(org.url, "https://acme.example");
  const bad = await post(app, admin, "/orgs/acme/settings", {
    action: "update",
    display_name: " ",
  });
  assert.equal(bad.status, 400);
  assert.ok((await bad.text()).includes("must not be empty"));
  const team = await post(app, admin, "/orgs/acme/teams", { slug: "core", name: "Core" });
  assert.equal(team.status, 303);
  assert.equal(team.headers.get("location"), "/orgs/acme/teams/core");
  // Only an owner may delete, and only after typing the handle.
  const del = await post(app, admin, "/orgs/acme/settings", { action: "delete", confirm: "acme" });
  assert.equal(del.status, 403);
});
