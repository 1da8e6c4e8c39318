// deno-lint-ignore-file no-console -- benchmark output
// The two log stores side by side (issue 14, docs/adr/0012): ingestion through the API into
// each, then the same lines seeded into both and the first page of each query of the logs
// benchmark, plus field filters, at each size. Sizes and the seeding time limit are options:
//   LOG_STORES_LINES=1000000,10000000 LOG_STORES_SEED_MINUTES=45 deno task bench log-stores
// (LOG_STORES_STORES=clickhouse measures one store only, for sizes the other cannot seed in time.)
// ClickHouse is a real clickhouse-server started here (tests/helpers/clickhouse.ts).
import { fmt, loadAverage, machine, percentile, startAppProcess, writeSection } from "./lib.ts";
import { cases, prng, seedOwner, seedRuntimes, timed } from "./logs.ts";
import { openDatabase } from "../lib/db/client.ts";
import { appendLogs } from "../lib/logs/append.ts";
import { openClickHouseStore } from "../lib/logs/clickhouse/store.ts";
import { parseFields } from "../lib/logs/fields.ts";
import type { LogFilter } from "../lib/logs/filter.ts";
import { checkLine, type NewLogLine } from "../lib/logs/lines.ts";
import { listLogs } from "../lib/logs/read.ts";
import { bindLogStore } from "../lib/logs/store.ts";
import { makeLine } from "../scripts/simulate.ts";
import { startClickHouse, type TestClickHouse } from "../tests/helpers/clickhouse.ts";

const DAY = 86_400_000;
const STORES = ["libsql", "clickhouse"] as const;
type Kind = typeof STORES[number];
const KINDS = (Deno.env.get("LOG_STORES_STORES") ?? STORES.join(",")).split(",") as Kind[];

/** 1,000-line batches from 4 runtimes for 20 s into an app process using `kind`. */
async function ingestion(dir: string, kind: Kind, ch: TestClickHouse) {
  const url = `file:${dir}/ingest-${kind}.db`;
  const { contexts, tokens } = await seedRuntimes(url, 4);
  const env: Record<string, string> = { DATABASE_URL: url, BLOB_DIR: `${dir}/blobs` };
  if (kind === "clickhouse") {
    Object.assign(env, { LOG_STORE: kind, CLICKHOUSE_URL: ch.databaseUrl("ingest") });
  }
  await using app = await startAppProcess({ env });
  const random = prng(7);
  const bodies = Array.from(
    { length: 8 },
    () =>
      JSON.stringify(Array.from({ length: 1000 }, (_, i) => makeLine("bench.skill", i, random))),
  );
  let sent = 0;
  const latencies: number[] = [];
  const run = async (seconds: number, record: boolean) => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(contexts.map(async (id, c) => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${app.url}/v1/contexts/${id}/logs`, {
          method: "POST",
          headers: { authorization: `Bearer ${tokens[c]}`, "content-type": "application/json" },
          body: bodies[(sent + c) % bodies.length],
        });
        await res.body?.cancel();
        if (res.status !== 201) throw new Error(`ingest into ${kind}: ${res.status}`);
        if (record) {
          sent++;
          latencies.push(performance.now() - t);
        }
      }
    }));
  };
  await run(3, false);
  const started = performance.now();
  await run(Number(Deno.env.get("LOG_STORES_INGEST_SECONDS") ?? "20"), true);
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: (sent * 1000) / seconds, p95: percentile(latencies, 0.95) };
}

/** `lines` lines over 7 days in one context (and a quarter as many in a neighbour), in both. */
async function seed(dir: string, lines: number, ch: TestClickHouse, minutes: number) {
  const url = `file:${dir}/seed-${lines}.db`;
  const { contexts } = await seedOwner(url, 2, 1);
  const [target, neighbour] = contexts as [string, string];
  const dbs = { libsql: await openDatabase({ url }), clickhouse: await openDatabase({ url }) };
  bindLogStore(
    dbs.clickhouse.db,
    await openClickHouseStore(dbs.clickhouse.db, ch.databaseUrl(`seed_${lines}`)),
  );
  const random = prng(42);
  const start = Date.now() - 7 * DAY;
  const step = (7 * DAY) / lines;
  const batch = (n: number, from: number): NewLogLine[] =>
    Array.from({ length: n }, (_, i) => ({
      ...(checkLine(makeLine("bench.skill", i, random), Date.now()) as NewLogLine),
      ts: new Date(from + i * step),
    }));
  const seconds = { libsql: 0, clickhouse: 0 };
  const deadline = performance.now() + minutes * 60_000;
  let seeded = 0;
  const CHUNK = 10_000;
  while (seeded < lines && performance.now() < deadline) {
    const work: Array<[string, NewLogLine[]]> = [[target, batch(CHUNK, start + seeded * step)]];
    if ((seeded / CHUNK) % 4 === 3) work.push([neighbour, batch(CHUNK, start + seeded * step)]);
    for (const kind of KINDS) {
      const t = performance.now();
      for (const [id, all] of work) {
        // libSQL takes the API's largest batch; ClickHouse one insert per chunk.
        const size = kind === "libsql" ? 1000 : CHUNK;
        for (let i = 0; i < all.length; i += size) {
          await appendLogs(dbs[kind].db, id, all.slice(i, i + size), new Date());
        }
      }
      seconds[kind] += (performance.now() - t) / 1000;
    }
    seeded += CHUNK;
    if (seeded % 500_000 === 0) console.log(`  ${seeded.toLocaleString("en-US")} lines`, seconds);
  }
  await dbs.libsql.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return { dbs, target, seeded, seconds };
}

function fieldCases(): Array<{ name: string; filter: Partial<LogFilter> }> {
  const f = (name: string, text: string) => ({ name, filter: { fields: parseFields(text) } });
  return [
    f("field `status:404` (~0.6% of lines)", "status:404"),
    f("field `route:/v1/orders*` (prefix, ~7%)", "route:/v1/orders*"),
    f("field `duration_ms>250` (~5%)", "duration_ms>250"),
    f("field `duration_ms>=380` (~0.7%)", "duration_ms>=380"),
    f("fields `status:404 duration_ms>250`", "status:404 duration_ms>250"),
    f("field `status:500` (no line)", "status:500"),
    {
      name: "field `duration_ms>250`, warnings and above, last 24 h",
      filter: {
        fields: parseFields("duration_ms>250"),
        minLevel: 2,
        from: new Date(Date.now() - DAY),
      },
    },
    {
      name: "field `route:/v1/orders*`, last 24 h",
      filter: { fields: parseFields("route:/v1/orders*"), from: new Date(Date.now() - DAY) },
    },
  ];
}

export async function benchLogStores(): Promise<void> {
  const sizes = (Deno.env.get("LOG_STORES_LINES") ?? "1000000").split(",").map(Number);
  const minutes = Number(Deno.env.get("LOG_STORES_SEED_MINUTES") ?? "45");
  const dir = await Deno.makeTempDir({ prefix: "inactu-bench-stores-" });
  const load = await loadAverage();
  await using ch = await startClickHouse();
  try {
    console.log("ingestion...");
    const ingest: Partial<Record<Kind, { perSecond: number; p95: number }>> = {};
    for (const kind of KINDS) ingest[kind] = await ingestion(dir, kind, ch);
    console.log(ingest);
    for (const size of sizes) {
      console.log(`seeding ${size.toLocaleString("en-US")} lines into both stores...`);
      const s = await seed(dir, size, ch, minutes);
      const base: LogFilter = {
        level: null,
        minLevel: null,
        q: null,
        fields: [],
        from: null,
        to: null,
        beforeId: null,
        afterId: null,
        limit: 50,
      };
      const rows = [];
      for (const c of [...cases(Date.now()), ...fieldCases()]) {
        const result: Record<string, { p50: number; p95: number }> = {};
        const seen: Record<string, string> = {};
        let count = 0;
        for (const kind of KINDS) {
          result[kind] = await timed(50, async () => {
            const page = await listLogs(s.dbs[kind].db, s.target, { ...base, ...c.filter });
            seen[kind] = JSON.stringify(page.lines.map((l) => [l.ts.getTime(), l.message]));
            count = page.lines.length;
          });
        }
        if (KINDS.length === 2 && seen.libsql !== seen.clickhouse) {
          throw new Error(`${c.name}: the stores disagree`);
        }
        rows.push({
          name: c.name,
          lines: count,
          libsql: result.libsql,
          clickhouse: result.clickhouse,
        });
        console.log(rows[rows.length - 1]);
      }
      for (const d of Object.values(s.dbs)) d.close();
      const ms = (n: number | undefined) => n === undefined ? "—" : fmt(n, n < 10 ? 2 : 1);
      const rate = (kind: Kind) =>
        ingest[kind]
          ? `**${fmt(ingest[kind].perSecond)} lines/s** (batch p95 ${ms(ingest[kind].p95)} ms)`
          : "not measured in this run";
      const secs = (kind: Kind) => KINDS.includes(kind) ? `${fmt(s.seconds[kind])} s` : "not run";
      await writeSection(
        `log-stores-${size}`,
        `## Log stores side by side: ${size.toLocaleString("en-US")} lines (issue 14)

\`LOG_STORES_LINES=${size}${
          KINDS.length === 2 ? "" : ` LOG_STORES_STORES=${KINDS.join(",")}`
        } deno task bench log-stores\` (${
          new Date().toISOString().slice(0, 10)
        }, ${await machine()}, ClickHouse 18.16 from Debian with \`max_threads\` 2; load average ${load} when it started: other work shared the two cores).

**Ingestion** through the API (\`POST /v1/contexts/{id}/logs\`, 1,000-line batches, 4 runtimes, 20 s): libSQL ${
          rate("libsql")
        }, ClickHouse ${rate("clickhouse")}.

**Seeding** ${
          s.seeded.toLocaleString("en-US")
        } lines in one context over 7 days plus a quarter as many in a neighbour, in-process through \`appendLogs\`: libSQL ${
          secs("libsql")
        } (1,000-line batches), ClickHouse ${secs("clickhouse")} (10,000-line inserts).

**First page (50 lines)**, \`listLogs\` in-process against each store, 50 runs after 5 warm-ups, milliseconds; ${
          KINDS.length === 2
            ? "both stores return the same lines (checked)"
            : `${KINDS.join(", ")} only`
        }.

| query | lines | libSQL p50 | libSQL p95 | ClickHouse p50 | ClickHouse p95 |
|---|---:|---:|---:|---:|---:|
${
          rows.map((r) =>
            `| ${r.name} | ${r.lines} | ${ms(r.libsql?.p50)} | ${ms(r.libsql?.p95)} | ${
              ms(r.clickhouse?.p50)
            } | ${ms(r.clickhouse?.p95)} |`
          ).join("\n")
        }

Target: a field filter's first page p95 under 50 ms (libSQL) at 1,000,000 lines.`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
