// Packages owned by an organization (docs/adr/0010): publishing into it from the form and the
// API, who published each version, the organization's audit log and public pages.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm } from "../helpers/packages.ts";
import { acme, api, orgApp } from "./helpers.ts";
import { grantThroughTeam, publishAt } from "./package_helpers.ts";

async function page(app: TestApp, user: TestUser | null, path: string) {
  const res = await app.request(path, { headers: user ? { cookie: user.cookie } : {} });
  return { status: res.status, html: await res.text() };
}

function post(app: TestApp, user: TestUser, path: string, body: FormData | URLSearchParams) {
  return app.request(path, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body,
  });
}

Deno.test("the publish form offers the user and the organizations they administer, and publishes a new package into the one chosen", async () => {
  await using app = await orgApp();
  const { owner, member } = await acme(app);
  const form = await page(app, owner, "/packages/new");
  assertIncludes(form.html, 'name="owner"');
  assertIncludes(form.html, '<option value="acme"');
  // A plain member may not create packages in the organization: only their own account.
  assertExcludes((await page(app, member, "/packages/new")).html, 'name="owner"');
  const staged = await post(
    app,
    owner,
    "/packages/new",
    bundleForm(await bundleArchive("org.skill", "1.0.0"), { owner: "acme" }),
  );
  assert.equal(staged.status, 303, await staged.text());
  const review = staged.headers.get("location")!;
  assert.match(review, /&owner=acme$/);
  const shown = await page(app, owner, review);
  assertIncludes(shown.html, "Publish to");
  const done = await post(app, owner, review, new URLSearchParams({ owner: "acme" }));
  assert.equal(done.status, 303, await done.text());
  assert.equal(done.headers.get("location"), "/packages/@acme/org.skill?published=1.0.0");
  const dashboard = await page(app, owner, "/packages/@acme/org.skill?published=1.0.0");
  assert.equal(dashboard.status, 200);
  assertIncludes(dashboard.html, 'by <span class="font-mono">@olga</span>');
});

Deno.test("a member with a team's publish grant publishes new versions, not new packages, and the organization's log says who", async () => {
  await using app = await orgApp();
  const { owner, member } = await acme(app);
  assert.equal((await publishAt(app, owner, "acme", "team.skill", "1.0.0")).status, 201);
  await grantThroughTeam(app, "acme", owner, member, "team.skill", "publish");
  const res = await publishAt(app, member, "acme", "team.skill", "1.1.0");
  assert.equal(res.status, 201, await res.clone().text());
  await res.body?.cancel();
  const fresh = await publishAt(app, member, "acme", "other.skill", "1.0.0");
  assert.equal(fresh.status, 403);
  assert.equal(
    (await fresh.json()).error,
    "your role in this organization cannot create packages here",
  );
  // The publish is in the organization's log, by the member; not in the member's own.
  const log = await (await api(app, owner, "GET", "/v1/orgs/acme/audit")).json();
  const publish = log.events.find((e: { action: string; metadata: { version?: string } }) =>
    e.action === "package.publish" && e.metadata.version === "1.1.0"
  );
  assert.ok(publish, JSON.stringify(log.events));
  assert.equal(publish.actor_user_id, member.userId);
  const auditPage = await page(app, owner, "/orgs/acme/audit");
  assertIncludes(auditPage.html, "by @mia");
  const own = await (await api(app, member, "GET", "/v1/audit")).json();
  assert.ok(!own.events.some((e: { action: string }) => e.action === "package.publish"));
  // The package page says who published each version.
  const dashboard = await page(app, member, "/packages/@acme/team.skill");
  assertIncludes(dashboard.html, 'by <span class="font-mono">@mia</span>');
  assertIncludes(dashboard.html, 'by <span class="font-mono">@olga</span>');
  // A publish grant is not a settings grant: the page offers publishing, not settings.
  assertIncludes(dashboard.html, "Publish a new version");
  assertExcludes(dashboard.html, "Package settings");
});

Deno.test("an organization's public package has public pages and downloads at /@org/name, as a user's does", async () => {
  await using app = await orgApp();
  const { owner, member } = await acme(app);
  const res = await publishAt(app, member, "acme", "nope.skill", "1.0.0");
  assert.equal(res.status, 403);
  await res.body?.cancel();
  const pub = await publishAt(app, owner, "acme", "open.skill", "1.0.0", { visibility: "public" });
  assert.equal(pub.status, 201);
  await pub.body?.cancel();
  assert.equal((await publishAt(app, owner, "acme", "shut.skill", "1.0.0")).status, 201);
  const shown = await page(app, null, "/@acme/open.skill");
  assert.equal(shown.status, 200);
  assertIncludes(shown.html, "@olga");
  const profile = await page(app, null, "/@acme");
  assertIncludes(profile.html, "open.skill");
  assertExcludes(profile.html, "shut.skill");
  const download = await app.request("/@acme/open.skill/versions/1.0.0/artifact");
  assert.equal(download.status, 200);
  await download.body?.cancel();
  const outsider = await createUser(app, { handle: "zed" });
  assert.equal((await page(app, outsider, "/@acme/shut.skill")).status, 404);
  // Someone outside reads the public package through the API, and may not change it.
  const read = await api(app, outsider, "GET", "/v1/packages/@acme/open.skill");
  assert.equal(read.status, 200);
  await read.body?.cancel();
  const change = await api(app, outsider, "PATCH", "/v1/packages/@acme/open.skill", {
    description: "x",
  });
  assert.equal(change.status, 403);
  await change.body?.cancel();
});
