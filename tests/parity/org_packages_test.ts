// Parity of the organization package commands (docs/adr/0010): publishing into an organization
// and transferring a package, through the form and the API from the same state.
import { assert } from "../helpers/assert.ts";
import { createUser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { addMember, makeOrg, ORGS_ON } from "../orgs/helpers.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { getOrgByHandle } from "@/lib/orgs/orgs.ts";
import { listVersions } from "@/lib/packages/versions.ts";
import { assertParity } from "./harness.ts";

const NAME = "org.parity";

async function orgPackages(app: TestApp, org: string) {
  const acme = await getOrgByHandle(app.services.db, org);
  const pkg = acme ? await getOwnPackage(app.services.db, acme.id, NAME) : null;
  const versions = pkg ? await listVersions(app.services.db, pkg.id) : [];
  return { exists: !!pkg, versions: versions.map((v) => v.version) };
}

/** Stages the bundle through the upload form, choosing `owner`; returns the review path. */
async function staged(app: TestApp, user: TestUser, owner: string) {
  const res = await app.request("/packages/new", {
    method: "POST",
    headers: { cookie: user.cookie, origin: app.config.publicOrigin },
    body: bundleForm(await bundleArchive(NAME, "1.0.0"), { owner }),
  });
  assert.equal(res.status, 303, await res.text());
  return res.headers.get("location")!;
}

Deno.test("publishing a new package into an organization: the form and the API create it there the same way", async () => {
  const outcome = await assertParity({
    name: "org publish",
    env: ORGS_ON,
    async setup(app, user) {
      await makeOrg(app, user, "acme");
      return { review: await staged(app, user, "acme") };
    },
    form: (v) => ({ method: "POST", path: v.review!, form: { owner: "acme" } }),
    api: {
      method: "POST",
      path: `/v1/packages/@acme/${NAME}/versions`,
      body: async () => bundleForm(await bundleArchive(NAME, "1.0.0")),
    },
    effect: (app) => orgPackages(app, "acme"),
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "package.publish"]);
  assert.deepEqual(outcome.effect, { exists: true, versions: ["1.0.0"] });
});

async function owned(app: TestApp, user: TestUser) {
  await publishTestVersion(app, user, NAME, "1.0.0");
  await makeOrg(app, user, "acme");
  const me = (await getOwnPackage(app.services.db, user.ownerId, NAME))!;
  return { handle: user.handle, id: me.id };
}

async function whereIs(app: TestApp, user: TestUser) {
  const mine = await getOwnPackage(app.services.db, user.ownerId, NAME);
  return { mine: !!mine, acme: (await orgPackages(app, "acme")).exists };
}

Deno.test("transferring a package to an organization: the form and the API move it the same way", async () => {
  const outcome = await assertParity({
    name: "transfer",
    env: ORGS_ON,
    setup: owned,
    form: {
      method: "POST",
      path: `/packages/${NAME}/settings`,
      form: { action: "transfer", to: "acme" },
    },
    api: (v) => ({
      method: "POST",
      path: `/v1/packages/@${v.handle}/${NAME}/transfer`,
      json: { to: "acme" },
    }),
    effect: whereIs,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "package.transfer_in"]);
  assert.deepEqual(outcome.effect, { mine: false, acme: true });
});

Deno.test("transferring a package to an organization the user does not administer is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "transfer refused",
    env: ORGS_ON,
    async setup(app, user) {
      await publishTestVersion(app, user, NAME, "1.0.0");
      const boss = await createUser(app, { handle: "boss" });
      await makeOrg(app, boss, "acme");
      await addMember(app, "acme", boss, user, "member");
      return { handle: user.handle };
    },
    form: {
      method: "POST",
      path: `/packages/${NAME}/settings`,
      form: { action: "transfer", to: "acme" },
    },
    api: (v) => ({
      method: "POST",
      path: `/v1/packages/@${v.handle}/${NAME}/transfer`,
      json: { to: "acme" },
    }),
    effect: whereIs,
  });
  assert.equal(outcome.status, "403");
  assert.equal(
    outcome.message,
    "you can transfer a package only to yourself or to an organization where you are an owner or admin",
  );
});
