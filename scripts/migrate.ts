// deno-lint-ignore-file no-console -- a command-line entry point
// deno task migrate: apply pending migrations to DATABASE_URL and exit.
import { readConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";

const config = readConfig();
const database = await openDatabase(config.database);
await migrateDatabase(database);
database.close();
console.log(`migrations applied to ${config.database.url.replace(/\/\/[^@]*@/, "//")}`);
