// Lines per time bucket and severity, for the viewer's histogram. Counts come from
// context_log_counts (kept per minute by every write), so a range of any size costs at most
// one row per minute and level. With a text filter the matching lines are counted through
// the trigram index instead, up to TEXT_COUNT_LIMIT of them; beyond that the histogram shows
// every line in the range and says so.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { MINUTE_MS } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import { ftsPhrase, hasTrigram } from "./read.ts";
import { int, timeSpan } from "./span.ts";

export const TEXT_COUNT_LIMIT = 5_000;
const STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
const MAX_BARS = 60;

export interface HistogramBucket {
  start: Date;
  end: Date;
  /** Lines per level: debug, info, warn, error. */
  counts: [number, number, number, number];
}

export interface Histogram {
  from: Date;
  to: Date;
  bucketMs: number;
  buckets: HistogramBucket[];
  /** The largest bucket total (at least 1, for scaling). */
  max: number;
  total: number;
  /** False when a text filter was set but the counts include every line. */
  textApplied: boolean;
}

/** A bucket width (whole minutes) that splits [from, to) into at most MAX_BARS bars. */
export function bucketWidth(from: Date, to: Date): number {
  const span = Math.max(to.getTime() - from.getTime(), MINUTE_MS);
  for (const m of STEPS_MIN) if (span / (m * MINUTE_MS) <= MAX_BARS) return m * MINUTE_MS;
  return Math.ceil(span / MAX_BARS / 86_400_000) * 86_400_000;
}

/** Lines of the context in [from, to) per bucket and level, honouring the level filter. */
export async function logHistogram(
  db: Db,
  contextId: string,
  range: { from: Date; to: Date },
  filter: Pick<LogFilter, "level" | "minLevel" | "q">,
): Promise<Histogram> {
  const width = bucketWidth(range.from, range.to);
  const first = Math.floor(range.from.getTime() / width) * width;
  const end = range.to.getTime();
  const buckets: HistogramBucket[] = [];
  for (let t = first; t < end || buckets.length === 0; t += width) {
    buckets.push({ start: new Date(t), end: new Date(t + width), counts: [0, 0, 0, 0] });
  }
  const keep = (level: number) =>
    (filter.level === null || level === filter.level) &&
    (filter.minLevel === null || level >= filter.minLevel);
  const add = (ts: number, level: number, n: number) => {
    const bucket = buckets[Math.floor((ts - first) / width)];
    if (bucket && keep(level)) bucket.counts[level as 0 | 1 | 2 | 3] += n;
  };
  let textApplied = false;
  if (filter.q && hasTrigram(filter.q)) {
    const span = await timeSpan(db, contextId, new Date(first), new Date(end - 1));
    const ids = span && span !== "empty"
      ? sql` AND f.rowid BETWEEN ${int(span.lo)} AND ${int(span.hi)}`
      : sql``;
    const rows = span === "empty"
      ? []
      : await db.all<{ bar: number; level: number; lines: number }>(
        sql`SELECT CAST((ts - ${first}) / ${width} AS INTEGER) AS bar, level, count(*) AS lines
        FROM (SELECT l.ts, l.level FROM context_logs_fts f CROSS JOIN context_logs l ON l.id = f.rowid
          WHERE context_logs_fts MATCH ${ftsPhrase(filter.q)}${ids}
            AND l.context_id = ${contextId} AND +l.ts >= ${first} AND +l.ts < ${end}
          ORDER BY f.rowid DESC LIMIT ${TEXT_COUNT_LIMIT + 1})
        GROUP BY bar, level`,
      );
    if (rows.reduce((n, r) => n + Number(r.lines), 0) <= TEXT_COUNT_LIMIT) {
      textApplied = true;
      for (const r of rows) add(first + Number(r.bar) * width, Number(r.level), Number(r.lines));
    }
  }
  if (!textApplied) {
    // Summed per bar in SQL: a week is 40,000 minute rows, but only 240 bars.
    const rows = await db.all<{ bar: number; level: number; lines: number }>(
      sql`SELECT CAST((minute - ${first}) / ${width} AS INTEGER) AS bar, level, sum(lines) AS lines
        FROM context_log_counts
        WHERE context_id = ${contextId} AND minute >= ${first} AND minute < ${end}
        GROUP BY bar, level`,
    );
    for (const r of rows) add(first + Number(r.bar) * width, Number(r.level), Number(r.lines));
  }
  const totals = buckets.map((b) => b.counts.reduce((a, c) => a + c, 0));
  return {
    from: new Date(first),
    to: range.to,
    bucketMs: width,
    buckets,
    max: Math.max(1, ...totals),
    total: totals.reduce((a, c) => a + c, 0),
    textApplied: textApplied || !filter.q,
  };
}

/** The oldest and newest line times and the number of lines kept for a context. */
export async function logExtent(
  db: Db,
  contextId: string,
): Promise<{ oldest: Date | null; newest: Date | null; lines: number }> {
  // Two queries: SQLite answers a lone min() or max() with one index seek, both with a scan.
  const [[oldest], [newest], [count]] = await Promise.all([
    db.all<{ ts: number | null }>(
      sql`SELECT min(ts) AS ts FROM context_logs WHERE context_id = ${contextId}`,
    ),
    db.all<{ ts: number | null }>(
      sql`SELECT max(ts) AS ts FROM context_logs WHERE context_id = ${contextId}`,
    ),
    db.all<{ lines: number | null }>(
      sql`SELECT sum(lines) AS lines FROM context_log_counts WHERE context_id = ${contextId}`,
    ),
  ]);
  return {
    oldest: oldest?.ts == null ? null : new Date(Number(oldest.ts)),
    newest: newest?.ts == null ? null : new Date(Number(newest.ts)),
    lines: Number(count?.lines ?? 0),
  };
}
