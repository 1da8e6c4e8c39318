import { sql } from "drizzle-orm";
import { assert } from "../helpers/assert.ts";
import { createToken, createUser } from "../helpers/accounts.ts";
import {
  bearer,
  getJson,
  newContext,
  type Runtime,
  sendLines,
  setUp,
} from "../contexts/fixtures.ts";
import { searchLogs } from "@/lib/logs/search.ts";
import { checkLogFilter } from "@/lib/logs/filter.ts";

async function threeContexts(rt: Runtime) {
  const [a, b, c] = [await newContext(rt), await newContext(rt), await newContext(rt)];
  // Interleaved: ids grow across contexts, so newest first mixes them.
  for (let i = 0; i < 4; i++) {
    for (const ctx of [a, b, c]) {
      await sendLines(rt, ctx.id, [
        {
          severity: i % 2 ? "error" : "info",
          message: `line ${i} of ${ctx.id.slice(0, 4)} checkout`,
        },
      ]);
    }
  }
  return [a.id, b.id, c.id] as string[];
}

Deno.test("the search lists lines of every context of the owner, newest first, each linked to its context", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const ids = await threeContexts(rt);
  const { status, body } = await getJson(rt, "/v1/logs?limit=5");
  assert.equal(status, 200);
  assert.equal(body.logs.length, 5);
  const lineIds = body.logs.map((l: { id: number }) => l.id);
  assert.deepEqual(lineIds, [...lineIds].sort((x: number, y: number) => y - x));
  assert.ok(new Set(body.logs.map((l: { context_id: string }) => l.context_id)).size === 3);
  const first = body.logs[0];
  assert.ok(ids.includes(first.context_id));
  assert.equal(first.url, `/contexts/${first.context_id}?line=${first.id}#L${first.id}`);
  assert.equal(body.next_before_id, body.logs[4].id);

  // Following the cursors reads every line once.
  const seen: number[] = [...lineIds];
  let before = body.next_before_id;
  while (before !== null) {
    const page = await getJson(rt, `/v1/logs?limit=5&before_id=${before}`);
    assert.equal(page.status, 200);
    seen.push(...page.body.logs.map((l: { id: number }) => l.id));
    before = page.body.next_before_id;
  }
  // 12 lines, plus each context's "status" line when it was registered.
  assert.equal(new Set(seen).size, seen.length);
  assert.deepEqual(seen, [...seen].sort((x, y) => y - x));
  const all = await getJson(rt, "/v1/logs?limit=100");
  assert.deepEqual(seen, all.body.logs.map((l: { id: number }) => l.id));
});

Deno.test("the search filters by severity, text and context, and refuses bad parameters with the reason", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const [a] = await threeContexts(rt);
  const errors = await getJson(rt, "/v1/logs?severity=error&q=checkout");
  assert.equal(errors.body.logs.length, 6);
  assert.ok(errors.body.logs.every((l: { severity: string }) => l.severity === "error"));
  const one = await getJson(rt, `/v1/logs?context=${a}&min_severity=info&q=of`);
  assert.equal(one.body.logs.length, 4);
  assert.ok(one.body.logs.every((l: { context_id: string }) => l.context_id === a));
  const bad = await getJson(rt, "/v1/logs?limit=-1");
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /limit: must be a whole number from 1 to 1000/);
  const badContext = await getJson(rt, "/v1/logs?context=nope");
  assert.equal(badContext.status, 400);
  assert.match(badContext.body.error, /context: must be a context id/);
  const literal = await getJson(rt, `/v1/logs?q=${encodeURIComponent("' OR 1=1 --")}`);
  assert.equal(literal.status, 200);
  assert.deepEqual(literal.body.logs, []);
});

Deno.test("the search never shows another owner's lines, and refuses their line as a cursor", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const mine = await newContext(rt);
  await sendLines(rt, mine.id, [{ severity: "info", message: "mine" }]);
  const other = await createUser(rt.app);
  const otherAuth = bearer(await createToken(rt.app, other, ["contexts:read", "contexts:write"]));
  const theirs = await newContext(rt, undefined, otherAuth);
  const rtOther = { ...rt, auth: otherAuth };
  const { last } = await sendLines(rtOther, theirs.id, [{ severity: "info", message: "theirs" }]);
  const page = await getJson(rt, "/v1/logs?q=theirs");
  assert.deepEqual(page.body.logs, []);
  const all = await getJson(rt, "/v1/logs");
  assert.ok(all.body.logs.every((l: { context_id: string }) => l.context_id === mine.id));
  const cursor = await getJson(rt, `/v1/logs?before_id=${last}`);
  assert.equal(cursor.status, 400);
  assert.match(cursor.body.error, /before_id \d+ is not a log line of your contexts/);
  const scoped = await getJson(rt, `/v1/logs?context=${theirs.id}`);
  assert.deepEqual(scoped.body.logs, []);
});

Deno.test("a search page merges contexts the same as reading every line and sorting, for every page size", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const contexts = [];
  for (let i = 0; i < 6; i++) contexts.push((await newContext(rt)).id as string);
  // Uneven, bursty interleaving: some contexts go quiet, some log in runs.
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; i < 40; i++) {
    const ctx = contexts[Math.floor(next() * next() * contexts.length)]!;
    const n = 1 + Math.floor(next() * 4);
    await sendLines(
      rt,
      ctx,
      Array.from({ length: n }, (_, j) => ({
        severity: next() < 0.3 ? "error" : "info",
        message: `burst ${i}.${j}`,
      })),
    );
  }
  const db = rt.app.services.db;
  const expected = (await db.all<{ id: number }>(
    sql`SELECT id FROM context_logs WHERE level >= 3 ORDER BY id DESC`,
  )).map((r) => Number(r.id));
  for (const limit of [1, 3, 7, 50]) {
    const got: number[] = [];
    let before: number | null = null;
    for (let guard = 0; guard < 200; guard++) {
      const filter = checkLogFilter({}, { now: rt.app.clock.now(), retentionDays: 30 });
      const page = await searchLogs(db, { ownerId: rt.user.ownerId }, {
        ...filter,
        minLevel: 3,
        beforeId: before,
        limit,
      });
      got.push(...page.lines.map((l) => l.line.id));
      if (page.nextBeforeId === null) break;
      before = page.nextBeforeId;
    }
    assert.deepEqual(got, expected, `limit ${limit}`);
  }
});

Deno.test("finding each context's newest line is an index search, not a scan of the lines", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  await threeContexts(rt);
  const plan = await rt.app.services.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN
    SELECT c.id, (SELECT max(l.id) FROM context_logs l
      WHERE l.context_id = c.id AND l.id < 100) AS top
    FROM contexts c WHERE c.owner_id = ${rt.user.ownerId}`);
  const details = plan.map((p) => p.detail).join("\n");
  assert.match(details, /SEARCH l USING COVERING INDEX context_logs_context_id/);
  assert.match(details, /SEARCH c USING INDEX contexts_owner_started/);
  assert.doesNotMatch(details, /SCAN l\b/);
});
