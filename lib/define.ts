import type { Config } from "./config.ts";
import type { Clock } from "./clock.ts";
import type { Database, Db } from "./db/client.ts";
import type { BlobStore } from "./artifacts/blob_store.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { Logger } from "./log.ts";
import { createDefine } from "./framework/define.ts";

/** Everything a request may use, built once by createApp and shared by all requests. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  blobs: BlobStore;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
}

/** Per-request state, typed once for every route and middleware. */
export interface State {
  services: Services;
  requestId: string;
  /** The client's address, from the socket or a trusted proxy's X-Forwarded-For. */
  clientIp: string;
  /** Document title (without the product name) and description, set by handlers. */
  title?: string;
  description?: string;
}

export const define = createDefine<State>();
