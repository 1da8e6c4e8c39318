// Writing log lines: the lines, their per-minute counts and the context's last activity in
// one batch (one transaction), then a wake-up for live tails in this process.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { contextLogCounts, contexts } from "../db/schema.ts";
import type { NewLogLine } from "./lines.ts";
import { notifyLines } from "./live.ts";

export const MINUTE_MS = 60_000;

/** A stored line as the reading functions return it. */
export interface LogLine {
  id: number;
  ts: Date;
  level: number;
  message: string;
  metadata: Record<string, unknown> | null;
}

/** The upsert that adds `lines` to a context's per-minute counts (for batching). */
export function countsUpsert(
  db: Db,
  contextId: string,
  counts: Map<string, number>,
) {
  const values = [...counts].map(([key, lines]) => {
    const [minute, level] = key.split(":").map(Number) as [number, number];
    return { contextId, minute, level, lines };
  });
  return db.insert(contextLogCounts).values(values).onConflictDoUpdate({
    target: [contextLogCounts.contextId, contextLogCounts.minute, contextLogCounts.level],
    set: { lines: sql`${contextLogCounts.lines} + excluded.lines` },
  });
}

/** Counts lines per `minute:level` key. */
export function countByMinute(lines: Array<{ ts: Date; level: number }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const key = `${Math.floor(l.ts.getTime() / MINUTE_MS) * MINUTE_MS}:${l.level}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The update that records activity on a context now (never moving it backwards). */
export function touchContextQuery(db: Db, contextId: string, now: Date) {
  return db.update(contexts)
    .set({ lastActivityAt: sql`max(${contexts.lastActivityAt}, ${now.getTime()})` })
    .where(eq(contexts.id, contextId));
}

/**
 * Stores checked lines for a context the caller owns, all or nothing; returns them with their
 * ids. Lines without a client `ts` get `now`.
 */
export async function appendLogs(
  db: Db,
  contextId: string,
  lines: NewLogLine[],
  now: Date,
): Promise<LogLine[]> {
  const rows = lines.map((l) => ({
    contextId,
    ts: l.ts ?? now,
    level: l.level,
    message: l.message,
    metadata: l.metadata,
  }));
  // A plain multi-row INSERT: drizzle's insert builder costs as much again as SQLite itself
  // for a 1,000-line batch (measured), the hot path of ingestion.
  const values = rows.map((r) =>
    sql`(${contextId}, ${r.ts.getTime()}, ${r.level}, ${r.message}, ${
      r.metadata === null ? null : JSON.stringify(r.metadata)
    })`
  );
  const [inserted] = await db.batch([
    db.run(sql`INSERT INTO context_logs (context_id, ts, level, message, metadata_json)
      VALUES ${sql.join(values, sql`, `)} RETURNING id`),
    countsUpsert(db, contextId, countByMinute(rows)),
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
  }));
}
