// The services a request may use, built once by createApp (main.ts) and shared by all
// requests. Its own module so that domain code can name it without importing the framework's
// `define` (lib/define.ts imports lib/auth for the State type; this file imports no domain).
import type { Config } from "./config.ts";
import type { Clock } from "./clock.ts";
import type { Database, Db } from "./db/client.ts";
import type { BlobStore } from "./artifacts/blob_store.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { Logger } from "./log.ts";
import type { DownloadCounter } from "./packages/downloads.ts";

export interface Services {
  config: Config;
  database: Database;
  db: Db;
  blobs: BlobStore;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** Download counts waiting to be flushed (lib/packages/downloads.ts). */
  downloads: DownloadCounter;
}
