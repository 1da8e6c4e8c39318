// Yank and resolve for an organization's packages: its admins yank, a member needs a team's
// grant to resolve a private one, and the download URLs resolve gives work for them.
import { assert } from "../helpers/assert.ts";
import { acme, api, orgApp } from "./helpers.ts";
import { grantThroughTeam, publishAt } from "./package_helpers.ts";

Deno.test("an organization's admin yanks a version of its package; a plain member may not", async () => {
  await using app = await orgApp();
  const { admin, member } = await acme(app);
  for (const v of ["1.0.0", "1.1.0"]) {
    assert.equal((await publishAt(app, admin, "acme", "org.tool", v)).status, 201);
  }
  const path = "/v1/packages/@acme/org.tool/versions/1.1.0/yank";
  const refused = await api(app, member, "POST", path, { reason: "not mine to yank" });
  assert.equal(refused.status, 404);
  const res = await api(app, admin, "POST", path, { reason: "Broken build" });
  assert.equal(res.status, 200, await res.clone().text());
  const resolved = await api(app, admin, "GET", "/v1/packages/@acme/org.tool/resolve?range=%5E1");
  assert.equal((await resolved.json()).version, "1.0.0");
});

Deno.test("a private organization package resolves for a member with a team's read grant, with URLs that download", async () => {
  await using app = await orgApp();
  const { owner, member, outsider } = await acme(app);
  assert.equal((await publishAt(app, owner, "acme", "org.secret", "2.0.0")).status, 201);
  const path = "/v1/packages/@acme/org.secret/resolve";
  assert.equal((await api(app, member, "GET", path)).status, 404);
  await grantThroughTeam(app, "acme", owner, member, "org.secret", "read");
  const res = await api(app, member, "GET", path);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.owner, "acme");
  const bundle = new URL(body.downloads.bundle);
  assert.equal(bundle.pathname, "/v1/packages/@acme/org.secret/versions/2.0.0/bundle");
  const download = await api(app, member, "GET", bundle.pathname);
  assert.equal(download.status, 200);
  await download.body?.cancel();
  assert.equal((await api(app, outsider, "GET", path)).status, 404);
});
