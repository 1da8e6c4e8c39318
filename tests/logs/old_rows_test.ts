// Rows stored before today's limits (written straight to the database here) must not blow up
// any way of reading them: the viewer page, the JSON API, the live tail and both exports cost
// at most a fixed amount per line, and say what they cut or left out.
import { assert, assertIncludes } from "../helpers/assert.ts";
import { newContext, type Runtime, sendLines, setUp } from "../contexts/fixtures.ts";
import { SseReader } from "./sse.ts";

const DEEP_3000 = `{"a":${"[".repeat(3000)}${"]".repeat(3000)}}`;
const DEEP_100K = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
const LEFT_OUT_DEEP = "this line was stored before today's limits: metadata_json is left out " +
  "(it must nest at most 20 levels of objects and arrays)";
/** Generous for one line: a 4,096-character message, a 2,000-character preview, markup. */
const PER_LINE = 12_000;

/** Writes rows the way an older version (or anything but ingestion) could have. */
async function insertRaw(rt: Runtime, contextId: string, rows: [string, string | null][]) {
  const ts = rt.app.clock.now().getTime();
  for (const [message, metadata] of rows) {
    await rt.app.services.database.client.execute({
      sql: `INSERT INTO context_logs (context_id, ts, level, message, metadata_json)
        VALUES (?, ?, 1, ?, ?)`,
      args: [contextId, ts, message, metadata],
    });
  }
}

async function withOldRows() {
  const rt = await setUp();
  const context = await newContext(rt);
  const { first } = await sendLines(rt, context.id, [{ severity: "info", message: "before" }]);
  await insertRaw(rt, context.id, [
    ...Array<[string, string]>(5).fill(["deep 3000", DEEP_3000]),
    ["deep 100k", DEEP_100K],
    ["a megabyte", JSON.stringify({ blob: "x".repeat(1_000_000) })],
    ["m".repeat(100_000), null],
    ["not json", "{nope"],
    ["fine", '{"ok":true}'],
  ]);
  return { rt, context, first, count: 11 };
}

Deno.test("the viewer page over lines stored before the limits is bounded per line and says what it left out", async () => {
  const { rt, context } = await withOldRows();
  await using _ = rt.app;
  const res = await rt.app.request(`/contexts/${context.id}`, {
    headers: { cookie: rt.user.cookie },
  });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(text.length < 11 * PER_LINE + 100_000, `the page is ${text.length} characters`);
  assertIncludes(text, LEFT_OUT_DEEP);
  assertIncludes(text, "metadata_json is left out (it must be at most 16 KiB as JSON)");
  assertIncludes(text, "message is cut at 4096 characters");
  assertIncludes(text, "metadata_json is left out (it must be a JSON object or null)");
  // A line whose metadata is one plain field shows it inline on its row.
  assertIncludes(text, '<span class="k">ok=true</span>');
});

Deno.test("the JSON API answers lines stored before the limits, cut to the limits, with a note", async () => {
  const { rt, context } = await withOldRows();
  await using _ = rt.app;
  const res = await rt.app.request(`/v1/contexts/${context.id}/logs?limit=20`, {
    headers: rt.auth,
  });
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.ok(text.length < 11 * PER_LINE, `the answer is ${text.length} characters`);
  const logs = JSON.parse(text).logs as Array<Record<string, unknown>>;
  const byMessage = (m: string) => logs.find((l) => l.message === m)!;
  assert.equal(byMessage("deep 3000").metadata_json, null);
  assert.equal(byMessage("deep 3000").truncated, LEFT_OUT_DEEP);
  assert.equal(
    byMessage("deep 100k").truncated,
    LEFT_OUT_DEEP.replace(
      "nest at most 20 levels of objects and arrays",
      "be at most 16 KiB as JSON",
    ),
  );
  const long = logs.find((l) => String(l.message).startsWith("mmm"))!;
  assert.equal(String(long.message).length, 4096);
  assert.equal(
    long.truncated,
    "this line was stored before today's limits: message is cut at 4096 characters",
  );
  // A line within the limits is answered whole, as before: no note.
  assert.deepEqual(Object.keys(byMessage("fine")), [
    "id",
    "ts",
    "severity",
    "message",
    "metadata_json",
  ]);
  assert.deepEqual(byMessage("fine").metadata_json, { ok: true });
});

Deno.test("the live tail streams lines stored before the limits, each bounded, and goes on", async () => {
  const { rt, context, first, count } = await withOldRows();
  await using _ = rt.app;
  const res = await rt.app.request(`/v1/contexts/${context.id}/logs/stream?after_id=${first}`, {
    headers: rt.auth,
  });
  assert.equal(res.status, 200);
  const events = new SseReader(res);
  try {
    for (let i = 1; i < count; i++) {
      const event = await events.next();
      assert.ok(event.data.length < PER_LINE, `event ${i} is ${event.data.length} characters`);
    }
    await sendLines(rt, context.id, [{ severity: "info", message: "after" }]);
    assert.equal(JSON.parse((await events.next()).data).message, "after");
  } finally {
    await events.close();
  }
});

Deno.test("NDJSON and CSV exports of lines stored before the limits end, each line bounded", async () => {
  const { rt, context, count } = await withOldRows();
  await using _ = rt.app;
  for (const format of ["ndjson", "csv"]) {
    const res = await rt.app.request(
      `/v1/contexts/${context.id}/logs/export?format=${format}`,
      { headers: rt.auth },
    );
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(text.length < count * PER_LINE, `the ${format} export is ${text.length} characters`);
    const rows = text.trimEnd().split(format === "csv" ? "\r\n" : "\n");
    assert.equal(rows.length, format === "csv" ? count + 1 : count);
  }
});
