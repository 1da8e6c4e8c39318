// docs/security.md U11 and R2: a version number, once published, is never published again
// (deprecated, or in a package archived and unarchived since); and publishing is limited to 60
// an hour per owner through either door, the 61st a 429 with Retry-After that stores nothing.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";

function publishArchive(app: TestApp, user: TestUser, name: string, archive: Uint8Array) {
  return app.request(`/v1/packages/${name}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(archive),
  });
}

function patch(app: TestApp, user: TestUser, name: string, body: unknown) {
  return app.request(`/v1/packages/${name}`, {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify(body),
  });
}

async function count(app: TestApp, table: string): Promise<number> {
  const res = await app.services.database.client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(res.rows[0]!.n);
}

Deno.test("a deprecated version's number, or one from before an archive, is never published again", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "reuse.skill", "1.0.0");
  await publishTestVersion(app, user, "reuse.skill", "1.1.0");
  const deprecate = await app.request("/v1/packages/reuse.skill/versions/1.0.0/deprecate", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
  });
  assert.equal(deprecate.status, 200);
  for (const version of ["1.0.0", "1.0.0+rebuilt"]) {
    const again = await publishArchive(
      app,
      user,
      "reuse.skill",
      await bundleArchive("reuse.skill", version, { value: 7 }),
    );
    assert.equal(again.status, 409, version);
    assertIncludes((await again.json()).error, "already");
  }
  assert.equal((await patch(app, user, "reuse.skill", { archived: true })).status, 200);
  assert.equal((await patch(app, user, "reuse.skill", { archived: false })).status, 200);
  for (const version of ["1.0.0", "1.1.0"]) {
    const after = await publishArchive(
      app,
      user,
      "reuse.skill",
      await bundleArchive("reuse.skill", version, { value: 9 }),
    );
    assert.equal(after.status, 409, version);
  }
  assert.equal(await count(app, "package_versions"), 2);
  // A new number is still welcome.
  await publishTestVersion(app, user, "reuse.skill", "1.2.0");
});

Deno.test("the 61st publish in an hour is 429 with Retry-After, through the API and the form, and stores nothing", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const other = await createUser(app);
  for (let i = 0; i < 60; i++) await publishTestVersion(app, user, "busy.skill", `1.0.${i}`);
  const [versions, blobs] = [await count(app, "package_versions"), await count(app, "blobs")];

  const api = await publishArchive(
    app,
    user,
    "busy.skill",
    await bundleArchive("busy.skill", "2.0.0"),
  );
  assert.equal(api.status, 429, await api.clone().text());
  const retry = Number(api.headers.get("retry-after"));
  assert.ok(retry > 0 && retry <= 3600, `Retry-After ${api.headers.get("retry-after")}`);
  assertIncludes((await api.json()).error, "Too many publishes");

  // The review form confirms through the same limit.
  const staged = await app.request("/packages/new", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive("busy.form", "1.0.0")),
  });
  assert.equal(staged.status, 303, await staged.text());
  const confirm = await app.request(staged.headers.get("location")!, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: new URLSearchParams({ visibility: "private" }),
  });
  assert.equal(confirm.status, 429);
  assert.ok(Number(confirm.headers.get("retry-after")) > 0);
  assertIncludes(await confirm.text(), "Too many publishes");
  assert.equal(await count(app, "package_versions"), versions);
  // The staged upload's blob is the only new one.
  assert.equal(await count(app, "blobs"), blobs + 1);

  // Another owner is not affected, and the hour's end frees the owner again.
  await publishTestVersion(app, other, "busy.skill", "1.0.0");
  app.clock.advance(60 * 60 * 1000);
  await publishTestVersion(app, user, "busy.skill", "2.0.0");
});
