// Where log lines live: one interface, two stores (docs/adr/0012). The embedded libSQL store
// is the default; LOG_STORE=clickhouse puts the lines in ClickHouse, while contexts and every
// other record stay in libSQL. The app binds its store to its database once (main.ts), and
// every reader and writer in lib/logs asks `logStoreOf(db)`: so the functions other modules
// call (appendLogs, readLines, listLogs, logHistogram, exportStream, tailStream, countLines,
// purgeOldLogs) keep their signatures whichever store is configured. Keyed by database like
// live.ts, so two apps in one process (tests) never share a store.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { LogLine } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import type { NewLogLine } from "./lines.ts";
import type { LogPage, ReadOptions } from "./read.ts";
import { libsqlLogStore } from "./libsql_store.ts";

/** Matching lines per histogram bar and level. */
export interface BarCount {
  /** The bar's index: floor((ts - first) / width). */
  bar: number;
  level: number;
  lines: number;
}

export interface HistogramQuery {
  /** The first bar's start and the range's end (exclusive), in ms; the bar width in ms. */
  first: number;
  end: number;
  width: number;
}

export interface LogStore {
  readonly kind: "libsql" | "clickhouse";
  /** Stores checked lines, all or nothing; returns them with their ids, in order. */
  append(contextId: string, lines: NewLogLine[], now: Date): Promise<LogLine[]>;
  /** One page of lines matching `filter`, with keyset cursors in either direction. */
  read(contextId: string, filter: LogFilter, options: ReadOptions): Promise<LogPage>;
  /** How many lines match (cursors and limit ignored), counting at most `max`. */
  count(contextId: string, filter: LogFilter, max: number): Promise<number>;
  /**
   * Matching lines per bar and level. `filtered` is false when text or field filters could
   * not be applied (too many matches to count) and the counts include every line.
   */
  histogram(
    contextId: string,
    query: HistogramQuery,
    filter: Pick<LogFilter, "level" | "minLevel" | "q" | "fields">,
  ): Promise<{ rows: BarCount[]; filtered: boolean }>;
  extent(contextId: string): Promise<{ oldest: Date | null; newest: Date | null; lines: number }>;
  isLineOf(contextId: string, id: number): Promise<boolean>;
  /** The newest line id of the context, 0 when it has none. */
  newestId(contextId: string): Promise<number>;
  /** Deletes every line older than `cutoff`. */
  purgeBefore(cutoff: Date, options: { batchSize?: number }): Promise<
    { lines: number; contexts: number }
  >;
  close(): Promise<void>;
}

const stores = new WeakMap<Db, LogStore>();

/** Makes `store` the log store of the app whose database is `db`. */
export function bindLogStore(db: Db, store: LogStore): void {
  stores.set(db, store);
}

/** The log store of the app whose database is `db`: libSQL unless another was bound. */
export function logStoreOf(db: Db): LogStore {
  let store = stores.get(db);
  if (!store) stores.set(db, store = libsqlLogStore(db));
  return store;
}

/**
 * A line written straight into libSQL's context_logs, in a batch with other records (a
 * context's status change), moved to the app's store when that is not libSQL.
 */
export async function moveLineToStore(
  db: Db,
  contextId: string,
  row: Record<string, unknown>,
): Promise<void> {
  const store = logStoreOf(db);
  if (store.kind === "libsql") return;
  const metadataJson = row.metadata_json == null ? null : String(row.metadata_json);
  const ts = new Date(Number(row.ts));
  await store.append(contextId, [{
    level: Number(row.level),
    message: String(row.message),
    metadata: metadataJson === null ? null : JSON.parse(metadataJson),
    metadataJson,
    ts,
  }], ts);
  await db.run(sql`DELETE FROM context_logs WHERE id = ${Number(row.id)}`);
}
