// Reads of several rows on a request's path (a page of a list). @libsql/client prepares each
// statement again and builds every row with Object.defineProperty per value, several times
// the cost of the read itself; the native driver's all() still costs about 1 µs a row and
// 0.2 µs a value to hand over. On an embedded database the rows therefore come back as one
// JSON text (json_group_array), through a statement prepared once on the native reader
// (Database.nativeGet), and are decoded here the way Drizzle decodes them.
import { type Column, fillPlaceholders } from "drizzle-orm";
import type { Database } from "./client.ts";

/** A Drizzle prepared select (with sql.placeholder values), as `prepared()` keeps them. */
export interface PreparedSelect<T> {
  all(values: Record<string, unknown>): Promise<T[]>;
  getQuery(): { sql: string; params: unknown[] };
}

// Types JSON carries exactly (REAL would lose digits, BLOB cannot be held).
const JSON_SAFE = new Set([
  "SQLiteText",
  "SQLiteTextJson",
  "SQLiteInteger",
  "SQLiteTimestamp",
  "SQLiteBoolean",
]);

const asJson = new WeakMap<object, string>();

/**
 * The rows of `query`, a select of `columns` (in that order, as `db.select(columns)` writes
 * them), with `values` for its placeholders.
 */
export async function selectRows<T>(
  database: Database,
  query: PreparedSelect<T>,
  columns: Record<string, Column>,
  values: Record<string, unknown>,
): Promise<T[]> {
  const { nativeGet } = database;
  if (!nativeGet) return await query.all(values);
  const decoders = Object.entries(columns);
  const { sql, params } = query.getQuery();
  let wrapped = asJson.get(query);
  if (wrapped === undefined) {
    for (const [name, column] of decoders) {
      if (!JSON_SAFE.has(column.columnType)) {
        throw new TypeError(`selectRows cannot read ${name}, a ${column.columnType} column`);
      }
    }
    // The inner query's ORDER BY and LIMIT keep it from being flattened: the aggregate takes
    // its rows in their order (tests/packages/list_paths_test.ts compares with Drizzle's).
    const names = decoders.map((_, i) => `c${i}`).join(", ");
    wrapped = `WITH t(${names}) AS (${sql}) SELECT json_group_array(json_array(${names})) FROM t`;
    asJson.set(query, wrapped);
  }
  const [json] = nativeGet(wrapped, fillPlaceholders(params, values))!;
  return (JSON.parse(String(json)) as unknown[][]).map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < decoders.length; i++) {
      const [name, column] = decoders[i]!;
      const value = row[i];
      out[name] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as T;
  });
}
