import { type Database, openDatabase } from "@/lib/db/client.ts";
import { migrateDatabase } from "@/lib/db/migrate.ts";

export interface TestDatabase extends Database, AsyncDisposable {
  /** The temp folder holding the database file (and its WAL). */
  dir: string;
}

/** A libSQL file database in a temp folder with the real migrations applied; removed on dispose. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-db-test-" });
  try {
    const database = await openDatabase({ url: `file:${dir}/test.db` });
    await migrateDatabase(database);
    return {
      ...database,
      dir,
      async [Symbol.asyncDispose]() {
        database.close();
        await Deno.remove(dir, { recursive: true });
      },
    };
  } catch (error) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw error;
  }
}
