import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import { bearer, getJson, newContext, sendJson, setUp } from "../contexts/fixtures.ts";

Deno.test("one line is stored with the server's time and answered in the existing API's shape", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  rt.app.clock.advance(5000);
  const res = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, {
    severity: " warn ",
    message: "  disk 91% full  ",
    metadata_json: { volume: "/data", used: 0.91 },
  }, rt.auth);
  assert.equal(res.status, 201);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ["context_id", "log"]);
  assert.equal(body.context_id, context.id);
  assert.deepEqual(body.log, {
    id: body.log.id,
    ts: "2026-11-25T12:00:05.000Z",
    severity: "warn",
    message: "disk 91% full",
    metadata_json: { volume: "/data", used: 0.91 },
  });
  assert.equal(typeof body.log.id, "number");
  const read = await getJson(rt, `/v1/contexts/${context.id}/logs`);
  assert.deepEqual(read.body, {
    context_id: context.id,
    logs: [body.log],
    next_before_id: body.log.id,
  });
  const after = await getJson(rt, `/v1/contexts/${context.id}`);
  assert.equal(after.body.context.last_activity, "2026-11-25T12:00:05.000Z");
});

Deno.test("a JSON array and NDJSON are batches: stored in order, answered with a count and the ids", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const array = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, [
    { severity: "debug", message: "one" },
    { severity: "info", message: "two", metadata_json: null },
    {
      severity: "error",
      message: "three\n  at main (skill.wasm:1)",
      ts: "2026-11-25T11:30:00+01:00",
    },
  ], rt.auth);
  assert.equal(array.status, 201);
  const a = await array.json();
  assert.deepEqual(a, {
    context_id: context.id,
    accepted: 3,
    first_id: a.first_id,
    last_id: a.first_id + 2,
  });

  const ndjson = await rt.app.request(`/v1/contexts/${context.id}/logs`, {
    method: "POST",
    headers: { ...rt.auth, "content-type": "application/x-ndjson" },
    body: '{"severity":"info","message":"four"}\r\n\n{"severity":"warn","message":"five"}\n',
  });
  assert.equal(ndjson.status, 201);
  assert.equal((await ndjson.json()).accepted, 2);

  const logs = (await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs;
  assert.deepEqual(
    logs.map((l: { severity: string; message: string }) => `${l.severity} ${l.message}`),
    ["warn five", "info four", "error three\n  at main (skill.wasm:1)", "info two", "debug one"],
  );
  // A client time keeps its instant; the offset is normalized to UTC.
  assert.equal(logs[2].ts, "2026-11-25T10:30:00.000Z");
});

Deno.test("a batch is all or nothing, and the error names the line and the field", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const ok = { severity: "info", message: "fine" };
  const cases: [unknown, string][] = [
    [{ severity: "fatal", message: "x" }, "severity must be one of: debug, info, warn, error"],
    [{ message: "x" }, "severity must be one of: debug, info, warn, error"],
    [{ severity: "info", message: "   " }, "message is required"],
    [{ severity: "info" }, "message is required"],
    [{ severity: "info", message: 42 }, "message must be a string"],
    [{ severity: "info", message: "x".repeat(4097) }, "message must be at most 4096 characters"],
    [
      { severity: "info", message: "bell\u0007" },
      "message must not contain control characters other than tab and newline",
    ],
    [
      { severity: "info", message: "x", metadata_json: [1] },
      "metadata_json must be a JSON object or null",
    ],
    [
      { severity: "info", message: "x", metadata_json: "{}" },
      "metadata_json must be a JSON object or null",
    ],
    [
      { severity: "info", message: "x", metadata_json: { blob: "y".repeat(16 * 1024) } },
      "metadata_json must be at most 16 KiB as JSON; it is 16395 bytes",
    ],
    [
      { severity: "info", message: "x", ts: "yesterday" },
      "ts must be a valid RFC3339 timestamp (e.g. 2026-02-06T12:30:00Z)",
    ],
    [
      { severity: "info", message: "x", ts: "2026-11-24T11:59:59Z" },
      "ts must not be more than 24 hours in the past",
    ],
    [
      { severity: "info", message: "x", ts: "2026-11-25T12:05:01Z" },
      "ts must not be more than 5 minutes in the future",
    ],
    [
      { severity: "info", message: "x", level: "info" },
      "unknown field level; allowed: severity, message, metadata_json, ts",
    ],
    ["just text", "a log line must be a JSON object with severity and message"],
  ];
  for (const [bad, error] of cases) {
    const res = await sendJson(
      rt.app,
      "POST",
      `/v1/contexts/${context.id}/logs`,
      [ok, ok, bad],
      rt.auth,
    );
    assert.equal(res.status, 400, JSON.stringify(bad).slice(0, 80));
    assert.deepEqual(await res.json(), { error: `line 3: ${error}` });
    if (typeof bad === "object") {
      const single = await sendJson(
        rt.app,
        "POST",
        `/v1/contexts/${context.id}/logs`,
        bad,
        rt.auth,
      );
      assert.deepEqual(await single.json(), { error }, "a single line gets the message alone");
    }
  }
  const ndjson = await rt.app.request(`/v1/contexts/${context.id}/logs`, {
    method: "POST",
    headers: { ...rt.auth, "content-type": "application/x-ndjson" },
    body: '{"severity":"info","message":"a"}\n{"severity":"info",\n',
  });
  assert.equal(ndjson.status, 400);
  assert.match((await ndjson.json()).error, /^line 2: not valid JSON: /);
  const empty = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, [], rt.auth);
  assert.deepEqual(await empty.json(), { error: "a batch needs at least one line" });
  // The edges are allowed: exactly 4096 characters (astral ones count once), 24 h, 5 min.
  const edge = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, [
    { severity: "info", message: "🙂".repeat(4096) },
    { severity: "info", message: "x", ts: "2026-11-24T12:00:00Z" },
    { severity: "info", message: "x", ts: "2026-11-25T12:05:00Z" },
  ], rt.auth);
  assert.equal(edge.status, 201, await edge.clone().text());
  const logs = (await getJson(rt, `/v1/contexts/${context.id}/logs`)).body.logs;
  assert.equal(logs.length, 3, "only the valid batch was stored");
});

Deno.test("a batch holds at most 1,000 lines and 1 MiB", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const line = { severity: "info", message: "x" };
  const most = await sendJson(
    rt.app,
    "POST",
    `/v1/contexts/${context.id}/logs`,
    Array(1000).fill(line),
    rt.auth,
  );
  assert.equal(most.status, 201);
  assert.equal((await most.json()).accepted, 1000);
  const over = await sendJson(
    rt.app,
    "POST",
    `/v1/contexts/${context.id}/logs`,
    Array(1001).fill(line),
    rt.auth,
  );
  assert.equal(over.status, 400);
  assert.deepEqual(await over.json(), {
    error: "a batch holds at most 1000 lines (or 1 MiB); this one has 1001",
  });
  const big = Array(300).fill({ severity: "info", message: "y".repeat(4000) });
  const huge = await sendJson(rt.app, "POST", `/v1/contexts/${context.id}/logs`, big, rt.auth);
  assert.equal(huge.status, 413);
  assert.deepEqual(await huge.json(), { error: "request body is larger than the limit of 1 MiB" });
  const text = await rt.app.request(`/v1/contexts/${context.id}/logs`, {
    method: "POST",
    headers: { ...rt.auth, "content-type": "text/plain" },
    body: "hello",
  });
  assert.equal(text.status, 415);
  assert.deepEqual(await text.json(), {
    error: "Content-Type must be application/json or application/x-ndjson",
  });
  const count = (await getJson(rt, `/v1/contexts/${context.id}/logs?limit=1000`)).body.logs.length;
  assert.equal(count, 1000);
});

Deno.test("ingestion is rate limited per user: 429 with Retry-After, nothing stored, a new token brings no new budget", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const path = `/v1/contexts/${context.id}/logs`;
  const line = { severity: "info", message: "tick" };
  for (let i = 0; i < 600; i++) {
    const res = await sendJson(rt.app, "POST", path, line, rt.auth);
    assert.equal(res.status, 201);
    await res.body?.cancel();
  }
  const refused = await sendJson(rt.app, "POST", path, line, rt.auth);
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get("retry-after"), "60");
  assert.deepEqual(await refused.json(), {
    error: "Too many log requests for this account; try again in 60 seconds",
  });
  // Tokens can be minted without limit, so they share their user's budget.
  const other = bearer(await createToken(rt.app, rt.user, ["contexts:write", "contexts:read"]));
  const minted = await sendJson(rt.app, "POST", path, line, other);
  assert.equal(minted.status, 429);
  await minted.body?.cancel();
  // Another user has a budget of their own.
  const stranger = await createUser(rt.app);
  const theirAuth = bearer(
    await createToken(rt.app, stranger, ["contexts:write", "contexts:read"]),
  );
  const theirs = await newContext(rt, undefined, theirAuth);
  const fresh = await sendJson(rt.app, "POST", `/v1/contexts/${theirs.id}/logs`, line, theirAuth);
  assert.equal(fresh.status, 201);
  await fresh.body?.cancel();
  rt.app.clock.advance(60_000);
  const later = await sendJson(rt.app, "POST", path, line, other);
  assert.equal(later.status, 201);
  await later.body?.cancel();
  const [row] = (await rt.app.services.database.client.execute(
    { sql: "SELECT count(*) AS n FROM context_logs WHERE context_id = ?", args: [context.id] },
  )).rows;
  assert.equal(Number(row!.n), 601);
});
