// Reading a context's lines with filters, in id order (arrival order: the keyset cursor, the
// live tail's event id, and the existing API's ORDER BY id DESC).
//
// How each filter stays an index walk rather than a scan:
// - newest first: (context_id, id); one severity: (context_id, level, id). Both stop after
//   `limit` rows. Time and "at least" conditions are written `+l.ts`, `+l.level` so SQLite
//   never trades that ordered walk for a range scan plus a sort of the whole range.
// - text of 3+ characters: the FTS5 trigram index walked in descending rowid order, joined
//   to the line by primary key (CROSS JOIN keeps that loop order: the other way round would
//   test every line of the context against the index). The text is always one quoted FTS
//   string (a literal phrase).
// - text of 1 or 2 characters (no trigram): LIKE with % and _ escaped, over at most
//   LIKE_SCAN_ROWS lines per request; the cursor then resumes where the scan stopped.
// - a time range: lines arrive roughly in time order but a client `ts` may be up to 24 h
//   late, so time is not monotonic in id. When the range is small, or far from the newest
//   lines, its exact id span is read first from (context_id, ts) (a covering index: the
//   rowid is in it), and the ordered walk is confined to that span.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { likeContains } from "../db/like.ts";
import type { LogLine } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import { charCount } from "./text.ts";
import { int, timeSpan } from "./span.ts";
import { LINE_COLUMNS, storedLine, type StoredRow } from "./stored.ts";
import { fieldDriver, fieldExists } from "./fields_sql.ts";
import { logStoreOf } from "./store.ts";

/** Lines a 1- or 2-character text query examines per request. */
export const LIKE_SCAN_ROWS = 50_000;

export interface ReadOptions {
  /** "desc": newest first (below `beforeId`); "asc": oldest first (above `afterId`). */
  direction: "desc" | "asc";
  /** Also stop at this id (inclusive): a live tail's snapshot of the newest line. */
  maxId?: number;
  /** Read a time range's id span first when it holds at most this many ids (tests vary it). */
  spanScanIds?: number;
}

export interface LogPage {
  /** In the requested direction. */
  lines: LogLine[];
  /** Whether another page may follow in that direction. */
  more: boolean;
  /** Where to continue: the last line's id, or where a bounded scan stopped; null if none. */
  resumeId: number | null;
}

export interface Bounds {
  /** Exclusive lower id bound. */
  above: number | null;
  /** Exclusive upper id bound. */
  below: number | null;
}

/** One page of a context's lines matching `filter` (the caller owns the context). */
export function readLines(
  db: Db,
  contextId: string,
  filter: LogFilter,
  options: ReadOptions,
): Promise<LogPage> {
  return logStoreOf(db).read(contextId, filter, options);
}

/**
 * How many lines of the context match `filter` (cursors and limit ignored), counting at most
 * `max`: the question an alert asks ("more than 10 errors matching X in 5 minutes").
 */
export function countLines(
  db: Db,
  contextId: string,
  filter: LogFilter,
  max: number,
): Promise<number> {
  return logStoreOf(db).count(contextId, filter, max);
}

/** readLines for the libSQL store. */
export async function readLibsql(
  db: Db,
  contextId: string,
  filter: LogFilter,
  options: ReadOptions,
): Promise<LogPage> {
  const bounds: Bounds = {
    above: filter.afterId,
    below: min(filter.beforeId, options.maxId === undefined ? null : options.maxId + 1),
  };
  if (filter.from || filter.to) {
    const span = await timeSpan(db, contextId, filter.from, filter.to, options.spanScanIds);
    if (span === "empty") return { lines: [], more: false, resumeId: null };
    if (span) {
      bounds.above = max(bounds.above, span.lo - 1);
      bounds.below = min(bounds.below, span.hi + 1);
    }
  }
  if (bounds.above !== null && bounds.below !== null && bounds.above + 1 >= bounds.below) {
    return { lines: [], more: false, resumeId: null };
  }
  const q = filter.q;
  if (q && !hasTrigram(q)) return await readWithLike(db, contextId, filter, bounds, options);
  const desc = options.direction === "desc";
  const where = conditions(contextId, filter);
  const order = sql.raw(desc ? "DESC" : "ASC");
  if (!q && filter.fields?.length) {
    const driver = fieldDriver(contextId, filter.fields, bounds);
    const rows = await db.all<StoredRow>(sql`SELECT ${LINE_COLUMNS} ${driver.from}
      WHERE ${driver.cond} AND ${sql.join(where, sql` AND `)}
      ORDER BY ${sql.raw(driver.id)} ${order} LIMIT ${filter.limit + 1}`);
    return toPage(rows, filter.limit, null);
  }
  const query = q
    ? sql`SELECT ${LINE_COLUMNS} FROM context_logs_fts f CROSS JOIN context_logs l ON l.id = f.rowid
        WHERE context_logs_fts MATCH ${ftsPhrase(q)} ${idBounds("f.rowid", bounds)}
          AND ${sql.join(where, sql` AND `)}
        ORDER BY f.rowid ${order} LIMIT ${filter.limit + 1}`
    : sql`SELECT ${LINE_COLUMNS} FROM context_logs l
        WHERE ${sql.join(where, sql` AND `)} ${idBounds("l.id", bounds)}
        ORDER BY l.id ${order} LIMIT ${filter.limit + 1}`;
  return toPage(await db.all<StoredRow>(query), filter.limit, null);
}

/** Whether the trigram index can find `text`: it needs at least 3 characters. */
export function hasTrigram(text: string): boolean {
  return charCount(text) >= 3;
}

/** A literal phrase for FTS5: one double-quoted string, inner quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function conditions(contextId: string, filter: LogFilter): SQL[] {
  const out: SQL[] = [sql`l.context_id = ${contextId}`];
  if (filter.level !== null) out.push(sql`l.level = ${filter.level}`);
  if (filter.minLevel !== null && filter.minLevel > 0) {
    out.push(sql`+l.level >= ${filter.minLevel}`);
  }
  if (filter.from) out.push(sql`+l.ts >= ${filter.from.getTime()}`);
  if (filter.to) out.push(sql`+l.ts <= ${filter.to.getTime()}`);
  for (const term of filter.fields ?? []) out.push(fieldExists(term));
  return out;
}

export function idBounds(column: string, bounds: Bounds): SQL {
  const c = sql.raw(column);
  return sql`${bounds.above === null ? sql`` : sql` AND ${c} > ${int(bounds.above)}`}${
    bounds.below === null ? sql`` : sql` AND ${c} < ${int(bounds.below)}`
  }`;
}

async function readWithLike(
  db: Db,
  contextId: string,
  filter: LogFilter,
  bounds: Bounds,
  options: ReadOptions,
): Promise<LogPage> {
  const order = sql.raw(options.direction === "desc" ? "DESC" : "ASC");
  const window = sql`SELECT id, ts, level, message, metadata_json, context_id FROM context_logs
    WHERE context_id = ${contextId} ${idBounds("id", bounds)} ORDER BY id ${order}`;
  const rows = await db.all<StoredRow>(
    sql`SELECT ${LINE_COLUMNS} FROM (${window} LIMIT ${LIKE_SCAN_ROWS}) l
    WHERE l.message LIKE ${likeContains(filter.q!)} ESCAPE '\\'
      AND ${sql.join(conditions(contextId, filter), sql` AND `)}
    ORDER BY l.id ${order} LIMIT ${filter.limit + 1}`,
  );
  if (rows.length > filter.limit) return toPage(rows, filter.limit, null);
  // A short page: did the scan stop at its bound? Then continue from where it stopped.
  const [edge] = await db.all<{ id: number }>(
    sql`${window} LIMIT 1 OFFSET ${LIKE_SCAN_ROWS - 1}`,
  );
  return toPage(rows, filter.limit, edge ? edge.id : null);
}

function toPage(rows: StoredRow[], limit: number, scanEdge: number | null): LogPage {
  const lines = rows.slice(0, limit).map(storedLine);
  const last = lines[lines.length - 1];
  if (rows.length > limit) return { lines, more: true, resumeId: last!.id };
  if (scanEdge !== null) return { lines, more: true, resumeId: scanEdge };
  return { lines, more: false, resumeId: last ? last.id : null };
}

function min(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function max(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Whether line `id` is one of this context's (a cursor must be; docs/security.md L4). */
export function isLineOf(db: Db, contextId: string, id: number): Promise<boolean> {
  return logStoreOf(db).isLineOf(contextId, id);
}

export async function isLineOfLibsql(db: Db, contextId: string, id: number): Promise<boolean> {
  const rows = await db.all(
    sql`SELECT 1 FROM context_logs WHERE id = ${int(id)} AND context_id = ${contextId}`,
  );
  return rows.length > 0;
}

/**
 * The page the list API answers: newest first, and `next_before_id` as the existing API
 * defines it (the oldest id in the page, null when empty), or where a bounded scan stopped.
 * With only `after_id`, the page holds the lines right after it.
 */
export async function listLogs(
  db: Db,
  contextId: string,
  filter: LogFilter,
): Promise<{ lines: LogLine[]; nextBeforeId: number | null; more: boolean }> {
  const ascending = filter.afterId !== null && filter.beforeId === null;
  const page = await readLines(db, contextId, filter, {
    direction: ascending ? "asc" : "desc",
  });
  if (!ascending) return { lines: page.lines, nextBeforeId: page.resumeId, more: page.more };
  const lines = page.lines.reverse();
  return { lines, nextBeforeId: lines[lines.length - 1]?.id ?? null, more: page.more };
}
