import { type Database, type Db, openDatabase } from "@/lib/db/client.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";

export interface TestDatabase extends Database, AsyncDisposable {
  database: Database;
  db: Db;
  /** The temp folder holding the database file (and its WAL). */
  dir: string;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

/** A libSQL file database in a temp folder with the real migrations applied. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-db-" });
  let database: Database;
  try {
    database = await openDatabase({ url: `file:${dir}/test.db` });
  } catch (error) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw error;
  }
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    database.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  try {
    await migrateDatabase(database);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { ...database, database, dir, dispose, [Symbol.asyncDispose]: dispose };
}
