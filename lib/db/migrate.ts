import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Database } from "./client.ts";

/** Where the committed, drizzle-kit generated migrations live. */
export const MIGRATIONS_DIR = new URL("../../migrations", import.meta.url).pathname;

/**
 * Applies pending migrations. When several instances start at once, one wins and the others
 * fail inside the migration transaction; they then find the schema current and carry on.
 */
export async function migrateDatabase(database: Database, folder = MIGRATIONS_DIR): Promise<void> {
  try {
    await migrate(database.db, { migrationsFolder: folder });
  } catch (error) {
    if (await isCurrent(database, folder)) return;
    throw error;
  }
}

async function isCurrent(database: Database, folder: string): Promise<boolean> {
  const journal = JSON.parse(await Deno.readTextFile(`${folder}/meta/_journal.json`)) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  const rows = await database.db.all<{ created_at: number }>(
    sql`SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
  ).catch(() => []);
  return rows.length > 0 && Number(rows[0]!.created_at) >= newest;
}
