import { assert, assertIncludes } from "../../helpers/assert.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import { sha256DigestOfText } from "@/lib/packages/bundle/digest.ts";
import {
  manifestVerificationMessage,
  verifyManifestDocument,
} from "@/lib/packages/bundle/verify_manifest.ts";
import { expectBundleError } from "./helpers.ts";

const manifest = {
  name: "echo.minimal",
  version: "0.1.0",
  entrypoint: "run",
  artifact: `sha256:${"a".repeat(64)}`,
  capabilities: [{ kind: "env", value: "HOME" }],
  signers: ["alice.dev"],
};
const policy = {
  version: 1,
  trusted_signers: ["alice.dev"],
  capability_ceiling: { env: ["HOME"] },
};

Deno.test("POST /v1/verify/manifest answers the existing API's fields for a v0 manifest", () => {
  const expected = {
    schema_version: "0",
    name: "echo.minimal",
    version: "0.1.0",
    artifact: manifest.artifact,
    capability_ceiling_ok: false,
  };
  assert.deepEqual(verifyManifestDocument(manifest, { experimentalManifests: false }), expected);
  assert.deepEqual(
    verifyManifestDocument(manifest, { policy: null, experimentalManifests: false }),
    expected,
  );
  assert.deepEqual(verifyManifestDocument(manifest, { policy, experimentalManifests: false }), {
    ...expected,
    capability_ceiling_ok: true,
  });
});

Deno.test("a v1 draft manifest is named by name or else id, and only when experimental manifests are on", async () => {
  const v1 = {
    schema_version: "1.0.0-draft",
    id: "provenact.echo.minimal",
    version: "0.1.0",
    entrypoint: { kind: "wasi-reactor", path: "run" },
    artifact: manifest.artifact,
    inputs_schema: { type: "object" },
    outputs_schema: { type: "object" },
    capabilities: [],
    signers: ["alice.dev"],
  };
  const result = verifyManifestDocument(v1, { experimentalManifests: true });
  assert.equal(result.schema_version, "1.0.0-draft");
  assert.equal(result.name, "provenact.echo.minimal");
  assert.equal(
    verifyManifestDocument({ ...v1, name: "echo.minimal" }, { experimentalManifests: true }).name,
    "echo.minimal",
  );
  const error = await expectBundleError(
    () => verifyManifestDocument(v1, { experimentalManifests: false }),
    "experimental_manifest_disabled",
  );
  assertIncludes(error.message, "experimental manifests are disabled on this server");
});

Deno.test("manifest and policy errors carry the existing API's message prefixes", async () => {
  const unknown = await expectBundleError(
    () =>
      verifyManifestDocument({ ...manifest, schema_version: "9.9.9" }, {
        experimentalManifests: true,
      }),
    "manifest_schema_version_unsupported",
  );
  assertIncludes(
    manifestVerificationMessage(unknown),
    "invalid manifest: unsupported manifest schema version: 9.9.9",
  );
  const missing = await expectBundleError(
    () => verifyManifestDocument(null, { experimentalManifests: false }),
    "manifest_invalid",
  );
  assert.equal(
    manifestVerificationMessage(missing),
    "invalid manifest: manifest must be an object; found null",
  );
  const badPolicy = await expectBundleError(
    () =>
      verifyManifestDocument(manifest, {
        policy: { ...policy, extra: 1 },
        experimentalManifests: false,
      }),
    "policy_invalid",
  );
  assertIncludes(
    manifestVerificationMessage(badPolicy),
    'invalid policy: policy has the unknown key "extra"',
  );
  const denied = await expectBundleError(
    () =>
      verifyManifestDocument(manifest, {
        policy: { ...policy, capability_ceiling: {} },
        experimentalManifests: false,
      }),
    "capability_ceiling_exceeded",
  );
  assert.equal(
    manifestVerificationMessage(denied),
    'capability check failed: capabilities[0] (env "HOME") is outside the policy\'s capability ceiling',
  );
});

Deno.test("a manifest or policy that JSON.parse gave a __proto__ key is refused", async () => {
  const hostile = JSON.parse(`{"__proto__":{"name":"x"},${JSON.stringify(manifest).slice(1)}`);
  await expectBundleError(
    () => verifyManifestDocument(hostile, { experimentalManifests: false }),
    "json_forbidden_key",
  );
  const policyWithProto = JSON.parse(`{"__proto__":{},${JSON.stringify(policy).slice(1)}`);
  await expectBundleError(
    () =>
      verifyManifestDocument(manifest, { policy: policyWithProto, experimentalManifests: false }),
    "json_forbidden_key",
  );
});

Deno.test("POST /v1/hash/sha256 digests match the existing API's vectors", async () => {
  assert.equal(
    await sha256DigestOfText("abc"),
    "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    await sha256DigestOfText("hello"),
    "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
  );
  assert.equal(
    await sha256DigestOfText("hello from inactu-control"),
    "sha256:f91644bf30a515a39e4f174745b4faacab22ff646cb1f029fff8d634570e57d3",
  );
  assert.equal(
    await sha256Digest(new Uint8Array()),
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});
