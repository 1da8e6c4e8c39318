// A package's settings page: metadata, visibility through its confirmation, and lifecycle.
import { assert, assertExcludes, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { listAuditEvents } from "@/lib/audit/audit.ts";

async function get(app: TestApp, user: TestUser | null, path: string) {
  const res = await app.request(path, { headers: user ? { cookie: user.cookie } : {} });
  return { res, html: await res.text() };
}

function post(app: TestApp, user: TestUser, path: string, fields: Record<string, string>) {
  return app.request(path, {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body: new URLSearchParams(fields),
  });
}

/** Posts a form, expects 303, and returns the page it redirects to. */
async function submit(app: TestApp, user: TestUser, path: string, fields: Record<string, string>) {
  const res = await post(app, user, path, fields);
  assert.equal(res.status, 303, await res.text());
  return (await get(app, user, res.headers.get("location")!)).html;
}

const METADATA = {
  action: "metadata",
  description: "Reads text files",
  tags: "files, IO",
  readme: "# Read text\n\nUse it **well**.",
  homepage: "https://example.com/read",
  repository: "https://github.com/x/read",
};

Deno.test("saving the details shows a notice, and the package page shows them", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "meta.skill", "1.0.0");
  const settings = await get(app, user, "/packages/meta.skill/settings");
  assert.equal(settings.res.status, 200);
  const html = await submit(app, user, "/packages/meta.skill/settings", METADATA);
  assertIncludes(html, "The details are saved.");
  assertIncludes(html, 'value="files, io"');
  const page = (await get(app, user, "/packages/meta.skill")).html;
  assertIncludes(page, "Reads text files");
  assertIncludes(page, "<strong>well</strong>");
  assertIncludes(page, 'href="https://github.com/x/read"');
  assertIncludes(page, ">files</a></li>");
  const { events } = await listAuditEvents(app.services.db, user.ownerId, { limit: 5 });
  assert.equal(events[0]!.action, "package.update");
});

Deno.test("details with errors come back with each reason beside its field and the input kept", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "meta.skill", "1.0.0");
  const res = await post(app, user, "/packages/meta.skill/settings", {
    ...METADATA,
    tags: "good, not good",
    homepage: "http://example.com",
    readme: "x".repeat(64 * 1024 + 1),
  });
  assert.equal(res.status, 400);
  const html = await res.text();
  assertIncludes(html, 'id="field-tags-error"');
  assertIncludes(html, "Each tag must be 1 to 32 lowercase letters, digits or hyphens");
  assertIncludes(html, "(not &quot;not good&quot;)");
  assertIncludes(html, 'id="field-homepage-error"');
  assertIncludes(html, "Homepage must be an https:// URL");
  assertIncludes(html, "Readme must be at most 64 KiB");
  assertIncludes(html, 'value="good, not good"');
  assertIncludes(html, 'value="http://example.com"');
  assertIncludes(html, "Reads text files");
  // Nothing was saved.
  assertExcludes((await get(app, user, "/packages/meta.skill")).html, "Reads text files");
});

Deno.test("a bad tag after an empty entry is named as typed, not its neighbour", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "tags.skill", "1.0.0");
  const res = await post(app, user, "/packages/tags.skill/settings", {
    ...METADATA,
    tags: "a, , B!",
  });
  assert.equal(res.status, 400);
  assertIncludes(await res.text(), "(not &quot;B!&quot;)");
});

Deno.test("deprecate, unlist and archive each change the package with a notice, and undo the same way", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "life.skill", "1.0.0");
  const path = "/packages/life.skill/settings";

  const missing = await post(app, user, path, { action: "deprecate", message: "  " });
  assert.equal(missing.status, 400);
  assertIncludes(await missing.text(), "Say why it is deprecated");
  let html = await submit(app, user, path, { action: "deprecate", message: "Use next.skill" });
  assertIncludes(html, "The package is deprecated.");
  assertIncludes(html, "Undo deprecation");
  assertIncludes((await get(app, user, "/packages/life.skill")).html, "Use next.skill");
  html = await submit(app, user, path, { action: "undeprecate" });
  assertIncludes(html, "The package is no longer deprecated.");

  html = await submit(app, user, path, { action: "unlist" });
  assertIncludes(html, "The package is unlisted");
  assertIncludes((await get(app, user, "/packages/life.skill")).html, "This package is unlisted");
  html = await submit(app, user, path, { action: "relist" });
  assertIncludes(html, "The package is listed again.");

  html = await submit(app, user, path, { action: "archive" });
  assertIncludes(html, "The package is archived and read-only.");
  const page = (await get(app, user, "/packages/life.skill")).html;
  assertIncludes(page, "This package is archived");
  assertExcludes(page, "Publish a new version");
  assertExcludes(page, ">Deprecate<");
  // Read-only: details and lifecycle changes are refused until it is unarchived.
  const refused = await post(app, user, path, METADATA);
  assert.equal(refused.status, 409);
  assertIncludes(await refused.text(), "life.skill is archived and read-only");
  const newVersion = (await get(app, user, "/packages/new?package=life.skill")).html;
  assertIncludes(newVersion, "Archived packages take no new versions.");
  html = await submit(app, user, path, { action: "unarchive" });
  assertIncludes(html, "The package is unarchived");

  const { events } = await listAuditEvents(app.services.db, user.ownerId, { limit: 10 });
  assert.deepEqual(events.slice(0, 6).map((e) => e.action).reverse(), [
    "package.deprecate",
    "package.undeprecate",
    "package.unlist",
    "package.relist",
    "package.archive",
    "package.unarchive",
  ]);
});

Deno.test("making a package public goes through a confirmation that says what changes", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "vis.skill", "1.0.0");
  const settings = (await get(app, user, "/packages/vis.skill/settings")).html;
  assertIncludes(settings, 'href="/packages/vis.skill/visibility"');
  const confirm = await get(app, user, "/packages/vis.skill/visibility");
  assert.equal(confirm.res.status, 200);
  assertIncludes(confirm.html, "vis.skill</span> public?");
  assertIncludes(confirm.html, `/@${user.handle}/vis.skill`);
  assertIncludes(confirm.html, "Anyone can download every version");
  assertIncludes(confirm.html, 'name="visibility" value="public"');
  // Nothing changed by looking.
  assert.equal((await get(app, null, `/@${user.handle}/vis.skill`)).res.status, 404);

  const html = await submit(app, user, "/packages/vis.skill/visibility", { visibility: "public" });
  assertIncludes(html, "The package is public.");
  assert.equal((await get(app, null, `/@${user.handle}/vis.skill`)).res.status, 200);
  assertIncludes((await get(app, user, "/packages/vis.skill")).html, "Public page");

  const back = (await get(app, user, "/packages/vis.skill/visibility")).html;
  assertIncludes(back, "vis.skill</span> private?");
  assertIncludes(back, "answer &quot;not found&quot; for everyone but you");
  await submit(app, user, "/packages/vis.skill/visibility", { visibility: "private" });
  assert.equal((await get(app, null, `/@${user.handle}/vis.skill`)).res.status, 404);

  const bad = await post(app, user, "/packages/vis.skill/visibility", { visibility: "secret" });
  assert.equal(bad.status, 400);
  assertIncludes(await bad.text(), "Choose the visibility: private or public");
});

Deno.test("another user's package settings and confirmation are 404 and change nothing", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  const other = await createUser(app);
  await publishTestVersion(app, owner, "mine.skill", "1.0.0");
  for (const path of ["/packages/mine.skill/settings", "/packages/mine.skill/visibility"]) {
    assert.equal((await get(app, other, path)).res.status, 404);
  }
  const res = await post(app, other, "/packages/mine.skill/visibility", { visibility: "public" });
  assert.equal(res.status, 404);
  await res.body?.cancel();
  assert.equal((await get(app, null, `/@${owner.handle}/mine.skill`)).res.status, 404);
});

Deno.test("Preview readme shows the readme as typed, rendered, without saving it, and without JavaScript", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "meta.skill", "1.0.0");
  const res = await post(app, user, "/packages/meta.skill/settings", {
    ...METADATA,
    readme: "# Draft\n\n- [x] ticked\n\n<script>alert(1)</script>",
    preview: "1",
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  assertIncludes(html, "(not saved yet)");
  assertIncludes(html, '<h1 id="readme-draft">Draft');
  assertIncludes(html, '<input type="checkbox" disabled checked />');
  assertExcludes(html, "<script>alert(1)");
  // The textarea keeps what was typed, and nothing was saved.
  assertIncludes(html, "# Draft");
  assertExcludes(html, "The details are saved.");
  const page = (await get(app, user, "/packages/meta.skill")).html;
  assertExcludes(page, "Draft");
  const tooLong = await post(app, user, "/packages/meta.skill/settings", {
    ...METADATA,
    readme: "x".repeat(65 * 1024),
    preview: "1",
  });
  assertIncludes(await tooLong.text(), "The readme must be at most 64 KiB");
});
