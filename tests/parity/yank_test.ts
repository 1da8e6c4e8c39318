import { assert } from "../helpers/assert.ts";
import { asBrowser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { getVersion } from "@/lib/packages/versions.ts";
import { assertParity, type ParityCase } from "./harness.ts";

const NAME = "parity.yank";

async function published(app: TestApp, user: TestUser) {
  await publishTestVersion(app, user, NAME, "1.0.0");
}

async function versionState(app: TestApp, user: TestUser) {
  const pkg = await getOwnPackage(app.services.db, user.ownerId, NAME);
  const v = pkg ? await getVersion(app.services.db, pkg.id, "1.0.0") : null;
  return { yanked: !!v?.yankedAt, reason: v?.yankReason ?? null, latest: pkg?.latestVersion };
}

const yank = (reason: string | undefined): Pick<ParityCase, "form" | "api"> => ({
  form: {
    method: "POST",
    path: `/packages/${NAME}`,
    form: { action: "yank_version", version: "1.0.0", ...(reason ? { reason } : {}) },
  },
  api: {
    method: "POST",
    path: `/v1/packages/${NAME}/versions/1.0.0/yank`,
    json: reason === undefined ? undefined : { reason },
  },
});

Deno.test("yanking a version: the form and the API yank it the same way, and it is no longer latest", async () => {
  const outcome = await assertParity({
    name: "yank",
    setup: published,
    ...yank("Leaks the token; use 1.0.1"),
    effect: versionState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "version.yank"]);
  assert.deepEqual(outcome.effect, {
    yanked: true,
    reason: "Leaks the token; use 1.0.1",
    latest: null,
  });
});

Deno.test("yanking a version without a reason is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "yank without reason",
    setup: published,
    ...yank(undefined),
    effect: versionState,
  });
  assert.equal(outcome.status, "400");
  assert.match(outcome.message ?? "", /^reason: say why the version is yanked/);
});

Deno.test("a yank reason over 500 characters is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "yank long reason",
    setup: published,
    ...yank("x".repeat(501)),
    effect: versionState,
  });
  assert.equal(outcome.status, "400");
  assert.match(outcome.message ?? "", /^reason: must be at most 500 characters/);
});

Deno.test("unyanking a version: the form and the API undo it the same way", async () => {
  const setup = async (app: TestApp, user: TestUser) => {
    await published(app, user);
    const res = await app.request(`/v1/packages/${NAME}/versions/1.0.0/yank`, {
      method: "POST",
      headers: asBrowser(app, user.cookie),
      body: JSON.stringify({ reason: "broken" }),
    });
    assert.equal(res.status, 200);
  };
  const outcome = await assertParity({
    name: "unyank",
    setup,
    form: {
      method: "POST",
      path: `/packages/${NAME}`,
      form: { action: "unyank_version", version: "1.0.0" },
    },
    api: { method: "DELETE", path: `/v1/packages/${NAME}/versions/1.0.0/yank` },
    effect: versionState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "version.unyank"]);
  assert.deepEqual(outcome.effect, { yanked: false, reason: null, latest: "1.0.0" });
});
