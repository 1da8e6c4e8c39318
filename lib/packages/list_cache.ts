// The owner's package list (/packages), kept in process by page and by the owner's
// packages_version: every write to one of an owner's packages moves that number (SQLite triggers,
// migrations/0013_packages_version.sql), whichever code path or instance makes it, and every
// request reads it first (one primary-key read). A kept page is therefore used only while
// nothing it shows can have changed, and a change made anywhere shows on the next request.
import { eq, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Database } from "../db/client.ts";
import { owners } from "../db/schema.ts";
import { prepared } from "../db/prepared.ts";
import type { ListOptions } from "./list_sql.ts";

const VERSION_SQL = "SELECT packages_version FROM owners WHERE id = ?";

/** The owner's packages_version, or null for an owner that no longer exists. */
export async function packagesVersion(database: Database, ownerId: string): Promise<number | null> {
  if (database.nativeGet) {
    const row = database.nativeGet(VERSION_SQL, [ownerId]);
    return row ? Number(row[0]) : null;
  }
  const [row] = await prepared(
    database.db,
    "owner-packages-version",
    (db) =>
      db.select({ version: owners.packagesVersion }).from(owners)
        .where(eq(owners.id, sql.placeholder("id"))).limit(1).prepare(),
  ).all({ id: ownerId });
  return row ? row.version : null;
}

/**
 * What names one page of an owner's list exactly: the columns read, the owner and its version,
 * which packages the reader may see (`scope`), and every option that shapes the page.
 */
export function listKey(
  columns: string,
  ownerId: string,
  version: number,
  scope: string,
  options: ListOptions,
): string {
  const c = options.cursor;
  return [
    columns,
    ownerId,
    version,
    scope,
    options.sort ?? "",
    options.q?.trim() ?? "",
    options.visibility ?? "",
    options.status ?? "",
    c ? `${c.sort}:${c.key}:${c.id}` : "",
    options.limit,
  ].join("\u0000");
}

/** A page of the list: its rows and where the next page starts. */
export interface ListPage<Row> {
  packages: readonly Readonly<Row>[];
  nextCursor: string | null;
}

// Pages per database, by listKey. At most 10,000 rows are kept per database (a row is about
// 0.5 to 3 KB), the least recently used page going first.
const kept = new WeakMap<Database, LRUCache<string, ListPage<unknown>>>();
const KEPT_ROWS = 10_000;

/**
 * The page kept under `key`, else the one `read` returns, kept from now on. Its rows are
 * frozen: every later request with the same key shares them.
 */
export async function keptPage<Row>(
  database: Database,
  key: string,
  read: () => Promise<{ packages: Row[]; nextCursor: string | null }>,
): Promise<ListPage<Row>> {
  let pages = kept.get(database);
  if (!pages) {
    pages = new LRUCache({ maxSize: KEPT_ROWS, sizeCalculation: (p) => p.packages.length + 1 });
    kept.set(database, pages);
  }
  let page = pages.get(key) as ListPage<Row> | undefined;
  if (!page) {
    const { packages, nextCursor } = await read();
    page = { packages: Object.freeze(packages.map((row) => Object.freeze(row))), nextCursor };
    pages.set(key, page);
  }
  return page;
}
