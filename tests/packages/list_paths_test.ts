// Package lists have two read paths (lib/db/rows.ts): the native reader on an embedded database
// and Drizzle on a remote one. Both must give the same pages, whatever the sort, the filters,
// the search and the cursor.
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { publishTestVersion, sessionActor } from "../helpers/packages.ts";
import {
  type ListOptions,
  listOwnPackageRows,
  listOwnPackages,
  listPublicPackages,
} from "@/lib/packages/list.ts";
import { PACKAGE_SORTS, PACKAGE_STATUSES } from "@/lib/packages/packages.ts";
import { decodePackageCursor } from "@/lib/packages/list_query.ts";

Deno.test("package lists show the same pages through the native reader and through Drizzle, for every sort, filter, search and cursor", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const actor = sessionActor(user);
  for (const [i, name] of ["alpha.fs", "beta.net", "gamma.fs"].entries()) {
    app.clock.advance(1000);
    await publishTestVersion(app, user, name, "1.0.0", { visibility: i ? "public" : "private" });
  }
  for (const name of ["delta.kv", "eps_fs", "zeta.kv"]) {
    app.clock.advance(1000);
    const res = await app.request("/v1/packages", {
      method: "POST",
      headers: asBrowser(app, user.cookie),
      body: JSON.stringify({ name, description: `The ${name} skill`, visibility: "public" }),
    });
    assert.equal(res.status, 201, await res.text());
  }
  const patched = await app.request("/v1/packages/zeta.kv", {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ deprecated: "old", tags: ["storage"] }),
  });
  assert.equal(patched.status, 200, await patched.text());
  const native = app.services;
  assert.ok(native.database.nativeGet, "an embedded test database has the native path");
  const drizzle = { ...native, database: { ...native.database, nativeGet: null } };

  const queries: Omit<ListOptions, "limit">[] = [
    {},
    { q: "FS" },
    { q: "_" },
    { q: "stor" },
    { visibility: "public" },
    ...PACKAGE_STATUSES.map((status) => ({ status })),
  ];
  let pages = 0;
  for (const sort of PACKAGE_SORTS) {
    for (const query of queries) {
      let cursor: string | null = null;
      do {
        const options: ListOptions = {
          ...query,
          sort,
          limit: 2,
          cursor: cursor ? decodePackageCursor(cursor, sort)! : undefined,
        };
        const a = await listOwnPackages(native, actor, options);
        const b = await listOwnPackages(drizzle, actor, options);
        assert.deepEqual(a, b, JSON.stringify(options));
        const rows = await listOwnPackageRows(native, actor, options);
        assert.deepEqual(rows, await listOwnPackageRows(drizzle, actor, options));
        assert.deepEqual(rows.packages.map((p) => p.id), a.packages.map((p) => p.id));
        assert.equal(rows.nextCursor, a.nextCursor);
        const c = await listPublicPackages(native, { ...options, ownerId: user.ownerId });
        const d = await listPublicPackages(drizzle, { ...options, ownerId: user.ownerId });
        assert.deepEqual(c, d, JSON.stringify(options));
        assert.ok(c.packages.every((p) => p.visibility === "public" && p.handle === user.handle));
        cursor = a.nextCursor;
        pages++;
      } while (cursor);
    }
  }
  const all = await listOwnPackages(native, actor, { sort: "name", limit: 10 });
  assert.deepEqual(all.packages.map((p) => p.name), [
    "alpha.fs",
    "beta.net",
    "delta.kv",
    "eps_fs",
    "gamma.fs",
    "zeta.kv",
  ]);
  assert.ok(all.packages[0]!.createdAt instanceof Date);
  assert.deepEqual(all.packages[5]!.tags, ["storage"]);
  assert.ok(pages > 40, `only ${pages} pages compared`);
});
