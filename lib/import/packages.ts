// Packages and versions of the export, applied as their owner through the same commands as
// every other door: createPackage, updatePackage, publish and setDeprecation.
import type { Services } from "../services.ts";
import type { Actor } from "../access/policy.ts";
import type { Account } from "../auth/accounts.ts";
import { DomainError } from "../errors.ts";
import { checkPackageName, getOwnPackage } from "../packages/packages.ts";
import { createPackage, updatePackage } from "../packages/commands.ts";
import { PackagePatch } from "../packages/metadata.ts";
import { publish } from "../packages/publish.ts";
import { verifyUpload } from "../packages/verify_upload.ts";
import { setDeprecation } from "../packages/deprecation.ts";
import { versionExists } from "../packages/versions.ts";
import { isValidVersion, versionKey } from "../packages/bundle/version.ts";
import { decodeBase64 } from "@oslojs/encoding";
import type { PackageLine, VersionLine } from "./format.ts";

export type Result = { outcome: "imported" | "unchanged"; note?: string } | {
  outcome: "refused";
  reason: string;
};

/** The owner as the access policy sees them while the import acts for them. */
export function ownerActor(account: Account): Actor {
  return {
    kind: "user",
    via: "session",
    sessionId: "import",
    userId: account.userId,
    ownerId: account.ownerId,
    ownerHandle: account.handle,
    ip: null,
    userAgent: "deno task import",
  };
}

const OLD_DEPRECATION = "deprecated before the move to this registry";

/** Creates the owner's package with its visibility, description and deprecation. */
export async function importPackage(
  s: Services,
  owner: Account,
  line: PackageLine,
  dryRun: boolean,
): Promise<Result> {
  const problem = checkPackageName(line.name);
  if (problem) return { outcome: "refused", reason: `${problem}; rename it and publish again` };
  const actor = ownerActor(owner);
  const deprecated = line.deprecated_at
    ? line.deprecation_message?.trim() || OLD_DEPRECATION
    : null;
  const existing = await getOwnPackage(s.db, owner.ownerId, line.name);
  if (existing) {
    // Only a run that stopped between the two commands leaves this to do.
    if (!deprecated || existing.deprecatedAt || dryRun) return { outcome: "unchanged" };
    await updatePackage(s, actor, { package: line.name, patch: { deprecated } });
    return { outcome: "imported" };
  }
  // A description our rules refuse is dropped (and reported), not the whole package.
  const checked = PackagePatch.shape.description.safeParse(line.description ?? null);
  const note = checked.success
    ? undefined
    : `description not kept: ${checked.error.issues[0]?.message}`;
  if (dryRun) return { outcome: "imported", note };
  try {
    await createPackage(s, actor, {
      name: line.name,
      visibility: line.visibility ?? "private",
      description: checked.success ? checked.data : null,
    });
    if (deprecated) await updatePackage(s, actor, { package: line.name, patch: { deprecated } });
  } catch (error) {
    if (error instanceof DomainError) return { outcome: "refused", reason: error.message };
    throw error;
  }
  return { outcome: "imported", note };
}

const REPUBLISH = "the owner must publish the signed bundle of this version again " +
  "(the publish page, or POST /v1/packages/{package}/versions)";

/**
 * Imports a version that carries its signed bundle through the real publish path; a
 * manifest-only version (all the old API stored) cannot be a verified version.
 */
export async function importVersion(
  s: Services,
  owner: Account,
  pkg: string,
  line: VersionLine,
  dryRun: boolean,
): Promise<Result> {
  if (!line.bundle) {
    return {
      outcome: "refused",
      reason:
        `manifest-only version: versions here are signed bundles and the export has none; ${REPUBLISH}`,
    };
  }
  const existing = await getOwnPackage(s.db, owner.ownerId, pkg);
  if (existing && isValidVersion(line.version)) {
    if (await versionExists(s.db, existing.id, versionKey(line.version))) {
      return { outcome: "unchanged" };
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(line.bundle.trim());
  } catch {
    return { outcome: "refused", reason: `bundle is not valid base64; ${REPUBLISH}` };
  }
  const upload = { kind: "archive" as const, bytes };
  try {
    // Checked before publishing, so a second run finds the version under the number it expects.
    const checked = await verifyUpload(s, upload, { packageName: pkg });
    if (!checked.ok) return { outcome: "refused", reason: `${checked.error}; ${REPUBLISH}` };
    if (checked.report.version !== line.version) {
      const found = checked.report.version;
      return { outcome: "refused", reason: `the bundle is version ${found}, not ${line.version}` };
    }
    if (!owner.emailVerifiedAt) {
      return {
        outcome: "refused",
        reason: "the owner's email is not verified (the export says so), and only a verified " +
          "account may publish; the owner must reset their password (which verifies the " +
          "address), then run the import again",
      };
    }
    if (dryRun) return { outcome: "imported" };
    const actor = ownerActor(owner);
    await publish(s, actor, { upload, package: pkg });
    if (line.deprecated_at) {
      await setDeprecation(s, actor, { package: pkg, version: line.version, deprecated: true });
    }
  } catch (error) {
    if (error instanceof DomainError) {
      return { outcome: "refused", reason: `${error.message}; ${REPUBLISH}` };
    }
    throw error;
  }
  return { outcome: "imported" };
}
