import { assert, assertIncludes } from "../helpers/assert.ts";
import { getJson, newContext, sendLines, setUp } from "../contexts/fixtures.ts";
import { purgeOldLogs, retentionCutoff, startLogRetention } from "@/lib/logs/retention.ts";

const DAY = 86_400_000;

Deno.test("the purge deletes lines older than the retention period, with their counts and search entries", async () => {
  const rt = await setUp({ LOG_RETENTION_DAYS: "2" });
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [{ severity: "error", message: "ancient failure" }]);
  rt.app.clock.advance(DAY);
  await sendLines(rt, context.id, [{ severity: "info", message: "middle-aged" }]);
  rt.app.clock.advance(1.5 * DAY);
  await sendLines(rt, context.id, [{ severity: "info", message: "fresh" }]);

  const { db, clock } = rt.app.services;
  const result = await purgeOldLogs(db, clock(), 2, { batchSize: 1 });
  assert.deepEqual(result, { lines: 1, contexts: 1 });
  const messages = (await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs
    .map((l: { message: string }) => l.message);
  assert.deepEqual(messages, ["fresh", "middle-aged"]);
  const client = rt.app.services.database.client;
  const fts = await client.execute(
    `SELECT count(*) AS n FROM context_logs_fts WHERE context_logs_fts MATCH '"ancient"'`,
  );
  assert.equal(Number(fts.rows[0]!.n), 0);
  const counts = await client.execute({
    sql:
      "SELECT sum(lines) AS n, min(minute) AS oldest FROM context_log_counts WHERE context_id = ?",
    args: [context.id],
  });
  assert.equal(Number(counts.rows[0]!.n), 2);
  assert.ok(Number(counts.rows[0]!.oldest) >= retentionCutoff(clock(), 2).getTime());
  assert.deepEqual(await purgeOldLogs(db, clock(), 2), { lines: 0, contexts: 0 });
});

Deno.test("the in-process purge runs on its own schedule and stops when asked", async () => {
  const rt = await setUp({ LOG_RETENTION_DAYS: "1" });
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [{ severity: "info", message: "yesterday's news" }]);
  rt.app.clock.advance(2 * DAY);
  const stop = startLogRetention(rt.app.services, { firstAfterMs: 0, everyMs: 10 });
  try {
    for (let i = 0; i < 200; i++) {
      const logs = (await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs;
      if (logs.length === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.deepEqual((await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs, []);
    assertIncludes(rt.app.logs.join("\n"), '"msg":"log retention purge"');
  } finally {
    stop();
  }
});

Deno.test("deno task purge deletes old lines from the configured database and reports it", async () => {
  const rt = await setUp();
  const dbUrl = rt.app.config.database.url;
  const dir = rt.app.dir;
  const context = await newContext(rt);
  // The script runs on the real clock; this line is stamped 40 days before it.
  await rt.app.services.database.client.execute({
    sql: "INSERT INTO context_logs (context_id, ts, level, message) VALUES (?, ?, 1, 'old')",
    args: [context.id, Date.now() - 40 * DAY],
  });
  await rt.app.services.database.client.execute({
    sql: "UPDATE contexts SET started_at = ? WHERE id = ?",
    args: [Date.now() - 41 * DAY, context.id],
  });
  rt.app.close();
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "scripts/purge.ts"],
      env: { DATABASE_URL: dbUrl, BLOB_DIR: `${dir}/blobs`, LOG_RETENTION_DAYS: "30" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    assertIncludes(text, "logs: deleted 1 lines older than 30 days");
    assertIncludes(text, "blobs: collected 0");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
