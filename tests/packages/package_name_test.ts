// One package name rule (lib/packages/bundle/version.ts isPackageName), applied wherever a
// package comes to exist: POST /v1/packages, a first publish, and createPackage itself.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp } from "../helpers/app.ts";
import { asBrowser, createUser, postJson } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, sessionActor } from "../helpers/packages.ts";
import { createPackage } from "@/lib/packages/commands.ts";
import { DomainError } from "@/lib/errors.ts";

const BAD = ["a..", "a.", "a..b", "a._b", "a.-b"];

Deno.test("createPackage refuses a name with an empty or badly started part, and stores nothing", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const name of BAD) {
    const refused = await createPackage(app.services, sessionActor(user), { name }).then(
      () => null,
      (error) => error,
    );
    assert.ok(refused instanceof DomainError && refused.kind === "invalid", name);
    assertIncludes(refused.message, "package name must be 2 to 64 characters");
  }
  const list = await app.request("/v1/packages", { headers: { cookie: user.cookie } });
  assert.deepEqual((await list.json()).packages, []);
});

Deno.test("a.. is refused as a package name by the API and by a first publish", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  for (const name of BAD) {
    const res = await postJson(app, "/v1/packages", { name }, asBrowser(app, user.cookie));
    assert.equal(res.status, 400, name);
    assertIncludes((await res.json()).error, "each part after a '.' start with a letter or digit");
    const published = await app.request(`/v1/packages/${name}/versions`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: app.config.publicOrigin },
      body: bundleForm(await bundleArchive(name, "1.0.0")),
    });
    assert.equal(published.status, 400, name);
    const body = await published.json();
    assertIncludes(body.error, "name must be 2 to 64 characters");
  }
  const list = await app.request("/v1/packages", { headers: { cookie: user.cookie } });
  assert.deepEqual((await list.json()).packages, []);
});
