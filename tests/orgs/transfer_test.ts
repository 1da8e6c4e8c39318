// Transferring packages between owners (docs/adr/0010): who may, what moves, and the permanent
// redirects of the old addresses.
import { assert } from "../helpers/assert.ts";
import type { TestApp } from "../helpers/app.ts";
import { asBrowser, createToken, createUser, type TestUser } from "../helpers/accounts.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { snapshot } from "../security/callers.ts";
import { acme, addMember, api, makeOrg, orgApp } from "./helpers.ts";
import { grantThroughTeam, publishAt } from "./package_helpers.ts";

function transfer(app: TestApp, who: TestUser, from: string, name: string, to: string) {
  return api(app, who, "POST", `/v1/packages/@${from}/${name}/transfer`, { to });
}

Deno.test("a user transfers their package to an organization they administer, with its versions, digests and history", async () => {
  await using app = await orgApp();
  const people = await acme(app);
  const { admin } = people;
  const published = await publishTestVersion(app, admin, "moving.tool", "1.0.0", {
    visibility: "public",
  });
  const res = await transfer(app, admin, "adam", "moving.tool", "acme");
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal((await res.json()).package.owner, "acme");
  const versions = await (await api(app, admin, "GET", "/v1/packages/@acme/moving.tool/versions"))
    .json();
  assert.equal(versions.versions[0].artifact_digest, published.artifact_digest);
  // The package's history is in the organization's log now, with the transfer on both sides.
  const orgLog = await (await api(app, people.owner, "GET", "/v1/orgs/acme/audit")).json();
  const actions = orgLog.events.map((e: { action: string }) => e.action);
  for (const a of ["package.transfer_in", "package.publish", "package.create"]) {
    assert.ok(actions.includes(a), `${a} in ${actions}`);
  }
  const ownLog = await (await api(app, admin, "GET", "/v1/audit")).json();
  const own = ownLog.events.map((e: { action: string }) => e.action);
  assert.ok(own.includes("package.transfer_out"));
  assert.ok(!own.includes("package.publish"), "the publish moved with the package");
});

Deno.test("the old addresses of a transferred package redirect permanently to the new ones", async () => {
  await using app = await orgApp();
  const { admin } = await acme(app);
  await publishTestVersion(app, admin, "moving.tool", "1.0.0", { visibility: "public" });
  assert.equal((await transfer(app, admin, "adam", "moving.tool", "acme")).status, 200);
  const anon = { origin: app.config.publicOrigin };
  for (
    const [from, to] of [
      ["/@adam/moving.tool", "/@acme/moving.tool"],
      ["/@adam/moving.tool/versions/1.0.0/bundle", "/@acme/moving.tool/versions/1.0.0/bundle"],
      ["/v1/packages/@adam/moving.tool", "/v1/packages/@acme/moving.tool"],
      [
        "/v1/packages/@adam/moving.tool/versions?x=1",
        "/v1/packages/@acme/moving.tool/versions?x=1",
      ],
    ] as const
  ) {
    const res = await app.request(from, { headers: anon, redirect: "manual" });
    assert.equal(res.status, 308, from);
    assert.equal(
      new URL(res.headers.get("location")!, "http://x").pathname +
        new URL(res.headers.get("location")!, "http://x").search,
      to,
    );
    await res.body?.cancel();
  }
  // The new public page is there.
  const page = await app.request("/@acme/moving.tool");
  assert.equal(page.status, 200);
  await page.body?.cancel();
});

Deno.test("a private package's old address tells nobody where it went", async () => {
  await using app = await orgApp();
  const { admin, outsider } = await acme(app);
  await publishTestVersion(app, admin, "quiet.tool", "1.0.0");
  assert.equal((await transfer(app, admin, "adam", "quiet.tool", "acme")).status, 200);
  for (const who of [outsider, null]) {
    const res = await api(app, who, "GET", "/v1/packages/@adam/quiet.tool");
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: "package not found" });
  }
  const page = await app.request("/@adam/quiet.tool");
  assert.equal(page.status, 404);
  await page.body?.cancel();
  // The admin may read it where it is: the old API path follows it.
  const own = await api(app, admin, "GET", "/v1/packages/@adam/quiet.tool");
  assert.equal(own.status, 308);
  await own.body?.cancel();
});

Deno.test("a package moves between organizations only for someone admin on both sides, and the old teams lose it", async () => {
  await using app = await orgApp();
  const { owner, admin, member } = await acme(app);
  const beta = await createUser(app, { handle: "bea" });
  await makeOrg(app, beta, "beta");
  assert.equal((await publishAt(app, owner, "acme", "shared.tool", "1.0.0")).status, 201);
  await grantThroughTeam(app, "acme", owner, member, "shared.tool", "admin");
  const token = await createToken(app, owner, ["packages:read", "packages:publish"]);
  // Admin of acme but not of beta; owner of beta but outside acme: both refused, nothing changes.
  const before = await snapshot(app);
  const notThere = await transfer(app, admin, "acme", "shared.tool", "beta");
  assert.equal(notThere.status, 403);
  await notThere.body?.cancel();
  const outside = await transfer(app, beta, "acme", "shared.tool", "beta");
  assert.equal(outside.status, 404);
  await outside.body?.cancel();
  // A member with a team's admin grant may change the package, not give it away.
  const teamAdmin = await transfer(app, member, "acme", "shared.tool", "mia");
  assert.equal(teamAdmin.status, 403);
  await teamAdmin.body?.cancel();
  const byToken = await app.request("/v1/packages/@acme/shared.tool/transfer", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ to: "beta" }),
  });
  assert.equal(byToken.status, 403);
  await byToken.body?.cancel();
  assert.equal(await snapshot(app), before);
  // Once an admin of beta too, the owner of acme moves it; acme's team no longer reaches it.
  await addMember(app, "beta", beta, owner, "admin");
  const moved = await transfer(app, owner, "acme", "shared.tool", "beta");
  assert.equal(moved.status, 200, await moved.clone().text());
  await moved.body?.cancel();
  const lost = await api(app, member, "GET", "/v1/packages/@beta/shared.tool");
  assert.equal(lost.status, 404);
  await lost.body?.cancel();
  const betaLog = await (await api(app, beta, "GET", "/v1/orgs/beta/audit")).json();
  assert.ok(betaLog.events.some((e: { action: string }) => e.action === "package.transfer_in"));
});

Deno.test("a transfer to an owner that already has a package of that name is a conflict", async () => {
  await using app = await orgApp();
  const { owner } = await acme(app);
  assert.equal((await publishAt(app, owner, "acme", "twin.tool", "1.0.0")).status, 201);
  await publishTestVersion(app, owner, "twin.tool", "1.0.0");
  const before = await snapshot(app);
  const res = await transfer(app, owner, "olga", "twin.tool", "acme");
  assert.equal(res.status, 409);
  assert.equal((await res.json()).error, "to: @acme already has a package named twin.tool");
  assert.equal(await snapshot(app), before);
  const page = await app.request("/@olga/twin.tool", { headers: asBrowser(app, owner.cookie) });
  await page.body?.cancel();
});
