// The ClickHouse table of log lines (docs/adr/0012). SQL that runs on 18.16 (Debian's) and on
// current releases: integer milliseconds (no DateTime64), no data-skipping indexes.
// - ORDER BY (context_id, id): every read is one context's lines in id order (the keyset
//   cursor, the tail's event id), so its rows are one contiguous range of the primary key.
// - PARTITION BY the UTC day of ts: retention drops whole days (DROP PARTITION), and a time
//   range skips the days outside it (min/max of ts per part).
// - Field filters: a line's indexed fields (fields.ts indexedFields) as parallel arrays,
//   tested with arrayExists; numbers also in their own pair of arrays, for comparisons.
import { ClickHouseClient, str } from "./client.ts";

export const TABLE = "context_logs";

export const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE} (
  context_id String,
  id UInt64,
  ts Int64,
  level UInt8,
  message String,
  metadata_json String,
  field_keys Array(String),
  field_values Array(String),
  num_keys Array(String),
  num_values Array(Float64)
) ENGINE = MergeTree
PARTITION BY toYYYYMMDD(toDateTime(intDiv(ts, 1000), 'UTC'))
ORDER BY (context_id, id)`;

/** A row as inserted; metadata_json is "" for a line without metadata. */
export interface ClickHouseRow {
  context_id: string;
  id: number;
  ts: number;
  level: number;
  message: string;
  metadata_json: string;
  field_keys: string[];
  field_values: string[];
  num_keys: string[];
  num_values: number[];
}

/** Creates the database and the table when they do not exist. */
export async function ensureSchema(client: ClickHouseClient): Promise<void> {
  await client.exec(`CREATE DATABASE IF NOT EXISTS ${client.target.database}`, {
    database: null,
  });
  await client.exec(CREATE_TABLE);
}

/** Waits until the table's mutations (ALTER ... DELETE) are done: 18.16 cannot wait itself. */
export async function waitForMutations(client: ClickHouseClient, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await client.rows<{ n: string }>(
      `SELECT count() AS n FROM system.mutations WHERE database = ${
        str(client.target.database)
      } AND table = ${str(TABLE)} AND is_done = 0`,
    );
    if (Number(row?.n ?? 0) === 0) return;
    if (Date.now() > until) throw new Error("ClickHouse: a delete did not finish in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
