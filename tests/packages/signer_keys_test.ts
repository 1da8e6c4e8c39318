import { assert, assertIncludes } from "../helpers/assert.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { asBrowser, createUser, type TestUser } from "../helpers/accounts.ts";
import { bundleArchive, bundleForm, testSigner } from "../helpers/packages.ts";
import { generateSigner, type Signer } from "@/lib/packages/bundle/pack.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";

const NAME = "keys.skill";

async function publishWith(
  app: TestApp,
  user: TestUser,
  version: string,
  signers: Signer[],
  capabilities = [{ kind: "fs.read", value: "/data" }],
) {
  const archive = await bundleArchive(NAME, version, { signers, capabilities });
  return await app.request(`/v1/packages/${NAME}/versions`, {
    method: "POST",
    headers: asBrowser(app, user.cookie, false),
    body: bundleForm(archive),
  });
}

Deno.test("a version signed only by a new key is refused with the pinned fingerprints and how to rotate", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const pinned = await testSigner();
  assert.equal((await publishWith(app, user, "1.0.0", [pinned])).status, 201);
  const intruder = await generateSigner("test-signer");
  const res = await publishWith(app, user, "1.1.0", [intruder]);
  assert.equal(res.status, 409);
  const body = await res.json();
  assert.equal(body.report.error.code, "signer_key_not_pinned");
  assertIncludes(body.error, await sha256Digest(pinned.publicKey));
  assertIncludes(body.error, await sha256Digest(intruder.publicKey));
  assertIncludes(body.error, `POST /v1/packages/${NAME}/keys`);
  assert.equal(body.report.steps[8].status, "failed");
  const list = await (await app.request(`/v1/packages/${NAME}/versions`, {
    headers: asBrowser(app, user.cookie),
  })).json();
  assert.deepEqual(list.versions.map((v: { version: string }) => v.version), ["1.0.0"]);
});

Deno.test("a version signed by a pinned key and a new key pins the new key by rotation and says so", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const old = await testSigner();
  const first = await (await publishWith(app, user, "1.0.0", [old])).json();
  assert.equal(first.report.keys.outcome, "first_publish");
  assert.equal(first.version_info.key_event, "first_publish");
  const next = await generateSigner("next-signer");
  const res = await publishWith(app, user, "1.3.0", [old, next]);
  assert.equal(res.status, 201, await res.clone().text());
  const body = await res.json();
  const fingerprint = await sha256Digest(next.publicKey);
  assert.equal(body.report.keys.outcome, "rotation");
  assert.deepEqual(body.report.keys.added, [{ signer: "next-signer", fingerprint }]);
  assert.equal(body.version_info.key_event, "rotation");
  assert.deepEqual(
    body.version_info.signer_keys.map((k: Record<string, unknown>) => [
      k.signer,
      k.status,
      k.added_via,
      k.added_in_version,
    ]),
    [["test-signer", "pinned", "first_publish", "1.0.0"], [
      "next-signer",
      "pinned",
      "rotation",
      "1.3.0",
    ]],
  );
  // The new key alone now publishes.
  assert.equal((await publishWith(app, user, "1.4.0", [next])).status, 201);
});

Deno.test("a version that adds or widens a capability is marked in /v1 with its difference", async () => {
  await using app = await createTestApp();
  const user = await createUser(app);
  const signer = await testSigner();
  await publishWith(app, user, "1.0.0", [signer], [
    { kind: "fs.read", value: "/data/in" },
    { kind: "env", value: "HOME" },
  ]);
  const res = await publishWith(app, user, "1.1.0", [signer], [
    { kind: "fs.read", value: "/data" },
    { kind: "net.http", value: "https://api.example.com/v1" },
  ]);
  const body = await res.json();
  assert.equal(body.version_info.capabilities_increased, true);
  assert.deepEqual(body.version_info.capability_change, {
    previous: "1.0.0",
    added: [{ kind: "net.http", value: "https://api.example.com/v1" }],
    removed: [{ kind: "env", value: "HOME" }],
    widened: [{ kind: "fs.read", from: "/data/in", to: "/data" }],
    narrowed: [],
  });
  // A later-published lower version is compared with the version below it, by semver.
  await publishWith(app, user, "1.0.1", [signer], [{ kind: "fs.read", value: "/data/in/x" }]);
  const list = await (await app.request(`/v1/packages/${NAME}/versions`, {
    headers: asBrowser(app, user.cookie),
  })).json();
  const byVersion = Object.fromEntries(
    list.versions.map((v: { version: string }) => [v.version, v]),
  );
  assert.equal(byVersion["1.0.0"].capabilities_increased, false);
  assert.equal(byVersion["1.0.0"].capability_change.previous, null);
  assert.equal(byVersion["1.0.1"].capabilities_increased, false);
  assert.equal(byVersion["1.1.0"].capability_change.previous, "1.0.1");
  assert.equal(byVersion["1.1.0"].capabilities_increased, true);
});
