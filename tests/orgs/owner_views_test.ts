// The views by owner (docs/adr/0010): an organization's contexts for its members, the packages
// and contexts lists filtered by ?owner=, the header's owner switcher, the token form's owner,
// and the invitation rate limits.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser, type TestUser } from "../helpers/accounts.ts";
import { hit } from "@/lib/auth/rate_limit.ts";
import { LIMITS } from "@/lib/auth/limits.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";
import { acme, addMember, api, makeOrg, orgApp } from "./helpers.ts";

async function orgContext(app: TestApp, owner: TestUser): Promise<string> {
  const token = await createToken(app, owner, ["contexts:write"], "acme", "acme");
  const res = await app.request("/v1/contexts", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "running", region: "acme-dc" }),
  });
  assert.equal(res.status, 201);
  return (await res.json()).context.id;
}

function page(app: TestApp, user: TestUser, path: string) {
  return app.request(path, { headers: { cookie: user.cookie } });
}

Deno.test("members read an org's contexts and send its logs; someone outside gets 404 like a missing one", async () => {
  await using app = await orgApp();
  const { owner, member, outsider } = await acme(app);
  const id = await orgContext(app, owner);
  assert.equal((await api(app, member, "GET", `/v1/contexts/${id}`)).status, 200);
  const log = await api(app, member, "POST", `/v1/contexts/${id}/logs`, {
    severity: "info",
    message: "hello from mia",
  });
  assert.equal(log.status, 201, await log.text());
  assert.equal((await page(app, member, `/contexts/${id}`)).status, 200);
  const list = await (await page(app, member, "/contexts?owner=acme")).text();
  assert.ok(list.includes(id.slice(0, 8)) && list.includes("@acme"), list);
  for (const path of [`/v1/contexts/${id}`, `/v1/contexts/${id}/logs`, "/v1/contexts?owner=acme"]) {
    const res = await api(app, outsider, "GET", path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
  assert.equal((await page(app, outsider, "/contexts?owner=acme")).status, 404);
});

Deno.test("the packages list filters by owner: an org's members see its list, anyone else 404", async () => {
  await using app = await orgApp();
  const { member, outsider } = await acme(app);
  const mine = await api(app, member, "GET", "/v1/packages?owner=acme");
  assert.deepEqual(await mine.json(), { packages: [], next_cursor: null });
  assert.equal((await api(app, outsider, "GET", "/v1/packages?owner=acme")).status, 404);
  assert.equal(
    (await api(app, outsider, "GET", `/v1/packages?owner=${member.handle}`)).status,
    404,
  );
  const html = await (await page(app, member, "/packages?owner=acme")).text();
  assert.ok(html.includes("Signed skill bundles of the organization"), html);
  assert.equal((await page(app, outsider, "/packages?owner=acme")).status, 404);
});

Deno.test("a user's own lists answer by default and by their handle in any case, not for a token acting for an org", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  const made = await api(app, owner, "POST", "/v1/packages", { name: "mine" });
  assert.equal(made.status, 201, await made.text());
  const shout = encodeURIComponent(` ${owner.handle.toUpperCase()} `);
  for (const path of ["/packages", `/packages?owner=${shout}`]) {
    const html = await (await page(app, owner, path)).text();
    assert.ok(html.includes("Signed skill bundles in your repository"), path);
    assert.ok(html.includes(`@${owner.handle}`) && html.includes('href="/packages/mine"'), path);
  }
  for (const path of ["/v1/packages", `/v1/packages?owner=${shout}`]) {
    const body = await (await api(app, owner, "GET", path)).json();
    assert.deepEqual(body.packages.map((p: { name: string }) => p.name), ["mine"], path);
  }
  const contexts = await (await page(app, owner, `/contexts?owner=${shout}`)).text();
  assert.ok(contexts.includes(`@${owner.handle}`), contexts);
  // A token acting for the organization lists the organization's, and never the user's own.
  const token = await createToken(app, owner, ["packages:read"], "acme", "acme");
  const get = (path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${token}` } });
  assert.deepEqual((await (await get("/v1/packages")).json()).packages, []);
  const refused = await get(`/v1/packages?owner=${shout}`);
  assert.equal(refused.status, 404, await refused.text());
});

Deno.test("the header's owner switcher links to each owner's list, and shows the one on screen", async () => {
  await using app = await orgApp();
  const { member } = await acme(app);
  const html = await (await page(app, member, "/contexts?owner=acme")).text();
  assert.ok(html.includes("Switch owner, showing") && html.includes('data-owner="acme"'), html);
  assert.ok(html.includes('href="/contexts?owner=acme"'));
  assert.ok(html.includes('href="/contexts"'));
  assert.ok(html.includes('href="/orgs"'));
  const settings = await (await page(app, member, "/settings")).text();
  assert.ok(settings.includes(`data-owner="${member.handle}"`));
  assert.ok(settings.includes('href="/packages?owner=acme"'));
  const orgs = await (await page(app, member, "/orgs")).text();
  assert.ok(orgs.includes('href="/orgs/acme"'), orgs);
});

Deno.test("with organizations off, the header has no owner switcher and no organizations link", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const html = await (await page(app, user, "/packages")).text();
  assert.ok(!html.includes("Switch owner") && !html.includes('href="/orgs"'));
  const tokens = await (await page(app, user, "/settings/tokens")).text();
  assert.ok(!tokens.includes('name="owner"') && !tokens.includes("Acts for"));
});

Deno.test("the token form offers the user's organizations and the list shows whom each token acts for", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  const form = await (await page(app, owner, "/settings/tokens")).text();
  assert.ok(form.includes('<option value="acme"'), form);
  const res = await app.request("/settings/tokens", {
    method: "POST",
    headers: { ...asBrowser(app, owner.cookie, false) },
    body: new URLSearchParams({
      action: "create",
      name: "acme ci",
      owner: "acme",
      scopes: "contexts:read",
      expires_in_days: "30",
    }),
  });
  assert.equal(res.status, 303, await res.text());
  const list = await (await page(app, owner, "/settings/tokens")).text();
  assert.ok(list.includes("Acts for") && list.includes("@acme"), list);
  const tokens = await (await api(app, owner, "GET", "/v1/tokens")).json();
  assert.deepEqual(tokens.tokens[0].owner, { handle: "acme", kind: "org" });
});

Deno.test("sending invitations is rate limited per inviter and per organization, with Retry-After", async () => {
  await using app = await orgApp();
  const { owner, admin } = await acme(app);
  const invite = (by: TestUser, n: number) =>
    api(app, by, "POST", "/v1/orgs/acme/members", { email: `guest${n}@example.com` });
  for (let n = 0; n < LIMITS.invitePerInviter.limit; n++) {
    assert.equal((await invite(admin, n)).status, 201);
  }
  const refused = await invite(admin, 99);
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get("retry-after")) > 0);
  assert.match((await refused.json()).error, /^You have sent too many invitations; try again in /);
  // The page's form says the same, with the same status and Retry-After.
  const form = await app.request("/orgs/acme/members", {
    method: "POST",
    headers: asBrowser(app, admin.cookie, false),
    body: new URLSearchParams({ action: "invite", email: "guest98@example.com", role: "member" }),
  });
  assert.equal(form.status, 429);
  assert.ok(Number(form.headers.get("retry-after")) > 0);
  assert.ok((await form.text()).includes("You have sent too many invitations; try again in"));
  // Another inviter still may, until the organization's own budget is spent.
  assert.equal((await invite(owner, 100)).status, 201);
  const org = await getOrgByHandle(app.services.db, "acme");
  const key = `${LIMITS.invitePerOrg.key}:${org!.id}`;
  for (let n = 0; n < LIMITS.invitePerOrg.limit; n++) {
    await hit(app.services.db, key, { ...LIMITS.invitePerOrg, now: app.clock.now() });
  }
  const full = await invite(owner, 101);
  assert.equal(full.status, 429);
  assert.match((await full.json()).error, /^Too many invitations sent for this organization/);
  // The refused invitations were not sent.
  assert.equal(app.mailer.messages.filter((m) => m.to === "guest99@example.com").length, 0);
});

Deno.test("a user's organizations come sorted by handle with their role, whatever order they joined in", async () => {
  await using app = await orgApp();
  const olga = await createUser(app, { handle: "olga" });
  const zed = await createUser(app, { handle: "zed" });
  for (const handle of ["zeta", "alpha", "mid"]) await makeOrg(app, olga, handle);
  await makeOrg(app, zed, "beta");
  await addMember(app, "beta", zed, olga, "member");
  const res = await api(app, olga, "GET", "/v1/orgs");
  assert.equal(res.status, 200);
  const { orgs } = await res.json();
  assert.deepEqual(
    orgs.map((o: { handle: string; role: string; display_name: string }) => [
      o.handle,
      o.role,
      o.display_name,
    ]),
    [
      ["alpha", "owner", "alpha Inc"],
      ["beta", "member", "beta Inc"],
      ["mid", "owner", "mid Inc"],
      ["zeta", "owner", "zeta Inc"],
    ],
  );
  assert.ok(!Number.isNaN(Date.parse(orgs[0].created_at)));
  // The header's switcher lists the same organizations.
  const html = await (await page(app, olga, "/packages")).text();
  for (const handle of ["alpha", "beta", "mid", "zeta"]) {
    assert.ok(html.includes(`href="/packages?owner=${handle}"`), handle);
  }
});
