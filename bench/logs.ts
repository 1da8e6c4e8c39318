// deno-lint-ignore-file no-console -- benchmark output
// Logs (issue 5): ingestion through the API in 1,000-line batches; the first page of a text
// query, of severity plus a time range, and of the newest lines with 1,000,000 lines in one
// context, each next to a plain scan of the same data; and the live tail's latency from
// ingest to an SSE client. Every stage is bounded in time and count; servers bind 127.0.0.1.
import { sql } from "drizzle-orm";
import { fmt, machine, percentile, startAppProcess, writeSection } from "./lib.ts";
import { seedAccounts } from "./seed.ts";
import { type Database, openDatabase } from "../lib/db/client.ts";
import { newApiToken } from "../lib/auth/api_tokens.ts";
import { createContext } from "../lib/contexts/contexts.ts";
import { appendLogs } from "../lib/logs/append.ts";
import { checkLine, type NewLogLine } from "../lib/logs/lines.ts";
import { listLogs } from "../lib/logs/read.ts";
import type { LogFilter } from "../lib/logs/filter.ts";
import { makeLine } from "../scripts/simulate.ts";
import { SseReader } from "../tests/logs/sse.ts";

const DAY = 86_400_000;
const TARGET_LINES = 1_000_000;

/** A seeded generator, so every run stores the same lines. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function timed(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) };
}

/** An owner with contexts and tokens, written straight into the database. */
export async function seedOwner(url: string, contexts: number, tokens: number) {
  const seeded = await seedAccounts(url, 1);
  const database = await openDatabase({ url });
  try {
    const [owner] = await database.db.all<{ id: string }>(
      sql`SELECT id FROM owners WHERE user_id = ${seeded.userIds[0]!}`,
    );
    const actor = { ownerId: owner!.id, userId: seeded.userIds[0]! };
    const now = new Date();
    const ids: string[] = [];
    for (let i = 0; i < contexts; i++) {
      const c = await createContext(database.db, actor, {
        status: "running",
        region: "bench",
        packageVersionId: null,
        packageName: null,
        packageVersion: null,
      }, new Date(now.getTime() - 8 * DAY));
      ids.push(c.id);
    }
    const secrets: string[] = [];
    for (let i = 0; i < tokens; i++) {
      const t = newApiToken(database.db, {
        ...actor,
        name: `bench ${i}`,
        scopes: ["contexts:read", "contexts:write"],
        days: 1,
      }, now);
      await t.insert;
      secrets.push(t.token);
    }
    return { contexts: ids, tokens: secrets };
  } finally {
    database.close();
  }
}

/**
 * `n` runtimes, each an account of its own with one running context and one token: ingestion
 * is limited per account (600 requests a minute), so runtimes that share one account measure
 * the limit instead of the store as soon as the machine is fast enough.
 */
export async function seedRuntimes(url: string, n: number) {
  const seeded = await seedAccounts(url, n);
  const database = await openDatabase({ url });
  try {
    const contexts: string[] = [];
    const tokens: string[] = [];
    const now = new Date();
    for (const userId of seeded.userIds) {
      const [owner] = await database.db.all<{ id: string }>(
        sql`SELECT id FROM owners WHERE user_id = ${userId}`,
      );
      const actor = { ownerId: owner!.id, userId };
      const c = await createContext(database.db, actor, {
        status: "running",
        region: "bench",
        packageVersionId: null,
        packageName: null,
        packageVersion: null,
      }, new Date(now.getTime() - 8 * DAY));
      contexts.push(c.id);
      const t = newApiToken(database.db, {
        ...actor,
        name: "bench runtime",
        scopes: ["contexts:read", "contexts:write"],
        days: 1,
      }, now);
      await t.insert;
      tokens.push(t.token);
    }
    return { contexts, tokens };
  } finally {
    database.close();
  }
}

/** 1,000-line JSON batches from `clients` concurrent runtimes, each with its own token. */
async function ingestion(dir: string) {
  const url = `file:${dir}/ingest.db`;
  const clients = 4;
  const { contexts, tokens } = await seedRuntimes(url, clients);
  await using app = await startAppProcess({ env: { DATABASE_URL: url, BLOB_DIR: `${dir}/blobs` } });
  const random = prng(7);
  const bodies = Array.from(
    { length: 16 },
    () =>
      JSON.stringify(Array.from({ length: 1000 }, (_, i) => makeLine("bench.skill", i, random))),
  );
  let sent = 0;
  let failures = 0;
  const latencies: number[] = [];
  const run = async (batches: number, seconds: number, record: boolean) => {
    const end = performance.now() + seconds * 1000;
    let left = batches;
    await Promise.all(contexts.map(async (id, c) => {
      while (left > 0 && performance.now() < end) {
        left--;
        const t = performance.now();
        const res = await fetch(`${app.url}/v1/contexts/${id}/logs`, {
          method: "POST",
          headers: { authorization: `Bearer ${tokens[c]}`, "content-type": "application/json" },
          body: bodies[(sent + c) % bodies.length],
        });
        await res.body?.cancel();
        if (!record) continue;
        latencies.push(performance.now() - t);
        if (res.status === 201) sent++;
        else failures++;
      }
    }));
  };
  await run(20, 20, false);
  const started = performance.now();
  await run(300, 60, true);
  const seconds = (performance.now() - started) / 1000;
  return {
    clients,
    lines: sent * 1000,
    seconds,
    perSecond: (sent * 1000) / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    failures,
  };
}

/** One context with 1,000,000 lines over 7 days, and a busy neighbour writing in between. */
async function seedMillion(url: string) {
  const { contexts, tokens } = await seedOwner(url, 2, 2);
  const [target, neighbour] = contexts as [string, string];
  const database = await openDatabase({ url });
  const random = prng(42);
  const start = Date.now() - 7 * DAY;
  const started = performance.now();
  const batch = (n: number, from: number, step: number): NewLogLine[] =>
    Array.from({ length: n }, (_, i) => ({
      ...(checkLine(makeLine("bench.skill", i, random), Date.now()) as NewLogLine),
      ts: new Date(from + i * step),
    }));
  const step = (7 * DAY) / TARGET_LINES;
  for (let b = 0; b < TARGET_LINES / 1000; b++) {
    const from = start + b * 1000 * step;
    await appendLogs(database.db, target, batch(1000, from, step), new Date());
    if (b % 4 === 3) await appendLogs(database.db, neighbour, batch(1000, from, step), new Date());
  }
  const seedSeconds = (performance.now() - started) / 1000;
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return { database, target, token: tokens[0]!, seedSeconds, start };
}

export interface QueryCase {
  name: string;
  filter: Partial<LogFilter>;
  query: string;
  /** The same question without the indexes: a table scan and a LIKE. */
  plain: (contextId: string) => ReturnType<typeof sql>;
}

export function cases(now: number): QueryCase[] {
  const cols = sql.raw("id, ts, level, message, metadata_json");
  const base = sql.raw("FROM context_logs NOT INDEXED");
  const from = now - DAY;
  const barFrom = now - 3 * DAY;
  const barTo = barFrom + 60 * 60_000;
  const iso = (t: number) => new Date(t).toISOString();
  return [
    {
      name: 'text, common ("upstream timeout", ~1.7% of lines)',
      filter: { q: "upstream timeout" },
      query: "q=upstream%20timeout",
      plain: (id) =>
        sql`SELECT ${cols} ${base} WHERE context_id = ${id} AND message LIKE '%upstream timeout%'
          ORDER BY id DESC LIMIT 50`,
    },
    {
      name: 'text, rare ("orders/4242 ", a few lines)',
      filter: { q: "orders/4242 " },
      query: "q=orders%2F4242%20",
      plain: (id) =>
        sql`SELECT ${cols} ${base} WHERE context_id = ${id} AND message LIKE '%orders/4242 %'
          ORDER BY id DESC LIMIT 50`,
    },
    {
      name: "warn and above, last 24 h",
      filter: { minLevel: 2, from: new Date(from) },
      query: `min_severity=warn&from=${iso(from)}`,
      plain: (id) =>
        sql`SELECT ${cols} ${base} WHERE context_id = ${id} AND level >= 2 AND ts >= ${from}
          ORDER BY id DESC LIMIT 50`,
    },
    {
      name: "errors in one hour 3 days ago (a histogram bar)",
      filter: { level: 3, from: new Date(barFrom), to: new Date(barTo) },
      query: `severity=error&from=${iso(barFrom)}&to=${iso(barTo)}`,
      plain: (id) =>
        sql`SELECT ${cols} ${base} WHERE context_id = ${id} AND level = 3
          AND ts BETWEEN ${barFrom} AND ${barTo} ORDER BY id DESC LIMIT 50`,
    },
    {
      name: "newest lines, no filter",
      filter: {},
      query: "",
      plain: (id) => sql`SELECT ${cols} ${base} WHERE context_id = ${id} ORDER BY id DESC LIMIT 50`,
    },
  ];
}

async function queries(
  database: Database,
  url: string,
  dir: string,
  target: string,
  token: string,
) {
  const now = Date.now();
  const filter: LogFilter = {
    level: null,
    minLevel: null,
    q: null,
    from: null,
    to: null,
    beforeId: null,
    afterId: null,
    limit: 50,
  };
  await using app = await startAppProcess({ env: { DATABASE_URL: url, BLOB_DIR: `${dir}/blobs` } });
  const rows = [];
  for (const c of cases(now)) {
    let lines = 0;
    const ours = await timed(100, async () => {
      lines = (await listLogs(database.db, target, { ...filter, ...c.filter })).lines.length;
    });
    const api = await timed(100, async () => {
      const res = await fetch(`${app.url}/v1/contexts/${target}/logs?${c.query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`${c.query}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    let plainLines = 0;
    const plain = await timed(10, async () => {
      plainLines = (await database.db.all(c.plain(target))).length;
    });
    if (plainLines !== lines) {
      throw new Error(`${c.name}: ${lines} lines, the plain scan ${plainLines}`);
    }
    rows.push({ name: c.name, lines, ours, api, plain });
  }
  return rows;
}

/** Milliseconds from the start of an ingest request to the line reaching an SSE client. */
async function tailLatency(
  url: string,
  dir: string,
  contextId: string,
  token: string,
  load: boolean,
) {
  await using app = await startAppProcess({ env: { DATABASE_URL: url, BLOB_DIR: `${dir}/blobs` } });
  const auth = { authorization: `Bearer ${token}` };
  const res = await fetch(`${app.url}/v1/contexts/${contextId}/logs/stream?q=tail-probe`, {
    headers: auth,
  });
  const events = new SseReader(res);
  let loading = load;
  const random = prng(9);
  const body = JSON.stringify(
    Array.from({ length: 1000 }, (_, i) => makeLine("bench.skill", i, random)),
  );
  const background = (async () => {
    while (loading) {
      const r = await fetch(`${app.url}/v1/contexts/${contextId}/logs`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body,
      });
      await r.body?.cancel();
    }
  })();
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const probes = 100;
  const reading = (async () => {
    while (latencies.length < probes) {
      const event = await events.next(10_000);
      const seq = Number(/tail-probe (\d+)/.exec(JSON.parse(event.data).message)?.[1]);
      latencies.push(performance.now() - sentAt.get(seq)!);
    }
  })();
  for (let i = 0; i < probes; i++) {
    sentAt.set(i, performance.now());
    const r = await fetch(`${app.url}/v1/contexts/${contextId}/logs`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ severity: "info", message: `tail-probe ${i}` }),
    });
    await r.body?.cancel();
    await new Promise((r) => setTimeout(r, 20));
  }
  await reading;
  loading = false;
  await background;
  await events.close();
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: Math.max(...latencies),
  };
}

export async function benchLogs(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-logs-" });
  try {
    console.log("ingestion...");
    const ingest = await ingestion(dir);
    console.log(ingest);
    console.log("seeding 1,000,000 lines...");
    const url = `file:${dir}/million.db`;
    const seeded = await seedMillion(url);
    console.log(`seeded in ${fmt(seeded.seedSeconds, 1)} s; queries...`);
    const rows = await queries(seeded.database, url, dir, seeded.target, seeded.token);
    seeded.database.close();
    console.log("live tail...");
    const idle = await tailLatency(url, dir, seeded.target, seeded.token, false);
    const busy = await tailLatency(url, dir, seeded.target, seeded.token, true);
    const ms = (n: number) => fmt(n, n < 10 ? 2 : 1);
    const md = `## Logs: ingestion, queries over 1,000,000 lines, live tail (issue 5)

\`deno task bench logs\` (${new Date().toISOString().slice(0, 10)}, ${await machine()}). The app
runs in its own process on an embedded libSQL file (WAL, synchronous=FULL); the clients run in
the benchmark process on the same two cores.

**Ingestion** (\`POST /v1/contexts/{id}/logs\`, 1,000-line JSON batches of realistic lines, ${ingest.clients}
runtimes each with its own token and context, ${ingest.lines.toLocaleString("en-US")} lines in ${
      fmt(ingest.seconds, 1)
    } s after a warm-up): **${fmt(ingest.perSecond)} lines/s**, a batch p50 ${
      ms(ingest.p50)
    } ms, p95 ${ms(ingest.p95)} ms, ${ingest.failures} failures. Target: at least 20,000 lines/s.

**First page (50 lines) with ${
      TARGET_LINES.toLocaleString("en-US")
    } lines in one context** spread over 7 days,
and 250,000 lines of a second context written in between (seeded in ${
      fmt(seeded.seedSeconds)
    } s through
\`appendLogs\`). "Ours" is \`listLogs\`, the API's query, in-process; "API" is the whole
\`GET /v1/contexts/{id}/logs\` request (token, JSON) from a client; "plain scan" is the same
question with \`NOT INDEXED\` and \`LIKE '%...%'\`, in the same run and on the same file. Each
query 100 times (the scan 10 times) after 5 warm-ups; milliseconds.

| query | lines | ours p50 | ours p95 | API p50 | API p95 | plain scan p50 | plain scan p95 |
|---|---:|---:|---:|---:|---:|---:|---:|
${
      rows.map((r) =>
        `| ${r.name} | ${r.lines} | ${ms(r.ours.p50)} | ${ms(r.ours.p95)} | ${ms(r.api.p50)} | ${
          ms(r.api.p95)
        } | ${ms(r.plain.p50)} | ${ms(r.plain.p95)} |`
      ).join("\n")
    }

Targets: text query p95 under 100 ms; filtered newest lines p95 under 30 ms.

**Live tail**, from the start of \`POST .../logs\` (one line) to the line arriving at an SSE
client of \`GET .../logs/stream?q=tail-probe\`, 100 probes 20 ms apart: p50 ${ms(idle.p50)} ms,
p95 **${ms(idle.p95)} ms**, max ${ms(idle.max)} ms with nothing else running; p50 ${
      ms(busy.p50)
    } ms,
p95 **${ms(busy.p95)} ms**, max ${ms(busy.max)} ms while another client writes 1,000-line batches
back to back. Target: p95 under 1 s.`;
    await writeSection("logs", md);
    console.log(md);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
