// Packages: creation, reading and every change an owner can make. Listings are in list.ts,
// versions in versions.ts, publishing in publish.ts.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { owners, packages, users } from "../db/schema.ts";
import { type Actor, type AuditInput, auditInsert } from "../audit/audit.ts";
import { isPackageName, PACKAGE_NAME_RULES } from "./bundle/version.ts";
import type { PackagePatch } from "./metadata.ts";

export type Package = typeof packages.$inferSelect;
/** A package as listings show it: everything but the readme (up to 64 KiB each). */
export type PackageSummary = Omit<Package, "readme">;

/**
 * What a row of the owner's /packages page shows of a package, with what its cursor needs (the
 * API's lists answer the whole summary).
 */
export type PackageOwnRow = Pick<
  PackageSummary,
  | "id"
  | "name"
  | "visibility"
  | "description"
  | "deprecatedAt"
  | "unlistedAt"
  | "archivedAt"
  | "latestVersion"
  | "lastPublishedAt"
  | "createdAt"
  | "updatedAt"
>;

/** What a row of a public list shows: the same, with the tags and whose package it is. */
export type PackageListRow = PackageOwnRow & Pick<PackageSummary, "ownerId" | "tags">;

// The package-list vocabulary, written once: types, query schemas and the pages' filters.
export const VISIBILITIES = ["private", "public"] as const;
export const PACKAGE_STATUSES = ["active", "deprecated", "unlisted", "archived"] as const;
export const PACKAGE_SORTS = ["updated", "name", "published", "created"] as const;
export type Visibility = typeof VISIBILITIES[number];
export type PackageStatus = typeof PACKAGE_STATUSES[number];
export type PackageSort = typeof PACKAGE_SORTS[number];

/** An error message for a name that breaks the convention, or null. */
export function checkPackageName(name: string): string | null {
  return isPackageName(name) ? null : `package name must be ${PACKAGE_NAME_RULES}`;
}

/** The package's most important state, for badges and filters. */
export function packageStatus(
  p: Pick<PackageSummary, "archivedAt" | "deprecatedAt" | "unlistedAt">,
): PackageStatus {
  return p.archivedAt
    ? "archived"
    : p.deprecatedAt
    ? "deprecated"
    : p.unlistedAt
    ? "unlisted"
    : "active";
}

/** The insert for a new package and its audit event, for batching with a first publish. */
export function newPackage(
  db: Db,
  actor: Actor,
  input: { name: string; visibility?: Visibility; description?: string | null },
  now: Date,
) {
  // Every package row is inserted here, so no path (API, form, first publish) can skip the rule.
  const problem = checkPackageName(input.name);
  if (problem) throw new RangeError(problem);
  const row = {
    id: crypto.randomUUID(),
    ownerId: actor.ownerId,
    name: input.name,
    visibility: input.visibility ?? "private",
    description: input.description ?? null,
    createdAt: now,
    updatedAt: now,
  } as const;
  return {
    id: row.id,
    writes: [
      db.insert(packages).values(row),
      auditInsert(db, actor, {
        action: "package.create",
        targetType: "package",
        targetId: row.id,
        metadata: { package: row.name, visibility: row.visibility },
      }, now),
    ] as const,
  };
}

export async function getPackageById(db: Db, id: string): Promise<Package | null> {
  const [row] = await db.select().from(packages).where(eq(packages.id, id)).limit(1);
  return row ?? null;
}

/** One of the owner's packages by name, or null (also for anyone else's). */
export async function getOwnPackage(
  db: Db,
  ownerId: string,
  name: string,
): Promise<Package | null> {
  const [row] = await db.select().from(packages)
    .where(and(eq(packages.ownerId, ownerId), eq(packages.name, name))).limit(1);
  return row ?? null;
}

/**
 * The rule for an owner with public pages (/@handle and its packages): an organization, or a
 * user whose address is verified. An unverified account, and the handle reservation a sign-up
 * with a registered address makes, both answer 404 like a missing handle, so a sign-up's
 * outcome does not tell whether the address was registered.
 */
export function isPublicOwner() {
  const verified = sql`SELECT 1 FROM ${users}
    WHERE ${users.id} = ${owners.userId} AND ${users.emailVerifiedAt} IS NOT NULL`;
  return sql`(${owners.kind} <> 'user' OR EXISTS (${verified}))`;
}

/** The public owner a handle names (handles are stored lowercase), or null. */
export async function getOwnerByHandle(
  db: Db,
  handle: string,
): Promise<{ id: string; handle: string } | null> {
  const [row] = await db.select({ id: owners.id, handle: owners.handle }).from(owners)
    .where(and(eq(owners.handle, handle), isPublicOwner())).limit(1);
  return row ?? null;
}

/** A public package (listed or not) by handle and name; null for a private or missing one alike. */
export async function getPublicPackage(
  db: Db,
  handle: string,
  name: string,
): Promise<Package | null> {
  const [row] = await db.select({ pkg: packages }).from(packages)
    .innerJoin(owners, eq(owners.id, packages.ownerId))
    .where(
      and(
        eq(owners.handle, handle),
        eq(packages.name, name),
        eq(packages.visibility, "public"),
        isPublicOwner(),
      ),
    )
    .limit(1);
  return row?.pkg ?? null;
}

/**
 * Applies a checked patch (lib/packages/commands.ts updatePackage decides whether it may):
 * metadata, visibility and lifecycle, in one batch with one audit event per kind of change.
 */
export async function applyPackagePatch(
  db: Db,
  actor: Actor,
  pkg: Package,
  patch: PackagePatch,
  now: Date,
): Promise<Package> {
  const changes: Partial<typeof packages.$inferInsert> = {};
  const events: AuditInput[] = [];
  const target = { targetType: "package", targetId: pkg.id };
  const base = { package: pkg.name };

  const meta: (keyof PackagePatch)[] = ["description", "tags", "readme", "homepage", "repository"];
  const metaChanged = meta.filter((k) =>
    patch[k] !== undefined && JSON.stringify(patch[k]) !== JSON.stringify(pkg[k as keyof Package])
  );
  if (metaChanged.length) {
    for (const k of metaChanged) (changes as Record<string, unknown>)[k] = patch[k];
    events.push({
      action: "package.update",
      ...target,
      metadata: { ...base, fields: metaChanged },
    });
  }
  if (patch.visibility && patch.visibility !== pkg.visibility) {
    changes.visibility = patch.visibility;
    events.push({
      action: "package.visibility",
      ...target,
      metadata: { ...base, from: pkg.visibility, to: patch.visibility },
    });
  }
  if (
    patch.deprecated !== undefined &&
    (patch.deprecated ?? null) !== (pkg.deprecationMessage ?? null)
  ) {
    changes.deprecatedAt = patch.deprecated === null ? null : pkg.deprecatedAt ?? now;
    changes.deprecationMessage = patch.deprecated;
    events.push({
      action: patch.deprecated === null ? "package.undeprecate" : "package.deprecate",
      ...target,
      metadata: patch.deprecated === null ? base : { ...base, message: patch.deprecated },
    });
  }
  if (patch.unlisted !== undefined && patch.unlisted !== !!pkg.unlistedAt) {
    changes.unlistedAt = patch.unlisted ? now : null;
    events.push({
      action: patch.unlisted ? "package.unlist" : "package.relist",
      ...target,
      metadata: base,
    });
  }
  if (patch.archived !== undefined && patch.archived !== !!pkg.archivedAt) {
    changes.archivedAt = patch.archived ? now : null;
    events.push({
      action: patch.archived ? "package.archive" : "package.unarchive",
      ...target,
      metadata: base,
    });
  }
  if (events.length === 0) return pkg;
  changes.updatedAt = now;
  await db.batch([
    db.update(packages).set(changes).where(eq(packages.id, pkg.id)),
    ...events.map((e) => auditInsert(db, actor, e, now)),
  ]);
  return (await getPackageById(db, pkg.id))!;
}
