// Public pages (/@handle, /@handle/name, /explore) and public downloads: the same bytes for
// every visitor, cacheable with a strong ETag, and the same 404 for anything not public.
import { encodeHexLowerCase } from "@oslojs/encoding";
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";

const CACHE = "public, max-age=0, must-revalidate, s-maxage=600";

async function get(app: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function patch(app: TestApp, user: TestUser, name: string, body: unknown) {
  return app.request(`/v1/packages/${name}`, {
    method: "PATCH",
    headers: {
      cookie: user.cookie,
      origin: app.config.publicOrigin,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  }).then((res) => res.body?.cancel());
}

Deno.test("a public package page is the same bytes for everyone, with a strong ETag, Cache-Control and 304", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const visitor = await createUser(app);
  const published = await publishTestVersion(app, owner, "pub.skill", "1.0.0", {
    visibility: "public",
  });
  await patch(app, owner, "pub.skill", { readme: "# Pub\n\nPublic **readme**." });
  const path = `/@${owner.handle}/pub.skill`;
  const anon = await get(app, path);
  assert.equal(anon.res.status, 200);
  assert.equal(anon.res.headers.get("cache-control"), CACHE);
  const etag = anon.res.headers.get("etag")!;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", anon.bytes));
  assert.equal(etag, `"${encodeHexLowerCase(digest)}"`);

  const html = text(anon.bytes);
  assertIncludes(html, "<strong>readme</strong>");
  assertIncludes(html, published.artifact_digest);
  assertIncludes(html, published.version_info.manifest_hash);
  assertIncludes(html, published.version_info.keys_digest);
  assertIncludes(html, "✓</span> Verified");
  assertIncludes(html, "Read files under this path");
  assertIncludes(html, `href="${path}/versions/1.0.0/bundle"`);
  assertIncludes(html, ">2026-11-25</time>");
  // The neutral header links like the signed-out one (it said "Your account" before).
  assertIncludes(html, 'href="/login"');
  assertIncludes(html, 'href="/signup"');
  assertExcludes(html, "Your account");
  // No private data: no settings, no actions, no user in the header.
  assertExcludes(html, "/settings");
  assertExcludes(html, "Sign out");
  assertExcludes(html, "Publish a new version");
  assertExcludes(html, "Deprecate");
  assertExcludes(html, owner.email);

  // Signed in as the owner, as someone else, an hour later: the same bytes.
  app.clock.advance(3_600_000);
  for (const user of [owner, visitor]) {
    const seen = await get(app, path, { cookie: user.cookie });
    assert.equal(seen.res.headers.get("etag"), etag);
    assert.deepEqual(seen.bytes, anon.bytes);
  }
  const cached = await get(app, path, { "if-none-match": etag });
  assert.equal(cached.res.status, 304);
  assert.equal(cached.bytes.byteLength, 0);
  assert.equal(cached.res.headers.get("etag"), etag);
  assert.equal(cached.res.headers.get("cache-control"), CACHE);
  const weak = await get(app, path, { "if-none-match": `"other", W/${etag}` });
  assert.equal(weak.res.status, 304);
  // A change gives a new ETag, so caches revalidate to the new page.
  await patch(app, owner, "pub.skill", { description: "Now described" });
  const changed = await get(app, path, { "if-none-match": etag });
  assert.equal(changed.res.status, 200);
  assert.notEqual(changed.res.headers.get("etag"), etag);
  assertIncludes(text(changed.bytes), "Now described");
  // So does deprecating a version: the page is never served stale from the server's cache.
  app.clock.advance(1000);
  const dep = await app.request(`/v1/packages/pub.skill/versions/1.0.0/deprecate`, {
    method: "POST",
    headers: { cookie: owner.cookie, origin: app.config.publicOrigin },
  });
  assert.equal(dep.status, 200);
  await dep.body?.cancel();
  const deprecated = await get(app, path);
  assertIncludes(text(deprecated.bytes), ">Deprecated</span>");
  const head = await app.request(path, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("cache-control"), CACHE);
  assert.equal(head.headers.get("etag"), deprecated.res.headers.get("etag"));
  assert.equal(await head.text(), "");
});

Deno.test("private and missing packages and unknown handles are the same 404 on pages and downloads", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "secret.skill", "1.0.0");
  const h = owner.handle;
  const cases = [
    [`/@${h}/secret.skill`, `/@${h}/missing.skill`, "/@nobody-here/secret.skill"],
    [
      `/@${h}/secret.skill/versions/1.0.0/bundle`,
      `/@${h}/missing.skill/versions/1.0.0/bundle`,
      "/@nobody-here/secret.skill/versions/1.0.0/bundle",
    ],
    [
      `/@${h}/secret.skill/versions/1.0.0/artifact`,
      `/@${h}/secret.skill/versions/9.9.9/artifact`,
      "/@nobody-here/secret.skill/versions/1.0.0/artifact",
    ],
  ];
  for (const paths of cases) {
    const bodies: string[] = [];
    for (const path of paths) {
      // The owner, signed in, gets the same answer as anyone: the public URL is not theirs.
      for (const headers of [{}, { cookie: owner.cookie }] as Record<string, string>[]) {
        const { res, bytes } = await get(app, path, headers);
        assert.equal(res.status, 404, path);
        assert.equal(res.headers.get("cache-control"), "no-store");
        bodies.push(text(bytes).replaceAll(path, "PATH"));
      }
    }
    assert.equal(new Set(bodies.filter((_, i) => i % 2 === 0)).size, 1, paths.join(" "));
  }
  assert.equal((await get(app, "/@nobody-here")).res.status, 404);
});

Deno.test("public downloads serve the archive and the wasm with digest ETags, cacheable for a year", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const published = await publishTestVersion(app, owner, "dl.skill", "1.0.0", {
    visibility: "public",
  });
  const base = `/@${owner.handle}/dl.skill/versions/1.0.0`;
  const wasm = await get(app, `${base}/artifact`);
  assert.equal(wasm.res.status, 200);
  assert.equal(wasm.res.headers.get("content-type"), "application/wasm");
  assert.equal(wasm.res.headers.get("etag"), `"${published.artifact_digest}"`);
  assert.equal(wasm.res.headers.get("cache-control"), "public, max-age=31536000, immutable");
  const bundle = await get(app, `${base}/bundle`);
  assert.equal(bundle.res.headers.get("etag"), `"${published.version_info.archive_digest}"`);
  assert.equal(bundle.bytes.byteLength, published.version_info.archive_size);
  const again = await get(app, `${base}/bundle`, {
    "if-none-match": `"${published.version_info.archive_digest}"`,
  });
  assert.equal(again.res.status, 304);
});

Deno.test("the profile and explore list public packages; unlisted ones are hidden there but reachable by URL", async () => {
  await using app = await createTestApp();
  const ada = await createUser(app);
  const bob = await createUser(app);
  await publishTestVersion(app, ada, "listed.skill", "1.0.0", { visibility: "public" });
  await publishTestVersion(app, ada, "hidden.skill", "1.0.0", { visibility: "public" });
  await publishTestVersion(app, ada, "private.skill", "1.0.0");
  await publishTestVersion(app, bob, "bobs.skill", "2.0.0", { visibility: "public" });
  await patch(app, ada, "hidden.skill", { unlisted: true });
  await patch(app, bob, "bobs.skill", { description: "Counts words", tags: ["text"] });

  const profile = await get(app, `/@${ada.handle}`);
  assert.equal(profile.res.status, 200);
  assert.equal(profile.res.headers.get("cache-control"), CACHE);
  assert.match(profile.res.headers.get("etag")!, /^"[0-9a-f]{64}"$/);
  const profileHtml = text(profile.bytes);
  assertIncludes(profileHtml, `href="/@${ada.handle}/listed.skill"`);
  assertExcludes(profileHtml, "hidden.skill");
  assertExcludes(profileHtml, "private.skill");
  assertExcludes(profileHtml, "bobs.skill");

  const explore = await get(app, "/explore");
  assert.equal(explore.res.headers.get("cache-control"), CACHE);
  const exploreHtml = text(explore.bytes);
  assertIncludes(exploreHtml, "listed.skill");
  assertIncludes(exploreHtml, `href="/@${bob.handle}/bobs.skill"`);
  assertExcludes(exploreHtml, "hidden.skill");
  assertExcludes(exploreHtml, "private.skill");
  const search = text((await get(app, "/explore?q=words")).bytes);
  assertIncludes(search, "bobs.skill");
  assertExcludes(search, "listed.skill");
  assertIncludes(search, 'value="words"');
  assertIncludes(
    text((await get(app, "/explore?q=nothing-like-this")).bytes),
    "No public packages match",
  );
  assert.equal((await get(app, "/explore?sort=size")).res.status, 400);
  assert.deepEqual(
    (await get(app, "/explore", { cookie: ada.cookie })).bytes,
    explore.bytes,
  );

  // Reachable by its link, and the page gives no hint that it is unlisted.
  const hidden = await get(app, `/@${ada.handle}/hidden.skill`);
  assert.equal(hidden.res.status, 200);
  assertExcludes(text(hidden.bytes), "nlisted");
});

Deno.test("mixed-case public addresses redirect to the lowercase one", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "case.skill", "1.0.0", { visibility: "public" });
  const res = await app.request(`/@${owner.handle.toUpperCase()}/Case.Skill`);
  assert.equal(res.status, 308);
  assert.equal(res.headers.get("location"), `/@${owner.handle}/case.skill`);
  const profile = await app.request(`/@${owner.handle.toUpperCase()}?sort=name`);
  assert.equal(profile.headers.get("location"), `/@${owner.handle}?sort=name`);
});

Deno.test("markup in a description, readme or tag is shown as text, never run", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "xss.skill", "1.0.0", { visibility: "public" });
  const script = "<script>alert(1)</script>";
  await patch(app, owner, "xss.skill", {
    description: `Hi ${script}`,
    readme: `# Title\n\n${script}\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))`,
  });
  const pages = [
    `/@${owner.handle}/xss.skill`,
    `/@${owner.handle}`,
    "/explore",
  ];
  for (const path of pages) {
    const html = text((await get(app, path)).bytes);
    // Preact escapes "<" (and "&"), which is what makes markup inert.
    assertIncludes(html, "Hi &lt;script>alert(1)&lt;/script>");
    assertExcludes(html, "<script>alert");
    assertExcludes(html, "onerror");
    assertExcludes(html, "javascript:");
  }
  for (const path of ["/packages", "/packages/xss.skill", "/packages/xss.skill/settings"]) {
    const html = text((await get(app, path, { cookie: owner.cookie })).bytes);
    assertExcludes(html, "<script>alert");
    assertIncludes(html, "&lt;script>alert(1)&lt;/script>");
  }
  // A tag with markup is refused, and the refused input is shown escaped.
  const res = await app.request("/packages/xss.skill/settings", {
    method: "POST",
    headers: { cookie: owner.cookie, origin: app.config.publicOrigin },
    body: new URLSearchParams({ action: "metadata", tags: script }),
  });
  assert.equal(res.status, 400);
  const html = await res.text();
  assertExcludes(html, "<script>alert");
  assertIncludes(html, "&lt;script>alert(1)&lt;/script>");
});

Deno.test("a stale session cookie on a public page gets no Set-Cookie, so the response stays cacheable", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "cache.skill", "1.0.0", { visibility: "public" });
  const stale = `session=${crypto.randomUUID()}.${"a".repeat(43)}`;
  const res = await app.request(`/@${user.handle}/cache.skill`, { headers: { cookie: stale } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get("cache-control") ?? "", /public/);
  assert.deepEqual(res.headers.getSetCookie(), []);
  await res.body?.cancel();
  const page = await app.request("/dashboard", { headers: { cookie: stale } });
  assert.ok(page.headers.getSetCookie().some((c) => c.startsWith("session=;")));
});

Deno.test("explore does not list the public packages of an owner whose address is unverified", async () => {
  await using app = await createTestApp();
  const shown = await createUser(app);
  await publishTestVersion(app, shown, "shown.skill", "1.0.0", { visibility: "public" });
  const unverified = await createUser(app, { verified: false });
  const created = await app.request("/v1/packages", {
    method: "POST",
    headers: {
      cookie: unverified.cookie,
      origin: app.config.publicOrigin,
      "content-type": "application/json",
    },
    body: JSON.stringify({ name: "hidden.skill", visibility: "public" }),
  });
  assert.equal(created.status, 201, await created.text());
  const html = text((await get(app, "/explore")).bytes);
  assertIncludes(html, "shown.skill");
  assertExcludes(html, "hidden.skill");
  assertExcludes(text((await get(app, "/explore?q=hidden")).bytes), "hidden.skill");
  // Its profile answers like a missing handle, as before.
  assert.equal((await get(app, `/@${unverified.handle}`)).res.status, 404);
});

Deno.test("an owner's edit, archive or visibility change shows on the owner's next view, with no stale copy kept by browsers or shared caches", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "fresh.skill", "1.0.0", { visibility: "public" });
  const path = `/@${owner.handle}/fresh.skill`;
  const first = await get(app, path, { cookie: owner.cookie });
  // Browsers ask again on every visit; the owner's copy is never kept by a shared cache, and
  // no shared cache answers a request with a cookie from the anonymous copy.
  assert.equal(first.res.headers.get("cache-control"), "private, no-cache");
  assert.match(first.res.headers.get("vary") ?? "", /Cookie/);
  const anon = await get(app, path);
  assert.equal(anon.res.headers.get("cache-control"), CACHE);
  assert.doesNotMatch(CACHE, /stale-while-revalidate|max-age=60\b/);
  assert.match(anon.res.headers.get("vary") ?? "", /Cookie/);
  const etag = first.res.headers.get("etag")!;

  // The page cache keys on updated_at, which moves with the clock (ADR 0007).
  app.clock.advance(1_000);
  await patch(app, owner, "fresh.skill", { description: "Edited just now" });
  const edited = await get(app, path, { cookie: owner.cookie, "if-none-match": etag });
  assert.equal(edited.res.status, 200);
  assertIncludes(text(edited.bytes), "Edited just now");

  app.clock.advance(1_000);
  await patch(app, owner, "fresh.skill", { archived: true });
  const archived = await get(app, path, { cookie: owner.cookie });
  assertIncludes(text(archived.bytes), "This package is archived");

  await patch(app, owner, "fresh.skill", { archived: false });
  await patch(app, owner, "fresh.skill", { visibility: "private" });
  const hidden = await get(app, path, { cookie: owner.cookie });
  assert.equal(hidden.res.status, 404);
});

Deno.test("tags are links that search, explore finds packages by tag, and visitors see no Public badge", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "tagged.skill", "1.0.0", { visibility: "public" });
  await publishTestVersion(app, owner, "other.skill", "1.0.0", { visibility: "public" });
  await patch(app, owner, "tagged.skill", { tags: ["pdf-tools"] });
  const page = text((await get(app, `/@${owner.handle}/tagged.skill`)).bytes);
  assertIncludes(page, 'href="/explore?q=pdf-tools"');
  assertExcludes(page, ">Public</span>");
  const mine = await get(app, "/packages/tagged.skill", { cookie: owner.cookie });
  assertIncludes(text(mine.bytes), ">Public</span>");
  assertIncludes(text(mine.bytes), 'href="/packages?q=pdf-tools"');

  const found = text((await get(app, "/explore?q=PDF-TOOLS")).bytes);
  assertIncludes(found, "tagged.skill");
  assertExcludes(found, "other.skill");
  const profile = text((await get(app, `/@${owner.handle}?q=pdf`)).bytes);
  assertIncludes(profile, `href="/@${owner.handle}?q=pdf-tools"`);
  assertExcludes(profile, "other.skill");
  // The JSON around the tags is not searched.
  const quote = text((await get(app, '/explore?q=","')).bytes);
  assertIncludes(quote, "No public packages match this search.");
});

Deno.test("the install panel says how to verify: sha256sum -c for both files, each signer's key fingerprint, and what Verified means", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const published = await publishTestVersion(app, owner, "verify.skill", "1.0.0", {
    visibility: "public",
  });
  const html = text((await get(app, `/@${owner.handle}/verify.skill`)).bytes);
  const info = published.version_info;
  const hex = (d: string) => d.replace("sha256:", "");
  const base = `${app.config.publicOrigin}/@${owner.handle}/verify.skill/versions/1.0.0`;
  assertIncludes(
    html,
    `curl -fL -o verify.skill-1.0.0.tar.gz ${base}/bundle -o verify.skill-1.0.0.wasm ${base}/artifact`,
  );
  assertIncludes(
    html,
    `printf '%s  %s\\n' ${hex(info.archive_digest)} verify.skill-1.0.0.tar.gz ${
      hex(info.artifact_digest)
    } verify.skill-1.0.0.wasm | sha256sum -c`,
  );
  const signer = JSON.stringify(published).match(/"key_digest":"(sha256:[0-9a-f]{64})"/)![1]!;
  assertIncludes(html, "Key fingerprint");
  assertIncludes(html, signer);
  assertIncludes(html, "What &quot;Verified&quot; means");
  assertIncludes(html, "It does not say who holds those keys");
});
