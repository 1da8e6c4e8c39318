// deno-lint-ignore-file no-console -- a command-line entry point
// deno task purge: delete context logs older than LOG_RETENTION_DAYS and accounts not verified
// within 7 days, then collect blobs that no version references (after their grace period).
// The server does the first two every hour by itself; this is for a cron job, or after
// lowering the retention.
import { readConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { createLogger } from "../lib/log.ts";
import { purgeOldLogs, retentionCutoff } from "../lib/logs/retention.ts";
import { collectGarbage } from "../lib/artifacts/gc.ts";
import { createBlobStore } from "../lib/artifacts/create.ts";
import { purgeUnverifiedAccounts } from "../lib/auth/purge.ts";

const config = readConfig();
const database = await openDatabase(config.database);
try {
  await migrateDatabase(database);
  const now = new Date();
  const days = config.logRetentionDays;
  const logs = await purgeOldLogs(database.db, now, days);
  console.log(
    `logs: deleted ${logs.lines} lines older than ${days} days (before ${
      retentionCutoff(now, days).toISOString()
    }) from ${logs.contexts} contexts`,
  );
  const accounts = await purgeUnverifiedAccounts(database.db, now, createLogger());
  console.log(
    `accounts: deleted ${accounts.deleted} not verified within 7 days${
      accounts.failed ? `, ${accounts.failed} failed and will be retried` : ""
    }`,
  );
  const blobs = await collectGarbage(database.db, await createBlobStore(config.blobs), {
    now,
    logger: createLogger(),
  });
  console.log(
    `blobs: collected ${blobs.deleted.length}${
      blobs.failed.length ? `, ${blobs.failed.length} failed and will be retried` : ""
    }${blobs.temporary ? `; removed ${blobs.temporary} files of interrupted writes` : ""}`,
  );
  if (blobs.failed.length || accounts.failed) Deno.exitCode = 1;
} finally {
  database.close();
}
