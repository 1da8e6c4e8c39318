// deno-lint-ignore-file no-console -- a command-line entry point
// deno task import [--dry-run] [--report FILE] EXPORT.jsonl: imports the users, packages and
// versions of the old inactu control database (docs/import.md) into the configured database,
// and prints what was kept and what was not, with why. Running it again changes nothing.
import { readConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/db/client.ts";
import { migrateDatabase } from "../lib/db/migrate.ts";
import { createLogger } from "../lib/log.ts";
import { createBlobStore } from "../lib/artifacts/create.ts";
import { createMailer } from "../lib/mail/create.ts";
import { systemClock } from "../lib/clock.ts";
import { importExport } from "../lib/import/run.ts";
import { formatReport } from "../lib/import/report.ts";
import { DownloadCounter } from "../lib/packages/downloads.ts";

const USAGE = "usage: deno task import [--dry-run] [--report FILE] EXPORT.jsonl";
let dryRun = false;
let reportFile: string | null = null;
const files: string[] = [];
for (let i = 0; i < Deno.args.length; i++) {
  const arg = Deno.args[i]!;
  if (arg === "--dry-run") dryRun = true;
  else if (arg === "--report" && Deno.args[i + 1]) reportFile = Deno.args[++i]!;
  else if (arg.startsWith("--report=")) reportFile = arg.slice("--report=".length);
  else if (!arg.startsWith("-")) files.push(arg);
  else {
    console.error(`unknown option ${arg}\n${USAGE}`);
    Deno.exit(2);
  }
}
if (files.length !== 1) {
  console.error(USAGE);
  Deno.exit(2);
}
const file = files[0]!;

const text = await Deno.readTextFile(file);
const config = readConfig();
const logger = createLogger();
const database = await openDatabase(config.database);
try {
  await migrateDatabase(database);
  const report = await importExport(
    {
      config,
      database,
      db: database.db,
      blobs: await createBlobStore(config.blobs),
      mailer: await createMailer(config.mail, logger),
      clock: systemClock,
      logger,
      // The import downloads nothing: a counter only to complete the services.
      downloads: new DownloadCounter(systemClock),
    },
    text,
    { dryRun },
  );
  const out = formatReport(report);
  console.log(out);
  if (reportFile) await Deno.writeTextFile(reportFile, out + "\n");
} finally {
  database.close();
}
