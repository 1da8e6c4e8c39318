// Every path and query parameter of the package routes, sent malformed: never a 500, never an
// error in the log. A malformed version is the 404 a missing version gets; a cursor that this
// list did not give out is a 400 that says so.
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";

/** Values a path or query parameter should survive, written as they go into the URL. */
const BAD = [
  "abc",
  "v1.0.0",
  "01.0.0",
  "1.0",
  "1.0.0-",
  "1.0.0%2B",
  "%20",
  "%00",
  "%ff",
  "%E2%80%AE",
  "..",
  "__proto__",
  "constructor",
  "toString",
  "-1",
  "1e999",
  "NaN",
  "%5B%5D",
  "x".repeat(3000),
  "9".repeat(400),
];

const json = (v: unknown) => encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(v)));

/** Cursors of every wrong shape: not base64, not JSON, wrong types, out-of-range numbers. */
const BAD_CURSORS = [
  "!!!",
  "%ff",
  "AAAA",
  json(null),
  json({}),
  json("updated"),
  json([]),
  json(["updated"]),
  json(["updated", "x", "y"]),
  json(["updated", 1e300, "y"]),
  json(["updated", -1e20, "y"]),
  json(["updated", 1.5, "y"]),
  json(["updated", 1, 2]),
  json(["updated", 1, "y", "extra"]),
  json(["created", "zz", "y"]),
  json(["published", null, "y"]),
  json(["name", 5, "y"]),
  json(["name", { a: 1 }, "y"]),
  json(["name", "a", "y".repeat(400)]),
  json(["bogus", 1, "y"]),
];

interface Fixture {
  app: TestApp;
  owner: TestUser;
}

async function check(f: Fixture, path: string, init: RequestInit = {}) {
  const headers = { cookie: f.owner.cookie, origin: f.app.config.publicOrigin };
  const res = await f.app.request(path, { ...init, headers: { ...headers, ...init.headers } });
  const body = await res.text();
  assert.notEqual(res.status, 500, `${init.method ?? "GET"} ${path.slice(0, 120)}: ${body}`);
  return { status: res.status, body };
}

Deno.test("malformed path and query values on the package routes never answer 500", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "ok.skill", "1.0.0", { visibility: "public" });
  const f = { app, owner };
  const h = owner.handle;
  for (const v of BAD) {
    const paths = [
      `/v1/packages/${v}`,
      `/v1/packages/${v}/versions`,
      `/v1/packages/${v}/versions/1.0.0`,
      `/v1/packages/ok.skill/versions/${v}`,
      `/v1/packages/ok.skill/versions/${v}/bundle`,
      `/v1/packages/ok.skill/versions/${v}/artifact`,
      `/@${v}`,
      `/@${h}/${v}`,
      `/@${v}/ok.skill/versions/1.0.0/bundle`,
      `/@${h}/ok.skill/versions/${v}/bundle`,
      `/@${h}/ok.skill/versions/${v}/artifact`,
      `/packages/${v}`,
      `/packages/${v}/settings`,
      `/packages/${v}/visibility`,
      `/packages/ok.skill?published=${v}`,
      `/packages/ok.skill?notice=${v}`,
      `/packages/ok.skill?notice=deprecated&version=${v}`,
      `/packages/ok.skill/settings?notice=${v}`,
      `/packages/new?package=${v}`,
      `/packages/new/review?upload=${v}`,
      `/packages/new/review?upload=sha256:${"0".repeat(64)}&package=${v}`,
    ];
    for (const p of ["q", "visibility", "status", "sort", "cursor", "limit"]) {
      paths.push(`/v1/packages?${p}=${v}`, `/packages?${p}=${v}`);
    }
    for (const p of ["q", "sort", "cursor"]) paths.push(`/explore?${p}=${v}`, `/@${h}?${p}=${v}`);
    for (const path of paths) await check(f, path);
    await check(f, `/v1/packages/ok.skill/versions/${v}/deprecate`, { method: "POST" });
    await check(f, `/v1/packages/ok.skill/versions/${v}/deprecate`, { method: "DELETE" });
    await check(f, `/v1/packages/${v}`, { method: "PATCH", body: "{}" });
    const field = decodeURIComponent(v.replace("%ff", "ÿ"));
    await check(f, "/packages/ok.skill", {
      method: "POST",
      body: new URLSearchParams({ action: "deprecate_version", version: field }),
    });
    await check(f, "/packages/ok.skill/settings", {
      method: "POST",
      body: new URLSearchParams({ action: field }),
    });
  }
  const errors = app.logs.filter((line) => JSON.parse(line).level === "error");
  assert.deepEqual(errors, []);
});

Deno.test("a malformed version answers exactly like a missing one, on the API and the public downloads", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "ok.skill", "1.0.0", { visibility: "public" });
  const f = { app, owner };
  const routes: [string, string][] = [
    ["/v1/packages/ok.skill/versions/V", "GET"],
    ["/v1/packages/ok.skill/versions/V/bundle", "GET"],
    ["/v1/packages/ok.skill/versions/V/artifact", "GET"],
    ["/v1/packages/ok.skill/versions/V/deprecate", "POST"],
    ["/v1/packages/ok.skill/versions/V/deprecate", "DELETE"],
    [`/@${owner.handle}/ok.skill/versions/V/bundle`, "GET"],
    [`/@${owner.handle}/ok.skill/versions/V/artifact`, "GET"],
  ];
  for (const [path, method] of routes) {
    // The 404 page names the path it was asked for; the rest must be the same.
    const answer = async (v: string) => {
      const { status, body } = await check(f, path.replace("V", v), { method });
      return { status, body: body.replaceAll(path.replace("V", v), "PATH") };
    };
    const missing = await answer("9.9.9");
    assert.equal(missing.status, 404);
    for (const v of ["abc", "v1.0.0", "1.0", "1.0.0%2B", "%20", "x".repeat(3000)]) {
      assert.deepEqual(await answer(v), missing, path.replace("V", v));
    }
  }
});

Deno.test("a cursor of the wrong shape is a 400 saying it is not a cursor this list gave out", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  await publishTestVersion(app, owner, "ok.skill", "1.0.0", { visibility: "public" });
  const f = { app, owner };
  for (const cursor of BAD_CURSORS) {
    for (const sort of ["", "&sort=created", "&sort=name", "&sort=published"]) {
      for (const list of ["/v1/packages", "/packages", "/explore", `/@${owner.handle}`]) {
        const { status, body } = await check(f, `${list}?cursor=${cursor}${sort}`);
        assert.equal(status, 400, `${list}?cursor=${cursor}${sort}: ${body}`);
        assertIncludes(body, "cursor: is not a cursor this list gave out");
      }
    }
  }
});

Deno.test("a cursor a list gave out still pages that list, under its own sort", async () => {
  await using app = await createTestApp();
  const owner = await createUser(app);
  for (const name of ["a.skill", "b.skill", "c.skill"]) {
    await publishTestVersion(app, owner, name, "1.0.0", { visibility: "public" });
    app.clock.advance(1000);
  }
  const f = { app, owner };
  for (const sort of ["updated", "created", "name", "published"]) {
    const first = JSON.parse((await check(f, `/v1/packages?limit=2&sort=${sort}`)).body);
    assert.ok(first.next_cursor, sort);
    const next = await check(f, `/v1/packages?limit=2&sort=${sort}&cursor=${first.next_cursor}`);
    assert.equal(next.status, 200, next.body);
    assert.equal(JSON.parse(next.body).packages.length, 1);
    const other = sort === "name" ? "created" : "name";
    const wrong = await check(f, `/v1/packages?limit=2&sort=${other}&cursor=${first.next_cursor}`);
    assert.equal(wrong.status, 400);
  }
});
