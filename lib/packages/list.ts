// Listing packages: the owner's repository and the public lists (/@handle, /explore), with
// text search, filters, four sorts and keyset cursors. Routes decode the cursor with
// cursorParam (lib/packages/list_query.ts), so one this code did not write is a 400.
import { and, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { selectRows } from "../db/rows.ts";
import { likeContains } from "../db/like.ts";
import { owners, packages } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { type Actor, can } from "../access/policy.ts";
import { OWNER_NOT_FOUND, ownerFor, type OwnerScope } from "../orgs/access.ts";
import { DomainError } from "../errors.ts";
import { keptPage, listKey, type ListPage, packagesVersion } from "./list_cache.ts";
import type { PackageListRow, PackageOwnRow, PackageSummary } from "./packages.ts";
import { DEFAULT_PACKAGE_SORT, encodePackageCursor } from "./list_query.ts";
import {
  COLUMNS,
  listConditions,
  type ListOptions,
  P,
  type RowOf,
  SCOPES,
  SORTS,
} from "./list_sql.ts";

export type { ListOptions };

/**
 * A page of one owner's packages (`owner`, a handle: the actor's own or an organization's they
 * belong to; by default the owner the request acts for), private ones only where the policy
 * lets the actor read them. `key` names the page's contents: the same key, the same packages.
 */
export async function listOwnPackages(
  s: Services,
  actor: Actor,
  options: ListOptions & { owner?: string },
): Promise<OwnPage<PackageSummary>> {
  return await ownList(s, actor, options, "summary");
}

/** The same page with only what a row of the /packages page shows. */
export async function listOwnPackageRows(
  s: Services,
  actor: Actor,
  options: ListOptions & { owner?: string },
): Promise<OwnPage<PackageOwnRow>> {
  return await ownList(s, actor, options, "ownRow");
}

export interface OwnPage<Row> extends ListPage<Row> {
  owner: OwnerScope;
  key: string;
}

async function ownList<C extends keyof RowOf>(
  s: Services,
  actor: Actor,
  options: ListOptions & { owner?: string },
  columns: C,
): Promise<OwnPage<RowOf[C]>> {
  const owner = await ownerFor(s, actor, "package.list", options.owner);
  const { ownerId, role } = owner;
  const all = can(actor, "package.read", { ownerId, role, visibility: "private" }).allowed;
  const scope = all ? "own" : "ownPublic";
  const version = await packagesVersion(s.database, ownerId);
  if (version === null) throw new DomainError("not_found", OWNER_NOT_FOUND);
  const key = listKey(columns, ownerId, version, scope, options);
  const page = await keptPage(
    s.database,
    key,
    () => listPackagesWhere(s.database, scope, ownerId, options, columns),
  );
  return { ...page, owner, key };
}

/** Shared by the owner's list and public search: filters, keyset page, next cursor. */
async function listPackagesWhere<C extends keyof RowOf>(
  database: Database,
  scope: keyof typeof SCOPES,
  ownerId: string | undefined,
  options: ListOptions,
  columns: C,
): Promise<{ packages: RowOf[C][]; nextCursor: string | null }> {
  const sort = options.sort ?? DEFAULT_PACKAGE_SORT;
  const spec = SORTS[sort];
  const c = options.cursor;
  if (c && c.sort !== sort) throw new RangeError(`a ${c.sort} cursor cannot page by ${sort}`);
  const q = options.q?.trim();
  const shape = [columns, scope, sort, !!q, !!options.visibility, options.status, !!c].join(":");
  const query = prepared(
    database.db,
    `package-list:${shape}`,
    (db) =>
      db.select(COLUMNS[columns]).from(packages)
        .where(and(...SCOPES[scope](), ...listConditions(options), c ? spec.after : undefined))
        .orderBy(...spec.order)
        .limit(P.limit).prepare(),
  );
  const rows = await selectRows<PackageOwnRow>(database, query, COLUMNS[columns], {
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
    // The columns read are those of RowOf[C].
    packages: page as RowOf[C][],
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
): Promise<{ packages: (PackageListRow & { handle: string })[]; nextCursor: string | null }> {
  const { db } = s.database;
  const scope = options.ownerId ? "publicOfOwner" : "public";
  const page = await listPackagesWhere(s.database, scope, options.ownerId, {
    ...options,
    visibility: undefined,
  }, "row");
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
