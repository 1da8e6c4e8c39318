// Field filters in libSQL, over context_log_fields (migrations/0006_log_fields.sql).
//
// A page of lines with a field filter is found one of two ways:
// - driven by the field index: an exact value walks (context_id, key, value_text, log_id) in
//   log_id order and stops after a page, whatever the number of matches; a prefix or numeric
//   range that matches at most DRIVER_MAX_MATCHES lines reads that set of ids and sorts it.
// - a walk over the context's lines in id order (as without fields), probing each line's
//   field by primary key (log_id, key): for a prefix or range that matches many lines, where
//   a page is found after a short walk.
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import type { FieldTerm } from "./fields.ts";
import type { Bounds } from "./read.ts";
import { int } from "./span.ts";

/** A prefix or range matching more lines than this is checked line by line instead. */
export const DRIVER_MAX_MATCHES = 20_000;

/** The condition on a field row `f` (key and value) for one term. */
export function fieldCond(term: FieldTerm, f: string): SQL {
  const c = (col: string) => sql.raw(`${f}.${col}`);
  const key = sql`${c("key")} = ${term.key}`;
  switch (term.op) {
    case "eq":
      return sql`${key} AND ${c("value_text")} = ${term.text}`;
    case "prefix":
      // A range on the index: every text starting with the prefix sorts in [prefix, prefix
      // followed by the highest code point).
      return sql`${key} AND ${c("value_text")} >= ${term.text} AND ${c("value_text")} < ${
        term.text + "\u{10FFFF}"
      }`;
    case "gt":
      return sql`${key} AND ${c("value_num")} > ${term.num}`;
    case "gte":
      return sql`${key} AND ${c("value_num")} >= ${term.num}`;
    case "lt":
      return sql`${key} AND ${c("value_num")} < ${term.num}`;
    case "lte":
      return sql`${key} AND ${c("value_num")} <= ${term.num}`;
  }
}

/** The condition on a line `l`: its field row exists (one primary-key probe). */
export function fieldExists(term: FieldTerm): SQL {
  return sql`EXISTS (SELECT 1 FROM context_log_fields f WHERE f.log_id = l.id AND ${
    fieldCond(term, "f")
  })`;
}

function indexFor(term: FieldTerm): SQL {
  return sql.raw(
    term.op === "eq" || term.op === "prefix" ? "context_log_fields_text" : "context_log_fields_num",
  );
}

function bounded(column: string, bounds: Bounds): SQL {
  const c = sql.raw(column);
  return sql`${bounds.above === null ? sql`` : sql` AND ${c} > ${int(bounds.above)}`}${
    bounds.below === null ? sql`` : sql` AND ${c} < ${int(bounds.below)}`
  }`;
}

/**
 * The FROM clause, condition and ordering column that drive a page from the field index, or
 * null when walking the lines is the better plan (see the top of this file).
 */
export async function fieldDriver(
  db: Db,
  contextId: string,
  terms: FieldTerm[],
  bounds: Bounds,
): Promise<{ from: SQL; cond: SQL; id: string } | null> {
  const exact = terms.find((t) => t.op === "eq");
  if (exact) {
    return {
      from: sql`FROM context_log_fields d INDEXED BY context_log_fields_text
        CROSS JOIN context_logs l ON l.id = d.log_id`,
      cond: sql`d.context_id = ${contextId} AND ${fieldCond(exact, "d")}`,
      id: "d.log_id",
    };
  }
  let best: { term: FieldTerm; n: number } | null = null;
  for (const term of terms) {
    const [row] = await db.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM context_log_fields d INDEXED BY ${
        indexFor(term)
      } WHERE d.context_id = ${contextId} AND ${fieldCond(term, "d")}${
        bounded("d.log_id", bounds)
      } LIMIT ${DRIVER_MAX_MATCHES + 1})`,
    );
    const n = Number(row?.n ?? 0);
    if (n <= DRIVER_MAX_MATCHES && (!best || n < best.n)) best = { term, n };
  }
  if (!best) return null;
  return {
    from: sql`FROM context_logs l`,
    cond: sql`l.id IN (SELECT d.log_id FROM context_log_fields d INDEXED BY ${
      indexFor(best.term)
    } WHERE d.context_id = ${contextId} AND ${fieldCond(best.term, "d")}${
      bounded("d.log_id", bounds)
    })`,
    id: "l.id",
  };
}
