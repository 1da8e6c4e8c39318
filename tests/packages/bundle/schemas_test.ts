import { z } from "zod";
import { assert, assertIncludes } from "../../helpers/assert.ts";
import { BundleError } from "@/lib/packages/bundle/errors.ts";
import {
  manifestV0Schema,
  manifestV1Schema,
  parseManifest,
  parseProvenance,
  parseSignatures,
  provenanceSchema,
  signaturesSchema,
  signerId,
} from "@/lib/packages/bundle/schemas.ts";
import { parsePolicy } from "@/lib/packages/bundle/policy.ts";
import { parseStrictJson } from "@/lib/packages/bundle/strict_json.ts";
import { expectBundleError, listDirs, SPEC_DIR } from "./helpers.ts";

const CASES = new URL("test-vectors/skill-format/", SPEC_DIR);

/** How each schema-case folder is parsed; a folder missing here fails the test. */
const PARSERS: Record<string, (value: unknown) => unknown> = {
  "manifest": (value) => parseWithSchemaVersion(value, "0"),
  "manifest-v1": (value) => parseWithSchemaVersion(value, "1.0.0-draft"),
  "signatures": (value) => parseSignatures(value),
  "provenance": (value) => parseProvenance(value),
};

function parseWithSchemaVersion(value: unknown, expected: string): unknown {
  const parsed = parseManifest(value);
  assert.equal(parsed.schemaVersion, expected);
  return parsed;
}

Deno.test("every schema case of the spec is classified as good or bad", async () => {
  let count = 0;
  for (const kind of await listDirs(CASES)) {
    const parser = PARSERS[kind];
    assert.ok(parser, `no parser for the schema cases in ${kind}/`);
    for (const verdict of await listDirs(new URL(`${kind}/`, CASES))) {
      assert.ok(verdict === "good" || verdict === "bad", `unexpected folder ${kind}/${verdict}`);
      for await (const entry of Deno.readDir(new URL(`${kind}/${verdict}/`, CASES))) {
        if (!entry.name.endsWith(".json")) continue;
        const path: string = `${kind}/${verdict}/${entry.name}`;
        const value = parseStrictJson(await Deno.readFile(new URL(path, CASES)), { file: path });
        let error: unknown = null;
        try {
          parser(value);
        } catch (caught) {
          error = caught;
        }
        if (verdict === "good") assert.equal(error, null, `${path} should be accepted`);
        else assert.ok(error instanceof BundleError, `${path} should be rejected`);
        count++;
      }
    }
  }
  assert.ok(count >= 10, `found only ${count} schema cases`);
});

const SPEC_SCHEMAS: Array<[string, z.ZodObject]> = [
  ["manifest.schema.json", manifestV0Schema],
  ["manifest.v1.experimental.schema.json", manifestV1Schema],
  ["signatures.schema.json", signaturesSchema],
  ["provenance.schema.json", provenanceSchema],
];

for (const [file, schema] of SPEC_SCHEMAS) {
  Deno.test(`the zod schema for ${file} allows and requires the same keys as the spec`, async () => {
    const spec = JSON.parse(
      await Deno.readTextFile(new URL(`spec/skill-format/${file}`, SPEC_DIR)),
    );
    assert.equal(spec.additionalProperties, false);
    const keys = Object.keys(schema.shape);
    assert.deepEqual([...keys].sort(), Object.keys(spec.properties).sort());
    const required = keys.filter((key) => !schema.shape[key]!.safeParse(undefined).success);
    assert.deepEqual(required.sort(), [...spec.required].sort());
  });
}

const manifest = {
  name: "echo.minimal",
  version: "0.1.0",
  entrypoint: "run",
  artifact: `sha256:${"a".repeat(64)}`,
  capabilities: [],
  signers: ["alice.dev"],
};

Deno.test("a manifest with an extra key is rejected, naming the key and the allowed keys", async () => {
  const error = await expectBundleError(
    () => parseManifest({ ...manifest, homepage: "x" }),
    "manifest_invalid",
  );
  assert.equal(
    error.message,
    'manifest.json has the unknown key "homepage"; allowed keys: name, version, entrypoint, artifact, capabilities, signers',
  );
  assert.equal(error.field, "homepage");
  const nested = await expectBundleError(
    () => parseManifest({ ...manifest, capabilities: [{ kind: "env", value: "HOME", note: "x" }] }),
    "manifest_invalid",
  );
  assertIncludes(
    nested.message,
    'unknown key "note" in capabilities[0]; allowed keys: kind, value',
  );
});

Deno.test("an uppercase or short digest is rejected, saying what a digest must be", async () => {
  const upper = `sha256:${"A".repeat(64)}`;
  const error = await expectBundleError(
    () => parseManifest({ ...manifest, artifact: upper }),
    "manifest_invalid",
  );
  assert.equal(
    error.message,
    `manifest.json: artifact must be sha256: followed by 64 lowercase hex characters; found "${upper}"`,
  );
  assert.equal(error.field, "artifact");
  assert.equal(error.expected, "sha256: followed by 64 lowercase hex characters");
  const signatures = { artifact: manifest.artifact, manifest_hash: "sha256:abc", signatures: [] };
  const short = await expectBundleError(() => parseSignatures(signatures), "signatures_invalid");
  assertIncludes(
    short.message,
    "signatures.json: manifest_hash must be sha256: followed by 64 lowercase hex",
  );
});

Deno.test("missing and mistyped manifest fields are named with expected and found", async () => {
  const { entrypoint: _, ...withoutEntrypoint } = manifest;
  const missing = await expectBundleError(
    () => parseManifest(withoutEntrypoint),
    "manifest_invalid",
  );
  assert.equal(missing.message, "manifest.json: entrypoint is missing; expected a string");
  const mistyped = await expectBundleError(
    () => parseManifest({ ...manifest, signers: ["a", 7] }),
    "manifest_invalid",
  );
  assert.equal(mistyped.message, "manifest.json: signers[1] must be a string; found number 7");
  const notObject = await expectBundleError(() => parseManifest([manifest]), "manifest_invalid");
  assert.equal(notObject.message, "manifest.json must be an object; found an array of 1");
  const algorithm = await expectBundleError(
    () =>
      parseSignatures({
        artifact: manifest.artifact,
        manifest_hash: manifest.artifact,
        signatures: [{ signer: "a", algorithm: "rsa", signature: "" }],
      }),
    "signatures_invalid",
  );
  assert.equal(
    algorithm.message,
    'signatures.json: signatures[0].algorithm must be "ed25519"; found "rsa"',
  );
});

Deno.test("an unknown manifest schema_version is unsupported, in the words the existing API uses", async () => {
  const error = await expectBundleError(
    () => parseManifest({ ...manifest, schema_version: "9.9.9" }),
    "manifest_schema_version_unsupported",
  );
  assertIncludes(error.message, "unsupported manifest schema version: 9.9.9");
  assertIncludes(error.message, '"1.0.0-draft" (experimental v1)');
  // A schema_version that is not a string is not a version: the manifest is v0 and has an extra key.
  await expectBundleError(
    () => parseManifest({ ...manifest, schema_version: 1 }),
    "manifest_invalid",
  );
});

Deno.test("a v1 manifest reports the field inside an entrypoint object or a schema reference", async () => {
  const v1 = {
    schema_version: "1.0.0-draft",
    id: "provenact.echo",
    version: "0.1.0",
    entrypoint: { kind: "wasi-command", path: "run" },
    artifact: manifest.artifact,
    inputs_schema: "https://example.com/in.json",
    outputs_schema: { type: "object" },
    capabilities: [],
    signers: ["alice.dev"],
  };
  assert.equal(parseManifest(v1).schemaVersion, "1.0.0-draft");
  const kind = await expectBundleError(
    () => parseManifest({ ...v1, entrypoint: { kind: "native", path: "run" } }),
    "manifest_invalid",
  );
  assert.equal(
    kind.message,
    'manifest.json: entrypoint.kind must be one of "wasi-command", "wasi-reactor"; found "native"',
  );
  const extra = await expectBundleError(
    () => parseManifest({ ...v1, entrypoint: { kind: "wasi-command", path: "run", args: [] } }),
    "manifest_invalid",
  );
  assertIncludes(extra.message, 'unknown key "args" in entrypoint; allowed keys: kind, path');
  const uri = await expectBundleError(
    () => parseManifest({ ...v1, inputs_schema: "not a uri" }),
    "manifest_invalid",
  );
  assert.equal(uri.message, 'manifest.json: inputs_schema must be a URI; found "not a uri"');
  const neither = await expectBundleError(
    () => parseManifest({ ...v1, outputs_schema: 3 }),
    "manifest_invalid",
  );
  assert.equal(
    neither.message,
    "manifest.json: outputs_schema must be a JSON object or a URI string; found number 3",
  );
  const empty = await expectBundleError(() => parseManifest({ ...v1, id: "" }), "manifest_invalid");
  assert.equal(empty.message, 'manifest.json: id must have at least 1 character; found ""');
});

Deno.test("signer ids follow the bundle format's naming convention in manifests, signatures and policies", async () => {
  for (const ok of ["a", "alice.dev", "codex.release", "ci_bot-2", "x".repeat(64)]) {
    assert.ok(signerId.safeParse(ok).success, ok);
  }
  const bad = [
    "",
    "Alice",
    "alice dev",
    ".alice",
    "-a",
    "a".repeat(65),
    "al\u202eice",
    "ali\u200bce",
  ];
  for (const id of bad) {
    assert.ok(!signerId.safeParse(id).success, JSON.stringify(id));
    const v1 = {
      schema_version: "1.0.0-draft",
      id: "x.y",
      version: "1.0.0",
      entrypoint: "run",
      artifact: manifest.artifact,
      inputs_schema: { type: "object" },
      outputs_schema: { type: "object" },
      capabilities: [],
    };
    for (const value of [{ ...manifest, signers: [id] }, { ...v1, signers: [id] }]) {
      const error = await expectBundleError(() => parseManifest(value), "manifest_invalid");
      assertIncludes(error.message, "signers[0] must be a signer id of 1 to 64 characters");
    }
  }
  const policy = await expectBundleError(
    () => parsePolicy({ version: 1, trusted_signers: ["Alice"], capability_ceiling: {} }),
    "policy_invalid",
  );
  assertIncludes(policy.message, "trusted_signers[0] must be a signer id");
});
