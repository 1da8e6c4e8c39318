import { BundleError } from "./errors.ts";
import { checkCapabilityCeiling, parsePolicy } from "./policy.ts";
import { manifestName, parseManifest } from "./schemas.ts";
import { assertSafeJsonValue } from "./strict_json.ts";

/** The response of POST /v1/verify/manifest (docs/compat/inactu-control-api.md section 4.2). */
export interface ManifestVerification {
  schema_version: "0" | "1.0.0-draft";
  name: string;
  version: string;
  artifact: string;
  capability_ceiling_ok: boolean;
}

/**
 * Manifest-only verification for POST /v1/verify/manifest: the manifest is parsed as v0 or v1
 * draft; with a policy, its capability ceiling is enforced (a violation throws, as the existing
 * API answers 400, never ok:false); without one (absent or null), capability_ceiling_ok is false.
 * Parse the request body with parseStrictJson so that duplicate keys are refused too.
 */
export function verifyManifestDocument(
  manifest: unknown,
  options: { policy?: unknown; experimentalManifests: boolean },
): ManifestVerification {
  assertSafeJsonValue(manifest, { file: "manifest" });
  const parsed = parseManifest(manifest, { file: "manifest" });
  if (parsed.schemaVersion !== "0" && !options.experimentalManifests) {
    throw new BundleError(
      "experimental_manifest_disabled",
      'the manifest is an experimental v1 manifest (schema_version "1.0.0-draft"), and ' +
        "experimental manifests are disabled on this server",
      {
        file: "manifest",
        field: "schema_version",
        expected: "a manifest v0",
        found: '"1.0.0-draft"',
      },
    );
  }
  let ceilingOk = false;
  if (options.policy !== undefined && options.policy !== null) {
    assertSafeJsonValue(options.policy, { file: "policy" });
    checkCapabilityCeiling(parsed.manifest.capabilities, parsePolicy(options.policy));
    ceilingOk = true;
  }
  return {
    schema_version: parsed.schemaVersion,
    name: manifestName(parsed),
    version: parsed.manifest.version,
    artifact: parsed.manifest.artifact,
    capability_ceiling_ok: ceilingOk,
  };
}

/**
 * The error text the existing API answers with (section 4.2): "invalid manifest: …",
 * "invalid policy: …" or "capability check failed: …".
 */
export function manifestVerificationMessage(error: BundleError): string {
  if (error.code === "policy_invalid") return `invalid policy: ${error.message}`;
  if (error.code === "capability_ceiling_exceeded") {
    return `capability check failed: ${error.message}`;
  }
  return `invalid manifest: ${error.message}`;
}
