// The owner's /packages list is kept in process per page and per owners.packages_version
// (lib/packages/list_cache.ts), which SQLite triggers move on every write to a package. What a
// user must see: every change at once, on the instance that made it and on any other.
import { assert } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { acme, api, orgApp } from "../orgs/helpers.ts";
import { publishAt } from "../orgs/package_helpers.ts";

async function view(app: TestApp, user: TestUser, path = "/packages"): Promise<string> {
  const res = await app.request(path, { headers: { cookie: user.cookie } });
  assert.equal(res.status, 200, path);
  return await res.text();
}

/** The list itself (the filters name every status and visibility too). */
function rows(html: string): string {
  const start = html.indexOf('aria-label="Your packages"');
  return start === -1 ? "" : html.slice(start, html.indexOf("</ul>", start));
}

async function patch(app: TestApp, user: TestUser, name: string, body: unknown) {
  const res = await api(app, user, "PATCH", `/v1/packages/${name}`, body);
  assert.equal(res.status, 200, await res.text());
}

Deno.test("the /packages list shows each change at once, on the instance that made it and on another", async () => {
  await using a = await createTestApp();
  await using b = await createTestApp({ env: { DATABASE_URL: a.config.database.url } });
  const user = await createUser(a, { handle: "lister" });
  // Both instances keep what they rendered before each change; their clocks stand still, so
  // the changes below all carry the same updated_at.
  const both = async (check: (html: string) => boolean, what: string, path?: string) => {
    for (const [name, app] of [["a", a], ["b", b]] as const) {
      const html = await view(app, user, path);
      assert.ok(check(html), `${what} on instance ${name}`);
    }
  };
  await both((h) => h.includes("Publish your first skill"), "the empty state");
  await publishTestVersion(a, user, "counter", "1.0.0");
  await both((h) => h.includes('href="/packages/counter"') && h.includes(">1.0.0<"), "1.0.0");
  await both((h) => h.includes('href="/packages/counter"'), "a search", "/packages?q=count");
  await publishTestVersion(a, user, "counter", "1.1.0");
  await both((h) => h.includes(">1.1.0<") && !h.includes(">1.0.0<"), "1.1.0");
  await patch(a, user, "counter", { description: "Counts what it is given" });
  await both((h) => h.includes("Counts what it is given"), "the description");
  await both(
    (h) => h.includes("No packages match"),
    "no deprecated ones",
    "/packages?status=deprecated",
  );
  await patch(a, user, "counter", { deprecated: "use tally instead" });
  await both((h) => rows(h).includes(">Deprecated<"), "the deprecated badge");
  await both(
    (h) => h.includes('href="/packages/counter"'),
    "the filter",
    "/packages?status=deprecated",
  );
  await both((h) => rows(h).includes(">Private<") && !rows(h).includes(">Public<"), "private");
  await patch(a, user, "counter", { visibility: "public" });
  await both((h) => rows(h).includes(">Public<") && !rows(h).includes(">Private<"), "public");
  await publishTestVersion(b, user, "tally", "0.1.0");
  await both((h) => h.includes('href="/packages/tally"'), "a package published on b");
});

Deno.test("a kept page's 'N minutes ago' follows the clock", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  await publishTestVersion(app, user, "clocked", "1.0.0");
  assert.ok((await view(app, user)).includes(">just now</time>"));
  app.clock.advance(3 * 60_000);
  assert.ok((await view(app, user)).includes(">3 minutes ago</time>"));
  app.clock.advance(2 * 3_600_000);
  assert.ok((await view(app, user)).includes(">2 hours ago</time>"));
});

Deno.test("every write to a package but a download count flush moves its owner's packages_version; a move moves both owners'", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const other = await createUser(app);
  await publishTestVersion(app, user, "watched", "1.0.0");
  const { client } = app.services.database;
  const version = async (handle: string) =>
    Number(
      (await client.execute({
        sql: "SELECT packages_version FROM owners WHERE handle = ?",
        args: [handle],
      })).rows[0]!.packages_version,
    );
  const id = String(
    (await client.execute("SELECT id FROM packages WHERE name = 'watched'")).rows[0]!.id,
  );
  const columns = (await client.execute("SELECT name FROM pragma_table_info('packages')")).rows
    .map((r) => String(r.name));
  assert.ok(columns.includes("latest_version") && columns.includes("download_count"));
  for (const column of columns) {
    if (column === "owner_id") continue;
    const before = await version(user.handle);
    // Writing a value over itself still fires the UPDATE OF trigger.
    await client.execute({
      sql: `UPDATE packages SET "${column}" = "${column}" WHERE id = ?`,
      args: [id],
    });
    const moved = (await version(user.handle)) - before;
    assert.equal(moved, column === "download_count" ? 0 : 1, column);
  }
  const [mine, theirs] = [await version(user.handle), await version(other.handle)];
  await client.execute({
    sql: "UPDATE packages SET owner_id = (SELECT id FROM owners WHERE handle = ?) WHERE id = ?",
    args: [other.handle, id],
  });
  assert.deepEqual(
    [await version(user.handle) - mine, await version(other.handle) - theirs],
    [1, 1],
  );
  await client.execute({ sql: "DELETE FROM packages WHERE id = ?", args: [id] });
  assert.equal(await version(other.handle) - theirs, 2);
  assert.ok(!(await view(app, other)).includes("watched"));
});

Deno.test("an organization's kept list is shared only by readers the policy lets see the same packages", async () => {
  await using app = await orgApp();
  const { owner, member } = await acme(app);
  for (const [name, visibility] of [["hidden.skill", "private"], ["open.skill", "public"]]) {
    const res = await publishAt(app, owner, "acme", name!, "1.0.0", { visibility: visibility! });
    assert.equal(res.status, 201, await res.text());
  }
  const list = (user: TestUser) => view(app, user, "/packages?owner=acme");
  // The owner's view is kept first; a plain member may read only the public one.
  const seen = await list(owner);
  assert.ok(rows(seen).includes("hidden.skill") && rows(seen).includes("open.skill"));
  const theirs = await list(member);
  assert.ok(rows(theirs).includes("open.skill") && !rows(theirs).includes("hidden.skill"));
  assert.ok(rows(await list(owner)).includes("hidden.skill"));
});
