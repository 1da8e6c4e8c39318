// Parity of the pinned-key rule (docs/adr/0011): a version signed only by a new key is refused
// the same way by the review form's confirm and by POST /versions; adding and retiring a key
// in the settings page and through /v1/packages/{p}/keys do the same thing.
import { assert, assertIncludes } from "../helpers/assert.ts";
import type { TestUser } from "../helpers/accounts.ts";
import { asBrowser } from "../helpers/accounts.ts";
import type { TestApp } from "../helpers/app.ts";
import { bundleArchive, bundleForm, publishTestVersion } from "../helpers/packages.ts";
import { generateSigner } from "@/lib/packages/bundle/pack.ts";
import { getOwnPackage } from "@/lib/packages/packages.ts";
import { listVersions } from "@/lib/packages/versions.ts";
import { pinnedKeysOf } from "@/lib/packages/signer_keys.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { encodeBase64 } from "@oslojs/encoding";
import { assertParity } from "./harness.ts";

const NAME = "parity.keys";
const intruder = await generateSigner("test-signer");
const swapped = await bundleArchive(NAME, "1.1.0", { signers: [intruder] });
const digest = await sha256Digest(swapped);
const newKey = await generateSigner("next.signer");

async function published(app: TestApp, user: TestUser) {
  await publishTestVersion(app, user, NAME, "1.0.0");
}

async function keyState(app: TestApp, user: TestUser) {
  const pkg = await getOwnPackage(app.services.db, user.ownerId, NAME);
  if (!pkg) return null;
  const versions = await listVersions(app.services.db, pkg.id);
  const { keys } = await pinnedKeysOf(app.services.db, pkg.id);
  return {
    versions: versions.map((v) => v.version),
    keys: keys.map((k) => [k.signer, k.status, k.addedVia]),
  };
}

Deno.test("a version signed only by a new key is refused at both doors with one message naming the pinned key", async () => {
  const outcome = await assertParity({
    name: "key swap",
    async setup(app, user) {
      await published(app, user);
      const res = await app.request("/packages/new", {
        method: "POST",
        headers: asBrowser(app, user.cookie, false),
        body: bundleForm(swapped),
      });
      assert.equal(res.status, 303, await res.text());
    },
    form: { method: "POST", path: `/packages/new/review?upload=${digest}`, form: {} },
    api: { method: "POST", path: `/v1/packages/${NAME}/versions`, body: () => bundleForm(swapped) },
    effect: keyState,
  });
  assert.equal(outcome.status, "409");
  assertIncludes(outcome.message ?? "", `No pinned key of ${NAME} signed this version`);
  assertIncludes(outcome.message ?? "", await sha256Digest(intruder.publicKey));
  assert.deepEqual(outcome.effect, {
    versions: ["1.0.0"],
    keys: [["test-signer", "active", "first_publish"]],
  });
});

Deno.test("pinning a key: the settings form and POST /keys pin it the same way", async () => {
  const publicKey = encodeBase64(newKey.publicKey);
  const outcome = await assertParity({
    name: "add key",
    setup: published,
    form: {
      method: "POST",
      path: `/packages/${NAME}/keys`,
      form: { action: "add", signer: "next.signer", public_key: publicKey },
    },
    api: {
      method: "POST",
      path: `/v1/packages/${NAME}/keys`,
      json: { signer: "next.signer", public_key: publicKey },
    },
    effect: keyState,
  });
  assert.deepEqual([outcome.status, outcome.audit], ["success", "package.key_add"]);
  // The test clock stands still: keys added at one instant are listed by signer id.
  assert.deepEqual((outcome.effect as { keys: unknown[] }).keys, [
    ["next.signer", "active", "settings"],
    ["test-signer", "active", "first_publish"],
  ]);
});

Deno.test("retiring the last active key is refused at both doors with one message", async () => {
  const setup = async (app: TestApp, user: TestUser) => {
    await published(app, user);
    const { keys } = await pinnedKeysOf(
      app.services.db,
      (await getOwnPackage(app.services.db, user.ownerId, NAME))!.id,
    );
    return { fingerprint: keys[0]!.fingerprint };
  };
  const outcome = await assertParity({
    name: "retire last key",
    setup,
    form: (vars) => ({
      method: "POST",
      path: `/packages/${NAME}/keys`,
      form: { action: "retire", fingerprint: vars.fingerprint! },
    }),
    api: (vars) => ({ method: "DELETE", path: `/v1/packages/${NAME}/keys/${vars.fingerprint}` }),
    effect: keyState,
  });
  assert.equal(outcome.status, "409");
  assert.match(
    outcome.message ?? "",
    /is the last active key of parity\.keys; add its replacement first/,
  );
});
