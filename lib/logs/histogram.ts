// Lines per time bucket and severity, for the viewer's histogram. Counts come from
// context_log_counts (kept per minute by every write), so a range of any size costs at most
// one row per minute and level. With a text filter the matching lines are counted through
// the trigram index instead, up to TEXT_COUNT_LIMIT of them; beyond that the histogram shows
// every line in the range and says so. Field filters count their matching lines the same way
// (read a page at a time). The ClickHouse store counts every filter exactly.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { MINUTE_MS } from "./append.ts";
import type { LogFilter } from "./filter.ts";
import { ftsPhrase, hasTrigram, readLibsql } from "./read.ts";
import { type BarCount, type HistogramQuery, logStoreOf } from "./store.ts";
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

/** Lines of the context in [from, to) per bucket and level, honouring the filters. */
export async function logHistogram(
  db: Db,
  contextId: string,
  range: { from: Date; to: Date },
  filter: Pick<LogFilter, "level" | "minLevel" | "q" | "fields">,
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
  const { rows, filtered } = await logStoreOf(db).histogram(
    contextId,
    { first, end, width },
    filter,
  );
  for (const r of rows) {
    const bucket = buckets[r.bar];
    if (bucket && keep(r.level)) bucket.counts[r.level as 0 | 1 | 2 | 3] += r.lines;
  }
  const totals = buckets.map((b) => b.counts.reduce((a, c) => a + c, 0));
  return {
    from: new Date(first),
    to: range.to,
    bucketMs: width,
    buckets,
    max: Math.max(1, ...totals),
    total: totals.reduce((a, c) => a + c, 0),
    textApplied: filtered,
  };
}

/** The store's histogram for libSQL (see the top of this file). */
export async function libsqlBars(
  db: Db,
  contextId: string,
  { first, end, width }: HistogramQuery,
  filter: Pick<LogFilter, "level" | "minLevel" | "q" | "fields">,
): Promise<{ rows: BarCount[]; filtered: boolean }> {
  const bars = (rows: Array<{ bar: number; level: number; lines: number }>) =>
    rows.map((r) => ({ bar: Number(r.bar), level: Number(r.level), lines: Number(r.lines) }));
  const sum = (rows: BarCount[]) => rows.reduce((n, r) => n + r.lines, 0);
  if (filter.fields?.length) {
    const rows = await fieldBars(db, contextId, { first, end, width }, filter);
    if (rows) return { rows, filtered: true };
  } else if (filter.q && hasTrigram(filter.q)) {
    const span = await timeSpan(db, contextId, new Date(first), new Date(end - 1));
    const ids = span && span !== "empty"
      ? sql` AND f.rowid BETWEEN ${int(span.lo)} AND ${int(span.hi)}`
      : sql``;
    const rows = span === "empty" ? [] : bars(
      await db.all<{ bar: number; level: number; lines: number }>(
        sql`SELECT CAST((ts - ${first}) / ${width} AS INTEGER) AS bar, level, count(*) AS lines
        FROM (SELECT l.ts, l.level FROM context_logs_fts f CROSS JOIN context_logs l ON l.id = f.rowid
          WHERE context_logs_fts MATCH ${ftsPhrase(filter.q)}${ids}
            AND l.context_id = ${contextId} AND +l.ts >= ${first} AND +l.ts < ${end}
          ORDER BY f.rowid DESC LIMIT ${TEXT_COUNT_LIMIT + 1})
        GROUP BY bar, level`,
      ),
    );
    if (sum(rows) <= TEXT_COUNT_LIMIT) return { rows, filtered: true };
  }
  // Summed per bar in SQL: a week is 40,000 minute rows, but only 240 bars.
  const rows = await db.all<{ bar: number; level: number; lines: number }>(
    sql`SELECT CAST((minute - ${first}) / ${width} AS INTEGER) AS bar, level, sum(lines) AS lines
      FROM context_log_counts
      WHERE context_id = ${contextId} AND minute >= ${first} AND minute < ${end}
      GROUP BY bar, level`,
  );
  return { rows: bars(rows), filtered: !filter.q && !filter.fields?.length };
}

/**
 * Field filters (with any text): the matching lines of the range read a page at a time, up
 * to TEXT_COUNT_LIMIT of them; null when there are more.
 */
async function fieldBars(
  db: Db,
  contextId: string,
  { first, end, width }: HistogramQuery,
  filter: Pick<LogFilter, "level" | "minLevel" | "q" | "fields">,
): Promise<BarCount[] | null> {
  const counts = new Map<string, BarCount>();
  let beforeId: number | null = null;
  let seen = 0;
  for (;;) {
    const page = await readLibsql(db, contextId, {
      ...filter,
      from: new Date(first),
      to: new Date(end - 1),
      beforeId,
      afterId: null,
      limit: 1000,
    }, { direction: "desc" });
    for (const line of page.lines) {
      const bar = Math.floor((line.ts.getTime() - first) / width);
      const key = `${bar}:${line.level}`;
      const row = counts.get(key);
      if (row) row.lines++;
      else counts.set(key, { bar, level: line.level, lines: 1 });
    }
    seen += page.lines.length;
    if (seen > TEXT_COUNT_LIMIT) return null;
    if (!page.more || page.resumeId === null) return [...counts.values()];
    beforeId = page.resumeId;
  }
}

/** The oldest and newest line times and the number of lines kept for a context. */
export function logExtent(
  db: Db,
  contextId: string,
): Promise<{ oldest: Date | null; newest: Date | null; lines: number }> {
  return logStoreOf(db).extent(contextId);
}

export async function libsqlExtent(
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
