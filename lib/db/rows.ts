// Reads of several rows on a request's path (a page of a list). @libsql/client prepares each
// statement again and builds every row with Object.defineProperty per value, which costs
// several times the read itself; on an embedded database the native reader (Database.nativeAll)
// runs the same SQL on a statement prepared once, and the values are decoded here the way
// Drizzle decodes them.
import { type Column, fillPlaceholders } from "drizzle-orm";
import type { Database } from "./client.ts";

/** A Drizzle prepared select (with sql.placeholder values), as `prepared()` keeps them. */
export interface PreparedSelect<T> {
  all(values: Record<string, unknown>): Promise<T[]>;
  getQuery(): { sql: string; params: unknown[] };
}

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
  const { nativeAll } = database;
  if (!nativeAll) return await query.all(values);
  const { sql, params } = query.getQuery();
  const decoders = Object.entries(columns);
  return nativeAll(sql, fillPlaceholders(params, values)).map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < decoders.length; i++) {
      const [name, column] = decoders[i]!;
      const value = row[i];
      out[name] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as T;
  });
}
