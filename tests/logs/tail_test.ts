import { assert } from "../helpers/assert.ts";
import { createToken } from "../helpers/accounts.ts";
import { bearer, getJson, newContext, sendJson, sendLines, setUp } from "../contexts/fixtures.ts";
import { SseReader } from "./sse.ts";
import { acquireTailSlot, MAX_TAILS, MAX_TAILS_PER_OWNER } from "@/lib/logs/tail.ts";

Deno.test("the live tail streams new lines that match its filters, each with its id", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  await sendLines(rt, context.id, [{ severity: "error", message: "old failure" }]);
  const res = await rt.app.request(
    `/v1/contexts/${context.id}/logs/stream?min_severity=warn&q=disk`,
    { headers: rt.auth },
  );
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(res.headers.get("cache-control"), "no-store");
  const events = new SseReader(res);
  try {
    const { first } = await sendLines(rt, context.id, [
      { severity: "info", message: "disk is fine" },
      { severity: "warn", message: "disk 91% full" },
      { severity: "error", message: "network down" },
      { severity: "error", message: "DISK failed", metadata_json: { device: "sda" } },
    ]);
    const one = await events.next();
    assert.equal(one.id, String(first + 1));
    assert.deepEqual(JSON.parse(one.data), {
      id: first + 1,
      ts: "2026-11-25T12:00:00.000Z",
      severity: "warn",
      message: "disk 91% full",
      metadata_json: null,
    });
    const two = await events.next();
    assert.equal(two.id, String(first + 3));
    assert.equal(JSON.parse(two.data).message, "DISK failed");
    // A status change is a line like any other.
    await sendJson(rt.app, "PATCH", `/v1/contexts/${context.id}`, { status: "failed" }, rt.auth);
    await sendLines(rt, context.id, [{ severity: "error", message: "disk gone" }]);
    assert.equal(JSON.parse((await events.next()).data).message, "disk gone");
  } finally {
    await events.close();
  }
});

Deno.test("a reconnecting tail resumes after Last-Event-ID, or after after_id, and misses nothing", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { first } = await sendLines(rt, context.id, [
    { severity: "info", message: "a" },
    { severity: "info", message: "b" },
    { severity: "info", message: "c" },
  ]);
  const open = async (headers: Record<string, string>, query = "") => {
    const res = await rt.app.request(`/v1/contexts/${context.id}/logs/stream${query}`, {
      headers: { ...rt.auth, ...headers },
    });
    assert.equal(res.status, 200);
    return new SseReader(res);
  };
  const resumed = await open({ "last-event-id": String(first) });
  try {
    assert.equal(JSON.parse((await resumed.next()).data).message, "b");
    assert.equal(JSON.parse((await resumed.next()).data).message, "c");
  } finally {
    await resumed.close();
  }
  const after = await open({}, `?after_id=${first + 1}`);
  try {
    assert.equal(JSON.parse((await after.next()).data).message, "c");
  } finally {
    await after.close();
  }
  // Without either, the tail starts at the newest line.
  const fresh = await open({});
  try {
    await sendLines(rt, context.id, [{ severity: "info", message: "d" }]);
    assert.equal(JSON.parse((await fresh.next()).data).message, "d");
  } finally {
    await fresh.close();
  }
});

Deno.test("a tail refuses cursors that are not lines of its context and before_id", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await newContext(rt);
  const { first: foreign } = await sendLines(rt, other.id, [{ severity: "info", message: "x" }]);
  const cases: [Record<string, string>, string, string][] = [
    [
      { "last-event-id": String(foreign) },
      "",
      `Last-Event-ID ${foreign} is not a log line of this context (it may have passed the retention period)`,
    ],
    [{ "last-event-id": "abc" }, "", "Last-Event-ID must be the id of a log line"],
    [
      {},
      `?after_id=${foreign}`,
      `after_id ${foreign} is not a log line of this context (it may have passed the retention period)`,
    ],
    [{}, "?before_id=5", "a live tail starts after a line: use after_id, not before_id"],
    [{}, "?limit=-1", "query parameter limit: must be a whole number from 1 to 1000"],
  ];
  for (const [headers, query, error] of cases) {
    const res = await rt.app.request(`/v1/contexts/${context.id}/logs/stream${query}`, {
      headers: { ...rt.auth, ...headers },
    });
    assert.equal(res.status, 400, error);
    assert.deepEqual(await res.json(), { error });
  }
});

Deno.test("live tails are bounded per owner, and a closed one frees its place", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const path = `/v1/contexts/${context.id}/logs/stream`;
  const open: SseReader[] = [];
  try {
    for (let i = 0; i < MAX_TAILS_PER_OWNER; i++) {
      const res = await rt.app.request(path, { headers: rt.auth });
      assert.equal(res.status, 200);
      open.push(new SseReader(res));
    }
    // Another token of the same owner shares the owner's allowance.
    const other = bearer(await createToken(rt.app, rt.user, ["contexts:read"]));
    const refused = await rt.app.request(path, { headers: other });
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get("retry-after"), "5");
    assert.deepEqual(await refused.json(), {
      error:
        `at most ${MAX_TAILS_PER_OWNER} live tails may be open at once; close one and try again`,
    });
    await open.pop()!.close();
    const again = await rt.app.request(path, { headers: other });
    assert.equal(again.status, 200);
    open.push(new SseReader(again));
  } finally {
    for (const reader of open) await reader.close();
  }
});

Deno.test("when the server holds its most live tails, another owner's is refused with 503 and Retry-After", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const path = `/v1/contexts/${context.id}/logs/stream`;
  // Other owners' tails, each owner within its own allowance.
  const held = [];
  for (let i = 0; i < MAX_TAILS; i++) {
    const slot = acquireTailSlot(rt.app.services.db, `other-owner-${i % 20}`);
    assert.ok("release" in slot);
    held.push(slot.release);
  }
  const refused = await rt.app.request(path, { headers: rt.auth });
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get("retry-after"), "30");
  assert.deepEqual(await refused.json(), {
    error: `the server has its most live tails open (${MAX_TAILS}); try again in 30 seconds`,
  });
  held.pop()!();
  const again = await rt.app.request(path, { headers: rt.auth });
  assert.equal(again.status, 200);
  const reader = new SseReader(again);
  await reader.close();
  for (const release of held) release();
});

Deno.test("a tail ends by itself at its time limit, so the client reconnects and resumes", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { tailStream } = await import("@/lib/logs/tail.ts");
  const { parseLogFilter } = await import("@/lib/logs/filter.ts");
  const filter = parseLogFilter(new URL("http://x/"), {
    now: rt.app.clock.now(),
    retentionDays: 30,
  });
  let closed = false;
  const body = tailStream(rt.app.services.db, context.id, filter, 0, {
    limits: { maxDurationMs: 150, pollMs: 20 },
    onClose: () => closed = true,
  });
  const reader = new SseReader(new Response(body));
  await sendLines(rt, context.id, [{ severity: "info", message: "before the end" }]);
  assert.equal(JSON.parse((await reader.next()).data).message, "before the end");
  assert.ok(await reader.ended(2000), "the stream ended");
  assert.ok(closed, "the tail released its resources");
  const list = await getJson(rt, `/v1/contexts/${context.id}/logs`);
  assert.equal(list.body.logs.length, 1);
});
