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
import type { Database } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { selectRows } from "../db/rows.ts";
import { likeContains } from "../db/like.ts";
import { owners, packages } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { type Actor, can } from "../access/policy.ts";
import { ownerFor, type OwnerScope } from "../orgs/access.ts";
import {
  isPublicOwner,
  PACKAGE_SORTS,
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

// Every value of a list's query is a placeholder, so the query of each shape (sort, filters
// present, cursor or not, scope) is built once per database and reused (lib/db/rows.ts).
const P = {
  owner: sql.placeholder("owner"),
  q: sql.placeholder("q"),
  visibility: sql.placeholder("visibility"),
  key: sql.placeholder("key"),
  id: sql.placeholder("id"),
  limit: sql.placeholder("limit"),
};

/** Conditions shared by the owner's listing and public search. */
function listConditions(options: ListOptions): (SQL | undefined)[] {
  return [
    options.q?.trim()
      ? or(
        sql`${packages.name} LIKE ${P.q} ESCAPE '\\'`,
        sql`lower(${packages.description}) LIKE ${P.q} ESCAPE '\\'`,
        // Each tag on its own, so a search never matches the JSON around them.
        sql`EXISTS (SELECT 1 FROM json_each(${packages.tags}) AS tag
          WHERE lower(tag.value) LIKE ${P.q} ESCAPE '\\')`,
      )
      : undefined,
    options.visibility ? eq(packages.visibility, P.visibility) : undefined,
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

/**
 * Keyset ordering for each sort: the ORDER BY, the cursor value of a row, and the "after" test
 * (its key is the cursor's as stored: a name, or epoch milliseconds like the timestamp columns).
 */
function sortSpec(sort: PackageSort) {
  const published = sql<number>`coalesce(${packages.lastPublishedAt}, 0)`;
  switch (sort) {
    case "name":
      return {
        order: [asc(packages.name), asc(packages.id)],
        key: (p: PackageSummary): string | number => p.name,
        after: or(gt(packages.name, P.key), and(eq(packages.name, P.key), gt(packages.id, P.id))),
      };
    case "published":
      return {
        order: [desc(published), desc(packages.id)],
        key: (p: PackageSummary): string | number => p.lastPublishedAt?.getTime() ?? 0,
        after: or(
          sql`${published} < ${P.key}`,
          and(sql`${published} = ${P.key}`, lt(packages.id, P.id)),
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
    after: or(lt(column, P.key), and(eq(column, P.key), lt(packages.id, P.id))),
  };
}

const SORTS = Object.fromEntries(PACKAGE_SORTS.map((s) => [s, sortSpec(s)])) as Record<
  PackageSort,
  ReturnType<typeof sortSpec>
>;

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
  const scope = all ? "own" : "ownPublic";
  return { ...await listPackagesWhere(s.database, scope, ownerId, options), owner };
}

/** Public, listed packages of owners with public pages (isPublicOwner), as /@handle answers. */
const publicScope = () => [
  eq(packages.visibility, "public"),
  isNull(packages.unlistedAt),
  sql`EXISTS (SELECT 1 FROM ${owners} WHERE ${owners.id} = ${packages.ownerId} AND ${isPublicOwner()})`,
];

/** Which packages each list may show. */
const SCOPES = {
  own: () => [eq(packages.ownerId, P.owner)],
  ownPublic: () => [eq(packages.ownerId, P.owner), eq(packages.visibility, "public")],
  public: publicScope,
  publicOfOwner: () => [...publicScope(), eq(packages.ownerId, P.owner)],
};

/** Shared by the owner's list and public search: filters, keyset page, next cursor. */
async function listPackagesWhere(
  database: Database,
  scope: keyof typeof SCOPES,
  ownerId: string | undefined,
  options: ListOptions,
): Promise<{ packages: PackageSummary[]; nextCursor: string | null }> {
  const sort = options.sort ?? DEFAULT_PACKAGE_SORT;
  const spec = SORTS[sort];
  const c = options.cursor;
  if (c && c.sort !== sort) throw new RangeError(`a ${c.sort} cursor cannot page by ${sort}`);
  const q = options.q?.trim();
  const shape = [scope, sort, !!q, !!options.visibility, options.status, !!c].join(":");
  const query = prepared(
    database.db,
    `package-list:${shape}`,
    (db) =>
      db.select(summaryColumns).from(packages)
        .where(and(...SCOPES[scope](), ...listConditions(options), c ? spec.after : undefined))
        .orderBy(...spec.order)
        .limit(P.limit).prepare(),
  );
  const rows = await selectRows<PackageSummary>(database, query, summaryColumns, {
    owner: ownerId,
    q: q ? likeContains(q.toLowerCase()) : undefined,
    visibility: options.visibility,
    key: c?.key,
    id: c?.id,
    limit: options.limit + 1,
  });
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
  s: Pick<Services, "database">,
  options: Omit<ListOptions, "visibility"> & { ownerId?: string },
): Promise<{ packages: (PackageSummary & { handle: string })[]; nextCursor: string | null }> {
  const { db } = s.database;
  const scope = options.ownerId ? "publicOfOwner" : "public";
  const page = await listPackagesWhere(s.database, scope, options.ownerId, {
    ...options,
    visibility: undefined,
  });
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
