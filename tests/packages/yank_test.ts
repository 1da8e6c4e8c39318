// Yanking: a yanked version is never latest, says so (and why) on its listing and public page,
// and still downloads by its exact version.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";

function yank(app: TestApp, user: TestUser, name: string, version: string, reason: string) {
  return app.request(`/v1/packages/${name}/versions/${version}/yank`, {
    method: "POST",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ reason }),
  });
}

Deno.test("a yanked version is not latest, its listing and public page say why, and it still downloads", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "yank.skill", "1.0.0", { visibility: "public" });
  await publishTestVersion(app, owner, "yank.skill", "1.1.0", { value: 7 });
  const res = await yank(app, owner, "yank.skill", "1.1.0", "Crashes on empty input");
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.yank_reason, "Crashes on empty input");
  assert.ok(body.yanked_at);

  const pkg = await (await app.request("/v1/packages/yank.skill", {
    headers: { cookie: owner.cookie },
  })).json();
  assert.equal(pkg.package.latest_version, "1.0.0");
  const list = await (await app.request("/v1/packages/yank.skill/versions", {
    headers: { cookie: owner.cookie },
  })).json();
  const yanked = list.versions.find((v: { version: string }) => v.version === "1.1.0");
  assert.equal(yanked.yank_reason, "Crashes on empty input");

  const page = await (await app.request(`/@${owner.handle}/yank.skill`)).text();
  assertIncludes(page, "Yanked");
  assertIncludes(page, "Crashes on empty input");
  const download = await app.request(`/@${owner.handle}/yank.skill/versions/1.1.0/bundle`);
  assert.equal(download.status, 200);
  await download.body?.cancel();
  const api = await app.request("/v1/packages/yank.skill/versions/1.1.0/artifact", {
    headers: { cookie: owner.cookie },
  });
  assert.equal(api.status, 200);
  await api.body?.cancel();
});

Deno.test("yanking every version leaves the package without a latest version until one is unyanked", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "yank.all", "1.0.0");
  assert.equal((await yank(app, owner, "yank.all", "1.0.0", "Broken")).status, 200);
  const latest = async () =>
    (await (await app.request("/v1/packages/yank.all", { headers: { cookie: owner.cookie } }))
      .json()).package.latest_version;
  assert.equal(await latest(), null);
  const undo = await app.request("/v1/packages/yank.all/versions/1.0.0/yank", {
    method: "DELETE",
    headers: asBrowser(app, owner.cookie),
  });
  assert.equal(undo.status, 200);
  assert.equal((await undo.json()).yanked_at, null);
  assert.equal(await latest(), "1.0.0");
});

Deno.test("another user cannot yank someone's version: 404 like a missing one, nothing changes", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const other = await createUser(app);
  await publishTestVersion(app, owner, "yank.theirs", "1.0.0", { visibility: "public" });
  const res = await yank(app, other, "yank.theirs", "1.0.0", "mine now");
  assert.equal(res.status, 404);
  const v = await (await app.request("/v1/packages/yank.theirs/versions/1.0.0", {
    headers: { cookie: owner.cookie },
  })).json();
  assert.equal(v.version.yanked_at, null);
});

Deno.test("the owner's package page offers yank with a required reason and shows the yank notice", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "yank.page", "1.0.0");
  const page = await (await app.request("/packages/yank.page", {
    headers: { cookie: owner.cookie },
  })).text();
  assertIncludes(page, 'value="yank_version"');
  assertIncludes(page, 'name="reason"');
  const res = await app.request("/packages/yank.page", {
    method: "POST",
    headers: asBrowser(app, owner.cookie, false),
    body: new URLSearchParams({ action: "yank_version", version: "1.0.0", reason: "Bad build" }),
  });
  assert.equal(res.status, 303);
  const after = await (await app.request(res.headers.get("location")!, {
    headers: { cookie: owner.cookie },
  })).text();
  assertIncludes(after, "Version 1.0.0 is yanked");
  assertIncludes(after, "Bad build");
  assertIncludes(after, 'value="unyank_version"');
});
