// The log store suite (store_suite.ts) against ClickHouse: a real clickhouse-server started
// here (tests/helpers/clickhouse.ts), one database per case. Skipped with a message where
// the server is not installed, never in CI.
import { assert } from "../helpers/assert.ts";
import { clickhouseAvailable, startClickHouse } from "../helpers/clickhouse.ts";
import { runStoreSuite } from "./store_suite.ts";
import { createTestApp } from "../helpers/app.ts";
import { parseConfig } from "@/lib/config.ts";
import { ClickHouseClient, clickhouseTarget } from "@/lib/logs/clickhouse/client.ts";
import { ensureSchema, TABLE } from "@/lib/logs/clickhouse/schema.ts";
import { whereOf } from "@/lib/logs/clickhouse/where.ts";
import { windowedIds } from "@/lib/logs/clickhouse/windows.ts";

const available = clickhouseAvailable();

Deno.test({
  name: "the ClickHouse log store",
  ignore: !available,
  async fn(t) {
    await using server = await startClickHouse();
    await runStoreSuite(t, () => ({
      LOG_STORE: "clickhouse",
      CLICKHOUSE_URL: server.databaseUrl(),
    }), "clickhouse");
    await t.step("pages read in id windows are the pages one read gives, both ways", async () => {
      const client = new ClickHouseClient(clickhouseTarget(server.databaseUrl("windows")));
      await ensureSchema(client);
      // 60 ids, every third of context a, the rest of b; even ones are errors.
      await client.insert(
        TABLE,
        Array.from({ length: 60 }, (_, i) => ({
          context_id: i % 3 === 0 ? "a" : "b",
          id: i + 1,
          ts: 1_795_608_000_000 + i,
          level: i % 2 ? 1 : 3,
          message: `line ${i + 1}`,
          metadata_json: "",
          field_keys: [],
          field_values: [],
          num_keys: [],
          num_values: [],
        })),
      );
      const filter = { level: null, minLevel: null, q: null, fields: [], from: null, to: null };
      for (const level of [null, 3]) {
        for (const desc of [true, false]) {
          const bounds: Array<[number | null, number | null]> = [[null, null], [10, null], [
            null,
            40,
          ], [5, 50]];
          for (const [above, below] of bounds) {
            for (const want of [1, 4, 30]) {
              const ids = (windows: number[]) =>
                windowedIds(
                  client,
                  (lo, hi) => whereOf("a", { ...filter, level }, { above: lo, below: hi }),
                  { desc, above, below, want, top: () => Promise.resolve(61), windows },
                );
              const label = JSON.stringify({ level, desc, above, below, want });
              assert.deepEqual(await ids([2, 5]), await ids([]), label);
              assert.deepEqual(await ids([1]), await ids([]), label);
            }
          }
        }
      }
    });
  },
});

Deno.test("LOG_STORE=clickhouse without a usable CLICKHOUSE_URL is a startup error naming it", async () => {
  assert.throws(
    () => parseConfig({ LOG_STORE: "clickhouse" }),
    /CLICKHOUSE_URL: is required when LOG_STORE=clickhouse/,
  );
  assert.throws(
    () => parseConfig({ LOG_STORE: "clickhouse", CLICKHOUSE_URL: "tcp://127.0.0.1:9000" }),
    /CLICKHOUSE_URL: must be the http\(s\) URL/,
  );
  assert.throws(() => parseConfig({ LOG_STORE: "loki" }), /must be libsql or clickhouse/);
  // Nothing listens on port 9 (discard) on 127.0.0.1.
  const error = await createTestApp({
    env: { LOG_STORE: "clickhouse", CLICKHOUSE_URL: "http://127.0.0.1:9/logs" },
  }).then(() => null, (e) => e as Error);
  assert.ok(error);
  assert.match(
    error.message,
    /LOG_STORE=clickhouse: cannot use ClickHouse at http:\/\/127\.0\.0\.1:9/,
  );
});
