// Writing log lines: the lines, their per-minute counts and the context's last activity in
// one batch (one transaction), then a wake-up for live tails in this process.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contextLogCounts, contexts } from "../db/schema.ts";
import type { NewLogLine } from "./lines.ts";
import { notifyLines } from "./live.ts";
import { logStoreOf } from "./store.ts";
import { MINUTE } from "../time.ts";

export const MINUTE_MS = MINUTE;

/** A stored line as the reading functions return it. */
export interface LogLine {
  id: number;
  ts: Date;
  level: number;
  message: string;
  metadata: Record<string, unknown> | null;
  /** What was cut or left out of a line stored before today's limits (stored.ts), or null. */
  truncated: string | null;
}

/** The upsert that adds the lines to the context's per-minute counts. */
function countsUpsert(db: Db, contextId: string, lines: Array<{ ts: Date; level: number }>) {
  const counts = new Map<
    string,
    { contextId: string; minute: number; level: number; lines: number }
  >();
  for (const l of lines) {
    const minute = Math.floor(l.ts.getTime() / MINUTE_MS) * MINUTE_MS;
    const key = `${minute}:${l.level}`;
    const row = counts.get(key);
    if (row) row.lines++;
    else counts.set(key, { contextId, minute, level: l.level, lines: 1 });
  }
  return db.insert(contextLogCounts).values([...counts.values()]).onConflictDoUpdate({
    target: [contextLogCounts.contextId, contextLogCounts.minute, contextLogCounts.level],
    set: { lines: sql`${contextLogCounts.lines} + excluded.lines` },
  });
}

/** The update that records activity on a context now (never moving it backwards). */
export function touchContextQuery(db: Db, contextId: string, now: Date) {
  return db.update(contexts)
    .set({ lastActivityAt: sql`max(${contexts.lastActivityAt}, ${now.getTime()})` })
    .where(eq(contexts.id, contextId));
}

/**
 * Stores checked lines for a context the caller owns, all or nothing, in the app's log store
 * (store.ts); returns them with their ids. Lines without a client `ts` get `now`.
 */
export function appendLogs(
  db: Db,
  contextId: string,
  lines: NewLogLine[],
  now: Date,
): Promise<LogLine[]> {
  return logStoreOf(db).append(contextId, lines, now);
}

/** The same (minute counts, last activity in the batch too) for the libSQL store. */
export async function appendLibsql(
  db: Db,
  contextId: string,
  lines: NewLogLine[],
  now: Date,
): Promise<LogLine[]> {
  const rows = lines.map((l) => ({ ...l, ts: l.ts ?? now }));
  // A plain multi-row INSERT: drizzle's insert builder costs as much again as SQLite itself
  // for a 1,000-line batch (measured), the hot path of ingestion.
  const values = rows.map((r) =>
    sql`(${contextId}, ${r.ts.getTime()}, ${r.level}, ${r.message}, ${r.metadataJson})`
  );
  const [inserted] = await db.batch([
    db.run(sql`INSERT INTO context_logs (context_id, ts, level, message, metadata_json)
      VALUES ${sql.join(values, sql`, `)} RETURNING id`),
    countsUpsert(db, contextId, rows),
    touchContextQuery(db, contextId, now),
  ]);
  notifyLines(db, contextId);
  // One INSERT numbers its rows in order; RETURNING's own order is unspecified, so sort.
  const ids = inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  return rows.map((r, i) => ({
    id: ids[i]!,
    ts: r.ts,
    level: r.level,
    message: r.message,
    metadata: r.metadata,
    truncated: null,
  }));
}
