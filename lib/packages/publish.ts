// Publishing, as docs/architecture.md "Publish data flow": an upload capped -> unpack capped ->
// verify (bundle-format.md) -> blobs (row first, then bytes; content addressed, idempotent) -> one
// batch: version row, package counters, latest version, audit event. A failure before the
// batch leaves no version row; UNIQUE(package_id, version_key) turns a concurrent duplicate
// into a clean 409.
import { eq, sql } from "drizzle-orm";
import type { Services } from "../define.ts";
import { packages, packageVersions } from "../db/schema.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";
import { type Account, isUniqueViolation } from "../auth/accounts.ts";
import { enforceLimit, LIMITS } from "../auth/limits.ts";
import { touchBlob } from "../artifacts/blob_records.ts";
import { sha256Digest } from "../artifacts/digest.ts";
import { BundleError } from "./bundle/errors.ts";
import { readArchive, readFormFiles } from "./bundle/archive.ts";
import { ARCHIVE_MEDIA_TYPES, detectArchiveFormat } from "./bundle/decompress.ts";
import { packArchive } from "./bundle/pack.ts";
import { unreadableUploadReport, type VerificationReport, verifyBundle } from "./bundle/verify.ts";
import { versionKey } from "./bundle/version.ts";
import {
  getOwnPackage,
  getPackageById,
  newPackage,
  type Package,
  type Visibility,
} from "./packages.ts";
import { getVersion, type PackageVersion, recomputeLatest, versionExists } from "./versions.ts";
import { versionOrder } from "./version_order.ts";

/** An uploaded archive, or bundle files uploaded one by one (a form). */
export type Upload =
  | { kind: "archive"; bytes: Uint8Array }
  | { kind: "files"; files: [string, Uint8Array][] };

export interface PublishRequest {
  account: Account;
  actor: Actor;
  upload: Upload;
  /** The package the URL names (API); the manifest's name must equal it. */
  packageName?: string;
  /** The visibility of a package this publish creates; private unless said otherwise. */
  visibility?: Visibility;
  /** Verify and report only; store nothing (POST /v1/verify/bundle, the form's review step). */
  dryRun?: boolean;
}

export type PublishResult =
  | {
    ok: true;
    package: Package;
    version: PackageVersion;
    report: VerificationReport;
    created: boolean;
  }
  | {
    ok: true;
    dryRun: true;
    report: VerificationReport;
    archive: Uint8Array;
    packageExists: boolean;
  }
  | { ok: false; status: 400 | 403 | 409 | 503; error: string; report: VerificationReport | null };

/** Turns an upload into the archive that will be stored and the files in it. */
async function unpack(
  upload: Upload,
): Promise<{ archive: Uint8Array; files: Map<string, Uint8Array> }> {
  if (upload.kind === "archive") {
    const { files } = await readArchive(upload.bytes);
    return { archive: upload.bytes, files };
  }
  return packFormFiles(upload.files);
}

/**
 * Files sent one by one, as the archive they are stored as: packed the same way every time
 * (sorted names, fixed metadata), so identical uploads share one blob.
 */
export async function packFormFiles(
  upload: [string, Uint8Array][],
): Promise<{ archive: Uint8Array; files: Map<string, Uint8Array> }> {
  const { files } = readFormFiles(upload);
  const sorted = new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
  return { archive: await packArchive(sorted, { format: "tar.gz" }), files: sorted };
}

export type VerifyUploadResult =
  | {
    ok: true;
    report: VerificationReport;
    archive: Uint8Array;
    files: Map<string, Uint8Array>;
    existing: Package | null;
  }
  | { ok: false; status: 400 | 409; error: string; report: VerificationReport };

/**
 * Unpacks and verifies an upload. With an owner, step 9 also checks the version is not yet
 * published in that owner's package of the manifest's name (or `packageName`).
 */
export async function verifyUpload(
  s: Services,
  upload: Upload,
  options: { ownerId?: string; packageName?: string } = {},
): Promise<VerifyUploadResult> {
  const experimentalManifests = s.config.experimentalManifests;
  let unpacked: { archive: Uint8Array; files: Map<string, Uint8Array> };
  try {
    unpacked = await unpack(upload);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    return {
      ok: false,
      status: 400,
      error: error.message,
      report: unreadableUploadReport(error, { experimentalManifests }),
    };
  }
  const { archive, files } = unpacked;
  const name = options.packageName ?? peekName(files);
  const existing = name && options.ownerId
    ? await getOwnPackage(s.db, options.ownerId, name)
    : null;
  const report = await verifyBundle(files, {
    packageName: options.packageName,
    experimentalManifests,
    publishedVersions: (key) => existing ? versionExists(s.db, existing.id, key) : false,
  });
  if (!report.ok) {
    return {
      ok: false,
      status: report.error?.code === "version_published" ? 409 : 400,
      error: report.error?.message ?? "the bundle did not verify",
      report,
    };
  }
  return { ok: true, report, archive, files, existing };
}

/** Verifies an upload and, unless it is a dry run, stores it as a new immutable version. */
export async function publish(s: Services, request: PublishRequest): Promise<PublishResult> {
  const { account, actor } = request;
  const verified = await verifyUpload(s, request.upload, {
    ownerId: account.ownerId,
    packageName: request.packageName,
  });
  if (!verified.ok) return verified;
  const { report, archive, files, existing } = verified;
  if (existing?.archivedAt) {
    return {
      ok: false,
      status: 409,
      error: `package ${existing.name} is archived; unarchive it to publish new versions`,
      report,
    };
  }
  if (request.dryRun) return { ok: true, dryRun: true, report, archive, packageExists: !!existing };
  if (!account.emailVerifiedAt) {
    return {
      ok: false,
      status: 403,
      error: "verify your email address before publishing; the link is in the mail we sent you",
      report,
    };
  }
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.publishPerOwner, account.ownerId, now);

  const wasm = files.get("skill.wasm")!;
  const archiveDigest = await sha256Digest(archive);
  const archiveMediaType = ARCHIVE_MEDIA_TYPES[detectArchiveFormat(archive)];
  const blobs = [
    { digest: archiveDigest, bytes: archive, mediaType: archiveMediaType },
    { digest: report.artifactDigest!, bytes: wasm, mediaType: "application/wasm" },
  ];
  try {
    // The rows first: a crash after the bytes are written still leaves a record that GC finds.
    for (const b of blobs) {
      await touchBlob(
        s.db,
        { digest: b.digest, size: b.bytes.byteLength, mediaType: b.mediaType },
        now,
      );
    }
    for (const b of blobs) await s.blobs.put(b.digest, b.bytes, { contentType: b.mediaType });
  } catch (error) {
    s.logger.error("blob store failed during publish", {
      error: String(error),
      package: report.name,
    });
    return {
      ok: false,
      status: 503,
      error: "blob storage is unavailable, so nothing was published; try again shortly",
      report,
    };
  }

  const inserted = await insertVersion(s, {
    actor,
    account,
    report,
    existing,
    archiveDigest,
    archiveMediaType,
    archiveSize: archive.byteLength,
    wasmSize: wasm.byteLength,
    visibility: request.visibility,
  }, now);
  if ("conflict" in inserted) {
    return {
      ok: false,
      status: 409,
      error:
        `version ${report.version} of ${report.name} already exists; versions are immutable, publish a new version number`,
      report,
    };
  }
  // Garbage collection may have removed an orphan with the same digest between our put and
  // the commit; now that a version references it, put back whatever is missing.
  for (const b of blobs) {
    if (!await s.blobs.head(b.digest).catch(() => null)) {
      await s.blobs.put(b.digest, b.bytes, { contentType: b.mediaType }).catch((error) =>
        s.logger.error("could not restore a blob after publish", {
          digest: b.digest,
          error: String(error),
        })
      );
    }
  }
  return { ok: true, ...inserted, report };
}

/** The manifest's name, read leniently before verification picks the package it goes to. */
function peekName(files: Map<string, Uint8Array>): string | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    return typeof value?.name === "string"
      ? value.name
      : typeof value?.id === "string"
      ? value.id
      : null;
  } catch {
    return null;
  }
}

async function insertVersion(
  s: Services,
  input: {
    actor: Actor;
    account: Account;
    report: VerificationReport;
    existing: Package | null;
    archiveDigest: string;
    archiveMediaType: string;
    archiveSize: number;
    wasmSize: number;
    visibility?: Visibility;
  },
  now: Date,
): Promise<{ package: Package; version: PackageVersion; created: boolean } | { conflict: true }> {
  const { report, actor } = input;
  const name = report.name!;
  for (let attempt = 0; attempt < 2; attempt++) {
    const pkg = attempt === 0 ? input.existing : await getOwnPackage(s.db, actor.ownerId, name);
    const created = pkg
      ? null
      : newPackage(s.db, actor, { name, visibility: input.visibility }, now);
    const packageId = pkg?.id ?? created!.id;
    const versionId = crypto.randomUUID();
    const order = versionOrder(report.version!);
    try {
      await s.db.batch([
        ...(created?.writes ?? []),
        s.db.insert(packageVersions).values({
          id: versionId,
          packageId,
          version: report.version!,
          versionKey: versionKey(report.version!),
          versionOrder: order.order,
          prerelease: order.prerelease,
          artifactDigest: report.artifactDigest!,
          archiveDigest: input.archiveDigest,
          archiveSize: input.archiveSize,
          archiveMediaType: input.archiveMediaType,
          wasmSize: input.wasmSize,
          manifest: report.manifest as unknown as Record<string, unknown>,
          manifestHash: report.manifestHash!,
          keysDigest: report.keysDigest!,
          signers: report.signers.map((x) => ({
            signer: x.signer,
            algorithm: x.algorithm,
            key_digest: x.keyDigest,
            verified: x.verified,
          })),
          publishedByUserId: input.account.userId,
          publishedAt: now,
        }),
        s.db.update(packages).set({
          versionCount: sql`${packages.versionCount} + 1`,
          lastPublishedAt: sql`max(coalesce(${packages.lastPublishedAt}, 0), ${now.getTime()})`,
          updatedAt: now,
        }).where(eq(packages.id, packageId)),
        recomputeLatest(s.db, packageId),
        auditInsert(s.db, actor, {
          action: "package.publish",
          targetType: "package_version",
          targetId: versionId,
          metadata: {
            package: name,
            version: report.version,
            artifact_digest: report.artifactDigest,
          },
        }, now),
      ]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const current = await getOwnPackage(s.db, actor.ownerId, name);
      if (current && await versionExists(s.db, current.id, versionKey(report.version!))) {
        return { conflict: true };
      }
      // Another publish created the package first: publish into it.
      if (current && attempt === 0) continue;
      throw error;
    }
    const [finalPkg, version] = await Promise.all([
      getPackageById(s.db, packageId),
      getVersion(s.db, packageId, report.version!),
    ]);
    return { package: finalPkg!, version: version!, created: !!created };
  }
  return { conflict: true };
}
