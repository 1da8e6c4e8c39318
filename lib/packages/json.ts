// How packages and versions look in the /v1 API: the inactu control API's fields first
// (id, name, visibility, description; version, artifact_digest, published_at,
// deprecated_at), then ours. Times are RFC 3339; absent values are null.
// The zod schemas are the description of /v1/openapi.json and the serializers' return types, so
// the two cannot drift.
import { z } from "zod";
import type { VerificationReport } from "./bundle/verify.ts";
import {
  type Package,
  PACKAGE_STATUSES,
  packageStatus,
  type PackageSummary,
  VISIBILITIES,
} from "./packages.ts";
import type { PackageVersion } from "./versions.ts";
import type { DownloadStats } from "./downloads.ts";
import type { VersionTrust } from "./trust.ts";
import type { KeyCheck } from "./bundle/keys.ts";

const iso = (d: Date | null | undefined) => d ? d.toISOString() : null;
const time = z.string().meta({ format: "date-time" });
const maybeTime = time.nullable();

/** Downloads: the total and one count per UTC day, oldest first (zero-filled). */
export const DownloadsJson = z.object({
  total: z.number().int(),
  days: z.array(z.object({ day: z.string().meta({ format: "date" }), count: z.number().int() })),
}).strict().meta({ id: "Downloads" });

export const PackageJson = z.object({
  id: z.string(),
  name: z.string(),
  visibility: z.enum(VISIBILITIES),
  description: z.string().nullable(),
  owner: z.string().optional(),
  status: z.enum(PACKAGE_STATUSES),
  tags: z.array(z.string()),
  homepage: z.string().nullable(),
  repository: z.string().nullable(),
  latest_version: z.string().nullable(),
  version_count: z.number().int(),
  last_published_at: maybeTime,
  deprecated_at: maybeTime,
  deprecation_message: z.string().nullable(),
  unlisted_at: maybeTime,
  archived_at: maybeTime,
  created_at: time,
  updated_at: time,
  readme: z.string().nullable().optional(),
  downloads: DownloadsJson.optional(),
}).strict().meta({ id: "Package" });

const CapabilityJson = z.object({ kind: z.string(), value: z.string() });
const ScopedJson = z.object({ kind: z.string(), from: z.string(), to: z.string() });
export const CapabilityChangeJson = z.object({
  previous: z.string().nullable().describe("The version compared with; null for the first"),
  added: z.array(CapabilityJson),
  removed: z.array(CapabilityJson),
  widened: z.array(ScopedJson),
  narrowed: z.array(ScopedJson),
}).strict().meta({ id: "CapabilityChange" });

export const VersionJson = z.object({
  version: z.string(),
  artifact_digest: z.string(),
  published_at: time,
  deprecated_at: maybeTime,
  deprecation_message: z.string().nullable(),
  yanked_at: maybeTime,
  yank_reason: z.string().nullable(),
  prerelease: z.boolean(),
  archive_digest: z.string(),
  archive_size: z.number().int(),
  archive_media_type: z.string(),
  wasm_size: z.number().int(),
  manifest_hash: z.string(),
  keys_digest: z.string(),
  signers: z.array(z.record(z.string(), z.unknown())),
  published_by_user_id: z.string().nullable(),
  signer_keys: z.array(z.object({
    signer: z.string(),
    fingerprint: z.string().nullable(),
    status: z.enum(["pinned", "retired", "unpinned"]),
    added_via: z.enum(["first_publish", "rotation", "settings", "history"]).nullable(),
    added_in_version: z.string().nullable(),
  })).describe("Each signature's key against the package's pinned keys (docs/adr/0011)"),
  key_event: z.enum(["first_publish", "same_keys", "rotation", "history"])
    .describe("What this version did to the pinned keys"),
  capability_change: CapabilityChangeJson,
  capabilities_increased: z.boolean()
    .describe("Adds or widens a capability compared with the previous version (semver order)"),
  manifest: z.record(z.string(), z.unknown()).optional(),
  downloads: DownloadsJson.optional(),
}).strict().meta({ id: "Version" });

export const ReportJson = z.object({
  ok: z.boolean(),
  error: z.object({
    code: z.string(),
    message: z.string(),
    step: z.number().int().nullable(),
    file: z.string().nullable(),
    field: z.string().nullable(),
    expected: z.string().nullable(),
    found: z.string().nullable(),
  }).nullable(),
  steps: z.array(z.object({
    step: z.number().int(),
    name: z.string(),
    status: z.enum(["passed", "failed", "skipped", "not_reached"]),
    detail: z.string(),
  })),
  schema_version: z.enum(["0", "1.0.0-draft"]).nullable(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  artifact_digest: z.string().nullable(),
  manifest_hash: z.string().nullable(),
  keys_digest: z.string().nullable(),
  signers: z.array(z.object({
    signer: z.string(),
    algorithm: z.string(),
    key_digest: z.string().nullable(),
    verified: z.boolean(),
    problem: z.string().nullable(),
  })),
  keys: z.object({
    outcome: z.enum(["first_publish", "pinned", "rotation"]),
    signers: z.array(z.object({
      signer: z.string(),
      fingerprint: z.string(),
      status: z.enum(["pinned", "new", "retired"]),
    })),
    pinned: z.array(z.object({ signer: z.string(), fingerprint: z.string() }))
      .describe("The package's active keys before this publish"),
    added: z.array(z.object({ signer: z.string(), fingerprint: z.string() }))
      .describe("The keys this publish pins"),
  }).nullable().describe("The pinned-key rule of step 9; null without a package"),
  wasm_size: z.number().int().nullable(),
}).strict().meta({ id: "VerificationReport" });

export function packageJson(
  p: PackageSummary & Partial<Pick<Package, "readme">>,
  options: { readme?: boolean; owner?: string; downloads?: DownloadStats } = {},
): z.infer<typeof PackageJson> {
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
    ...(options.downloads ? { downloads: options.downloads } : {}),
  };
}

export function versionJson(
  v: PackageVersion,
  trust: VersionTrust,
  options: { manifest?: boolean; downloads?: DownloadStats } = {},
): z.infer<typeof VersionJson> {
  const { change } = trust;
  return {
    version: v.version,
    artifact_digest: v.artifactDigest,
    published_at: v.publishedAt.toISOString(),
    deprecated_at: iso(v.deprecatedAt),
    deprecation_message: v.deprecationMessage,
    yanked_at: iso(v.yankedAt),
    yank_reason: v.yankReason,
    prerelease: v.prerelease,
    archive_digest: v.archiveDigest,
    archive_size: v.archiveSize,
    archive_media_type: v.archiveMediaType,
    wasm_size: v.wasmSize,
    manifest_hash: v.manifestHash,
    keys_digest: v.keysDigest,
    signers: v.signers,
    published_by_user_id: v.publishedByUserId,
    signer_keys: trust.signers.map((s) => ({
      signer: s.signer,
      fingerprint: s.fingerprint,
      status: s.status,
      added_via: s.key?.addedVia ?? null,
      added_in_version: s.key?.addedInVersion ?? null,
    })),
    key_event: trust.keyEvent,
    capability_change: {
      previous: change.previous,
      added: change.added,
      removed: change.removed,
      widened: change.widened,
      narrowed: change.narrowed,
    },
    capabilities_increased: change.increased,
    ...(options.manifest ? { manifest: v.manifest } : {}),
    ...(options.downloads ? { downloads: options.downloads } : {}),
  };
}

/** The verification report, snake_case, for the API and the verify endpoint. */
export function reportJson(r: VerificationReport): z.infer<typeof ReportJson> {
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
    keys: r.keys && keyCheckJson(r.keys),
    wasm_size: r.wasmSize,
  };
}

function keyCheckJson(k: KeyCheck): NonNullable<z.infer<typeof ReportJson>["keys"]> {
  const pair = (x: { signer: string; fingerprint: string }) => ({
    signer: x.signer,
    fingerprint: x.fingerprint,
  });
  return {
    outcome: k.outcome,
    signers: k.signers,
    pinned: k.pinned.map(pair),
    added: k.added.map(pair),
  };
}
