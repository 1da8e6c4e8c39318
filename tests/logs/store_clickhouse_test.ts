// The log store suite (store_suite.ts) against ClickHouse: a real clickhouse-server started
// here (tests/helpers/clickhouse.ts), one database per case. Skipped with a message where
// the server is not installed, never in CI.
import { assert } from "../helpers/assert.ts";
import { clickhouseAvailable, startClickHouse } from "../helpers/clickhouse.ts";
import { runStoreSuite } from "./store_suite.ts";
import { createTestApp } from "../helpers/app.ts";
import { parseConfig } from "@/lib/config.ts";

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
