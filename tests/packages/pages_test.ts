// The owner's package pages through the app's fetch handler: the list, the publish flow
// (upload -> review -> confirm, without JavaScript), and the package page.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, publishTestVersion, testSigner } from "../helpers/packages.ts";
import { buildBundle, packArchive } from "@/lib/packages/bundle/pack.ts";
import { buildRunModule } from "@/lib/packages/bundle/wasm.ts";
import { LocalBlobStore } from "@/lib/artifacts/local_store.ts";
import { BlobStoreUnavailableError, type PreparedBlob } from "@/lib/artifacts/blob_store.ts";
import type { HashedBytes } from "@/lib/artifacts/digest.ts";

/** A local store that can be switched off, to see what the pages say when storage is down. */
class SwitchableStore extends LocalBlobStore {
  down = false;
  override put(digest: string, bytes: Uint8Array | HashedBytes) {
    if (this.down) return Promise.reject(new BlobStoreUnavailableError("the store is down"));
    return super.put(digest, bytes);
  }
  // Publishing writes ahead (prepare) and stores at commit: a down store fails the commit.
  override prepare(bytes: Uint8Array | HashedBytes): PreparedBlob {
    const prepared = super.prepare(bytes);
    return {
      commit: async (digest, blob, options) => {
        if (!this.down) return await prepared.commit(digest, blob, options);
        await prepared.discard();
        throw new BlobStoreUnavailableError("the store is down");
      },
      discard: prepared.discard,
    };
  }
}

async function get(app: TestApp, user: TestUser | null, path: string) {
  const res = await app.request(path, { headers: user ? { cookie: user.cookie } : {} });
  return { res, html: await res.text() };
}

function post(app: TestApp, user: TestUser, path: string, body: FormData | URLSearchParams) {
  return app.request(path, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body,
  });
}

/** Stages an archive through the upload form; returns the review URL it redirects to. */
async function stage(app: TestApp, user: TestUser, archive: Uint8Array, path = "/packages/new") {
  const res = await post(app, user, path, bundleForm(archive));
  assert.equal(res.status, 303, await res.text());
  const location = res.headers.get("location")!;
  assert.match(location, /^\/packages\/new\/review\?upload=sha256:[0-9a-f]{64}/);
  return location;
}

const statuses = (html: string) => [...html.matchAll(/data-status="(\w+)"/g)].map((m) => m[1]);

Deno.test("the package list shows badges, latest version and last publication, with filters and sort in the URL", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "alpha.skill", "1.2.0", { visibility: "public" });
  app.clock.advance(3 * 60_000);
  await publishTestVersion(app, user, "beta.skill", "0.1.0");
  const { res, html } = await get(app, user, "/packages");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("cache-control"), "no-store");
  assertIncludes(html, 'href="/packages/alpha.skill"');
  assertIncludes(html, ">Public</span>");
  assertIncludes(html, ">Private</span>");
  assertIncludes(html, "1.2.0");
  assertIncludes(html, "3 minutes ago");
  assertIncludes(html, 'title="2026-11-25 12:00:00 UTC"');
  // Sorted by recent update by default, by name on request; filters come from the URL.
  assert.ok(html.indexOf("beta.skill") < html.indexOf("alpha.skill"));
  const byName = (await get(app, user, "/packages?sort=name")).html;
  assert.ok(byName.indexOf("alpha.skill") < byName.indexOf("beta.skill"));
  assertIncludes(byName, '<option value="name" selected');
  const pub = (await get(app, user, "/packages?visibility=public&q=alp")).html;
  assertIncludes(pub, "alpha.skill");
  assertExcludes(pub, "beta.skill");
  assertIncludes(pub, 'value="alp"');
  const none = (await get(app, user, "/packages?status=archived")).html;
  assertIncludes(none, "No packages match these filters.");
  const bad = await get(app, user, "/packages?sort=size");
  assert.equal(bad.res.status, 400);
  assertIncludes(bad.html, "query parameter sort: must be updated, name, published or created");
  assert.equal((await get(app, null, "/packages")).res.status, 303);
});

Deno.test("the package list pages with a cursor that keeps the filters", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (let i = 0; i < 22; i++) {
    await publishTestVersion(app, user, `pkg${String(i).padStart(2, "0")}`, "1.0.0");
  }
  const first = (await get(app, user, "/packages?sort=name")).html;
  assertIncludes(first, "pkg00");
  assertExcludes(first, "pkg21");
  const next = /href="(\/packages\?sort=name&amp;cursor=[^"]+)" rel="next"/.exec(first);
  assert.ok(next, "a next page link that keeps sort=name");
  const second = (await get(app, user, next[1]!.replaceAll("&amp;", "&"))).html;
  assertIncludes(second, "pkg21");
  assertExcludes(second, ">pkg00<");
  // Back to the first page: the cursor goes, the filters stay.
  assertIncludes(second, '<a href="/packages?sort=name" class=');
  assertIncludes(second, "First page");
  assert.equal((await get(app, user, "/packages?cursor=nonsense")).res.status, 400);
});

Deno.test("an empty package list leads to publishing: the upload form and a copyable curl example", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const { html } = await get(app, user, "/packages");
  assertIncludes(html, "Publish your first skill");
  assertIncludes(html, 'href="/packages/new"');
  assertIncludes(html, "-H &quot;Authorization: Bearer $INACTU_TOKEN&quot;");
  assertIncludes(html, `${app.config.publicOrigin}/v1/packages/echo.minimal/versions`);
  assertIncludes(html, 'href="/settings/tokens"');
});

Deno.test("publishing without JavaScript: the upload is staged, the review ticks all nine steps, confirming stores it", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const form = await get(app, user, "/packages/new");
  assert.equal(form.res.status, 200);
  assertIncludes(form.html, 'enctype="multipart/form-data"');
  assertIncludes(form.html, 'name="bundle"');
  assertIncludes(form.html, 'name="files" multiple');
  assertExcludes(form.html, "Only verified email addresses can publish");

  const review = await stage(app, user, await bundleArchive("flow.skill", "1.0.0"));
  const shown = await get(app, user, review);
  assert.equal(shown.res.status, 200);
  assert.deepEqual(statuses(shown.html), Array(9).fill("passed"));
  assertIncludes(shown.html, "The bundle verified.");
  assertIncludes(shown.html, "New: this creates it");
  assertIncludes(shown.html, "test-signer");
  assertIncludes(shown.html, "✓</span> Verified");
  assertIncludes(shown.html, "fs.read");
  assertIncludes(shown.html, 'value="private" checked');
  assertIncludes(shown.html, "Publish 1.0.0");
  // Nothing is a version until the user confirms.
  assert.equal((await get(app, user, "/packages/flow.skill")).res.status, 404);

  const confirmed = await post(app, user, review, new URLSearchParams({ visibility: "private" }));
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.headers.get("location"), "/packages/flow.skill?published=1.0.0");
  const pkg = await get(app, user, "/packages/flow.skill?published=1.0.0");
  assert.equal(pkg.res.status, 200);
  assertIncludes(pkg.html, "Version 1.0.0 is published.");
  assertIncludes(pkg.html, ">Private</span>");

  // A new version from the package page's entry: the review knows the package exists.
  const again = await get(app, user, "/packages/new?package=flow.skill");
  assertIncludes(again.html, 'action="/packages/new?package=flow.skill"');
  const review2 = await stage(
    app,
    user,
    await bundleArchive("flow.skill", "1.1.0"),
    "/packages/new?package=flow.skill",
  );
  assert.match(review2, /&package=flow\.skill$/);
  assertIncludes((await get(app, user, review2)).html, "Existing, latest 1.0.0");
  const done = await post(app, user, review2, new URLSearchParams());
  assert.equal(done.headers.get("location"), "/packages/flow.skill?published=1.1.0");
});

Deno.test("bundle files picked one by one are staged as an archive and verify the same way", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const files = await buildBundle(buildRunModule({ value: 3 }), {
    name: "loose.skill",
    version: "0.1.0",
    capabilities: [],
    signers: [await testSigner()],
  });
  const form = new FormData();
  for (const [name, bytes] of files) {
    form.append("files", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  }
  const res = await post(app, user, "/packages/new", form);
  assert.equal(res.status, 303);
  const shown = await get(app, user, res.headers.get("location")!);
  assert.deepEqual(statuses(shown.html), Array(9).fill("passed"));
  assertIncludes(shown.html, "None: this skill asks for no capabilities.");
});

Deno.test("the review of a bad upload shows the failing step with its file, field, expected and found", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const files = await buildBundle(buildRunModule(), {
    name: "bad.skill",
    version: "1.0.0",
    capabilities: [],
    signers: [await testSigner()],
  });
  // Change the manifest after signing: its hash no longer matches signatures.json (step 4).
  const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
  manifest.capabilities = [{ kind: "fs.write", value: "/" }];
  files.set("manifest.json", new TextEncoder().encode(JSON.stringify(manifest)));
  const review = await stage(app, user, await packArchive(files, { format: "tar.gz" }));
  const { res, html } = await get(app, user, review);
  assert.equal(res.status, 200);
  assert.deepEqual(statuses(html), [
    "passed",
    "passed",
    "passed",
    "failed",
    ...Array(5).fill("not_reached"),
  ]);
  assertIncludes(html, "Step 4 (Manifest hash matches signatures.json) failed");
  assertIncludes(html, "signatures.json: manifest_hash is sha256:");
  assertIncludes(html, ">signatures.json</dd>");
  assertIncludes(html, ">manifest_hash</dd>");
  assertIncludes(html, ">Expected</dt>");
  assertIncludes(html, ">Found</dt>");
  assertExcludes(html, "Publish 1.0.0");
  assertIncludes(html, "Upload a fixed bundle");

  // Something that is not an archive at all fails at step 1, with the reason.
  const junk = await stage(app, user, new TextEncoder().encode("PK\u0003\u0004 not a tarball"));
  const junkHtml = (await get(app, user, junk)).html;
  assert.deepEqual(statuses(junkHtml).slice(0, 2), ["failed", "not_reached"]);
  assertIncludes(junkHtml, "zip");
});

Deno.test("the upload form refuses a post without a bundle, and a gone upload says so", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const empty = await post(app, user, "/packages/new", new FormData());
  assert.equal(empty.status, 400);
  const html = await empty.text();
  assertIncludes(html, 'id="upload-error"');
  assertIncludes(html, "No bundle in the request");
  const gone = await get(app, user, `/packages/new/review?upload=sha256:${"0".repeat(64)}`);
  assert.equal(gone.res.status, 404);
  assertIncludes(gone.html, "This upload is not available any more");
  const other = await createUser(app);
  await publishTestVersion(app, other, "theirs.skill", "1.0.0");
  assert.equal((await get(app, user, "/packages/new?package=theirs.skill")).res.status, 404);
});

Deno.test("unverified users are told before uploading, can review, and are refused at publish with the reason", async () => {
  await using app = await createTestApp();
  const user = await createUser(app, { verified: false });
  const form = await get(app, user, "/packages/new");
  assertIncludes(form.html, "Only verified email addresses can publish.");
  assertIncludes(form.html, 'action="/verify/resend"');
  const review = await stage(app, user, await bundleArchive("early.skill", "1.0.0"));
  const shown = (await get(app, user, review)).html;
  assert.deepEqual(statuses(shown), Array(9).fill("passed"));
  assertIncludes(shown, "Verify your email address to publish.");
  const refused = await post(app, user, review, new URLSearchParams({ visibility: "private" }));
  assert.equal(refused.status, 403);
  const html = await refused.text();
  assertIncludes(html, "Verify your email address before publishing");
  assertIncludes(html, "Send the link again");
});

Deno.test("confirming a version that was published in the meantime answers 409 with the reason", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const archive = await bundleArchive("race.skill", "1.0.0");
  const review = await stage(app, user, archive);
  await publishTestVersion(app, user, "race.skill", "1.0.0");
  const res = await post(app, user, review, new URLSearchParams());
  assert.equal(res.status, 409);
  const html = await res.text();
  assertIncludes(html, "version 1.0.0 of race.skill is already published");
});

Deno.test("the owner's package page shows readme, facts, capabilities and versions; anyone else gets 404", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "page.skill", "1.0.0");
  // The facts are the latest version's.
  const published = await publishTestVersion(app, user, "page.skill", "1.1.0");
  await app.request("/v1/packages/page.skill", {
    method: "PATCH",
    headers: {
      cookie: user.cookie,
      origin: app.config.publicOrigin,
      "content-type": "application/json",
    },
    body: JSON.stringify({ readme: "# Hello\n\nA *readme*.", description: "Reads pages" }),
  });
  const { res, html } = await get(app, user, "/packages/page.skill");
  assert.equal(res.status, 200);
  assertIncludes(html, '<h1 id="readme-hello">Hello <a href="#readme-hello"');
  assertIncludes(html, "<em>readme</em>");
  assertIncludes(html, "Reads pages");
  assertIncludes(html, published.artifact_digest);
  assertIncludes(html, published.version_info.manifest_hash);
  assertIncludes(html, published.version_info.keys_digest);
  assertIncludes(html, "✓</span> Verified");
  assertIncludes(html, "Read files under this path");
  assertIncludes(html, 'href="/v1/packages/page.skill/versions/1.0.0/bundle"');
  assertIncludes(html, 'href="/v1/packages/page.skill/versions/1.1.0/artifact"');
  assertIncludes(html, 'href="/packages/new?package=page.skill"');
  assertIncludes(html, 'href="/packages/page.skill/settings"');
  assertExcludes(html, "Public page");
  // The download links work with the session cookie.
  const dl = await app.request("/v1/packages/page.skill/versions/1.0.0/artifact", {
    headers: { cookie: user.cookie },
  });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get("content-type"), "application/wasm");
  await dl.body?.cancel();

  const other = await createUser(app);
  const theirs = await get(app, other, "/packages/page.skill");
  const missing = await get(app, other, "/packages/nothing.here");
  assert.equal(theirs.res.status, 404);
  assert.equal(
    theirs.html.replaceAll("page.skill", "X"),
    missing.html.replaceAll("nothing.here", "X"),
  );
});

Deno.test("a version is deprecated with a message from the package page, and the deprecation undone", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "dep.skill", "1.0.0");
  await publishTestVersion(app, user, "dep.skill", "1.1.0");
  const res = await post(
    app,
    user,
    "/packages/dep.skill",
    new URLSearchParams({
      action: "deprecate_version",
      version: "1.1.0",
      message: "Crashes; use 1.0.0",
    }),
  );
  assert.equal(res.status, 303);
  const page = (await get(app, user, res.headers.get("location")!)).html;
  assertIncludes(page, "Version 1.1.0 is deprecated.");
  assertIncludes(page, "Crashes; use 1.0.0");
  assertIncludes(page, ">Deprecated</span>");
  assertIncludes(page, "Undo deprecation");
  const undo = await post(
    app,
    user,
    "/packages/dep.skill",
    new URLSearchParams({ action: "undeprecate_version", version: "1.1.0" }),
  );
  const after = (await get(app, user, undo.headers.get("location")!)).html;
  assertIncludes(after, "Version 1.1.0 is no longer deprecated.");
  assertExcludes(after, "Crashes; use 1.0.0");
  const missing = await post(
    app,
    user,
    "/packages/dep.skill",
    new URLSearchParams({ action: "deprecate_version", version: "9.9.9" }),
  );
  assert.equal(missing.status, 404);
});

Deno.test("when blob storage is down, the upload form and the confirm step say so with 503 and nothing is published", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inactu-pages-blobs-" });
  await using _cleanup = { [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
  const blobs = new SwitchableStore(dir);
  await using app = await createTestApp({ blobs });
  const user = await createUser(app);
  const archive = await bundleArchive("down.skill", "1.0.0");
  const review = await stage(app, user, archive);
  blobs.down = true;
  const confirm = await post(app, user, review, new URLSearchParams());
  assert.equal(confirm.status, 503);
  assertIncludes(await confirm.text(), "Blob storage is unavailable, so nothing was published");
  assert.equal((await get(app, user, "/packages/down.skill")).res.status, 404);
  const upload = await post(app, user, "/packages/new", bundleForm(archive));
  assert.equal(upload.status, 503);
  assertIncludes(await upload.text(), "Blob storage is unavailable, so the upload was not kept");
});

Deno.test("going back to the review after publishing says the bundle is already published as 1.0.0, with a link", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const review = await stage(app, user, await bundleArchive("back.skill", "1.0.0"));
  const done = await post(app, user, review, new URLSearchParams());
  assert.equal(done.status, 303);
  const back = await get(app, user, review);
  assertIncludes(back.html, "This bundle is already published as 1.0.0.");
  assertIncludes(back.html, 'href="/packages/back.skill"');
  assertExcludes(back.html, "The bundle did not verify.");
  // Other contents under the same version number are still a failure.
  const other = await stage(
    app,
    user,
    await bundleArchive("back.skill", "1.0.0", { capabilities: [] }),
  );
  const refused = await get(app, user, other);
  assertIncludes(refused.html, "The bundle did not verify.");
  assertExcludes(refused.html, "already published as");
});
