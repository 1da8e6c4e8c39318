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
import { ARCHIVE_MEDIA_TYPES, detectArchiveFormat } from "./bundle/decompress.ts";
import type { VerificationReport } from "./bundle/verify.ts";
import { type Upload, verifyUpload } from "./verify_upload.ts";
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
import {
  archivedError,
  authorizeCreate,
  authorizePackage,
  ownerAt,
  PACKAGE_NOT_FOUND,
  packageAuditActor,
} from "./access.ts";
import { VisibilityInput } from "./metadata.ts";

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
