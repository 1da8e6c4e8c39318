// The SQL of the package lists (lib/packages/list.ts): columns, scopes, filters and keyset
// orders. Every value is a placeholder, so the query of each shape (columns, scope, sort,
// filters present, cursor or not) is built once per database and reused (lib/db/rows.ts).
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { owners, packages } from "../db/schema.ts";
import {
  isPublicOwner,
  PACKAGE_SORTS,
  type PackageListRow,
  type PackageOwnRow,
  type PackageSort,
  type PackageStatus,
  type PackageSummary,
  type Visibility,
} from "./packages.ts";
import type { PackageCursor } from "./list_query.ts";

const { readme: _readme, ...summaryColumns } = getTableColumns(packages);
// Each value a read returns costs a conversion (about 0.2 µs), so pages read only theirs.
const ownRowColumns = {
  id: packages.id,
  name: packages.name,
  visibility: packages.visibility,
  description: packages.description,
  deprecatedAt: packages.deprecatedAt,
  unlistedAt: packages.unlistedAt,
  archivedAt: packages.archivedAt,
  latestVersion: packages.latestVersion,
  lastPublishedAt: packages.lastPublishedAt,
  createdAt: packages.createdAt,
  updatedAt: packages.updatedAt,
} satisfies { [K in keyof PackageOwnRow]: unknown };
const rowColumns = {
  ...ownRowColumns,
  ownerId: packages.ownerId,
  tags: packages.tags,
} satisfies { [K in keyof PackageListRow]: unknown };
export const COLUMNS = { summary: summaryColumns, row: rowColumns, ownRow: ownRowColumns };
export type RowOf = { summary: PackageSummary; row: PackageListRow; ownRow: PackageOwnRow };

export interface ListOptions {
  q?: string;
  visibility?: Visibility;
  status?: PackageStatus;
  sort?: PackageSort;
  /** From an earlier page of the same sort (decodePackageCursor). */
  cursor?: PackageCursor;
  limit: number;
}

/** The placeholders of every list query; listPackagesWhere gives their values. */
export const P = {
  owner: sql.placeholder("owner"),
  q: sql.placeholder("q"),
  visibility: sql.placeholder("visibility"),
  key: sql.placeholder("key"),
  id: sql.placeholder("id"),
  limit: sql.placeholder("limit"),
};

/** Conditions shared by the owner's listing and public search. */
export function listConditions(options: ListOptions): (SQL | undefined)[] {
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
        key: (p: PackageOwnRow): string | number => p.name,
        after: or(gt(packages.name, P.key), and(eq(packages.name, P.key), gt(packages.id, P.id))),
      };
    case "published":
      return {
        order: [desc(published), desc(packages.id)],
        key: (p: PackageOwnRow): string | number => p.lastPublishedAt?.getTime() ?? 0,
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
    key: (p: PackageOwnRow): string | number => p[field].getTime(),
    after: or(lt(column, P.key), and(eq(column, P.key), lt(packages.id, P.id))),
  };
}

export const SORTS = Object.fromEntries(PACKAGE_SORTS.map((s) => [s, sortSpec(s)])) as Record<
  PackageSort,
  ReturnType<typeof sortSpec>
>;

/** Public, listed packages of owners with public pages (isPublicOwner), as /@handle answers. */
const publicScope = () => [
  eq(packages.visibility, "public"),
  isNull(packages.unlistedAt),
  sql`EXISTS (SELECT 1 FROM ${owners} WHERE ${owners.id} = ${packages.ownerId} AND ${isPublicOwner()})`,
];

/** Which packages each list may show. */
export const SCOPES = {
  own: () => [eq(packages.ownerId, P.owner)],
  ownPublic: () => [eq(packages.ownerId, P.owner), eq(packages.visibility, "public")],
  public: publicScope,
  publicOfOwner: () => [...publicScope(), eq(packages.ownerId, P.owner)],
};
