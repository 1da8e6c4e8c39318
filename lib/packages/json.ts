// How packages and versions look in the /v1 API: the inactu control API's fields first
// (id, name, visibility, description; version, artifact_digest, published_at,
// deprecated_at), then ours. Times are RFC 3339; absent values are null.
import type { VerificationReport } from "./bundle/verify.ts";
import { type Package, packageStatus, type PackageSummary } from "./packages.ts";
import type { PackageVersion } from "./versions.ts";

const iso = (d: Date | null | undefined) => d ? d.toISOString() : null;

export function packageJson(
  p: PackageSummary & Partial<Pick<Package, "readme">>,
  options: { readme?: boolean; owner?: string } = {},
) {
  return {
    id: p.id,
    name: p.name,
    visibility: p.visibility,
    description: p.description,
    ...(options.owner ? { owner: options.owner } : {}),
    status: packageStatus(p),
    tags: p.tags,
    homepage: p.homepage,
    repository: p.repository,
    latest_version: p.latestVersion,
    version_count: p.versionCount,
    last_published_at: iso(p.lastPublishedAt),
    deprecated_at: iso(p.deprecatedAt),
    deprecation_message: p.deprecationMessage,
    unlisted_at: iso(p.unlistedAt),
    archived_at: iso(p.archivedAt),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
    ...(options.readme ? { readme: p.readme } : {}),
  };
}

export function versionJson(v: PackageVersion, options: { manifest?: boolean } = {}) {
  return {
    version: v.version,
    artifact_digest: v.artifactDigest,
    published_at: v.publishedAt.toISOString(),
    deprecated_at: iso(v.deprecatedAt),
    deprecation_message: v.deprecationMessage,
    prerelease: v.prerelease,
    archive_digest: v.archiveDigest,
    archive_size: v.archiveSize,
    archive_media_type: v.archiveMediaType,
    wasm_size: v.wasmSize,
    manifest_hash: v.manifestHash,
    keys_digest: v.keysDigest,
    signers: v.signers,
    published_by_user_id: v.publishedByUserId,
    ...(options.manifest ? { manifest: v.manifest } : {}),
  };
}

/** The verification report, snake_case, for the API and the verify endpoint. */
export function reportJson(r: VerificationReport) {
  return {
    ok: r.ok,
    error: r.error &&
      {
        code: r.error.code,
        message: r.error.message,
        step: r.error.step ?? null,
        file: r.error.file ?? null,
        field: r.error.field ?? null,
        expected: r.error.expected ?? null,
        found: r.error.found ?? null,
      },
    steps: r.steps.map((s) => ({ step: s.step, name: s.name, status: s.status, detail: s.detail })),
    schema_version: r.schemaVersion,
    name: r.name,
    version: r.version,
    artifact_digest: r.artifactDigest,
    manifest_hash: r.manifestHash,
    keys_digest: r.keysDigest,
    signers: r.signers.map((s) => ({
      signer: s.signer,
      algorithm: s.algorithm,
      key_digest: s.keyDigest,
      verified: s.verified,
      problem: s.problem ?? null,
    })),
    wasm_size: r.wasmSize,
  };
}
