import type { Client } from "@libsql/client";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import { drizzle } from "drizzle-orm/libsql/web";
import * as schema from "./schema.ts";

export type Db = LibSQLDatabase<typeof schema>;

/** One row of a read, as an array of column values, or undefined when there is none. */
export type NativeGet = (sql: string, args: unknown[]) => unknown[] | undefined;

export interface Database {
  db: Db;
  client: Client;
  /** True for a local file (embedded libSQL); false for a Turso/libSQL server. */
  embedded: boolean;
  /**
   * Embedded databases only: a read through a statement prepared once on a read-only native
   * connection. For the lookups every authenticated request makes, where @libsql/client
   * (which prepares each statement again and converts every value) costs 25 times more.
   */
  nativeGet: NativeGet | null;
  close(): void;
}

/** How long a statement waits for another writer before failing with SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database. A `file:` URL loads the embedded (native) libSQL driver, imported only
 * here so that remote URLs (`libsql://`, `https://`) run on the pure-fetch web client with no
 * native module, as edge runtimes require.
 */
export async function openDatabase(
  options: { url: string; authToken?: string; busyTimeoutMs?: number },
): Promise<Database> {
  const busyTimeout = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const embedded = options.url.startsWith("file:");
  let client: Client;
  let nativeGet: NativeGet | null = null;
  let closeNative = () => {};
  if (embedded) {
    await ensureParentDir(options.url);
    const { createClient } = await import("@libsql/client/node");
    client = createClient(
      { url: options.url, timeout: busyTimeout } as Parameters<typeof createClient>[0],
    );
    // journal_mode is stored in the file; the other three are per connection and are also
    // libSQL's compiled-in defaults for every pooled connection (checked in tests).
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = FULL");
    await client.execute("PRAGMA foreign_keys = ON");
    await client.execute(`PRAGMA busy_timeout = ${busyTimeout}`);
    ({ nativeGet, closeNative } = await nativeReader(filePath(options.url), busyTimeout));
  } else {
    const { createClient } = await import("@libsql/client/web");
    client = createClient({ url: options.url, authToken: options.authToken });
  }
  const db = drizzle({ client, schema });
  return {
    db,
    client,
    embedded,
    nativeGet,
    close: () => {
      closeNative();
      client.close();
    },
  };
}

/** A lazily opened read-only connection with a cache of prepared statements. */
async function nativeReader(path: string, busyTimeout: number) {
  const { default: Native } = await import("libsql");
  let reader: InstanceType<typeof Native> | null = null;
  const statements = new Map<string, { get(...args: unknown[]): unknown }>();
  const nativeGet: NativeGet = (sql, args) => {
    reader ??= new Native(path, { readonly: true, timeout: busyTimeout });
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, statement = reader.prepare(sql).raw(true));
    return statement.get(...args) as unknown[] | undefined;
  };
  return { nativeGet, closeNative: () => reader?.close() };
}

function filePath(url: string): string {
  return url.slice("file:".length).replace(/\?.*$/, "");
}

async function ensureParentDir(url: string): Promise<void> {
  const path = filePath(url);
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  if (dir && path !== ":memory:") await Deno.mkdir(dir, { recursive: true });
}

/** True for SQLITE_BUSY / SQLITE_LOCKED, however the driver wraps it. */
export function isBusyError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const text = `${(e as { code?: string }).code ?? ""} ${(e as Error).message ?? ""}`;
    if (/SQLITE_BUSY|SQLITE_LOCKED|database is locked/.test(text)) return true;
  }
  return false;
}
