// ClickHouse over its HTTP interface with fetch only (no client library, so it runs wherever
// fetch does): the query in the body, rows back as JSONEachRow. ClickHouse 18.16 (Debian's)
// has no query parameters, so values reach SQL through the literal helpers below, which are
// the only way this module builds SQL from data; inserted rows travel as JSON.
import { DomainError } from "../../errors.ts";

export interface ClickHouseTarget {
  /** scheme://host:port */
  endpoint: string;
  database: string;
  user: string | null;
  password: string | null;
}

/** http(s)://[user[:password]@]host:port[/database]; the database defaults to "default". */
export function clickhouseTarget(url: string): ClickHouseTarget {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, "")) || "default";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(database)) {
    throw new Error(`CLICKHOUSE_URL: the database name ${JSON.stringify(database)} is not valid`);
  }
  return {
    endpoint: u.origin,
    database,
    user: u.username ? decodeURIComponent(u.username) : null,
    password: u.password ? decodeURIComponent(u.password) : null,
  };
}

/** A string literal: backslashes and quotes escaped, and NUL written as an escape. */
export function str(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'").replaceAll("\0", "\\0")}'`;
}

/** A number literal; anything but a finite number is a programming error. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

export class ClickHouseClient {
  readonly target: ClickHouseTarget;
  readonly #headers: Record<string, string>;

  constructor(target: ClickHouseTarget) {
    this.target = target;
    this.#headers = target.user === null ? {} : {
      authorization: `Basic ${btoa(`${target.user}:${target.password ?? ""}`)}`,
    };
  }

  /** Runs a statement; `database: null` runs it outside the database (to create it). */
  async exec(query: string, options: { database?: string | null; body?: string } = {}) {
    const params = new URLSearchParams();
    const database = options.database === undefined ? this.target.database : options.database;
    if (database !== null) params.set("database", database);
    if (options.body !== undefined) params.set("query", query);
    const body = options.body ?? query;
    let res: Response;
    try {
      res = await fetch(`${this.target.endpoint}/?${params}`, {
        method: "POST",
        headers: this.#headers,
        body,
      });
    } catch (error) {
      throw new DomainError(
        "unavailable",
        "the log store (ClickHouse) is unreachable; try again in a moment",
        { cause: error, retryAfterSeconds: 5 },
      );
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`ClickHouse answered ${res.status}: ${text.slice(0, 1000)}`);
    return text;
  }

  /** The rows of a SELECT (FORMAT JSONEachRow is appended). 64-bit integers come as strings. */
  async rows<T>(query: string): Promise<T[]> {
    const text = await this.exec(`${query} FORMAT JSONEachRow`);
    return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as T);
  }

  /** Inserts rows (JSON objects keyed by column) in one request. */
  async insert(table: string, rows: object[]): Promise<void> {
    if (rows.length === 0) return;
    const body = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
    await this.exec(`INSERT INTO ${table} FORMAT JSONEachRow`, { body });
  }
}
