// The ClickHouse log store (LOG_STORE=clickhouse, docs/adr/0012): lines in ClickHouse, their
// ids from a counter in libSQL (log_id_sequence), so ids stay unique, increasing and within
// the API's cursor range with any number of instances; contexts stay in libSQL.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type LogLine, touchContextQuery } from "../append.ts";
import { indexedFields } from "../fields.ts";
import type { NewLogLine } from "../lines.ts";
import { notifyLines } from "../live.ts";
import { storedLine } from "../stored.ts";
import type { LogStore } from "../store.ts";
import { ClickHouseClient, clickhouseTarget, num, str } from "./client.ts";
import { type ClickHouseRow, ensureSchema, TABLE, waitForMutations } from "./schema.ts";
import { whereOf } from "./where.ts";
import { windowedIds } from "./windows.ts";

const SEQUENCE = "clickhouse";
const DAY = 86_400_000;

interface ReadRow {
  id: string;
  ts: string;
  level: number;
  message: string;
  metadata_json: string;
}

/**
 * Connects, creates the table if needed and moves the id counter past every stored id; a
 * startup error names CLICKHOUSE_URL (without its password) when ClickHouse cannot be used.
 */
export async function openClickHouseStore(db: Db, url: string): Promise<LogStore> {
  const client = new ClickHouseClient(clickhouseTarget(url));
  try {
    await ensureSchema(client);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `LOG_STORE=clickhouse: cannot use ClickHouse at ${client.target.endpoint} ` +
        `(database ${client.target.database}, from CLICKHOUSE_URL): ${reason}`,
      { cause: error },
    );
  }
  const [top] = await client.rows<{ id: string }>(`SELECT max(id) AS id FROM ${TABLE}`);
  await db.run(
    sql`INSERT INTO log_id_sequence (name, next_id) VALUES (${SEQUENCE}, ${
      Number(top?.id ?? 0) + 1
    }) ON CONFLICT (name) DO UPDATE SET next_id = max(next_id, excluded.next_id)`,
  );
  return clickHouseStore(db, client);
}

export function clickHouseStore(db: Db, client: ClickHouseClient): LogStore {
  // Appends of this process run one after another, so ids become visible in order here and a
  // tail never passes over an id that is still being written (other instances: ADR 0012).
  let queue: Promise<unknown> = Promise.resolve();
  const where = whereOf;

  async function append(contextId: string, lines: NewLogLine[], now: Date) {
    const [allocated] = await db.batch([
      db.run(sql`UPDATE log_id_sequence SET next_id = next_id + ${lines.length}
          WHERE name = ${SEQUENCE} RETURNING next_id`),
      touchContextQuery(db, contextId, now),
    ]);
    const first = Number(allocated.rows[0]!.next_id) - lines.length;
    const out: LogLine[] = [];
    const rows: ClickHouseRow[] = lines.map((l, i) => {
      const ts = l.ts ?? now;
      const line = { id: first + i, ts, level: l.level, message: l.message };
      out.push({ ...line, metadata: l.metadata, truncated: null });
      const fields = indexedFields(l.metadata);
      const nums = fields.filter((f) => f[2] !== null);
      return {
        context_id: contextId,
        id: first + i,
        ts: ts.getTime(),
        level: l.level,
        message: l.message,
        metadata_json: l.metadataJson ?? "",
        field_keys: fields.map((f) => f[0]),
        field_values: fields.map((f) => f[1]),
        num_keys: nums.map((f) => f[0]),
        num_values: nums.map((f) => f[2]!),
      };
    });
    await client.insert(TABLE, rows);
    notifyLines(db, contextId);
    return out;
  }

  async function lines(contextId: string, ids: string[]): Promise<Map<string, LogLine>> {
    const rows = await client.rows<ReadRow>(
      `SELECT id, ts, level, message, metadata_json FROM ${TABLE}
      WHERE context_id = ${str(contextId)} AND id IN (${ids.join(", ")})`,
    );
    return new Map(rows.map((r) => [
      r.id,
      storedLine({
        id: Number(r.id),
        ts: Number(r.ts),
        level: r.level,
        message: r.message,
        metadata_json: r.metadata_json === "" ? null : r.metadata_json,
        metadata_chars: r.metadata_json === "" ? null : r.metadata_json.length,
      }),
    ]));
  }

  return {
    kind: "clickhouse",
    append(contextId, newLines, now) {
      const run = queue.then(() => append(contextId, newLines, now));
      queue = run.catch(() => {});
      return run;
    },
    async read(contextId, filter, options) {
      const below = options.maxId === undefined
        ? filter.beforeId
        : Math.min(filter.beforeId ?? Infinity, options.maxId + 1);
      // The ids first (narrow columns), then those lines only.
      const found = await windowedIds(
        client,
        (above, below) => where(contextId, filter, { above, below }),
        {
          desc: options.direction === "desc",
          above: filter.afterId,
          below,
          want: filter.limit + 1,
          top: async () => {
            const [row] = await db.all<{ next_id: number }>(
              sql`SELECT next_id FROM log_id_sequence WHERE name = ${SEQUENCE}`,
            );
            return Number(row?.next_id ?? 1);
          },
        },
      );
      const ids = found.slice(0, filter.limit).map(String);
      const byId = ids.length ? await lines(contextId, ids) : new Map<string, LogLine>();
      const page = ids.map((id) => byId.get(id)!).filter((l) => l !== undefined);
      const last = page[page.length - 1];
      return { lines: page, more: found.length > filter.limit, resumeId: last ? last.id : null };
    },
    async count(contextId, filter, max) {
      const [row] = await client.rows<{ n: string }>(
        `SELECT count() AS n FROM (SELECT 1 FROM ${TABLE} WHERE ${where(contextId, filter)} LIMIT ${
          num(max)
        })`,
      );
      return Number(row?.n ?? 0);
    },
    async histogram(contextId, { first, end, width }, filter) {
      const range = { ...filter, from: new Date(first), to: new Date(end - 1) };
      const rows = await client.rows<{ bar: string; level: number; lines: string }>(
        `SELECT intDiv(ts - ${num(first)}, ${num(width)}) AS bar, level, count() AS lines
        FROM ${TABLE} WHERE ${where(contextId, range)} GROUP BY bar, level`,
      );
      return {
        rows: rows.map((r) => ({ bar: Number(r.bar), level: r.level, lines: Number(r.lines) })),
        filtered: true,
      };
    },
    async extent(contextId) {
      const [row] = await client.rows<{ oldest: string; newest: string; lines: string }>(
        `SELECT min(ts) AS oldest, max(ts) AS newest, count() AS lines FROM ${TABLE}
        WHERE context_id = ${str(contextId)}`,
      );
      const n = Number(row?.lines ?? 0);
      return {
        oldest: n ? new Date(Number(row!.oldest)) : null,
        newest: n ? new Date(Number(row!.newest)) : null,
        lines: n,
      };
    },
    async isLineOf(contextId, id) {
      const [row] = await client.rows<{ n: string }>(
        `SELECT count() AS n FROM ${TABLE} WHERE context_id = ${str(contextId)} AND id = ${
          num(id)
        }`,
      );
      return Number(row?.n ?? 0) > 0;
    },
    async newestId(contextId) {
      const [row] = await client.rows<{ id: string }>(
        `SELECT max(id) AS id FROM ${TABLE} WHERE context_id = ${str(contextId)}`,
      );
      return Number(row?.id ?? 0);
    },
    async purgeBefore(cutoff) {
      const t = cutoff.getTime();
      const [gone] = await client.rows<{ lines: string; contexts: string }>(
        `SELECT count() AS lines, uniqExact(context_id) AS contexts FROM ${TABLE} WHERE ts < ${
          num(t)
        }`,
      );
      const result = { lines: Number(gone?.lines ?? 0), contexts: Number(gone?.contexts ?? 0) };
      if (!result.lines) return result;
      // Whole UTC days before the cutoff go as partitions; the rest of the cutoff's day by a
      // delete (a mutation: ClickHouse rewrites the parts it touches, in the background).
      const parts = await client.rows<{ partition: string }>(
        `SELECT DISTINCT partition FROM system.parts WHERE database = ${
          str(client.target.database)
        } AND table = ${str(TABLE)} AND active`,
      );
      for (const { partition } of parts) {
        const m = /^(\d{4})(\d{2})(\d{2})$/.exec(partition);
        if (m && Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) + DAY <= t) {
          await client.exec(`ALTER TABLE ${TABLE} DROP PARTITION ${partition}`);
        }
      }
      const [left] = await client.rows<{ n: string }>(
        `SELECT count() AS n FROM ${TABLE} WHERE ts < ${num(t)}`,
      );
      if (Number(left?.n ?? 0) > 0) {
        await client.exec(`ALTER TABLE ${TABLE} DELETE WHERE ts < ${num(t)}`);
        await waitForMutations(client);
      }
      return result;
    },
    close: () => queue.then(() => {}),
  };
}
