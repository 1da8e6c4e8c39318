import { assert, assertIncludes } from "../../helpers/assert.ts";
import { manifestHash } from "@/lib/packages/bundle/digest.ts";
import { verifyBundle } from "@/lib/packages/bundle/verify.ts";
import { listDirs, readFixtureDir, SPEC_DIR } from "./helpers.ts";

const VECTORS = new URL("test-vectors/", SPEC_DIR);
const REAL_SKILLS = new URL("real-skills/", SPEC_DIR);

for (const vector of ["minimal-zero-cap", "pack-sign-roundtrip"]) {
  Deno.test(`the spec's good vector ${vector} is accepted with every step passed`, async () => {
    const files = await readFixtureDir(new URL(`good/${vector}/`, VECTORS));
    const report = await verifyBundle(files, {
      packageName: "echo.minimal",
      experimentalManifests: false,
    });
    assert.equal(report.error, null);
    assert.equal(report.ok, true);
    assert.deepEqual(report.steps.map((step) => step.status), Array(9).fill("passed"));
    assert.equal(
      report.artifactDigest,
      "sha256:93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476",
    );
    assert.equal(
      report.manifestHash,
      "sha256:5608b234a450b93faa080969141fb123a69abd2e5563d0e21d47fc03862856a2",
    );
    assert.equal(report.wasmSize, 8);
    assert.deepEqual(report.signers.map(({ signer, verified }) => ({ signer, verified })), [
      { signer: "alice.dev", verified: true },
    ]);
  });
}

Deno.test("the spec's hash-mismatch vector is rejected because its manifest hash does not match", async () => {
  // Its manifest names an all-zero artifact but keeps the manifest_hash of the good manifest, so
  // in bundle-format.md's order the manifest hash (step 4) fails before the wasm digest (step 5).
  const files = await readFixtureDir(new URL("bad/hash-mismatch/", VECTORS));
  const report = await verifyBundle(files, {
    packageName: "echo.minimal",
    experimentalManifests: false,
  });
  assert.equal(report.ok, false);
  assert.equal(report.error?.code, "manifest_hash_mismatch");
  assert.equal(report.error?.step, 4);
  assert.equal(report.error?.field, "manifest_hash");
  assert.equal(report.steps[3]?.status, "failed");
  assert.equal(report.steps[4]?.status, "not_reached");
});

Deno.test("the spec's hash-mismatch vector fails the wasm digest once its manifest hash is consistent", async () => {
  const files = await readFixtureDir(new URL("bad/hash-mismatch/", VECTORS));
  const manifest = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
  const signatures = JSON.parse(new TextDecoder().decode(files.get("signatures.json")));
  signatures.manifest_hash = await manifestHash(manifest);
  files.set("signatures.json", new TextEncoder().encode(JSON.stringify(signatures)));
  const report = await verifyBundle(files, { experimentalManifests: false });
  assert.equal(report.error?.code, "artifact_mismatch");
  assert.equal(report.error?.step, 5);
  assertIncludes(
    report.error!.message,
    "sha256:0000000000000000000000000000000000000000000000000000000000000000",
  );
});

Deno.test("the spec's bad-signature vector is rejected because its signature does not verify", async () => {
  const files = await readFixtureDir(new URL("bad/bad-signature/", VECTORS));
  const report = await verifyBundle(files, {
    packageName: "echo.minimal",
    experimentalManifests: false,
  });
  assert.equal(report.error?.code, "signature_invalid");
  assert.equal(report.error?.step, 8);
  assert.equal(report.error?.field, "signatures[0].signature");
  assert.deepEqual(report.steps.slice(0, 7).map((step) => step.status), Array(7).fill("passed"));
  assert.deepEqual(report.signers.map(({ signer, verified }) => ({ signer, verified })), [
    { signer: "alice.dev", verified: false },
  ]);
});

interface LockEntry {
  id: string;
  version: string;
  artifact: string;
  manifest_hash: string;
  keys_digest: string;
  signers: string[];
}

Deno.test("every real skill verifies its manifest hash, keys digest and all its signatures", async () => {
  const lock = JSON.parse(await Deno.readTextFile(new URL("skills.lock.json", REAL_SKILLS)));
  const entries = new Map<string, LockEntry>(
    (lock.skills as LockEntry[]).map((entry) => [`${entry.id}/${entry.version}`, entry]),
  );
  let checked = 0;
  for (const name of await listDirs(REAL_SKILLS)) {
    for (const version of await listDirs(new URL(`${name}/`, REAL_SKILLS))) {
      const files = await readFixtureDir(new URL(`${name}/${version}/`, REAL_SKILLS));
      // Their wasm is not included: steps 2-4 and 7-8 apply, step 5 is skipped.
      const report = await verifyBundle(files, {
        packageName: name,
        experimentalManifests: false,
        requireWasm: false,
      });
      const where = `${name} ${version}: ${report.error?.message}`;
      assert.equal(report.ok, true, where);
      assert.equal(report.steps[4]?.status, "skipped", where);
      const lockEntry = entries.get(`${name}/${version}`);
      assert.ok(lockEntry, `skills.lock.json lists ${name} ${version}`);
      assert.equal(report.manifestHash, lockEntry.manifest_hash, where);
      assert.equal(report.keysDigest, lockEntry.keys_digest, where);
      assert.equal(report.manifest?.artifact, lockEntry.artifact, where);
      assert.deepEqual(
        report.signers.map((signer) => signer.signer).sort(),
        [...lockEntry.signers].sort(),
      );
      assert.ok(
        report.signers.length >= 2 && report.signers.every((signer) => signer.verified),
        where,
      );
      assert.ok(report.signers.every((signer) => signer.keyDigest?.startsWith("sha256:")), where);
      checked++;
    }
  }
  assert.equal(checked, entries.size, "every skill of skills.lock.json has a folder");
  assert.ok(checked > 0, "real-skills fixtures were found");
});
