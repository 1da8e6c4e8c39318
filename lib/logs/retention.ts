// Log retention: lines older than LOG_RETENTION_DAYS are deleted, a few thousand per
// statement so no write transaction holds the database for long, together with their
// per-minute counts. Runs in the server every hour and as `deno task purge`.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { Services } from "../services.ts";
import { startPeriodic } from "../jobs.ts";
import { logStoreOf } from "./store.ts";
import { MINUTE_MS } from "./append.ts";
import { MAX_TS_PAST_MS } from "./lines.ts";
import { DAY, HOUR, MINUTE } from "../time.ts";

export const PURGE_BATCH = 5000;
export const PURGE_EVERY_MS = HOUR;
/** The first run waits a little, so a restart loop does not purge in a loop. */
export const FIRST_PURGE_AFTER_MS = MINUTE;

/** The oldest time still kept: a whole minute, so lines and per-minute counts agree. */
export function retentionCutoff(now: Date, days: number): Date {
  const t = now.getTime() - days * DAY;
  return new Date(Math.floor(t / MINUTE_MS) * MINUTE_MS);
}

/** Deletes every line (and count) older than the retention period; returns how many lines. */
export function purgeOldLogs(
  db: Db,
  now: Date,
  days: number,
  options: { batchSize?: number } = {},
): Promise<{ lines: number; contexts: number }> {
  return logStoreOf(db).purgeBefore(retentionCutoff(now, days), options);
}

/** purgeOldLogs for the libSQL store. */
export async function purgeLibsql(
  db: Db,
  cutoffDate: Date,
  options: { batchSize?: number } = {},
): Promise<{ lines: number; contexts: number }> {
  const cutoff = cutoffDate.getTime();
  const batch = options.batchSize ?? PURGE_BATCH;
  // A line's ts is at most 24 h before it arrived, and it arrived after its context started.
  const candidates = await db.all<{ id: string }>(
    sql`SELECT id FROM contexts WHERE started_at < ${cutoff + MAX_TS_PAST_MS}`,
  );
  let lines = 0;
  let touched = 0;
  for (const { id } of candidates) {
    let deleted = 0;
    for (;;) {
      const result = await db.run(
        sql`DELETE FROM context_logs WHERE id IN (SELECT id FROM context_logs
          WHERE context_id = ${id} AND ts < ${cutoff} LIMIT ${batch})`,
      );
      deleted += result.rowsAffected;
      if (result.rowsAffected < batch) break;
    }
    await db.run(
      sql`DELETE FROM context_log_counts WHERE context_id = ${id} AND minute < ${cutoff}`,
    );
    lines += deleted;
    if (deleted) touched++;
  }
  return { lines, contexts: touched };
}

/** Purges a minute after start and then every hour; returns the function that stops it. */
export function startLogRetention(
  services: Pick<Services, "db" | "clock" | "config" | "logger">,
  options: { firstAfterMs?: number; everyMs?: number } = {},
): () => void {
  const { db, clock, config, logger } = services;
  return startPeriodic("log retention purge", async () => {
    const result = await purgeOldLogs(db, clock(), config.logRetentionDays);
    if (result.lines) {
      logger.info("log retention purge", { ...result, days: config.logRetentionDays });
    }
  }, {
    firstAfterMs: options.firstAfterMs ?? FIRST_PURGE_AFTER_MS,
    everyMs: options.everyMs ?? PURGE_EVERY_MS,
    logger,
  });
}
