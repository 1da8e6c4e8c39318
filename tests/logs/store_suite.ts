// The behaviour of a log store, whichever it is (lib/logs/store.ts): run by
// store_libsql_test.ts and store_clickhouse_test.ts against a running app configured with
// that store, through the API where there is one and through lib/logs where there is not.
import { assert } from "../helpers/assert.ts";
import { getJson, newContext, type Runtime, sendLines, setUp } from "../contexts/fixtures.ts";
import { SseReader } from "./sse.ts";
import { countLines } from "@/lib/logs/read.ts";
import { logExtent, logHistogram } from "@/lib/logs/histogram.ts";
import { purgeOldLogs } from "@/lib/logs/retention.ts";
import { logStoreOf } from "@/lib/logs/store.ts";
import { parseFields } from "@/lib/logs/fields.ts";
import type { LogFilter } from "@/lib/logs/filter.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SEVERITIES = ["debug", "info", "warn", "error"];
const ROUTES = ["/v1/orders", "/v1/orders/7", "/v1/items", "/healthz"];

export interface Line {
  id: number;
  ts: number;
  severity: string;
  message: string;
  metadata: Record<string, unknown> | null;
}

/** 48 lines a minute apart, some late, with metadata of every shape a field may have. */
async function seed(rt: Runtime, contextId: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (let i = 0; i < 48; i++) {
    rt.app.clock.advance(MINUTE);
    const now = rt.app.clock.now().getTime();
    const ts = i % 7 === 3 ? now - 30 * MINUTE : now;
    const metadata = i % 6 === 5 ? null : {
      status: [200, 200, 404, 500][i % 4],
      route: ROUTES[i % ROUTES.length],
      duration_ms: (i * 37) % 400,
      ...(i % 5 === 0 ? { cached: i % 10 === 0, code: String(500 + (i % 3)) } : {}),
      ...(i % 9 === 0 ? { nested: { status: 999 }, tags: ["a"] } : {}),
    };
    const line = {
      severity: SEVERITIES[(i * 5) % 4]!,
      message: `${["Timeout reached", "cache hit", "GET done", "retrying"][i % 4]} #${i}`,
      ...(metadata ? { metadata_json: metadata } : {}),
      ...(ts === now ? {} : { ts: new Date(ts).toISOString() }),
    };
    const { first } = await sendLines(rt, contextId, [line]);
    lines.push({ id: first, ts, severity: line.severity, message: line.message, metadata });
  }
  return lines;
}

/** Whether a line matches a field filter, the obvious way. */
function fieldsMatch(line: Line, fields: string): boolean {
  return parseFields(fields).every((t) => {
    const v = line.metadata?.[t.key];
    const text = typeof v === "string"
      ? v
      : typeof v === "number" || typeof v === "boolean"
      ? JSON.stringify(v)
      : null;
    if (text === null) return false;
    if (t.op === "eq") return text === t.text;
    if (t.op === "prefix") return text.startsWith(t.text!);
    if (typeof v !== "number") return false;
    return { gt: v > t.num!, gte: v >= t.num!, lt: v < t.num!, lte: v <= t.num! }[t.op];
  });
}

type Query = Record<string, string | number | undefined>;

function reference(all: Line[], f: Query): number[] {
  const level = (s: unknown) => SEVERITIES.indexOf(String(s));
  const matching = all.filter((l) =>
    (!f.severity || l.severity === f.severity) &&
    (!f.min_severity || level(l.severity) >= level(f.min_severity)) &&
    (!f.q || l.message.toLowerCase().includes(String(f.q).toLowerCase())) &&
    (!f.fields || fieldsMatch(l, String(f.fields))) &&
    (f.from === undefined || l.ts >= Number(f.from)) &&
    (f.to === undefined || l.ts <= Number(f.to)) &&
    (f.before_id === undefined || l.id < Number(f.before_id)) &&
    (f.after_id === undefined || l.id > Number(f.after_id))
  ).sort((a, b) => b.id - a.id);
  const limit = Number(f.limit ?? 50);
  const page = f.after_id !== undefined && f.before_id === undefined
    ? matching.slice(-limit)
    : matching.slice(0, limit);
  return page.map((l) => l.id);
}

function qs(f: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    p.set(k, k === "from" || k === "to" ? new Date(Number(v)).toISOString() : String(v));
  }
  return p.toString();
}

function filterOf(f: Partial<LogFilter>): LogFilter {
  return {
    level: null,
    minLevel: null,
    q: null,
    fields: [],
    from: null,
    to: null,
    beforeId: null,
    afterId: null,
    limit: 50,
    ...f,
  };
}

export interface StoreCase {
  name: string;
  run(rt: Runtime): Promise<void>;
}

export const STORE_CASES: StoreCase[] = [{
  name:
    "filters, field filters, time ranges and cursors in any combination answer what a plain filter would",
  async run(rt) {
    const context = await newContext(rt);
    const lines = await seed(rt, context.id);
    const start = lines[0]!.ts;
    const mid = lines[24]!.id;
    const fields = [
      undefined,
      "status:500",
      "route:/v1/orders*",
      "duration_ms>250",
      "duration_ms<=100 status:200",
      "cached:true",
      'code:"501"',
      "status:999",
    ];
    for (const a of [{}, { min_severity: "warn" }, { severity: "info" }] as Query[]) {
      for (const q of [undefined, "timeout", "#1"]) {
        for (const field of fields) {
          for (const time of [{}, { from: start + 10 * MINUTE, to: start + 30 * MINUTE }]) {
            for (const cursor of [{}, { before_id: mid, limit: 3 }, { after_id: mid }]) {
              const f = { ...a, q, fields: field, ...time, ...cursor };
              const res = await getJson(rt, `/v1/contexts/${context.id}/logs?${qs(f)}`);
              assert.equal(res.status, 200, `${qs(f)}: ${JSON.stringify(res.body)}`);
              const ids = res.body.logs.map((l: { id: number }) => l.id);
              assert.deepEqual(ids, reference(lines, f), qs(f));
            }
          }
        }
      }
    }
  },
}, {
  name: "an appended line reads back as it was sent, with its metadata and id",
  async run(rt) {
    const context = await newContext(rt);
    const res = await rt.app.request(`/v1/contexts/${context.id}/logs`, {
      method: "POST",
      headers: { ...rt.auth, "content-type": "application/json" },
      body: JSON.stringify({
        severity: "warn",
        message: "it's \\ 'quoted'",
        metadata_json: { a: 1 },
      }),
    });
    assert.equal(res.status, 201);
    const { log } = await res.json();
    const page = await getJson(rt, `/v1/contexts/${context.id}/logs`);
    assert.deepEqual(page.body, { context_id: context.id, logs: [log], next_before_id: log.id });
    assert.deepEqual(log.metadata_json, { a: 1 });
    assert.equal(log.message, "it's \\ 'quoted'");
  },
}, {
  name: "the histogram and counts honour every filter, and extent spans the lines",
  async run(rt) {
    const context = await newContext(rt);
    const lines = await seed(rt, context.id);
    const db = rt.app.services.db;
    const from = new Date(lines[0]!.ts - 60 * MINUTE);
    const to = new Date(rt.app.clock.now().getTime() + MINUTE);
    for (const fields of ["", "status:500", "route:/v1/orders*"]) {
      for (const minLevel of [null, 2]) {
        const filter = filterOf({ minLevel, fields: fields ? parseFields(fields) : [] });
        const h = await logHistogram(db, context.id, { from, to }, filter);
        const expected = lines.filter((l) =>
          (!fields || fieldsMatch(l, fields)) &&
          (minLevel === null || SEVERITIES.indexOf(l.severity) >= minLevel)
        );
        assert.equal(h.total, expected.length, `${fields} ${minLevel}`);
        assert.equal(h.textApplied, true);
        assert.equal(await countLines(db, context.id, filter, 1000), expected.length);
        assert.equal(await countLines(db, context.id, filter, 2), Math.min(2, expected.length));
      }
    }
    const extent = await logExtent(db, context.id);
    assert.equal(extent.lines, lines.length);
    assert.equal(extent.oldest?.getTime(), Math.min(...lines.map((l) => l.ts)));
    assert.equal(extent.newest?.getTime(), Math.max(...lines.map((l) => l.ts)));
  },
}, {
  name: "an export gives every matching line, newest or oldest first",
  async run(rt) {
    const context = await newContext(rt);
    const lines = await seed(rt, context.id);
    for (const order of ["desc", "asc"]) {
      const res = await rt.app.request(
        `/v1/contexts/${context.id}/logs/export?fields=status:200&order=${order}`,
        { headers: rt.auth },
      );
      assert.equal(res.status, 200);
      const ids = (await res.text()).trim().split("\n").map((l) => JSON.parse(l).id);
      const expected = reference(lines, { fields: "status:200", limit: 1000 });
      assert.deepEqual(ids, order === "desc" ? expected : expected.reverse());
    }
  },
}, {
  name: "the live tail wakes for new matching lines and resumes after Last-Event-ID",
  async run(rt) {
    const context = await newContext(rt);
    await sendLines(rt, context.id, [{ severity: "error", message: "before" }]);
    const path = `/v1/contexts/${context.id}/logs/stream?fields=status:500`;
    const res = await rt.app.request(path, { headers: rt.auth });
    const events = new SseReader(res);
    try {
      const { first } = await sendLines(rt, context.id, [
        { severity: "info", message: "fine", metadata_json: { status: 200 } },
        { severity: "error", message: "broke", metadata_json: { status: 500 } },
      ]);
      const event = await events.next();
      assert.equal(event.id, String(first + 1));
      assert.equal(JSON.parse(event.data).message, "broke");
    } finally {
      await events.close();
    }
    const { first } = await sendLines(rt, context.id, [
      { severity: "error", message: "again", metadata_json: { status: 500 } },
    ]);
    const again = new SseReader(
      await rt.app.request(path, { headers: { ...rt.auth, "last-event-id": String(first - 1) } }),
    );
    try {
      assert.equal(JSON.parse((await again.next()).data).message, "again");
    } finally {
      await again.close();
    }
  },
}, {
  name: "a context's status change is a line in the store like any other",
  async run(rt) {
    const context = await newContext(rt);
    await sendLines(rt, context.id, [{ severity: "info", message: "working" }]);
    const res = await rt.app.request(`/v1/contexts/${context.id}`, {
      method: "PATCH",
      headers: { ...rt.auth, "content-type": "application/json" },
      body: JSON.stringify({ status: "failed" }),
    });
    assert.equal(res.status, 200);
    const page = await getJson(
      rt,
      `/v1/contexts/${context.id}/logs?fields=event:context.status_changed`,
    );
    assert.deepEqual(page.body.logs.map((l: { message: string }) => l.message), [
      "context status changed: running -> failed",
    ]);
    assert.equal(page.body.logs[0].severity, "error");
    const all = await getJson(rt, `/v1/contexts/${context.id}/logs`);
    assert.equal(all.body.logs.length, 2);
  },
}, {
  name: "cursors that are not lines of the context are refused",
  async run(rt) {
    const context = await newContext(rt);
    const other = await newContext(rt);
    await sendLines(rt, context.id, [{ severity: "info", message: "mine" }]);
    const { first } = await sendLines(rt, other.id, [{ severity: "info", message: "theirs" }]);
    const res = await getJson(rt, `/v1/contexts/${context.id}/logs?before_id=${first}`);
    assert.equal(res.status, 400);
    assert.match(res.body.error, /is not a log line of this context/);
  },
}, {
  name:
    "retention deletes the lines before the cutoff, whole days and part of one, and keeps the rest",
  async run(rt) {
    const context = await newContext(rt);
    const sent: number[] = [];
    for (let day = 0; day < 4; day++) {
      for (let i = 0; i < 3; i++) {
        rt.app.clock.advance(5 * 60 * MINUTE);
        sent.push(rt.app.clock.now().getTime());
        await sendLines(rt, context.id, [{ severity: "info", message: `day ${day} #${i}` }]);
      }
      rt.app.clock.advance(DAY - 15 * 60 * MINUTE);
    }
    const now = rt.app.clock.now();
    const cutoff = new Date(sent[7]! - MINUTE);
    const days = (now.getTime() - cutoff.getTime()) / DAY;
    const result = await purgeOldLogs(rt.app.services.db, now, days);
    const kept = sent.filter((t) => t >= cutoff.getTime());
    assert.equal(result.lines, sent.length - kept.length);
    const page = await getJson(rt, `/v1/contexts/${context.id}/logs?limit=100`);
    assert.deepEqual(page.body.logs.map((l: { ts: string }) => Date.parse(l.ts)), kept.reverse());
  },
}];

/** Runs every case against a store, each with its own app (and so its own lines). */
export async function runStoreSuite(
  t: Deno.TestContext,
  env: () => Record<string, string>,
  kind: "libsql" | "clickhouse",
): Promise<void> {
  for (const c of STORE_CASES) {
    await t.step(c.name, async () => {
      const rt = await setUp(env());
      await using _ = rt.app;
      assert.equal(logStoreOf(rt.app.services.db).kind, kind);
      await c.run(rt);
    });
  }
}
