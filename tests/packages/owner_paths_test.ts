// Owner-qualified package paths (docs/adr/0010, "How paths address owners"):
// /v1/packages/@{owner}/{name}/... address any owner's package with the shapes of the
// unqualified paths, for users without the organization flag too.
import { assert } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { acme, orgApp } from "../orgs/helpers.ts";
import { publishAt } from "../orgs/package_helpers.ts";

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

Deno.test("a user's package answers the same at its owner-qualified path as at its own path", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app, { handle: "alice" });
  await publishTestVersion(app, alice, "echo.tool", "1.0.0");
  const headers = asBrowser(app, alice.cookie);
  const pairs: [string, string][] = [
    ["/v1/packages/echo.tool", "/v1/packages/@alice/echo.tool"],
    ["/v1/packages/echo.tool/versions", "/v1/packages/@Alice/echo.tool/versions"],
    ["/v1/packages/echo.tool/versions/1.0.0", "/v1/packages/@alice/echo.tool/versions/1.0.0"],
  ];
  for (const [own, qualified] of pairs) {
    const a = await json(await app.request(own, { headers }));
    const b = await json(await app.request(qualified, { headers }));
    assert.equal(a.status, 200);
    assert.deepEqual(b, a, qualified);
  }
  const wasm = await app.request("/v1/packages/@alice/echo.tool/versions/1.0.0/artifact", {
    headers,
  });
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  await wasm.body?.cancel();
});

Deno.test("a private package answers anyone else exactly like a missing one, a public one answers everybody", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app, { handle: "alice" });
  const bob = await createUser(app, { handle: "bob" });
  await publishTestVersion(app, alice, "secret.tool", "1.0.0");
  await publishTestVersion(app, alice, "open.tool", "1.0.0", { visibility: "public" });
  const asBob = asBrowser(app, bob.cookie);
  const anon = { origin: app.config.publicOrigin };
  for (const headers of [asBob, anon]) {
    const hidden = await json(await app.request("/v1/packages/@alice/secret.tool", { headers }));
    const missing = await json(await app.request("/v1/packages/@alice/no.such", { headers }));
    assert.deepEqual(hidden, { status: 404, body: { error: "package not found" } });
    assert.deepEqual(missing, hidden);
    const open = await app.request("/v1/packages/@alice/open.tool/versions", { headers });
    assert.equal(open.status, 200);
    assert.equal((await open.json()).versions[0].version, "1.0.0");
  }
  // Bob may read the public package but not change it (403); signed out, a change is 401.
  const patch = await app.request("/v1/packages/@alice/open.tool", {
    method: "PATCH",
    headers: { ...asBob, "content-type": "application/json" },
    body: JSON.stringify({ description: "mine now" }),
  });
  assert.equal(patch.status, 403);
  const hiddenPatch = await app.request("/v1/packages/@alice/secret.tool", {
    method: "PATCH",
    headers: { ...asBob, "content-type": "application/json" },
    body: JSON.stringify({ description: "mine now" }),
  });
  assert.equal(hiddenPatch.status, 404);
  await hiddenPatch.body?.cancel();
  await patch.body?.cancel();
});

Deno.test("an owner-qualified path that matches no route never reaches a package named with '@'", async () => {
  await using app = await createTestApp();
  const alice = await createUser(app, { handle: "alice" });
  await publishTestVersion(app, alice, "echo.tool", "1.0.0");
  const headers = asBrowser(app, alice.cookie);
  // `@alice/versions/1.0.0` would fit /v1/packages/{package}/versions/{version} with package
  // "@alice": it is a missing package, never a lookup or a publish under that name.
  for (const path of ["/v1/packages/@alice/versions/1.0.0", "/v1/packages/@alice"]) {
    const res = await json(await app.request(path, { headers }));
    assert.deepEqual(res, { status: 404, body: { error: "package not found" } }, path);
  }
});

Deno.test("owner-qualified paths address an organization's packages with the flag on", async () => {
  await using app = await orgApp();
  const people = await acme(app);
  const res = await publishAt(app, people.admin, "acme", "acme.tool", "1.0.0");
  assert.equal(res.status, 201, await res.clone().text());
  const body = await res.json();
  assert.equal(body.package_info.owner, "acme");
  assert.equal(body.created_package, true);
  const got = await app.request("/v1/packages/@acme/acme.tool", {
    headers: asBrowser(app, people.owner.cookie),
  });
  assert.equal(got.status, 200);
  assert.equal((await got.json()).package.owner, "acme");
});
