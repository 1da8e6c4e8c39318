// What GET /v1/packages/@{owner}/{name}/resolve answers: the version a range chose and what a
// client needs to fetch and check it (digests, signer key fingerprints, capabilities, URLs).
// `deno task pull` reads exactly this.
import { z } from "zod";
import type { Package } from "./packages.ts";
import type { PackageVersion } from "./versions.ts";

const Capability = z.object({ kind: z.string(), value: z.string() });

export const ResolvedJson = z.object({
  package: z.string(),
  owner: z.string(),
  range: z.string(),
  version: z.string(),
  prerelease: z.boolean(),
  deprecated_at: z.string().meta({ format: "date-time" }).nullable(),
  deprecation_message: z.string().nullable(),
  published_at: z.string().meta({ format: "date-time" }),
  artifact_digest: z.string(),
  archive_digest: z.string(),
  archive_size: z.number().int(),
  archive_media_type: z.string(),
  manifest_hash: z.string(),
  keys_digest: z.string(),
  signers: z.array(z.object({
    signer: z.string(),
    algorithm: z.string(),
    /** sha256 of the signer's raw public key, as the verification report names it. */
    fingerprint: z.string().nullable(),
  })),
  capabilities: z.array(Capability),
  downloads: z.object({ bundle: z.string(), artifact: z.string() }),
}).strict().meta({ id: "Resolved" });
export type ResolvedJson = z.infer<typeof ResolvedJson>;

/** Where a version's files download from: a prefix to which `/bundle` or `/artifact` is added. */
export function resolvedJson(
  pkg: Package,
  owner: string,
  range: string,
  version: PackageVersion,
  base: string,
): ResolvedJson {
  const capabilities = Capability.array().safeParse(version.manifest.capabilities);
  return {
    package: pkg.name,
    owner,
    range,
    version: version.version,
    prerelease: version.prerelease,
    deprecated_at: version.deprecatedAt?.toISOString() ?? null,
    deprecation_message: version.deprecationMessage,
    published_at: version.publishedAt.toISOString(),
    artifact_digest: version.artifactDigest,
    archive_digest: version.archiveDigest,
    archive_size: version.archiveSize,
    archive_media_type: version.archiveMediaType,
    manifest_hash: version.manifestHash,
    keys_digest: version.keysDigest,
    signers: version.signers.map((s) => ({
      signer: String(s.signer),
      algorithm: String(s.algorithm),
      fingerprint: typeof s.key_digest === "string" ? s.key_digest : null,
    })),
    capabilities: capabilities.success ? capabilities.data : [],
    downloads: { bundle: `${base}/bundle`, artifact: `${base}/artifact` },
  };
}
