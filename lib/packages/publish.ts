// Publishing, as docs/architecture.md "Publish data flow": an upload capped -> unpack capped ->
// verify (bundle-format.md) -> blobs (row first, then bytes; content addressed, idempotent) -> one
// batch: version row, package counters, latest version, audit event. A failure before the
// batch leaves no version row; UNIQUE(package_id, version_key) turns a concurrent duplicate
// into a clean 409.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Services } from "../services.ts";
import { packages, packageVersions } from "../db/schema.ts";
import { type Actor as AuditActor, auditInsert } from "../audit/audit.ts";
import { DomainError } from "../errors.ts";
import { command } from "../validation.ts";
import { type Account, getAccount, isUniqueViolation } from "../auth/accounts.ts";
import type { Actor } from "../access/policy.ts";
import type { PackageOwner } from "./owners.ts";
import { enforceLimit, LIMITS, withinLimit } from "../auth/limits.ts";
import { touchBlobs } from "../artifacts/blob_records.ts";
import type { PreparedBlob } from "../artifacts/blob_store.ts";
import { prepareBlob } from "../artifacts/prepare.ts";
import { HashedBytes } from "../artifacts/digest.ts";
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
import { pinnedKeysOf, pinPublishedKeysWrites, storeKeysWrites } from "./signer_keys.ts";

const NO_KEYS = { keys: [], stored: true };
const CONFLICTS = new Set(["version_published", "signer_key_not_pinned"]);
import {
  archivedError,
  authorizeCreate,
  authorizePackage,
  ownerAt,
  PACKAGE_NOT_FOUND,
  packageAuditActor,
} from "./access.ts";
import { VisibilityInput } from "./metadata.ts";

/** An uploaded archive, or bundle files uploaded one by one (a form). */
export type Upload =
  | { kind: "archive"; bytes: Uint8Array }
  | { kind: "files"; files: [string, Uint8Array][] };

/** What a publish takes: the upload, the package the URL names, a new package's visibility. */
export const PublishInput = z.strictObject({
  upload: z.custom<Upload>((v) => typeof v === "object" && v !== null && "kind" in v),
  /** The handle of the owner to publish to (a user or an organization); the actor's own if absent. */
  owner: z.string().optional(),
  /** The package the URL names (API, or the form's `?package=`); the manifest must agree. */
  package: z.string().optional(),
  /** The visibility of a package this publish creates; private unless said otherwise. */
  visibility: VisibilityInput.optional(),
});

/** A refused publish, with the verification report when the bundle got that far. */
export class PublishRefusal extends DomainError {
  readonly report: VerificationReport | null;

  constructor(error: DomainError, report: VerificationReport | null) {
    super(error.kind, error.message, {
      issues: error.issues,
      retryAfterSeconds: error.retryAfterSeconds ?? undefined,
    });
    this.report = report;
  }
}

export interface Published {
  package: Package;
  version: PackageVersion;
  report: VerificationReport;
  created: boolean;
}

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
 * published in that owner's package of the manifest's name (or `packageName`); `check` runs
 * first with that package (null: a new one) and throws to refuse, so nothing about a package
 * the actor may not publish to (not even whether a version exists) is told.
 */
export async function verifyUpload(
  s: Services,
  upload: Upload,
  options: {
    ownerId?: string;
    packageName?: string;
    check?: (existing: Package | null) => Promise<void>;
    /** Runs once `check` passed, before verification: publish starts writing the blobs. */
    authorized?: (archive: Uint8Array, files: Map<string, Uint8Array>) => Promise<void>;
  } = {},
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
  await options.check?.(existing);
  await options.authorized?.(archive, files);
  const report = await verifyBundle(files, {
    packageName: options.packageName,
    experimentalManifests,
    publishedVersions: (key) => existing ? versionExists(s.db, existing.id, key) : false,
    // Only a publish into the owner's package is judged against its keys (a new one has none).
    pinnedKeys: options.ownerId
      ? async () => existing ? (await pinnedKeysOf(s.db, existing.id)).keys : []
      : undefined,
  });
  if (!report.ok) {
    return {
      ok: false,
      // The package's state refuses these two, not the bundle itself.
      status: CONFLICTS.has(report.error?.code ?? "") ? 409 : 400,
      error: report.error?.message ?? "the bundle did not verify",
      report,
    };
  }
  return { ok: true, report, archive, files, existing };
}

function refuse(kind: DomainError["kind"], message: string, report: VerificationReport | null) {
  return new PublishRefusal(new DomainError(kind, message), report);
}

const VERIFY_KIND = { 400: "invalid", 409: "conflict" } as const;

/**
 * Publishes an upload as a new immutable version of the actor's package named by the manifest
 * (created, private unless said otherwise, on first publish); throws a PublishRefusal.
 */
export const publish = command(
  PublishInput,
  async (s, actor, data): Promise<Published> => {
    // The caller's own packages unless `owner` names another: the policy decides on who asks,
    // how, and (once the manifest names the package) whether they may publish or create it.
    if (actor.kind !== "user") {
      throw new DomainError("unauthenticated", "sign in, or send an API token");
    }
    const account = actor.kind === "user" ? await getAccount(s.db, actor.userId) : null;
    if (!account) throw new DomainError("unauthenticated", "sign in, or send an API token");
    const target = await ownerAt(s, actor, data.owner);
    if (!target) throw new DomainError("not_found", PACKAGE_NOT_FOUND);
    // The blobs are written while the rest of the publish runs, and discarded unless committed:
    // the archive once the actor may publish here, the wasm once nothing but storage can fail.
    const prepared: { archive?: PreparedBlob; wasm?: PreparedBlob } = {};
    try {
      return await publishAs(s, { actor, account, target, data, prepared });
    } finally {
      await Promise.all([prepared.archive?.discard(), prepared.wasm?.discard()]);
    }
  },
);

async function publishAs(
  s: Services,
  { actor, account, target, data, prepared }: {
    actor: Actor;
    account: Account;
    target: PackageOwner;
    data: z.infer<typeof PublishInput>;
    prepared: { archive?: PreparedBlob; wasm?: PreparedBlob };
  },
): Promise<Published> {
  const verified = await verifyUpload(s, data.upload, {
    ownerId: target.id,
    packageName: data.package,
    check: async (existing) => {
      if (existing) await authorizePackage(s, actor, "package.publish", target, existing);
      else await authorizeCreate(s, actor, target);
    },
    authorized: async (archive, files) => {
      prepared.archive = prepareBlob(s.blobs, archive);
      // The wasm too, while verification runs, unless the owner is at the publish limit: a
      // small archive can unpack to a 16 MiB wasm, and an owner refused for the limit must
      // not be able to make us write one by trying again. Refused bundles discard it.
      const wasm = files.get("skill.wasm");
      if (wasm && await withinLimit(s.db, LIMITS.publishPerOwner, account.ownerId, s.clock())) {
        prepared.wasm = prepareBlob(s.blobs, wasm);
      }
    },
  });
  if (!verified.ok) throw refuse(VERIFY_KIND[verified.status], verified.error, verified.report);
  const { report, archive, files, existing } = verified;
  const wasm = files.get("skill.wasm")!;
  if (existing?.archivedAt) throw new PublishRefusal(archivedError(existing), report);
  if (!account.emailVerifiedAt) {
    throw refuse(
      "forbidden",
      "verify your email address before publishing; the link is in the mail we sent you",
      report,
    );
  }
  const now = s.clock();
  await enforceLimit(s.db, LIMITS.publishPerOwner, account.ownerId, now);
  // Written already unless the owner looked to be at the limit then (or the store has it).
  prepared.wasm ??= prepareBlob(s.blobs, report.artifact!);

  // Hashed once here and once by the verifier (step 5); the store trusts both digests.
  const hashedArchive = await HashedBytes.of(archive);
  const archiveDigest = hashedArchive.digest;
  const archiveMediaType = ARCHIVE_MEDIA_TYPES[detectArchiveFormat(archive)];
  const blobs = [
    { blob: hashedArchive, mediaType: archiveMediaType, prepared: prepared.archive! },
    { blob: report.artifact!, mediaType: "application/wasm", prepared: prepared.wasm },
  ];
  try {
    // The rows first: a crash after the bytes are written still leaves a record that GC finds.
    await touchBlobs(
      s.db,
      blobs.map(({ blob, mediaType }) => ({
        digest: blob.digest,
        size: blob.bytes.byteLength,
        mediaType,
      })),
      now,
    );
    // Both at once: each waits mostly on its own fsyncs, which started before verification.
    await Promise.all(
      blobs.map(({ blob, mediaType, prepared }) =>
        prepared.commit(blob.digest, blob, { contentType: mediaType })
      ),
    );
  } catch (error) {
    s.logger.error("blob store failed during publish", {
      error: String(error),
      package: report.name,
    });
    throw refuse(
      "unavailable",
      "blob storage is unavailable, so nothing was published; try again shortly",
      report,
    );
  }

  // Into an organization, the package is created there and the publish is in its audit log.
  const inserted = await insertVersion(s, {
    actor: packageAuditActor(actor, { ownerId: target.id }),
    userId: account.userId,
    report,
    existing,
    archiveDigest,
    archiveMediaType,
    archiveSize: archive.byteLength,
    wasmSize: wasm.byteLength,
    visibility: data.visibility,
  }, now);
  if ("conflict" in inserted) {
    throw refuse(
      "conflict",
      `version ${report.version} of ${report.name} already exists; versions are immutable, publish a new version number`,
      report,
    );
  }
  // Garbage collection may have removed an orphan with the same digest between our put and
  // the commit; now that a version references it, put back whatever is missing.
  for (const { blob, mediaType } of blobs) {
    if (!await s.blobs.head(blob.digest).catch(() => null)) {
      await s.blobs.put(blob.digest, blob, { contentType: mediaType }).catch((error) =>
        s.logger.error("could not restore a blob after publish", {
          digest: blob.digest,
          error: String(error),
        })
      );
    }
  }
  return { ...inserted, report };
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
    actor: AuditActor;
    userId: string;
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
    const keyWrites = [
      ...storeKeysWrites(s.db, pkg ? await pinnedKeysOf(s.db, packageId) : NO_KEYS),
      ...(report.keys
        ? pinPublishedKeysWrites(s.db, {
          packageId,
          check: report.keys,
          version: report.version!,
          userId: input.userId,
          now,
        })
        : []),
    ];
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
          publishedByUserId: input.userId,
          publishedAt: now,
        }),
        s.db.update(packages).set({
          versionCount: sql`${packages.versionCount} + 1`,
          lastPublishedAt: sql`max(coalesce(${packages.lastPublishedAt}, 0), ${now.getTime()})`,
          updatedAt: now,
        }).where(eq(packages.id, packageId)),
        recomputeLatest(s.db, packageId),
        ...keyWrites,
        auditInsert(s.db, actor, {
          action: "package.publish",
          targetType: "package_version",
          targetId: versionId,
          metadata: {
            package: name,
            version: report.version,
            artifact_digest: report.artifactDigest,
            ...(report.keys?.added.length
              ? { keys_pinned: report.keys.added.map((k) => k.fingerprint) }
              : {}),
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
