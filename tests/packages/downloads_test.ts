// Download counts: counted in memory on the download path, added to the database by a flush,
// never twice for the same caller and version within the burst window.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { DOWNLOAD_BURST_MS } from "@/lib/packages/downloads.ts";
import { DAY } from "@/lib/time.ts";

async function download(app: TestApp, path: string, init: { ip?: string; cookie?: string } = {}) {
  const res = await app.request(path, {
    ip: init.ip,
    headers: init.cookie ? { cookie: init.cookie } : {},
  });
  assert.equal(res.status, 200);
  await res.body?.cancel();
}

async function packageDownloads(app: TestApp, owner: TestUser, name: string) {
  const res = await app.request(`/v1/packages/${name}`, { headers: { cookie: owner.cookie } });
  return (await res.json()).package.downloads;
}

Deno.test("downloads are counted once per caller in a burst, and appear in /v1 after a flush", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "dl.skill", "1.0.0", { visibility: "public" });
  const bundle = `/@${owner.handle}/dl.skill/versions/1.0.0/bundle`;
  const artifact = `/@${owner.handle}/dl.skill/versions/1.0.0/artifact`;
  await download(app, bundle, { ip: "203.0.113.1" });
  await download(app, bundle, { ip: "203.0.113.1" });
  await download(app, artifact, { ip: "203.0.113.1" });
  await download(app, bundle, { ip: "203.0.113.2" });
  await download(app, bundle, { cookie: owner.cookie, ip: "203.0.113.3" });
  await download(app, bundle, { cookie: owner.cookie, ip: "203.0.113.4" });
  // Nothing is written until the flush.
  assert.equal((await packageDownloads(app, owner, "dl.skill")).total, 0);
  assert.equal(app.services.downloads.pending, 3);
  assert.equal(await app.services.downloads.flush(app.services.db), 3);
  const stats = await packageDownloads(app, owner, "dl.skill");
  assert.equal(stats.total, 3);
  assert.equal(stats.days.length, 30);
  assert.deepEqual(stats.days.at(-1), { day: "2026-11-25", count: 3 });

  // After the burst window the same caller counts again; on the next day, on that day.
  app.clock.advance(DOWNLOAD_BURST_MS);
  await download(app, bundle, { ip: "203.0.113.1" });
  app.clock.advance(DAY);
  await download(app, bundle, { ip: "203.0.113.1" });
  await app.services.downloads.flush(app.services.db);
  const later = await packageDownloads(app, owner, "dl.skill");
  assert.equal(later.total, 5);
  assert.deepEqual(later.days.slice(-2), [
    { day: "2026-11-25", count: 4 },
    { day: "2026-11-26", count: 1 },
  ]);
});

Deno.test("a version's JSON carries its own downloads, and flushing twice adds nothing twice", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "dl.two", "1.0.0");
  await publishTestVersion(app, owner, "dl.two", "2.0.0", { value: 2 });
  await download(app, "/v1/packages/dl.two/versions/2.0.0/bundle", { cookie: owner.cookie });
  await app.services.downloads.flush(app.services.db);
  assert.equal(await app.services.downloads.flush(app.services.db), 0);
  const one = await (await app.request("/v1/packages/dl.two/versions/1.0.0", {
    headers: { cookie: owner.cookie },
  })).json();
  const two = await (await app.request("/v1/packages/dl.two/versions/2.0.0", {
    headers: { cookie: owner.cookie },
  })).json();
  assert.equal(one.version.downloads.total, 0);
  assert.equal(two.version.downloads.total, 1);
});

Deno.test("a HEAD or a 304 of a download is not counted", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "dl.head", "1.0.0", { visibility: "public" });
  const path = `/@${owner.handle}/dl.head/versions/1.0.0/bundle`;
  const head = await app.request(path, { method: "HEAD" });
  assert.equal(head.status, 200);
  const etag = head.headers.get("etag")!;
  const again = await app.request(path, { headers: { "if-none-match": etag } });
  assert.equal(again.status, 304);
  assert.equal(app.services.downloads.pending, 0);
});

Deno.test("the public package page shows the downloads chart with a text summary", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "dl.page", "1.0.0", { visibility: "public" });
  const page = `/@${owner.handle}/dl.page`;
  assertIncludes(await (await app.request(page)).text(), "0 downloads in the last 30 days");
  await download(app, `${page}/versions/1.0.0/bundle`, { ip: "198.51.100.7" });
  await app.services.downloads.flush(app.services.db);
  // The page cached before the flush is not served again: the counts are part of its key.
  const html = await (await app.request(page)).text();
  assertIncludes(html, 'role="img" aria-labelledby="downloads-summary"');
  assertIncludes(
    html,
    "1 download in the last 30 days (2026-10-27 to 2026-11-25), most on 2026-11-25 (1 download); 1 download in total.",
  );
});

Deno.test("a flush that fails keeps the counts for the next flush", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "dl.retry", "1.0.0", { visibility: "public" });
  await download(app, `/@${owner.handle}/dl.retry/versions/1.0.0/bundle`);
  const { db } = app.services;
  const busy = Object.assign(Object.create(db), {
    batch: () => Promise.reject(new Error("database is locked")),
  }) as typeof db;
  const failed = await app.services.downloads.flush(busy).catch((e) => e);
  assertIncludes(String(failed), "database is locked");
  assert.equal(app.services.downloads.pending, 1);
  assert.equal(await app.services.downloads.flush(db), 1);
  assert.equal((await packageDownloads(app, owner, "dl.retry")).total, 1);
});
