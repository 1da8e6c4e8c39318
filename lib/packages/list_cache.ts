// The owner's package list (/packages), kept in process by page and by the owner's
// packages_version: every write to one of an owner's packages moves that number (SQLite triggers,
// migrations/0013_packages_version.sql), whichever code path or instance makes it, and every
// request reads it first (one primary-key read). A kept page is therefore used only while
// nothing it shows can have changed, and a change made anywhere shows on the next request.
import { eq, sql } from "drizzle-orm";
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
 * What names one page of an owner's list exactly: the owner and its version, which packages
 * the reader may see (`scope`), and every option that shapes the page.
 */
export function listKey(
  ownerId: string,
  version: number,
  scope: string,
  options: ListOptions,
): string {
  const c = options.cursor;
  return [
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
