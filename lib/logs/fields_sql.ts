// Field filters in libSQL, over context_log_fields (migrations/0011_log_fields.sql).
//
// A page of lines with a field filter is driven by the field index, in log_id order, so it
// stops after a page however many lines match:
// - an exact value walks (context_id, key, value_text, log_id): only the matching entries;
// - a prefix or a numeric range walks (context_id, key, log_id, value_num, value_text): every
//   entry of that key, newest first, tested on the entry itself (no table read) until a page
//   is found. A rare range over many lines walks far: all of the key's entries at worst.
// Each candidate line is then read by primary key and checked against the other filters;
// other field terms are probed by (log_id, key).
import { type SQL, sql } from "drizzle-orm";
import type { FieldTerm } from "./fields.ts";
import type { Bounds } from "./read.ts";
import { int } from "./span.ts";

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

function bounded(column: string, bounds: Bounds): SQL {
  const c = sql.raw(column);
  return sql`${bounds.above === null ? sql`` : sql` AND ${c} > ${int(bounds.above)}`}${
    bounds.below === null ? sql`` : sql` AND ${c} < ${int(bounds.below)}`
  }`;
}

/** The FROM clause, condition and ordering column that drive a page from the field index. */
export function fieldDriver(
  contextId: string,
  terms: FieldTerm[],
  bounds: Bounds,
): { from: SQL; cond: SQL; id: string } {
  const exact = terms.find((t) => t.op === "eq");
  const term = exact ?? terms[0]!;
  const index = sql.raw(exact ? "context_log_fields_text" : "context_log_fields_walk");
  return {
    from: sql`FROM context_log_fields d INDEXED BY ${index}
      CROSS JOIN context_logs l ON l.id = d.log_id`,
    cond: sql`d.context_id = ${contextId} AND ${fieldCond(term, "d")}${
      bounded("d.log_id", bounds)
    }`,
    id: "d.log_id",
  };
}
