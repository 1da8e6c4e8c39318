import { z } from "zod";
import { DIGEST } from "../../artifacts/blob_store.ts";
import { DIGEST_DESCRIPTION } from "./digest.ts";
import { BundleError, describeValue } from "./errors.ts";
import { parseWithSchema } from "./schema_errors.ts";

// Each schema mirrors a JSON Schema of spec/skill-format/ (additionalProperties: false means
// strictObject); tests compare the keys with the spec files so the two cannot drift apart.

// docs/bundle-format.md "Digests": `sha256:` then 64 lowercase hex characters (uppercase is
// invalid), the names blobs are stored under.
const digest = z.string().regex(DIGEST, { error: DIGEST_DESCRIPTION });
const nonEmpty = z.string().min(1);

/**
 * Signer ids (manifest `signers`, signatures' `signer`, public-keys.json keys, policies'
 * trusted_signers) follow docs/bundle-format.md's naming convention, as package names do, so a
 * name shown as "verified by" can hold no control, bidi or look-alike characters and stays
 * short. One character is enough: ids are keys, not public names.
 */
export const SIGNER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const signerId = z.string().regex(SIGNER_ID_PATTERN, {
  error: "a signer id of 1 to 64 characters: lowercase letters, digits, '.', '_' and '-', " +
    "starting with a letter or digit, such as alice.dev",
});
const jsonObject = z.record(z.string(), z.unknown());
const schemaReference = z.union([jsonObject, z.url({ error: "a URI" })], {
  error: "a JSON object or a URI string",
});

/** Manifest v0 (spec/skill-format/manifest.schema.json). */
export const manifestV0Schema = z.strictObject({
  name: z.string(),
  version: z.string(),
  entrypoint: z.string(),
  artifact: digest,
  capabilities: z.array(z.strictObject({ kind: z.string(), value: z.string() })),
  signers: z.array(signerId),
});

/** The experimental v1 manifest (spec/skill-format/manifest.v1.experimental.schema.json). */
export const manifestV1Schema = z.strictObject({
  schema_version: z.literal("1.0.0-draft"),
  id: nonEmpty,
  name: nonEmpty.optional(),
  version: nonEmpty,
  entrypoint: z.union([
    nonEmpty,
    z.strictObject({ kind: z.enum(["wasi-command", "wasi-reactor"]), path: nonEmpty }),
  ], { error: "a non-empty string or an object {kind, path}" }),
  artifact: digest,
  inputs_schema: schemaReference,
  outputs_schema: schemaReference,
  capabilities: z.array(z.strictObject({ kind: nonEmpty, value: nonEmpty })),
  signers: z.array(signerId),
  provenance: jsonObject.optional(),
  compatibility: z.strictObject({
    runtime_profiles: z.array(nonEmpty).optional(),
    adapter_profiles: z.array(nonEmpty).optional(),
  }).optional(),
});

/** signatures.json (spec/skill-format/signatures.schema.json). */
export const signaturesSchema = z.strictObject({
  artifact: digest,
  manifest_hash: digest,
  signatures: z.array(z.strictObject({
    signer: signerId,
    algorithm: z.literal("ed25519"),
    signature: z.string(),
  })),
});

/** provenance.json (spec/skill-format/provenance.schema.json). */
export const provenanceSchema = z.strictObject({
  source: z.string(),
  commit: z.string(),
  build_system: z.string(),
  build_recipe_hash: digest,
});

/** bundle-meta.json (docs/bundle-format.md "Files"). */
export const bundleMetaSchema = z.strictObject({
  schema_version: z.literal("1.0.0"),
  artifact: digest,
  manifest_hash: digest,
});

/** public-keys.json: signer id -> base64 of a raw 32-byte Ed25519 key (checked at step 7). */
export const publicKeysSchema = z.record(signerId, z.string());

export type ManifestV0 = z.output<typeof manifestV0Schema>;
export type ManifestV1 = z.output<typeof manifestV1Schema>;
export type Signatures = z.output<typeof signaturesSchema>;
export type Provenance = z.output<typeof provenanceSchema>;
export type BundleMeta = z.output<typeof bundleMetaSchema>;

/** A manifest with the schema it was parsed with; `schemaVersion` is "0" for v0 (as the API says). */
export type ParsedManifest =
  | { schemaVersion: "0"; manifest: ManifestV0 }
  | { schemaVersion: "1.0.0-draft"; manifest: ManifestV1 };

/** Where a parse error is reported. */
export interface ParseOptions {
  file?: string;
  step?: number | null;
}

/**
 * Parses a manifest: `schema_version` "1.0.0-draft" selects the experimental v1 schema, any other
 * string is unsupported, and without one (or when it is not a string) the manifest is v0.
 */
export function parseManifest(value: unknown, options: ParseOptions = {}): ParsedManifest {
  const file = options.file ?? "manifest.json";
  const step = options.step ?? null;
  const version = isObject(value) ? value.schema_version : undefined;
  if (version === "1.0.0-draft") {
    const target = { file, step, code: "manifest_invalid" } as const;
    return { schemaVersion: version, manifest: parseWithSchema(manifestV1Schema, value, target) };
  }
  if (typeof version === "string") {
    // "unsupported manifest schema version" is the phrase clients of the existing API look for.
    throw new BundleError(
      "manifest_schema_version_unsupported",
      `unsupported manifest schema version: ${version.slice(0, 80)}; ${file} must have no ` +
        `schema_version (manifest v0) or "1.0.0-draft" (experimental v1)`,
      {
        step,
        file,
        field: "schema_version",
        expected: '"1.0.0-draft" or none',
        found: describeValue(version),
      },
    );
  }
  const target = { file, step, code: "manifest_invalid" } as const;
  return { schemaVersion: "0", manifest: parseWithSchema(manifestV0Schema, value, target) };
}

/** Parses signatures.json. */
export function parseSignatures(value: unknown, options: ParseOptions = {}): Signatures {
  const target = { file: options.file ?? "signatures.json", step: options.step ?? null };
  return parseWithSchema(signaturesSchema, value, { ...target, code: "signatures_invalid" });
}

/** Parses provenance.json. */
export function parseProvenance(value: unknown, options: ParseOptions = {}): Provenance {
  const target = { file: options.file ?? "provenance.json", step: options.step ?? null };
  return parseWithSchema(provenanceSchema, value, { ...target, code: "provenance_invalid" });
}

/** Parses bundle-meta.json. */
export function parseBundleMeta(value: unknown, options: ParseOptions = {}): BundleMeta {
  const target = { file: options.file ?? "bundle-meta.json", step: options.step ?? null };
  return parseWithSchema(bundleMetaSchema, value, { ...target, code: "bundle_meta_invalid" });
}

/** The package name a manifest declares: v0 `name`; v1 `name`, else its `id` (as the API does). */
export function manifestName(parsed: ParsedManifest): string {
  return parsed.schemaVersion === "0"
    ? parsed.manifest.name
    : parsed.manifest.name ?? parsed.manifest.id;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
