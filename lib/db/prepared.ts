import type { Db } from "./client.ts";

const cache = new WeakMap<Db, Map<string, unknown>>();

/**
 * A prepared statement, built once per database and reused: for queries on every request's
 * path, where building the SQL again each time costs more than running it.
 */
export function prepared<T>(db: Db, name: string, build: (db: Db) => T): T {
  let statements = cache.get(db);
  if (!statements) cache.set(db, statements = new Map());
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, statement = build(db));
  return statement;
}
