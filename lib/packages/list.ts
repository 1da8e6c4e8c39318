// Listing packages: the owner's repository and the public lists (/@handle, /explore), with
// text search, filters, four sorts and keyset cursors. Routes decode the cursor with
// cursorParam (lib/packages/list_query.ts), so one this code did not write is a 400.
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { likeContains } from "../db/like.ts";
import { owners, packages } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { type Actor, can } from "../access/policy.ts";
import { ownerFor, type OwnerScope } from "../orgs/access.ts";
import {
  isPublicOwner,
  type PackageSort,
  type PackageStatus,
  type PackageSummary,
  type Visibility,
} from "./packages.ts";
import { DEFAULT_PACKAGE_SORT, encodePackageCursor, type PackageCursor } from "./list_query.ts";

const { readme: _readme, ...summaryColumns } = getTableColumns(packages);

export interface ListOptions {
  q?: string;
  visibility?: Visibility;
  status?: PackageStatus;
  sort?: PackageSort;
  /** From an earlier page of the same sort (decodePackageCursor). */
  cursor?: PackageCursor;
  limit: number;
}

/** Conditions shared by the owner's listing and public search. */
function listConditions(options: ListOptions): (SQL | undefined)[] {
  const q = options.q?.trim();
  return [
    q
      ? or(
        sql`${packages.name} LIKE ${likeContains(q.toLowerCase())} ESCAPE '\\'`,
        sql`lower(${packages.description}) LIKE ${likeContains(q.toLowerCase())} ESCAPE '\\'`,
        // Each tag on its own, so a search never matches the JSON around them.
        sql`EXISTS (SELECT 1 FROM json_each(${packages.tags}) AS tag
          WHERE lower(tag.value) LIKE ${likeContains(q.toLowerCase())} ESCAPE '\\')`,
      )
      : undefined,
    options.visibility ? eq(packages.visibility, options.visibility) : undefined,
    options.status === "archived" ? isNotNull(packages.archivedAt) : undefined,
    options.status === "deprecated"
      ? and(isNotNull(packages.deprecatedAt), isNull(packages.archivedAt))
      : undefined,
    options.status === "unlisted"
      ? and(isNotNull(packages.unlistedAt), isNull(packages.archivedAt))
      : undefined,
    options.status === "active"
      ? and(isNull(packages.deprecatedAt), isNull(packages.unlistedAt), isNull(packages.archivedAt))
      : undefined,
  ];
}

/** Keyset ordering for each sort: the ORDER BY, the cursor value of a row, and the "after" test. */
function sortSpec(sort: PackageSort) {
  const published = sql<number>`coalesce(${packages.lastPublishedAt}, 0)`;
  switch (sort) {
    case "name":
      return {
        order: [asc(packages.name), asc(packages.id)],
        key: (p: PackageSummary): string | number => p.name,
        after: (v: string | number, id: string) =>
          or(gt(packages.name, String(v)), and(eq(packages.name, String(v)), gt(packages.id, id))),
      };
    case "published":
      return {
        order: [desc(published), desc(packages.id)],
        key: (p: PackageSummary): string | number => p.lastPublishedAt?.getTime() ?? 0,
        after: (v: string | number, id: string) =>
          or(
            sql`${published} < ${Number(v)}`,
            and(sql`${published} = ${Number(v)}`, lt(packages.id, id)),
          ),
      };
    case "created":
      return newestFirst("createdAt");
    default:
      return newestFirst("updatedAt");
  }
}

/** Newest first by one of the package's timestamps, the cursor holding its epoch milliseconds. */
function newestFirst(field: "createdAt" | "updatedAt") {
  const column = packages[field];
  return {
    order: [desc(column), desc(packages.id)],
    key: (p: PackageSummary): string | number => p[field].getTime(),
    after: (v: string | number, id: string) =>
      or(
        lt(column, new Date(Number(v))),
        and(eq(column, new Date(Number(v))), lt(packages.id, id)),
      ),
  };
}

/**
 * A page of one owner's packages (`owner`, a handle: the actor's own or an organization's they
 * belong to; by default the owner the request acts for), private ones only where the policy
 * lets the actor read them.
 */
export async function listOwnPackages(
  s: Services,
  actor: Actor,
  options: ListOptions & { owner?: string },
): Promise<{ packages: PackageSummary[]; nextCursor: string | null; owner: OwnerScope }> {
  const owner = await ownerFor(s, actor, "package.list", options.owner);
  const { ownerId, role } = owner;
  const all = can(actor, "package.read", { ownerId, role, visibility: "private" }).allowed;
  const scope = [
    eq(packages.ownerId, ownerId),
    all ? undefined : eq(packages.visibility, "public"),
  ];
  return { ...await listPackagesWhere(s.db, scope, options), owner };
}

/** Shared by the owner's list and public search: filters, keyset page, next cursor. */
async function listPackagesWhere(
  db: Db,
  scope: (SQL | undefined)[],
  options: ListOptions,
): Promise<{ packages: PackageSummary[]; nextCursor: string | null }> {
  const sort = options.sort ?? DEFAULT_PACKAGE_SORT;
  const spec = sortSpec(sort);
  const c = options.cursor;
  if (c && c.sort !== sort) throw new RangeError(`a ${c.sort} cursor cannot page by ${sort}`);
  const after = c ? spec.after(c.key, c.id) : undefined;
  const rows = await db.select(summaryColumns).from(packages)
    .where(and(...scope, ...listConditions(options), after))
    .orderBy(...spec.order)
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    packages: page,
    nextCursor: rows.length > options.limit && last
      ? encodePackageCursor({ sort, key: spec.key(last), id: last.id })
      : null,
  };
}

/**
 * Public, listed packages (of one owner, or everyone's for /explore), each with its owner's
 * handle; only owners with public pages (isPublicOwner) are listed, as /@handle answers.
 */
export async function listPublicPackages(
  db: Db,
  options: Omit<ListOptions, "visibility"> & { ownerId?: string },
): Promise<{ packages: (PackageSummary & { handle: string })[]; nextCursor: string | null }> {
  const page = await listPackagesWhere(db, [
    eq(packages.visibility, "public"),
    isNull(packages.unlistedAt),
    options.ownerId ? eq(packages.ownerId, options.ownerId) : undefined,
    sql`EXISTS (SELECT 1 FROM ${owners} WHERE ${owners.id} = ${packages.ownerId} AND ${isPublicOwner()})`,
  ], { ...options, visibility: undefined });
  const ids = [...new Set(page.packages.map((p) => p.ownerId))];
  const rows = ids.length
    ? await db.select({ id: owners.id, handle: owners.handle }).from(owners)
      .where(inArray(owners.id, ids))
    : [];
  const handles = new Map(rows.map((r) => [r.id, r.handle]));
  return {
    packages: page.packages.map((p) => ({ ...p, handle: handles.get(p.ownerId) ?? "" })),
    nextCursor: page.nextCursor,
  };
}
