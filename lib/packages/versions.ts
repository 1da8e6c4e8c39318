import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, packages, packageVersions } from "../db/schema.ts";
import { type Actor, auditInsert } from "../audit/audit.ts";
import type { Package } from "./packages.ts";
import { isValidVersion, versionKey } from "./bundle/version.ts";

export type PackageVersion = typeof packageVersions.$inferSelect;

/** A package's versions, newest publication first (as the inactu control API lists them). */
export function listVersions(db: Db, packageId: string): Promise<PackageVersion[]> {
  return db.select().from(packageVersions).where(eq(packageVersions.packageId, packageId))
    .orderBy(desc(packageVersions.publishedAt), desc(packageVersions.versionOrder));
}

/** A version with the handle of the user who published it (null if the account is gone). */
export type ListedVersion = PackageVersion & { publishedBy: string | null };

/** `listVersions`, each with who published it: package pages say so (docs/adr/0010). */
export async function listVersionsWithPublishers(
  db: Db,
  packageId: string,
): Promise<ListedVersion[]> {
  const rows = await db.select({ version: packageVersions, handle: owners.handle })
    .from(packageVersions)
    .leftJoin(owners, eq(owners.userId, packageVersions.publishedByUserId))
    .where(eq(packageVersions.packageId, packageId))
    .orderBy(desc(packageVersions.publishedAt), desc(packageVersions.versionOrder));
  return rows.map((r) => ({ ...r.version, publishedBy: r.handle }));
}

/**
 * One version by its number; build metadata is ignored (1.0.0+a finds 1.0.0+b). Every version
 * that comes from a request (path, query, form) is looked up here, so a malformed one is
 * simply a version that does not exist: null, the same 404 as a missing one.
 */
export async function getVersion(
  db: Db,
  packageId: string,
  version: string,
): Promise<PackageVersion | null> {
  if (!isValidVersion(version)) return null;
  const [row] = await db.select().from(packageVersions)
    .where(
      and(
        eq(packageVersions.packageId, packageId),
        eq(packageVersions.versionKey, versionKey(version)),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Whether a version number (build metadata ignored) is taken in a package. */
export async function versionExists(db: Db, packageId: string, key: string): Promise<boolean> {
  const [row] = await db.select({ id: packageVersions.id }).from(packageVersions)
    .where(and(eq(packageVersions.packageId, packageId), eq(packageVersions.versionKey, key)))
    .limit(1);
  return !!row;
}

/**
 * The update that recomputes a package's latest version inside the same batch as the change
 * that affects it: the highest stable, non-deprecated version, else the highest non-deprecated
 * prerelease, else the highest of all; yanked versions never (null when all are). Ordered in
 * SQL by the semver sort key, so concurrent publishes of different versions cannot leave a
 * stale answer.
 */
export function recomputeLatest(db: Db, packageId: string) {
  const pick = sql`(SELECT ${packageVersions.version} FROM ${packageVersions}
    WHERE ${packageVersions.packageId} = ${packageId} AND ${packageVersions.yankedAt} IS NULL
    ORDER BY (${packageVersions.deprecatedAt} IS NULL) DESC, ${packageVersions.prerelease} ASC, ${packageVersions.versionOrder} DESC
    LIMIT 1)`;
  return db.update(packages).set({ latestVersion: pick }).where(eq(packages.id, packageId));
}

/**
 * Deprecates a version with an optional message, or (message === null) undoes it. Deprecating
 * again keeps the first time, as the inactu control API does. Returns the updated version.
 */
export async function setVersionDeprecation(
  db: Db,
  actor: Actor,
  pkg: Package,
  version: PackageVersion,
  deprecate: { message: string | null } | null,
  now: Date,
): Promise<PackageVersion> {
  const target = { targetType: "package_version", targetId: version.id };
  const meta = { package: pkg.name, version: version.version };
  const changed = deprecate
    ? !version.deprecatedAt ||
      (deprecate.message !== null && deprecate.message !== version.deprecationMessage)
    : !!version.deprecatedAt;
  if (!changed) return version;
  await db.batch([
    db.update(packageVersions).set(
      deprecate
        ? {
          deprecatedAt: sql`coalesce(${packageVersions.deprecatedAt}, ${now.getTime()})`,
          deprecationMessage: deprecate.message ?? version.deprecationMessage,
        }
        : { deprecatedAt: null, deprecationMessage: null },
    )
      .where(eq(packageVersions.id, version.id)),
    recomputeLatest(db, pkg.id),
    db.update(packages).set({ updatedAt: now }).where(eq(packages.id, pkg.id)),
    auditInsert(db, actor, {
      action: deprecate ? "version.deprecate" : "version.undeprecate",
      ...target,
      metadata: deprecate?.message ? { ...meta, message: deprecate.message } : meta,
    }, now),
  ]);
  const [row] = await db.select().from(packageVersions).where(eq(packageVersions.id, version.id))
    .limit(1);
  return row!;
}
