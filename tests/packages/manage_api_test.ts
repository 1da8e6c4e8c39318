import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, postJson, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";

function patch(app: TestApp, user: TestUser, name: string, body: unknown) {
  return app.request(`/v1/packages/${name}`, {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify(body),
  });
}

Deno.test("creating a package: private by default, names checked, duplicates 409 as the inactu control API says", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const res = await postJson(app, "/v1/packages", {
    name: "hello-skill",
    description: "Says hello",
  }, asBrowser(app, user.cookie));
  assert.equal(res.status, 201);
  const { package: pkg } = await res.json();
  assert.deepEqual([pkg.name, pkg.visibility, pkg.description, pkg.latest_version], [
    "hello-skill",
    "private",
    "Says hello",
    null,
  ]);
  const dup = await postJson(
    app,
    "/v1/packages",
    { name: "hello-skill" },
    asBrowser(app, user.cookie),
  );
  assert.equal(dup.status, 409);
  assert.deepEqual(await dup.json(), { error: "package already exists for owner" });
  for (const name of ["Hello", "x", "-bad", "a".repeat(65), "has space"]) {
    const bad = await postJson(app, "/v1/packages", { name }, asBrowser(app, user.cookie));
    assert.equal(bad.status, 400, name);
    assertIncludes((await bad.json()).error, "package name must be 2 to 64 characters");
  }
  const vis = await postJson(
    app,
    "/v1/packages",
    { name: "v.skill", visibility: "secret" },
    asBrowser(app, user.cookie),
  );
  assert.deepEqual(await vis.json(), {
    error: "visibility: visibility must be 'private' or 'public'",
  });
});

Deno.test("metadata: tags, readme, https-only links; unknown fields and bad values are 400 naming the field", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "meta.skill", "1.0.0");
  const ok = await patch(app, user, "meta.skill", {
    description: "Reads files",
    tags: ["FS", "io"],
    readme: "# Meta\n\nHello.",
    homepage: "https://example.com/meta",
    repository: "https://github.com/x/meta",
  });
  assert.equal(ok.status, 200);
  const { package: p } = await ok.json();
  assert.deepEqual([p.tags, p.readme, p.homepage], [
    ["fs", "io"],
    "# Meta\n\nHello.",
    "https://example.com/meta",
  ]);
  const cases: [unknown, string][] = [
    [{ homepage: "http://example.com" }, "homepage: homepage must be an https:// URL"],
    [{ repository: "javascript:alert(1)" }, "repository: repository must be an https:// URL"],
    [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, "tags: at most 10 tags"],
    [{ tags: ["no spaces"] }, "tags.0: each tag must be 1 to 32 lowercase letters"],
    [{ readme: "x".repeat(64 * 1024 + 1) }, "readme: readme must be at most 64 KiB"],
    [{ owner_id: "x" }, "unknown field owner_id"],
    [{ visibility: "secret" }, "visibility: visibility must be 'private' or 'public'"],
  ];
  for (const [body, message] of cases) {
    const res = await patch(app, user, "meta.skill", body);
    assert.equal(res.status, 400, message);
    assert.ok((await res.json()).error.startsWith(message), message);
  }
});

Deno.test("lifecycle: deprecate, unlist and archive; an archived package is read-only and takes no versions", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "life.skill", "1.0.0");
  const dep = await (await patch(app, user, "life.skill", { deprecated: "Use life2 instead" }))
    .json();
  assert.equal(dep.package.status, "deprecated");
  assert.equal(dep.package.deprecation_message, "Use life2 instead");
  const unl = await (await patch(app, user, "life.skill", { deprecated: null, unlisted: true }))
    .json();
  assert.deepEqual([unl.package.status, unl.package.deprecated_at], ["unlisted", null]);
  const arc = await (await patch(app, user, "life.skill", { archived: true })).json();
  assert.equal(arc.package.status, "archived");

  const publish = await app.request("/v1/packages/life.skill/versions", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(await bundleArchive("life.skill", "2.0.0")),
  });
  assert.equal(publish.status, 409);
  assertIncludes((await publish.json()).error, "archived");
  const edit = await patch(app, user, "life.skill", { description: "x" });
  assert.equal(edit.status, 409);
  assertIncludes((await edit.json()).error, 'send {"archived": false}');
  assert.equal((await patch(app, user, "life.skill", { archived: false })).status, 200);

  const audit =
    await (await app.request("/v1/audit?limit=20", { headers: { cookie: user.cookie } })).json();
  const actions = audit.events.map((e: { action: string }) => e.action);
  for (
    const a of [
      "package.deprecate",
      "package.undeprecate",
      "package.unlist",
      "package.archive",
      "package.unarchive",
      "package.publish",
      "package.create",
    ]
  ) {
    assert.ok(actions.includes(a), `missing audit event ${a}`);
  }
});

Deno.test("visibility changes are audited with from and to", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "vis.skill", "1.0.0");
  const res = await patch(app, user, "vis.skill", { visibility: "public" });
  assert.equal((await res.json()).package.visibility, "public");
  const audit = await (await app.request("/v1/audit?limit=1", { headers: { cookie: user.cookie } }))
    .json();
  assert.equal(audit.events[0].action, "package.visibility");
  assert.deepEqual([audit.events[0].metadata.from, audit.events[0].metadata.to], [
    "private",
    "public",
  ]);
});

Deno.test("deprecating a version is idempotent (first time kept), can be undone, and moves the latest version", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const v of ["1.0.0", "1.1.0", "2.0.0-rc.1"]) {
    await publishTestVersion(app, user, "dep.skill", v);
  }
  const latest = async () =>
    (await (await app.request("/v1/packages/dep.skill", { headers: { cookie: user.cookie } }))
      .json()).package.latest_version;
  assert.equal(await latest(), "1.1.0");
  const first = await app.request("/v1/packages/dep.skill/versions/1.1.0/deprecate", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
  });
  assert.equal(first.status, 200);
  const a = await first.json();
  assert.deepEqual(Object.keys(a).slice(0, 3), ["package", "version", "deprecated_at"]);
  assert.equal(await latest(), "1.0.0");
  app.clock.advance(60_000);
  const again = await postJson(app, "/v1/packages/dep.skill/versions/1.1.0/deprecate", {
    message: "Broken on ARM",
  }, asBrowser(app, user.cookie));
  const b = await again.json();
  assert.equal(b.deprecated_at, a.deprecated_at);
  assert.equal(b.deprecation_message, "Broken on ARM");
  const undo = await app.request("/v1/packages/dep.skill/versions/1.1.0/deprecate", {
    method: "DELETE",
    headers: asBrowser(app, user.cookie, false),
  });
  assert.equal((await undo.json()).deprecated_at, null);
  assert.equal(await latest(), "1.1.0");
  const missing = await app.request("/v1/packages/dep.skill/versions/9.9.9/deprecate", {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
  });
  assert.deepEqual([missing.status, await missing.json()], [404, {
    error: "package version not found",
  }]);
});

Deno.test("the package list searches, filters and sorts, with cursor pages and clear errors for bad queries", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const names = ["alpha.fs", "beta.net", "gamma.fs", "delta.kv", "epsilon.fs"];
  for (const [i, n] of names.entries()) {
    app.clock.advance(1000);
    await publishTestVersion(app, user, n, "1.0.0", { visibility: i % 2 ? "public" : "private" });
  }
  await patch(app, user, "delta.kv", { deprecated: "old" });
  const list = async (query: string) => {
    const res = await app.request(`/v1/packages?${query}`, { headers: { cookie: user.cookie } });
    assert.equal(res.status, 200, query);
    return await res.json();
  };
  const names_ = (r: { packages: { name: string }[] }) => r.packages.map((p) => p.name);
  assert.deepEqual(names_(await list("sort=name")), [
    "alpha.fs",
    "beta.net",
    "delta.kv",
    "epsilon.fs",
    "gamma.fs",
  ]);
  assert.deepEqual(names_(await list("q=.FS&sort=name")), ["alpha.fs", "epsilon.fs", "gamma.fs"]);
  assert.deepEqual(names_(await list("visibility=public&sort=name")), ["beta.net", "delta.kv"]);
  assert.deepEqual(names_(await list("status=deprecated")), ["delta.kv"]);
  assert.deepEqual(names_(await list("sort=published")), [
    "epsilon.fs",
    "delta.kv",
    "gamma.fs",
    "beta.net",
    "alpha.fs",
  ]);
  assert.deepEqual(names_(await list("q=%25")), []);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { packages: { name: string }[]; next_cursor: string | null } = await list(
      `sort=name&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
    );
    seen.push(...names_(page));
    cursor = page.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, ["alpha.fs", "beta.net", "delta.kv", "epsilon.fs", "gamma.fs"]);
  const bad: [string, string][] = [
    ["limit=0", "query parameter limit: must be a whole number from 1 to 100"],
    ["sort=size", "query parameter sort: must be updated, name, published or created"],
    ["cursor=garbage", "query parameter cursor: is not a cursor this list gave out for this sort"],
    ["status=gone", "query parameter status: must be active, deprecated, unlisted or archived"],
  ];
  for (const [q, message] of bad) {
    const res = await app.request(`/v1/packages?${q}`, { headers: { cookie: user.cookie } });
    assert.deepEqual([res.status, await res.json()], [400, { error: message }]);
  }
  const first = await list("sort=updated&limit=2");
  const wrongSort = await app.request(`/v1/packages?sort=name&cursor=${first.next_cursor}`, {
    headers: { cookie: user.cookie },
  });
  assert.equal(wrongSort.status, 400);
});

Deno.test("hash and manifest verification answer like the inactu control API", async () => {
  await using app = await createTestApp();
  const hash = await postJson(app, "/v1/hash/sha256", { payload: "abc" });
  assert.deepEqual(await hash.json(), {
    digest: "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  });
  const manifest = JSON.parse(
    await Deno.readTextFile(
      "tests/fixtures/inactu-spec/real-skills/echo.minimal/0.1.0/manifest.json",
    ),
  );
  const ok = await postJson(app, "/v1/verify/manifest", { manifest });
  assert.deepEqual(await ok.json(), {
    schema_version: "0",
    name: "echo.minimal",
    version: "0.1.0",
    artifact: manifest.artifact,
    capability_ceiling_ok: false,
  });
  const bad = await postJson(app, "/v1/verify/manifest", { manifest: { ...manifest, extra: 1 } });
  assert.equal(bad.status, 400);
  assert.ok((await bad.json()).error.startsWith("invalid manifest: "));
  const v9 = await postJson(app, "/v1/verify/manifest", {
    manifest: { ...manifest, schema_version: "9.9.9" },
  });
  assertIncludes((await v9.json()).error, "9.9.9");
  const dupKeys = await app.request("/v1/verify/manifest", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"manifest": {"name": "a", "name": "b"}}',
  });
  assert.equal(dupKeys.status, 400);
});

Deno.test("verify/bundle reports every step without storing anything", async () => {
  await using app = await createTestApp();
  const res = await app.request("/v1/verify/bundle", {
    method: "POST",
    body: bundleForm(await bundleArchive("v.skill", "1.0.0")),
  });
  assert.equal(res.status, 200);
  const { report } = await res.json();
  assert.equal(report.ok, true);
  assert.equal(report.steps.length, 9);
  assert.equal(report.name, "v.skill");
  const broken = new Uint8Array(await bundleArchive("v.skill", "1.0.0"));
  broken[broken.length - 20] = broken[broken.length - 20]! ^ 0xff;
  const bad = await app.request("/v1/verify/bundle", {
    method: "POST",
    headers: { "content-type": "application/gzip" },
    body: broken,
  });
  assert.equal(bad.status, 400);
  const body = await bad.json();
  assert.equal(body.report.ok, false);
  assert.equal(body.report.steps[0].status, "failed");
  const rows = await app.services.database.client.execute(
    "SELECT (SELECT count(*) FROM blobs) + (SELECT count(*) FROM packages) AS n",
  );
  assert.equal(Number(rows.rows[0]!.n), 0);
});
