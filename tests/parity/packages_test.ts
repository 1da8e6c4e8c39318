import { assert } from "../helpers/assert.ts";
import { asBrowser, type TestUser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { publishTestVersion } from "../helpers/packages.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { getVersion } from "@/lib/packages/versions.ts";
import { assertParity, type ParityCase } from "./harness.ts";

const NAME = "parity.skill";

async function published(app: TestApp, user: TestUser) {
  await publishTestVersion(app, user, NAME, "1.0.0");
}

async function archived(app: TestApp, user: TestUser) {
  await published(app, user);
  const res = await app.request(`/v1/packages/${NAME}`, {
    method: "PATCH",
    headers: asBrowser(app, user.cookie),
    body: JSON.stringify({ archived: true }),
  });
  assert.equal(res.status, 200);
}

async function versionState(app: TestApp, user: TestUser) {
  const pkg = await getOwnPackage(app.services.db, user.ownerId, NAME);
  const v = pkg ? await getVersion(app.services.db, pkg.id, "1.0.0") : null;
  return { deprecated: !!v?.deprecatedAt, message: v?.deprecationMessage ?? null };
}

const deprecate = (message: string | undefined): Pick<ParityCase, "form" | "api"> => ({
  form: {
    method: "POST",
    path: `/packages/${NAME}`,
    form: { action: "deprecate_version", version: "1.0.0", ...(message ? { message } : {}) },
  },
  api: {
    method: "POST",
    path: `/v1/packages/${NAME}/versions/1.0.0/deprecate`,
    json: message ? { message } : undefined,
  },
});

Deno.test("deprecating a version: the form and the API deprecate it the same way", async () => {
  const outcome = await assertParity({
    name: "deprecate",
    setup: published,
    ...deprecate("Use 1.0.1"),
    effect: versionState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "version.deprecate"]);
  assert.deepEqual(outcome.effect, { deprecated: true, message: "Use 1.0.1" });
});

Deno.test("deprecating a version of an archived package is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "deprecate archived",
    setup: archived,
    ...deprecate("Use 1.0.1"),
    effect: versionState,
  });
  assert.equal(outcome.status, "409");
  assert.equal(
    outcome.message,
    `Package ${NAME} is archived and read-only; unarchive it first (in its settings, or send {"archived": false})`,
  );
});

Deno.test("a deprecation message over 500 characters is refused at both doors with one message", async () => {
  const outcome = await assertParity({
    name: "deprecate long message",
    setup: published,
    ...deprecate("x".repeat(501)),
    effect: versionState,
  });
  assert.equal(outcome.status, "400");
  assert.match(outcome.message ?? "", /^message: must be at most 500 characters/);
});

Deno.test("undeprecating a version: the form and the API undo it the same way", async () => {
  const setup = async (app: TestApp, user: TestUser) => {
    await published(app, user);
    const res = await app.request(`/v1/packages/${NAME}/versions/1.0.0/deprecate`, {
      method: "POST",
      headers: asBrowser(app, user.cookie, false),
    });
    assert.equal(res.status, 200);
  };
  const outcome = await assertParity({
    name: "undeprecate",
    setup,
    form: {
      method: "POST",
      path: `/packages/${NAME}`,
      form: { action: "undeprecate_version", version: "1.0.0" },
    },
    api: { method: "DELETE", path: `/v1/packages/${NAME}/versions/1.0.0/deprecate` },
    effect: versionState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "version.undeprecate"]);
});
