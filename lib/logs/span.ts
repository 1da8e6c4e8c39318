// Time ranges as id spans. Lines arrive roughly in time order, but a client `ts` may be up to
// 24 h late, so time is not monotonic in id and a time range cannot be turned into an id
// range by arithmetic. Its exact id span can be read from (context_id, ts), a covering index
// (the rowid is in it), at a cost that grows with the range; this reads it only when that is
// cheap or saves more than it costs.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";

/** A time range with about this many ids or fewer has its id span read first. */
export const SPAN_SCAN_IDS = 100_000;

/**
 * An id as an SQL integer. libSQL binds every JS number as REAL, and FTS5 cannot seek its
 * rowids to a REAL bound: it then reads every match and filters (measured: 50 ms against 4).
 */
export function int(n: number): bigint {
  return BigInt(Math.trunc(n));
}

/**
 * The id span of the lines in [from, to], when reading it first is cheap (the range holds few
 * ids) or worthwhile (many newer lines would be walked past); null to walk without it.
 */
export async function timeSpan(
  db: Db,
  contextId: string,
  from: Date | null,
  to: Date | null,
  spanScanIds = SPAN_SCAN_IDS,
): Promise<{ lo: number; hi: number } | "empty" | null> {
  const first = (cond: SQL) =>
    db.all<{ id: number }>(
      sql`SELECT id FROM context_logs WHERE context_id = ${contextId} AND ${cond}
        ORDER BY ts LIMIT 1`,
    ).then((r) => (r[0] ? Number(r[0].id) : null));
  // A lone min() or max() is one index seek; together they would be a scan.
  const end = (fn: "min" | "max") =>
    db.all<{ id: number | null }>(
      sql`SELECT ${sql.raw(fn)}(id) AS id FROM context_logs WHERE context_id = ${contextId}`,
    ).then((r) => (r[0]?.id == null ? null : Number(r[0].id)));
  const [lowest, highest, afterTo, atFrom] = await Promise.all([
    end("min"),
    end("max"),
    to ? first(sql`ts > ${to.getTime()}`) : Promise.resolve(null),
    from ? first(sql`ts >= ${from.getTime()}`) : Promise.resolve(null),
  ]);
  if (lowest === null || highest === null) return "empty";
  if (from && atFrom === null) return "empty";
  // Estimates in id units (ids are shared by all contexts, which scales both alike).
  const newer = afterTo === null ? 0 : highest - afterTo;
  const inside = (afterTo ?? highest) - (atFrom ?? lowest);
  if (inside > spanScanIds && newer <= inside) return null;
  const conds = [sql`context_id = ${contextId}`];
  if (from) conds.push(sql`ts >= ${from.getTime()}`);
  if (to) conds.push(sql`ts <= ${to.getTime()}`);
  const [span] = await db.all<{ lo: number | null; hi: number | null }>(
    sql`SELECT min(id) AS lo, max(id) AS hi FROM context_logs
      INDEXED BY context_logs_context_ts WHERE ${sql.join(conds, sql` AND `)}`,
  );
  if (!span || span.lo === null || span.hi === null) return "empty";
  return { lo: Number(span.lo), hi: Number(span.hi) };
}
