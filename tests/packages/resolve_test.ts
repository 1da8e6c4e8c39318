// GET /v1/packages/@{owner}/{name}/resolve: ranges, latest, prereleases, yanked versions,
// private packages, and caching with an ETag.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion, testSigner } from "../helpers/packages.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";

async function resolve(app: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { res, body: res.status === 304 ? null : await res.json() };
}

async function published(app: TestApp, owner: TestUser, name: string, versions: string[]) {
  for (const [i, v] of versions.entries()) {
    await publishTestVersion(app, owner, name, v, { visibility: "public", value: i });
  }
}

function yank(app: TestApp, owner: TestUser, name: string, version: string) {
  return app.request(`/v1/packages/${name}/versions/${version}/yank`, {
    method: "POST",
    headers: asBrowser(app, owner.cookie),
    body: JSON.stringify({ reason: "Broken build" }),
  }).then((res) => assert.equal(res.status, 200));
}

Deno.test("a range resolves to the highest matching version, with digests, signers, capabilities and URLs, for anyone", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await published(app, owner, "res.skill", ["1.0.0", "1.2.0", "1.2.5", "2.0.0"]);
  const base = `/v1/packages/@${owner.handle}/res.skill/resolve`;
  const cases: [string, string][] = [
    ["^1.2", "1.2.5"],
    ["~1.2.0", "1.2.5"],
    ["1.0.0", "1.0.0"],
    [">=1.0.0 <2.0.0", "1.2.5"],
    ["1.x", "1.2.5"],
    ["*", "2.0.0"],
    ["latest", "2.0.0"],
  ];
  for (const [range, expected] of cases) {
    const { res, body } = await resolve(app, `${base}?range=${encodeURIComponent(range)}`);
    assert.equal(res.status, 200, `${range}: ${JSON.stringify(body)}`);
    assert.equal(body.version, expected, range);
  }
  const { body } = await resolve(app, `${base}?range=%5E1.2`);
  const signer = await testSigner();
  assert.equal(body.owner, owner.handle);
  assert.equal(body.signers.length, 1);
  assert.equal(body.signers[0].signer, signer.id);
  assert.match(body.signers[0].fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(body.capabilities, [{ kind: "fs.read", value: "/data" }]);
  assert.equal(
    body.downloads.bundle,
    `${app.config.publicOrigin}/@${owner.handle}/res.skill/versions/1.2.5/bundle`,
  );
  const bundle = await app.request(new URL(body.downloads.bundle).pathname);
  assert.equal(bundle.status, 200);
  assert.equal(await sha256Digest(new Uint8Array(await bundle.arrayBuffer())), body.archive_digest);
  // Without a range: latest.
  assert.equal((await resolve(app, base)).body.version, "2.0.0");
});

Deno.test("prereleases resolve only with prerelease=true or when the range names one", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await published(app, owner, "res.pre", ["1.0.0", "1.1.0-beta.1", "2.0.0-rc.1"]);
  const base = `/v1/packages/@${owner.handle}/res.pre/resolve`;
  assert.equal((await resolve(app, `${base}?range=%5E1.0`)).body.version, "1.0.0");
  assert.equal((await resolve(app, `${base}?range=latest`)).body.version, "1.0.0");
  assert.equal(
    (await resolve(app, `${base}?range=%5E1.0&prerelease=true`)).body.version,
    "1.1.0-beta.1",
  );
  assert.equal(
    (await resolve(app, `${base}?range=latest&prerelease=true`)).body.version,
    "2.0.0-rc.1",
  );
  assert.equal((await resolve(app, `${base}?range=%5E2.0.0-rc.0`)).body.version, "2.0.0-rc.1");
  const only = await resolve(app, `${base}?range=%5E2`);
  assert.equal(only.res.status, 404);
  assertIncludes(only.body.error, "only prereleases do: add prerelease=true");
});

Deno.test("a yanked version is never resolved, but still downloads by its exact version", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await published(app, owner, "res.yank", ["1.0.0", "1.1.0"]);
  await yank(app, owner, "res.yank", "1.1.0");
  const base = `/v1/packages/@${owner.handle}/res.yank/resolve`;
  assert.equal((await resolve(app, `${base}?range=%5E1`)).body.version, "1.0.0");
  assert.equal((await resolve(app, `${base}?range=latest`)).body.version, "1.0.0");
  const exact = await resolve(app, `${base}?range=1.1.0`);
  assert.equal(exact.res.status, 404);
  assertIncludes(exact.body.error, "every version of res.yank matching range 1.1.0 is yanked");
  const download = await app.request(`/@${owner.handle}/res.yank/versions/1.1.0/bundle`);
  assert.equal(download.status, 200);
  await download.body?.cancel();
});

Deno.test("a malformed range is a 400 that says what is allowed; nothing matching is a 404 listing the versions", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await published(app, owner, "res.bad", ["1.0.0", "1.1.0"]);
  const base = `/v1/packages/@${owner.handle}/res.bad/resolve`;
  for (const range of ["not a range", "^^1", "1.2.3.4", "=>1"]) {
    const { res, body } = await resolve(app, `${base}?range=${encodeURIComponent(range)}`);
    assert.equal(res.status, 400, range);
    assertIncludes(body.error, "is not a semver range; use latest");
  }
  const prerelease = await resolve(app, `${base}?prerelease=yes`);
  assert.equal(prerelease.res.status, 400);
  assertIncludes(prerelease.body.error, "prerelease: must be true or false");
  const none = await resolve(app, `${base}?range=%5E3`);
  assert.equal(none.res.status, 404);
  assert.equal(none.body.error, "no version of res.bad matches range ^3; versions: 1.1.0, 1.0.0");
});

Deno.test("a private package resolves for its owner only; anyone else gets the 404 of a missing one", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const other = await createUser(app);
  await publishTestVersion(app, owner, "res.private", "1.0.0");
  const path = `/v1/packages/@${owner.handle}/res.private/resolve?range=%5E1`;
  const missing = await resolve(app, `/v1/packages/@${owner.handle}/res.nothing/resolve`);
  assert.equal(missing.res.status, 404);
  for (const headers of [{}, { cookie: other.cookie }] as Record<string, string>[]) {
    const { res, body } = await resolve(app, path, headers);
    assert.equal(res.status, 404);
    assert.deepEqual(body, missing.body);
  }
  const token = await createToken(app, owner, ["packages:read"]);
  const mine = await resolve(app, path, { authorization: `Bearer ${token}` });
  assert.equal(mine.res.status, 200);
  assert.equal(mine.body.version, "1.0.0");
  assert.equal(mine.res.headers.get("cache-control"), "private, no-cache");
  const noScope = await createToken(app, owner, ["contexts:read"]);
  const refused = await resolve(app, path, { authorization: `Bearer ${noScope}` });
  assert.equal(refused.res.status, 403);
  // Someone else's token, with or without packages:read, learns nothing either.
  for (const scopes of [["packages:read"], ["contexts:read"]]) {
    const theirs = await createToken(app, other, scopes);
    const { res, body } = await resolve(app, path, { authorization: `Bearer ${theirs}` });
    assert.equal(res.status, 404);
    assert.deepEqual(body, missing.body);
  }
});

Deno.test("a resolve answer carries an ETag and Cache-Control, and If-None-Match gives 304 until a yank changes it", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await published(app, owner, "res.etag", ["1.0.0", "1.1.0"]);
  const path = `/v1/packages/@${owner.handle}/res.etag/resolve?range=%5E1`;
  const first = await resolve(app, path);
  const etag = first.res.headers.get("etag")!;
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.equal(first.res.headers.get("cache-control"), "public, max-age=60, must-revalidate");
  const again = await resolve(app, path, { "if-none-match": etag });
  assert.equal(again.res.status, 304);
  assert.equal(again.res.headers.get("etag"), etag);
  await yank(app, owner, "res.etag", "1.1.0");
  const changed = await resolve(app, path, { "if-none-match": etag });
  assert.equal(changed.res.status, 200);
  assert.equal(changed.body.version, "1.0.0");
});
