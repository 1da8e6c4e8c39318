// Every combination of the log filters and cursors, checked against a plain in-memory
// reference over the same lines.
import { assert } from "../helpers/assert.ts";
import { getJson, newContext, type Runtime, sendLines, setUp } from "../contexts/fixtures.ts";
import { readLines } from "@/lib/logs/read.ts";
import type { LogFilter } from "@/lib/logs/filter.ts";

const SEVERITIES = ["debug", "info", "warn", "error"];
const WORDS = ["Timeout reached", "cache hit", "GET /v1/items 200", "retrying upstream", "ok"];

interface Line {
  id: number;
  ts: number;
  severity: string;
  message: string;
}

/** 60 lines, one a minute, with severities, messages and a few late client times mixed in. */
async function seed(rt: Runtime, contextId: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (let i = 0; i < 60; i++) {
    rt.app.clock.advance(60_000);
    const now = rt.app.clock.now().getTime();
    // Every seventh line arrives late, stamped 30 minutes before it was sent.
    const ts = i % 7 === 3 ? now - 30 * 60_000 : now;
    const line = {
      severity: SEVERITIES[(i * 5) % 4]!,
      message: `${WORDS[i % WORDS.length]} #${i}${i % 11 === 0 ? " Ab" : ""}`,
      ...(ts === now ? {} : { ts: new Date(ts).toISOString() }),
    };
    const { first } = await sendLines(rt, contextId, [line]);
    lines.push({ id: first, ts, severity: line.severity, message: line.message });
  }
  return lines;
}

interface Filter {
  severity?: string;
  min_severity?: string;
  q?: string;
  from?: number;
  to?: number;
  before_id?: number;
  after_id?: number;
  limit?: number;
}

/** What the API should answer, computed the obvious way. */
function reference(all: Line[], f: Filter): { ids: number[]; next: number | null } {
  const level = (s: string) => SEVERITIES.indexOf(s);
  const matching = all.filter((l) =>
    (!f.severity || l.severity === f.severity) &&
    (!f.min_severity || level(l.severity) >= level(f.min_severity)) &&
    (!f.q || l.message.toLowerCase().includes(f.q.toLowerCase())) &&
    (f.from === undefined || l.ts >= f.from) &&
    (f.to === undefined || l.ts <= f.to) &&
    (f.before_id === undefined || l.id < f.before_id) &&
    (f.after_id === undefined || l.id > f.after_id)
  ).sort((a, b) => b.id - a.id);
  const limit = f.limit ?? 50;
  const page = f.after_id !== undefined && f.before_id === undefined
    ? matching.slice(-limit)
    : matching.slice(0, limit);
  const ids = page.map((l) => l.id);
  return { ids, next: ids.length ? ids[ids.length - 1]! : null };
}

function queryString(f: Filter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    p.set(k, k === "from" || k === "to" ? new Date(v).toISOString() : String(v));
  }
  return p.toString();
}

Deno.test("every combination of severity, text, time range, cursors and limit answers what a plain filter would", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const lines = await seed(rt, context.id);
  const start = lines[0]!.ts;
  const mid = lines[30]!.id;

  const levels: Filter[] = [{}, { severity: "warn" }, { min_severity: "info" }, {
    min_severity: "error",
  }];
  const texts: Filter[] = [{}, { q: "timeout" }, { q: "b" }, { q: "AB" }, { q: "#1" }];
  const times: Filter[] = [
    {},
    { from: start + 20 * 60_000 },
    { to: start + 40 * 60_000 },
    { from: start + 10 * 60_000, to: start + 25 * 60_000 },
  ];
  const cursors: Filter[] = [{}, { before_id: mid }, { after_id: mid }, {
    after_id: lines[10]!.id,
    before_id: lines[50]!.id,
  }];
  const limits: Filter[] = [{}, { limit: 3 }];
  let checked = 0;
  for (const a of levels) {
    for (const b of texts) {
      for (const c of times) {
        for (const d of cursors) {
          for (const e of limits) {
            const f = { ...a, ...b, ...c, ...d, ...e };
            const res = await getJson(rt, `/v1/contexts/${context.id}/logs?${queryString(f)}`);
            assert.equal(res.status, 200, `${queryString(f)}: ${JSON.stringify(res.body)}`);
            const expected = reference(lines, f);
            const ids = res.body.logs.map((l: { id: number }) => l.id);
            assert.deepEqual(ids, expected.ids, queryString(f));
            assert.equal(res.body.next_before_id, expected.next, queryString(f));
            checked++;
          }
        }
      }
    }
  }
  assert.equal(checked, 4 * 5 * 4 * 4 * 2);
});

Deno.test("time ranges give the same lines whether or not their id span is read first", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const lines = await seed(rt, context.id);
  const start = lines[0]!.ts;
  const level = (s?: string) => (s ? SEVERITIES.indexOf(s) : null);
  for (const spanScanIds of [0, Infinity]) {
    for (const range of [[5, 50], [20, 25], [55, 70], [-10, 3]]) {
      for (const extra of [{}, { q: "cache" }, { q: "b" }, { severity: "error" }] as Filter[]) {
        const f: Filter = {
          ...extra,
          from: start + range[0]! * 60_000,
          to: start + range[1]! * 60_000,
          limit: 5,
        };
        const filter: LogFilter = {
          level: level(f.severity),
          minLevel: null,
          q: f.q ?? null,
          from: new Date(f.from!),
          to: new Date(f.to!),
          beforeId: null,
          afterId: null,
          limit: 5,
        };
        const page = await readLines(rt.app.services.db, context.id, filter, {
          direction: "desc",
          spanScanIds,
        });
        assert.deepEqual(
          page.lines.map((l) => l.id),
          reference(lines, f).ids,
          `${spanScanIds} ${JSON.stringify(f)}`,
        );
      }
    }
  }
});

Deno.test("following next_before_id walks every matching line exactly once, then an empty page ends it", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const lines = await seed(rt, context.id);
  for (const f of [{}, { q: "retrying" }, { q: "b" }, { min_severity: "warn" }] as Filter[]) {
    const seen: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query = queryString({ ...f, limit: 4, ...(before ? { before_id: before } : {}) });
      const res = await getJson(rt, `/v1/contexts/${context.id}/logs?${query}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.logs.map((l: { id: number }) => l.id));
      before = res.body.next_before_id;
      if (before === null) break;
    }
    assert.deepEqual(seen, reference(lines, { ...f, limit: 1000 }).ids, JSON.stringify(f));
  }
});

Deno.test("nonsense limits, times and cursors are 400 naming what is allowed", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const other = await newContext(rt);
  await sendLines(rt, context.id, [{ severity: "info", message: "mine" }]);
  const { first: foreign } = await sendLines(rt, other.id, [{
    severity: "info",
    message: "other",
  }]);
  const cases: [string, string][] = [
    ["limit=-1", "query parameter limit: must be a whole number from 1 to 1000"],
    ["limit=abc", "query parameter limit: must be a whole number from 1 to 1000"],
    ["limit=1e9", "query parameter limit: must be a whole number from 1 to 1000"],
    ["limit=0", "query parameter limit: must be a whole number from 1 to 1000"],
    ["limit=1001", "query parameter limit: must be a whole number from 1 to 1000"],
    ["severity=fatal", "query parameter severity: must be one of: debug, info, warn, error"],
    ["min_severity=loud", "query parameter min_severity: must be one of: debug, info, warn, error"],
    ["severity=info&min_severity=warn", "use severity or min_severity, not both"],
    [
      "from=yesterday",
      "query parameter from: must be an RFC 3339 time such as 2026-02-06T12:30:00Z",
    ],
    [
      "to=2026-02-30T00:00:00Z",
      "query parameter to: must be an RFC 3339 time such as 2026-02-06T12:30:00Z",
    ],
    ["from=2026-11-25T12:00:00Z&to=2026-11-25T11:00:00Z", "from must not be after to"],
    [
      "from=2026-10-01T00:00:00Z&to=2026-11-25T00:00:00Z",
      "from and to may be at most 31 days apart",
    ],
    ["from=2026-10-01T00:00:00Z", "from and to may be at most 31 days apart"],
    ["q=" + "x".repeat(513), "query parameter q: must be at most 512 characters"],
    ["q=a%07b", "query parameter q: must not contain control characters"],
    ["before_id=abc", "query parameter before_id: must be a whole number from 1 to 9999999999"],
    ["before_id=-5", "query parameter before_id: must be a whole number from 1 to 9999999999"],
    ["after_id=5&before_id=5", "after_id must be less than before_id"],
    [
      `before_id=${foreign}`,
      `before_id ${foreign} is not a log line of this context (it may have passed the retention period)`,
    ],
    [
      "after_id=999999",
      "after_id 999999 is not a log line of this context (it may have passed the retention period)",
    ],
  ];
  for (const [query, error] of cases) {
    const res = await getJson(rt, `/v1/contexts/${context.id}/logs?${query}`);
    assert.equal(res.status, 400, query);
    assert.deepEqual(res.body, { error }, query);
  }
  const most = await getJson(rt, `/v1/contexts/${context.id}/logs?limit=1000&severity=+info+`);
  assert.equal(most.status, 200);
  assert.equal(most.body.logs.length, 1);
});

Deno.test("FTS syntax, quotes and wildcards in q are literal text: found where they appear, never an error", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const tricky = [
    "100% done",
    "user_id=7",
    "SELECT * FROM t WHERE a = '' OR 1=1 --",
    'said "unbalanced',
    "NEAR(a b) is FTS syntax",
    "path C:\\temp\\x",
    "col:value AND OR NOT *",
    "plain line",
  ];
  await sendLines(rt, context.id, tricky.map((message) => ({ severity: "info", message })));
  const search = async (q: string) => {
    const res = await getJson(rt, `/v1/contexts/${context.id}/logs?q=${encodeURIComponent(q)}`);
    assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
    return res.body.logs.map((l: { message: string }) => l.message);
  };
  assert.deepEqual(await search("%"), ["100% done"]);
  assert.deepEqual(await search("_"), ["user_id=7"]);
  assert.deepEqual(await search("' OR 1=1 --"), ["SELECT * FROM t WHERE a = '' OR 1=1 --"]);
  assert.deepEqual(await search('"unbalanced'), ['said "unbalanced']);
  assert.deepEqual(await search('"'), ['said "unbalanced']);
  assert.deepEqual(await search("NEAR("), ["NEAR(a b) is FTS syntax"]);
  assert.deepEqual(await search("\\temp\\"), ["path C:\\temp\\x"]);
  assert.deepEqual(await search("\\"), ["path C:\\temp\\x"]);
  assert.deepEqual(await search("col:value AND"), ["col:value AND OR NOT *"]);
  assert.deepEqual(await search("*"), [
    "col:value AND OR NOT *",
    "SELECT * FROM t WHERE a = '' OR 1=1 --",
  ]);
  assert.deepEqual(await search("% d"), ["100% done"]);
  assert.deepEqual(await search("1=1"), ["SELECT * FROM t WHERE a = '' OR 1=1 --"]);
  assert.deepEqual(await search("PLAIN"), ["plain line"]);
  assert.deepEqual(await search("nowhere"), []);
});

Deno.test("a one- or two-character query scans a bounded number of lines and its cursor resumes past them", async () => {
  const rt = await setUp();
  await using _ = rt.app;
  const context = await newContext(rt);
  const { LIKE_SCAN_ROWS } = await import("@/lib/logs/read.ts");
  // The needle sits below more than one scan's worth of lines that do not contain it.
  const { first: needle } = await sendLines(rt, context.id, [{ severity: "info", message: "zq" }]);
  for (let sent = 0; sent <= LIKE_SCAN_ROWS; sent += 1000) {
    await sendLines(rt, context.id, Array(1000).fill({ severity: "debug", message: "filler" }));
  }
  const first = await getJson(rt, `/v1/contexts/${context.id}/logs?q=zq`);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.logs, []);
  assert.ok(first.body.next_before_id > needle, "the cursor says where the scan stopped");
  const second = await getJson(
    rt,
    `/v1/contexts/${context.id}/logs?q=zq&before_id=${first.body.next_before_id}`,
  );
  assert.deepEqual(second.body.logs.map((l: { id: number }) => l.id), [needle]);
});
