import { encodeBase64 } from "@oslojs/encoding";
import { assert, assertIncludes } from "../../helpers/assert.ts";
import { sha256Digest } from "@/lib/artifacts/digest.ts";
import type { BundleErrorCode } from "@/lib/packages/bundle/errors.ts";
import {
  buildBundle,
  type BundleSpec,
  encodeJson,
  generateSigner,
} from "@/lib/packages/bundle/pack.ts";
import {
  STEP_NAMES,
  verifyBundle,
  type VerifyBundleOptions,
} from "@/lib/packages/bundle/verify.ts";
import { buildRunModule } from "@/lib/packages/bundle/wasm.ts";
import { editJson, withFiles } from "./helpers.ts";

const alice = await generateSigner("alice.dev");
const bob = await generateSigner("bob.dev");
const mallory = await generateSigner("mallory.dev");
const wasm = buildRunModule();
const options: VerifyBundleOptions = { packageName: "echo.minimal", experimentalManifests: false };
const v1Fields = {
  schema_version: "1.0.0-draft",
  id: "echo.minimal",
  inputs_schema: { type: "object" },
  outputs_schema: "https://example.com/out.json",
};

function bundle(spec: Partial<BundleSpec> = {}, bytes = wasm): Promise<Map<string, Uint8Array>> {
  return buildBundle(bytes, { name: "echo.minimal", version: "1.0.0", signers: [alice], ...spec });
}

Deno.test("a freshly signed bundle passes all nine steps and reports what was verified", async () => {
  const files = await bundle({ signers: [alice, bob], bundleMeta: true });
  const report = await verifyBundle(files, options);
  assert.equal(report.error, null);
  assert.equal(report.ok, true);
  assert.deepEqual(
    report.steps.map((step) => [step.step, step.name, step.status, step.ok]),
    STEP_NAMES.map((name, index) => [index + 1, name, "passed", true]),
  );
  const signatures = JSON.parse(new TextDecoder().decode(files.get("signatures.json")));
  assert.equal(report.artifactDigest, await sha256Digest(wasm));
  assert.equal(report.manifestHash, signatures.manifest_hash);
  assert.equal(report.keysDigest, await sha256Digest(files.get("public-keys.json")!));
  assert.deepEqual(report.signers, [
    {
      signer: "alice.dev",
      algorithm: "ed25519",
      keyDigest: await sha256Digest(alice.publicKey),
      verified: true,
      problem: null,
    },
    {
      signer: "bob.dev",
      algorithm: "ed25519",
      keyDigest: await sha256Digest(bob.publicKey),
      verified: true,
      problem: null,
    },
  ]);
  assert.deepEqual([report.schemaVersion, report.name, report.version, report.versionKey], [
    "0",
    "echo.minimal",
    "1.0.0",
    "1.0.0",
  ]);
  assert.equal(report.wasmSize, wasm.length);
  assert.equal(report.manifest?.entrypoint, "run");
  assertIncludes(report.steps[7]!.detail, "2 of 2 signatures verified");
});

interface Tampering {
  step: number;
  code: BundleErrorCode;
  what: string;
  files: () => Promise<Map<string, Uint8Array>>;
  options?: Partial<VerifyBundleOptions>;
  says: string;
}

const TAMPERINGS: Tampering[] = [
  {
    step: 1,
    code: "file_missing",
    what: "a bundle without public-keys.json",
    files: async () => {
      const files = await bundle();
      files.delete("public-keys.json");
      return files;
    },
    says: "the bundle has no public-keys.json",
  },
  {
    step: 1,
    code: "file_unknown",
    what: "a bundle with an extra README.md",
    files: async () => withFiles(await bundle(), { "README.md": "hi" }),
    says: 'unknown file "README.md"',
  },
  {
    step: 1,
    code: "file_too_large",
    what: "a 2 MiB manifest",
    files: async () =>
      withFiles(await bundle(), { "manifest.json": new Uint8Array(2 * 1024 * 1024) }),
    says: "the limit for manifest.json is 1 MiB",
  },
  {
    step: 2,
    code: "manifest_invalid",
    what: "a manifest with an extra key",
    files: () => bundle({ manifest: { homepage: "https://x" } }),
    says: 'unknown key "homepage"',
  },
  {
    step: 2,
    code: "manifest_invalid",
    what: "a manifest with an uppercase artifact digest",
    files: () => bundle({ manifest: { artifact: `sha256:${"A".repeat(64)}` } }),
    says: "artifact must be sha256: followed by 64 lowercase hex characters",
  },
  {
    step: 2,
    code: "json_duplicate_key",
    what: "a manifest with a duplicate key",
    files: async () =>
      withFiles(await bundle(), { "manifest.json": '{"name":"echo.minimal","name":"evil"}' }),
    says: 'manifest.json has the key "name" twice',
  },
  {
    step: 2,
    code: "json_forbidden_key",
    what: "a manifest with a __proto__ key",
    files: async () =>
      withFiles(await bundle(), { "manifest.json": '{"__proto__":{"admin":true}}' }),
    says: 'has the key "__proto__"',
  },
  {
    step: 2,
    code: "signatures_invalid",
    what: "signatures.json with an extra key",
    files: async () =>
      editJson(await bundle(), { "signatures.json": (value) => (value.note = "x") }),
    says: 'signatures.json has the unknown key "note"',
  },
  {
    step: 2,
    code: "manifest_invalid",
    what: "a signer id with a right-to-left override, which would show as another name",
    files: () => bundle({ signers: [{ ...alice, id: "ved.\u202ealice" }] }),
    says: "signers[0] must be a signer id of 1 to 64 characters: lowercase letters, digits",
  },
  {
    step: 2,
    code: "signatures_invalid",
    what: "a 65-character signer id in signatures.json",
    files: () => bundle({ signers: [{ ...alice, id: "a".repeat(65) }], listedSigners: ["a"] }),
    says: "signatures.json: signatures[0].signer must be a signer id of 1 to 64 characters",
  },
  {
    step: 2,
    code: "provenance_invalid",
    what: "a provenance.json with a bad recipe hash",
    files: async () =>
      withFiles(await bundle(), {
        "provenance.json": encodeJson({
          source: "s",
          commit: "c",
          build_system: "b",
          build_recipe_hash: "sha256:XYZ",
        }),
      }),
    says: "provenance.json: build_recipe_hash must be sha256:",
  },
  {
    step: 3,
    code: "signatures_artifact_mismatch",
    what: "signatures.json naming another artifact",
    files: async () =>
      editJson(await bundle(), {
        "signatures.json": (value) => (value.artifact = `sha256:${"0".repeat(64)}`),
      }),
    says: "signatures.json: artifact is sha256:0000",
  },
  {
    step: 3,
    code: "bundle_meta_mismatch",
    what: "bundle-meta.json naming another artifact",
    files: async () =>
      editJson(await bundle({ bundleMeta: true }), {
        "bundle-meta.json": (value) => (value.artifact = `sha256:${"0".repeat(64)}`),
      }),
    says: "bundle-meta.json: artifact is sha256:0000",
  },
  {
    step: 4,
    code: "manifest_hash_mismatch",
    what: "a manifest edited after signing",
    files: async () =>
      editJson(await bundle(), { "manifest.json": (value) => (value.entrypoint = "main") }),
    says: "signatures.json: manifest_hash is sha256:",
  },
  {
    step: 5,
    code: "artifact_mismatch",
    what: "a skill.wasm swapped after signing",
    files: async () => withFiles(await bundle(), { "skill.wasm": buildRunModule({ value: 7 }) }),
    says: "skill.wasm hashes to sha256:",
  },
  {
    step: 5,
    code: "wasm_invalid",
    what: "a signed skill.wasm that is not WebAssembly",
    files: () => bundle({}, new TextEncoder().encode("#!/bin/sh")),
    says: "skill.wasm is not WebAssembly",
  },
  {
    step: 6,
    code: "experimental_manifest_disabled",
    what: "an experimental v1 manifest when they are disabled",
    files: () => bundle({ manifest: v1Fields }),
    says: "experimental manifests are disabled on this server",
  },
  {
    step: 7,
    code: "public_key_invalid",
    what: "a 31-byte public key",
    files: () =>
      bundle({ publishedKeys: [{ ...alice, publicKey: alice.publicKey.subarray(0, 31) }] }),
    says:
      'the key of "alice.dev" must be base64 of a raw 32-byte Ed25519 public key; found 31 bytes',
  },
  {
    step: 7,
    code: "public_key_invalid",
    what: "a public key that is not base64",
    files: async () =>
      withFiles(await bundle(), { "public-keys.json": '{"alice.dev":"not base64!"}' }),
    says: "found not canonical base64",
  },
  {
    step: 7,
    code: "public_keys_invalid",
    what: "a public key under a signer id with spaces and capitals",
    files: async () =>
      withFiles(await bundle(), {
        "public-keys.json": `{"Alice Dev":"${encodeBase64(alice.publicKey)}"}`,
      }),
    says: 'public-keys.json has the key "Alice Dev"; keys must be a signer id of 1 to 64',
  },
  {
    step: 7,
    code: "public_keys_invalid",
    what: "public-keys.json that is a list",
    files: async () =>
      withFiles(await bundle(), { "public-keys.json": `["${encodeBase64(alice.publicKey)}"]` }),
    says: "public-keys.json must be an object",
  },
  {
    step: 8,
    code: "signatures_empty",
    what: "a bundle without signatures",
    files: () => bundle({ signers: [], listedSigners: ["alice.dev"], publishedKeys: [alice] }),
    says: "signatures.json has no signatures",
  },
  {
    step: 8,
    code: "signer_unknown",
    what: "a signature whose signer has no key",
    files: () => bundle({ publishedKeys: [bob] }),
    says: 'is by "alice.dev", which has no key in public-keys.json',
  },
  {
    step: 8,
    code: "signature_malformed",
    what: "a signature that is not 64 bytes",
    files: async () =>
      editJson(await bundle(), {
        "signatures.json": (value) => {
          const [first] = value.signatures as Array<Record<string, string>>;
          first!.signature = "AAAA";
        },
      }),
    says: "must be base64 of a 64-byte Ed25519 signature; found 3 bytes",
  },
  {
    step: 8,
    code: "signature_invalid",
    what: "a signature made with another key",
    files: () => bundle({ signers: [{ ...alice, privateKey: mallory.privateKey }] }),
    says: "does not verify against the manifest hash",
  },
  {
    step: 8,
    code: "signature_duplicate_signer",
    what: "the same signer twice",
    files: () => bundle({ signers: [alice, alice] }),
    says: 'repeats the signer "alice.dev"',
  },
  {
    step: 9,
    code: "signer_not_listed",
    what: "a signer missing from manifest.signers",
    files: () => bundle({ signers: [alice, bob], listedSigners: ["alice.dev"] }),
    says:
      `signatures[1] is by "bob.dev", who is not listed in the manifest's signers ("alice.dev")`,
  },
  {
    step: 9,
    code: "name_mismatch",
    what: "a manifest name that differs from the package",
    files: () => bundle({ name: "echo.other" }),
    says: 'manifest name "echo.other" must match the package name "echo.minimal"',
  },
  {
    step: 9,
    code: "name_invalid",
    what: "an invalid name when no package is given",
    files: () => bundle({ name: "Echo" }),
    options: { packageName: undefined },
    says: "name must be 2 to 64 characters",
  },
  {
    step: 9,
    code: "version_invalid",
    what: "the version v1.0.0",
    files: () => bundle({ version: "v1.0.0" }),
    says: 'version must be valid semver 2.0, such as 1.2.0; found "v1.0.0"',
  },
  {
    step: 9,
    code: "version_invalid",
    what: "the version 01.0.0",
    files: () => bundle({ version: "01.0.0" }),
    says: 'found "01.0.0"',
  },
  {
    step: 9,
    code: "version_invalid",
    what: "a 1000-character version",
    files: () => bundle({ version: `1.0.0-${"a".repeat(994)}` }),
    says: "at most 128 characters",
  },
  {
    step: 9,
    code: "version_published",
    what: "a version whose key is already published",
    files: () => bundle({ version: "1.0.0+build.7" }),
    options: { publishedVersions: (key) => key === "1.0.0" },
    says:
      "version 1.0.0 of echo.minimal is already published (build metadata does not make a new version)",
  },
];

for (const tampering of TAMPERINGS) {
  Deno.test(`step ${tampering.step} rejects ${tampering.what} with ${tampering.code}`, async () => {
    const report = await verifyBundle(await tampering.files(), {
      ...options,
      ...tampering.options,
    });
    assert.equal(report.ok, false);
    assert.equal(report.error?.code, tampering.code, String(report.error?.message));
    assert.equal(report.error?.step, tampering.step);
    assertIncludes(report.error!.message, tampering.says);
    const statuses = report.steps.map((step) => step.status);
    const expected = statuses.map((_, index) =>
      index + 1 < tampering.step
        ? "passed"
        : index + 1 === tampering.step
        ? "failed"
        : "not_reached"
    );
    assert.deepEqual(statuses, expected);
    assert.equal(report.steps[tampering.step - 1]!.detail, report.error!.message);
  });
}

Deno.test("two signers where one signature is bad are rejected, and the report shows each", async () => {
  const files = await bundle({ signers: [alice, { ...bob, privateKey: mallory.privateKey }] });
  const report = await verifyBundle(files, options);
  assert.equal(report.error?.code, "signature_invalid");
  assert.equal(report.error?.field, "signatures[1].signature");
  assert.deepEqual(report.signers.map(({ signer, verified }) => [signer, verified]), [[
    "alice.dev",
    true,
  ], ["bob.dev", false]]);
  assertIncludes(report.signers[1]!.problem!, 'signatures[1] of "bob.dev" does not verify');
});

Deno.test("an experimental v1 manifest is accepted when the operator enables experimental manifests", async () => {
  const report = await verifyBundle(await bundle({ manifest: { ...v1Fields, name: undefined } }), {
    ...options,
    experimentalManifests: true,
  });
  assert.equal(report.error, null);
  assert.equal(report.schemaVersion, "1.0.0-draft");
  assert.equal(report.name, "echo.minimal", "the v1 id stands in for a missing name");
  assert.equal(report.steps[5]!.detail, "experimental manifest v1, enabled on this server");
});

Deno.test("the published-versions callback is asked with the version key, and a new version passes", async () => {
  const asked: string[] = [];
  const report = await verifyBundle(await bundle({ version: "1.1.0-rc.1+sha.5114f85" }), {
    ...options,
    publishedVersions: (key) => {
      asked.push(key);
      return Promise.resolve(key === "1.0.0");
    },
  });
  assert.equal(report.ok, true);
  assert.deepEqual(asked, ["1.1.0-rc.1"]);
  assert.equal(report.versionKey, "1.1.0-rc.1");
});

Deno.test("a bundle without skill.wasm fails step 1 unless the wasm is declared optional", async () => {
  const files = await bundle();
  files.delete("skill.wasm");
  const report = await verifyBundle(files, options);
  assert.equal(report.error?.code, "file_missing");
  assert.equal(report.error?.file, "skill.wasm");
  const optional = await verifyBundle(files, { ...options, requireWasm: false });
  assert.equal(optional.ok, true);
  assert.equal(optional.steps[4]!.status, "skipped");
  assert.equal(optional.artifactDigest, null);
});
