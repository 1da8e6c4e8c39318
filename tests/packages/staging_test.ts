// Staged uploads belong to the account that uploaded them, and expire: another account that
// learns the digest (from a review URL, or a private version's archive digest) gets exactly
// what a missing upload gets, on the review and on the confirm.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { STAGED_UPLOAD_TTL_MS } from "@/lib/packages/staged_uploads.ts";

const MISSING = `/packages/new/review?upload=sha256:${"0".repeat(64)}`;

function post(app: TestApp, user: TestUser, path: string, body: FormData | URLSearchParams) {
  return app.request(path, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body,
  });
}

async function stage(app: TestApp, user: TestUser, archive: Uint8Array): Promise<string> {
  const res = await post(app, user, "/packages/new", bundleForm(archive));
  assert.equal(res.status, 303, await res.text());
  return res.headers.get("location")!;
}

/** Status and body, with what differs per request (nonces, the review URL itself) masked. */
async function seen(res: Response, path: string) {
  const query = path.slice(path.indexOf("?"));
  const body = (await res.text())
    .replaceAll(/nonce="[^"]*"/g, 'nonce=""')
    .replaceAll(query, "?QUERY")
    .replaceAll(query.replaceAll("&", "&amp;"), "?QUERY");
  return { status: res.status, body };
}

function review(app: TestApp, user: TestUser, path: string) {
  return app.request(path, { headers: { cookie: user.cookie } });
}

function confirm(app: TestApp, user: TestUser, path: string) {
  return post(app, user, path, new URLSearchParams({ visibility: "public" }));
}

async function packageNames(app: TestApp, user: TestUser): Promise<string[]> {
  const res = await app.request("/v1/packages", { headers: { cookie: user.cookie } });
  assert.equal(res.status, 200);
  return (await res.json()).packages.map((p: { name: string }) => p.name);
}

Deno.test("another account's staged upload reviews and confirms exactly like a missing one, and nothing is published", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app);
  const bob = await createUser(app);
  const bobs = await stage(app, bob, await bundleArchive("bob.secret-skill", "3.1.4"));
  const missingGet = await seen(await review(app, alice, MISSING), MISSING);
  const missingPost = await seen(await confirm(app, alice, MISSING), MISSING);
  assert.equal(missingGet.status, 404);
  assertIncludes(missingGet.body, "This upload is not available any more");

  const aliceGet = await seen(await review(app, alice, bobs), bobs);
  assert.deepEqual(aliceGet, missingGet);
  assertExcludes(aliceGet.body, "bob.secret-skill");
  assertExcludes(aliceGet.body, "3.1.4");
  const alicePost = await seen(await confirm(app, alice, bobs), bobs);
  assert.deepEqual(alicePost, missingPost);
  assertExcludes(alicePost.body, "bob.secret-skill");
  assert.deepEqual(await packageNames(app, alice), []);
  assert.equal((await app.request("/@" + alice.handle + "/bob.secret-skill")).status, 404);

  // Bob's own review still works, and publishes as his.
  assert.equal((await review(app, bob, bobs)).status, 200);
  assert.equal((await confirm(app, bob, bobs)).status, 303);
  assert.deepEqual(await packageNames(app, bob), ["bob.secret-skill"]);
});

Deno.test("the digest of another account's private version does not open a review of its bytes", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app);
  const bob = await createUser(app);
  const published = await publishTestVersion(app, bob, "bob.private", "1.0.0");
  const digest = published.version_info.archive_digest;
  assert.match(digest, /^sha256:[0-9a-f]{64}$/);
  const path = `/packages/new/review?upload=${digest}`;
  const missingGet = await seen(await review(app, alice, MISSING), MISSING);
  const missingPost = await seen(await confirm(app, alice, MISSING), MISSING);
  assert.deepEqual(await seen(await review(app, alice, path), path), missingGet);
  assert.deepEqual(await seen(await confirm(app, alice, path), path), missingPost);
  assert.deepEqual(await packageNames(app, alice), []);
  // Not even bob can publish a digest he never staged through the form.
  assert.equal((await review(app, bob, path)).status, 404);
});

Deno.test("a staged upload is not available any more once its review time is over", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const path = await stage(app, user, await bundleArchive("late.skill", "1.0.0"));
  app.clock.advance(STAGED_UPLOAD_TTL_MS - 1);
  assert.equal((await review(app, user, path)).status, 200);
  app.clock.advance(1);
  const gone = await review(app, user, path);
  assert.equal(gone.status, 404);
  assertIncludes(await gone.text(), "This upload is not available any more");
  assert.equal((await confirm(app, user, path)).status, 404);
  assert.deepEqual(await packageNames(app, user), []);
});
